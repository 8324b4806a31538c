"""Confine the process that runs a submission: rlimits, no new privileges, Landlock, seccomp, no capabilities.

Linux only. Landlock (kernel 5.13+) limits which files the process may read or
write and (ABI 4+) TCP, and (ABI 6+) which processes it may signal; the seccomp
filter forbids creating processes, running programs and opening sockets. Both are
reachable without privileges through ``ctypes``. :func:`probe` says what this
machine offers so the grader can warn or refuse before it starts.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import struct
from dataclasses import dataclass
from pathlib import Path

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long
_libc.prctl.restype = ctypes.c_int

# x86_64 syscall numbers (the only architecture the seccomp filter is written for).
_SYS = {"landlock_create_ruleset": 444, "landlock_add_rule": 445, "landlock_restrict_self": 446,
        "capset": 126}
_PR_SET_NO_NEW_PRIVS = 38
_PR_CAPBSET_DROP = 24
_PR_SET_SECCOMP = 22
_PR_SET_DUMPABLE = 4
_PR_SET_PDEATHSIG = 1
_SECCOMP_MODE_FILTER = 2
_CLONE_NEWNS, _CLONE_NEWUSER = 0x00020000, 0x10000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC = 2, 4, 8
# Where a pids cgroup can cap one child's tasks (cgroup v1 pids hierarchy, or a v2 tree with pids).
PIDS_CGROUP_ROOTS = (Path("/sys/fs/cgroup/pids"), Path("/sys/fs/cgroup"))
CGROUP_PREFIX = "course-grade-"

# Landlock file-system rights by ABI version.
_FS_EXECUTE, _FS_WRITE_FILE, _FS_READ_FILE, _FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
_FS_ALL_V1 = (1 << 13) - 1
_FS_REFER, _FS_TRUNCATE, _FS_IOCTL_DEV = 1 << 13, 1 << 14, 1 << 15
_NET_BIND_TCP, _NET_CONNECT_TCP = 1 << 0, 1 << 1
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1 << 0, 1 << 1
_RULE_PATH_BENEATH = 1
_READ = _FS_EXECUTE | _FS_READ_FILE | _FS_READ_DIR
_FILE_RIGHTS = _FS_EXECUTE | _FS_WRITE_FILE | _FS_READ_FILE | _FS_TRUNCATE | _FS_IOCTL_DEV


class SandboxError(OSError):
    """The sandbox could not be set up; the message says which step failed."""


@dataclass(frozen=True)
class SandboxSupport:
    """What this machine offers.

    Attributes:
        landlock_abi: Landlock ABI version (0 when unavailable).
        seccomp: Whether the seccomp filter can be installed (x86_64 Linux).
        root: Whether the grader runs as root (then capabilities are dropped in the child).
        pids_cgroup: Where a per-zygote pids cgroup can be made ("" when not; needed as root,
            where RLIMIT_NPROC does not bind).
    """

    landlock_abi: int
    seccomp: bool
    root: bool
    pids_cgroup: str = ""

    @property
    def complete(self) -> bool:
        return self.landlock_abi >= 1 and self.seccomp

    def describe(self) -> str:
        """One line for the log."""
        parts = [f"Landlock ABI {self.landlock_abi}" if self.landlock_abi else "no Landlock (files NOT confined)",
                 "seccomp filter" if self.seccomp else "no seccomp (process creation NOT blocked)"]
        if self.landlock_abi and self.landlock_abi < 6:
            parts.append("signals not scoped (Landlock ABI < 6)")
        if self.root:
            parts.append("tasks capped by a pids cgroup" if self.pids_cgroup else
                         "running as root without a pids cgroup: threads NOT capped")
        return ", ".join(parts)


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, or 0 where Landlock is missing or disabled."""
    if platform.system() != "Linux" or platform.machine() != "x86_64":
        return 0
    version = _libc.syscall(_SYS["landlock_create_ruleset"], None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(0, int(version))


def pids_cgroup_root() -> str:
    """A cgroup folder where this process may make per-zygote pids cgroups, or ``""``."""
    for root in PIDS_CGROUP_ROOTS:
        controllers = root / "cgroup.controllers"
        v1 = root.name == "pids" and (root / "cgroup.procs").exists()
        subtree = root / "cgroup.subtree_control"
        v2 = controllers.exists() and subtree.exists() and "pids" in subtree.read_text().split()
        has_pids = v1 or v2
        if has_pids and os.access(root, os.W_OK):
            return str(root)
    return ""


def probe() -> SandboxSupport:
    """What sandboxing this machine supports (cheap; no process is changed)."""
    seccomp = platform.system() == "Linux" and platform.machine() == "x86_64"
    root = os.geteuid() == 0
    return SandboxSupport(landlock_abi(), seccomp, root, pids_cgroup_root() if root else "")


def die_with_parent(parent: int) -> None:
    """Get SIGKILL when the parent dies (PR_SET_PDEATHSIG); exit now if it is already gone.

    Args:
        parent: The pid the caller was started by (checked after setting the signal, to close the race).
    """
    if _libc.prctl(_PR_SET_PDEATHSIG, 9, 0, 0, 0) != 0:  # SIGKILL
        raise _err("PR_SET_PDEATHSIG")
    if os.getppid() != parent:
        os._exit(70)


def join_task_cgroup(root: str, max_tasks: int) -> str:
    """Move this process into a fresh pids cgroup capped at ``max_tasks`` tasks; return its folder.

    Root ignores RLIMIT_NPROC, so this is what stops a thread bomb from filling the
    process table when grading as root. A zygote joins one; the children it forks
    inherit it, and the grader removes the folder once the zygote has ended.
    """
    folder = Path(root) / f"{CGROUP_PREFIX}{os.getpid()}"
    try:
        folder.mkdir(exist_ok=True)
        (folder / "pids.max").write_text(str(max_tasks))
        (folder / "cgroup.procs").write_text(str(os.getpid()))
    except OSError as exc:
        raise SandboxError(exc.errno or 0, f"sandbox: pids cgroup {folder} failed: {exc.strerror}") from None
    return str(folder)


def remove_task_cgroup(root: str, pid: int) -> None:
    """Remove the pids cgroup of an ended zygote (nothing to do where none was made)."""
    if root:
        try:
            os.rmdir(Path(root) / f"{CGROUP_PREFIX}{pid}")
        except OSError:
            pass


def private_scratch(scratch: Path, max_mb: int, max_files: int) -> bool:
    """Mount a size- and file-capped tmpfs on ``scratch`` that only this process (tree) sees.

    Uses a new user and mount namespace, which Linux allows without privileges on most
    distributions. A submission that fills its scratch then hits ENOSPC inside its own
    tmpfs instead of filling the disk that holds the grader's output.

    Returns:
        Whether it worked (False: the namespaces are not allowed here; the caller falls back).
    """
    uid, gid = os.geteuid(), os.getegid()
    if _libc.unshare(ctypes.c_int(_CLONE_NEWUSER | _CLONE_NEWNS)) != 0:
        return False
    try:
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
    except OSError as exc:
        raise SandboxError(exc.errno or 0, f"sandbox: user namespace map failed: {exc.strerror}") from None
    options = f"size={max_mb}m,nr_inodes={max_files + 1},mode=0700".encode()
    # A kernel may allow the namespaces but not tmpfs in them: then fall back like above.
    return _libc.mount(b"course-scratch", str(scratch).encode(), b"tmpfs",
                       ctypes.c_ulong(_MS_NOSUID | _MS_NODEV | _MS_NOEXEC), options) == 0


def _err(step: str) -> SandboxError:
    errno = ctypes.get_errno()
    return SandboxError(errno, f"sandbox: {step} failed: {os.strerror(errno)}")


def user_tasks() -> int:
    """Processes and threads this user runs now (RLIMIT_NPROC counts them all, per user)."""
    uid, count = os.getuid(), 0
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                continue
    return count


def set_limits(memory_mb: int, cpu_seconds: int, file_size_mb: int, open_files: int, processes: int = 64) -> None:
    """rlimits: address space, CPU time, file size, open files, processes, no core dumps.

    ``processes`` is the per-user RLIMIT_NPROC: it counts every task of the user, so
    the caller passes what the user already runs plus a margin. It does not bind
    root; the seccomp filter is what stops fork bombs.
    """
    limits = {
        resource.RLIMIT_AS: memory_mb * 1024 * 1024,
        resource.RLIMIT_CPU: cpu_seconds,
        resource.RLIMIT_FSIZE: file_size_mb * 1024 * 1024,
        resource.RLIMIT_NOFILE: open_files,
        resource.RLIMIT_CORE: 0,
        resource.RLIMIT_NPROC: processes,
    }
    for which, value in limits.items():
        soft, hard = resource.getrlimit(which)
        cap = value if hard == resource.RLIM_INFINITY else min(value, hard)
        resource.setrlimit(which, (cap, cap))


def _no_new_privs() -> None:
    if _libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise _err("PR_SET_NO_NEW_PRIVS")


def drop_capabilities() -> None:
    """Empty the bounding, effective, permitted and inheritable capability sets.

    Also for non-root: a process in its own user namespace holds every capability there.
    """
    for cap in range(64):
        _libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the last capability: ignored
    header = struct.pack("=Ii", 0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3, this process
    data = bytes(24)  # two {effective, permitted, inheritable} u32 triples, all zero
    hbuf, dbuf = ctypes.create_string_buffer(header, len(header)), ctypes.create_string_buffer(data, len(data))
    if _libc.syscall(_SYS["capset"], hbuf, dbuf) != 0:
        raise _err("capset")


def landlock(read_paths: list[Path], write_paths: list[Path], abi: int) -> None:
    """Allow reading only below ``read_paths`` and writing only below ``write_paths``; scope signals and sockets.

    Args:
        read_paths: Directories or files the process may read (and execute).
        write_paths: Directories the process may read, write and create files in.
        abi: The kernel's Landlock ABI (from :func:`landlock_abi`).

    Raises:
        SandboxError: When a Landlock call fails.
    """
    handled = _FS_ALL_V1
    if abi >= 2:
        handled |= _FS_REFER
    if abi >= 3:
        handled |= _FS_TRUNCATE
    if abi >= 5:
        handled |= _FS_IOCTL_DEV
    net = (_NET_BIND_TCP | _NET_CONNECT_TCP) if abi >= 4 else 0
    scoped = (_SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL) if abi >= 6 else 0
    if abi >= 6:
        attr = struct.pack("=QQQ", handled, net, scoped)
    elif abi >= 4:
        attr = struct.pack("=QQ", handled, net)
    else:
        attr = struct.pack("=Q", handled)
    abuf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = _libc.syscall(_SYS["landlock_create_ruleset"], abuf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        raise _err("landlock_create_ruleset")
    try:
        rules = [(p, _READ) for p in read_paths] + [(p, handled) for p in write_paths]
        for path, rights in rules:
            try:
                fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue  # a path that does not exist needs no rule
            try:
                if not os.path.isdir(path):
                    rights &= _FILE_RIGHTS
                rights &= handled
                rule = struct.pack("=Qi", rights, fd)
                rbuf = ctypes.create_string_buffer(rule, len(rule))
                if _libc.syscall(_SYS["landlock_add_rule"], ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH),
                                 rbuf, ctypes.c_uint32(0)) != 0:
                    raise _err(f"landlock_add_rule({path})")
            finally:
                os.close(fd)
        if _libc.syscall(_SYS["landlock_restrict_self"], ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            raise _err("landlock_restrict_self")
    finally:
        os.close(ruleset)


# ---- seccomp ------------------------------------------------------------------

_BPF_LD_W_ABS, _BPF_JEQ_K, _BPF_JSET_K, _BPF_RET_K, _BPF_JGE_K = 0x20, 0x15, 0x45, 0x06, 0x35
_RET_ALLOW, _RET_ERRNO, _RET_KILL = 0x7FFF0000, 0x00050000, 0x80000000
_AUDIT_ARCH_X86_64 = 0xC000003E
_EPERM, _ENOSYS = 1, 38
_CLONE_THREAD = 0x00010000
# Denied with EPERM: new processes, new programs, sockets, namespaces, tracing, mounts, kernel tricks.
_DENY = {
    "fork": 57, "vfork": 58, "execve": 59, "execveat": 322, "socket": 41, "ptrace": 101, "unshare": 272,
    "setns": 308, "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "bpf": 321,
    "perf_event_open": 298, "process_vm_readv": 310, "process_vm_writev": 311, "keyctl": 250,
    "add_key": 248, "request_key": 249, "userfaultfd": 323, "kexec_load": 246, "init_module": 175,
    "finit_module": 313, "delete_module": 176, "reboot": 169, "swapon": 167, "swapoff": 168,
    "setsid": 112, "setpgid": 109, "io_uring_setup": 425, "open_by_handle_at": 304,
}
_CLONE, _CLONE3 = 56, 435


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def seccomp_filter() -> bytes:
    """The BPF program: allow everything except the calls in ``_DENY`` and clone without CLONE_THREAD."""
    prog = [
        _insn(_BPF_LD_W_ABS, 0, 0, 4),                       # arch
        _insn(_BPF_JEQ_K, 1, 0, _AUDIT_ARCH_X86_64),
        _insn(_BPF_RET_K, 0, 0, _RET_KILL),
        _insn(_BPF_LD_W_ABS, 0, 0, 0),                       # syscall number
        _insn(_BPF_JGE_K, 0, 1, 0x40000000),                 # x32 ABI: refuse
        _insn(_BPF_RET_K, 0, 0, _RET_ERRNO | _EPERM),
        _insn(_BPF_JEQ_K, 0, 1, _CLONE3),                    # clone3: libc falls back to clone
        _insn(_BPF_RET_K, 0, 0, _RET_ERRNO | _ENOSYS),
        _insn(_BPF_JEQ_K, 0, 4, _CLONE),
        _insn(_BPF_LD_W_ABS, 0, 0, 16),                      # clone flags (low 32 bits of args[0])
        _insn(_BPF_JSET_K, 1, 0, _CLONE_THREAD),
        _insn(_BPF_RET_K, 0, 0, _RET_ERRNO | _EPERM),         # a new process: refuse
        _insn(_BPF_RET_K, 0, 0, _RET_ALLOW),                  # a thread: allow
    ]
    for nr in sorted(_DENY.values()):
        prog.append(_insn(_BPF_JEQ_K, 0, 1, nr))
        prog.append(_insn(_BPF_RET_K, 0, 0, _RET_ERRNO | _EPERM))
    prog.append(_insn(_BPF_RET_K, 0, 0, _RET_ALLOW))
    return b"".join(prog)


def install_seccomp() -> None:
    """Install the filter on this process (and any thread it starts); needs no_new_privs first."""
    prog = seccomp_filter()
    count = len(prog) // 8
    buf = ctypes.create_string_buffer(prog, len(prog))
    fprog = struct.pack("=HxxxxxxQ", count, ctypes.addressof(buf))
    fbuf = ctypes.create_string_buffer(fprog, len(fprog))
    if _libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, fbuf, 0, 0) != 0:
        raise _err("seccomp")


def confine(*, read_paths: list[Path], write_paths: list[Path], support: SandboxSupport, memory_mb: int,
            cpu_seconds: int, file_size_mb: int, open_files: int, processes: int = 64) -> list[str]:
    """Apply every layer available, in the order that keeps each step possible.

    Returns:
        Notes on layers that were not available (empty when fully confined).
    """
    notes = []
    set_limits(memory_mb, cpu_seconds, file_size_mb, open_files, processes)
    _libc.prctl(_PR_SET_DUMPABLE, 0, 0, 0, 0)
    _no_new_privs()
    drop_capabilities()
    if support.landlock_abi:
        landlock(read_paths, write_paths, support.landlock_abi)
    else:
        notes.append("Landlock unavailable: file access not confined")
    if support.seccomp:
        install_seccomp()
    else:
        notes.append("seccomp unavailable: process creation not blocked")
    return notes
