"""The grading process's side of execution: warm zygotes, one sandboxed child per submission, deadlines and kills."""

from __future__ import annotations

import builtins
import os
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course_lib.grading.execution import protocol, sandbox
from course_lib.grading.scoring.hidden import AnswerTimeout, InvalidAnswer, StudentError
from course_lib.grading.scoring.settings import GradeSettings

_ZYGOTE_START_TIMEOUT = 60.0
_EXIT_TIMEOUT = 10.0


class PoolError(RuntimeError):
    """A zygote could not be started or stopped answering (grading itself cannot run)."""


def read_paths() -> list[str]:
    """What a submission may read: the Python installation, site-packages and course_lib (nothing else)."""
    import course_lib

    paths = {sys.prefix, sys.base_prefix, sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"],
             sysconfig.get_paths()["platlib"], str(Path(course_lib.__file__).resolve().parent),
             str(Path(sys.executable).resolve().parent), os.devnull, "/dev/urandom", "/usr/share/zoneinfo",
             "/etc/localtime"}
    # Package folders on the import path (e.g. a venv's site-packages given in PYTHONPATH); never a
    # project folder, which could hold the instructor's source.
    paths |= {entry for entry in sys.path if Path(entry).name in ("site-packages", "dist-packages")}
    return sorted(p for p in paths if p)


class Zygote:
    """One warm parent process that forks a child per submission.

    As root, the zygote sits in a pids cgroup of its own (its children inherit it at
    fork, which costs nothing per submission), capped at ``max_threads`` tasks for the
    one child it runs at a time, plus itself.
    """

    def __init__(self, env: dict[str, str] | None = None, max_threads: int = 64,
                 pids_cgroup: str | None = None) -> None:
        self.ctrl, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        base = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "PYTHONPATH")}
        base.update({"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                     "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"})
        base.update(env or {})
        # The zygote's own stderr goes to a file (a pipe nobody drains could fill up and block it).
        self._log = tempfile.TemporaryFile()
        if pids_cgroup is None:
            pids_cgroup = sandbox.pids_cgroup_root() if os.geteuid() == 0 else ""
        self.pids_cgroup = pids_cgroup
        self.process = subprocess.Popen([sys.executable, "-m", "course_lib.grading.execution.zygote", str(theirs.fileno()),
                                         str(os.getpid()), pids_cgroup, str(max_threads + 2)],
                                        pass_fds=[theirs.fileno()], env=base, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=self._log, start_new_session=True)
        theirs.close()
        self.ready = False
        self.max_child_rss_kb = 0
        # Tasks this user runs now, counted once: RLIMIT_NPROC (for non-root) counts every task of the user.
        self.user_tasks = 0 if os.geteuid() == 0 else sandbox.user_tasks()

    def wait_ready(self) -> None:
        try:
            message = protocol.recv(self.ctrl, time.monotonic() + _ZYGOTE_START_TIMEOUT)
        except (TimeoutError, protocol.ChannelClosed, protocol.ProtocolError) as exc:
            self._log.seek(0)
            err = self._log.read().decode(errors="replace")[-2000:]
            raise PoolError(f"the grading zygote did not start ({exc}). {err}") from None
        if message.get("event") != "ready":
            raise PoolError(f"the grading zygote failed: {message.get('error')}")
        self.ready = True

    def fork(self) -> tuple[int, socket.socket]:
        """A new child, connected to the returned socket."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            socket.send_fds(self.ctrl, [b"j"], [theirs.fileno()])
        except OSError as exc:
            raise PoolError(f"the grading zygote is gone ({exc})") from None
        finally:
            theirs.close()
        try:
            message = protocol.recv(self.ctrl, time.monotonic() + _EXIT_TIMEOUT)
            if message.get("event") == "fork_failed":
                raise PoolError(f"the grading zygote could not fork ({message.get('error')}; the process table "
                                "may be full)")
            return int(message["pid"]), ours
        except (TimeoutError, protocol.ChannelClosed, protocol.ProtocolError, KeyError, TypeError, ValueError) as exc:
            ours.close()
            raise PoolError(f"the grading zygote did not fork ({exc})") from None
        except PoolError:
            ours.close()
            raise

    def wait_exit(self) -> int:
        """The child's wait status, once it has exited."""
        message = protocol.recv(self.ctrl, time.monotonic() + _EXIT_TIMEOUT)
        self.max_child_rss_kb = max(self.max_child_rss_kb, int(message.get("maxrss_kb", 0)))
        return int(message["status"])

    def peak_rss_kb(self) -> int:
        """The zygote's own peak resident memory."""
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def kill(self) -> None:
        """Kill the zygote now; its child gets SIGKILL from the death signal."""
        try:
            self.process.kill()
        except OSError:
            pass

    def close(self) -> None:
        """Close the control socket (the zygote then exits, killing a running child) and reap it."""
        try:
            self.ctrl.close()
        finally:
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self._log.close()
            sandbox.remove_task_cgroup(self.pids_cgroup, self.process.pid)


def _kill(pid: int) -> None:
    for target in (lambda: os.killpg(pid, signal.SIGKILL), lambda: os.kill(pid, signal.SIGKILL)):
        try:
            target()
        except (ProcessLookupError, PermissionError):
            pass


_BUILTIN_EXCEPTIONS = frozenset(name for name, value in vars(builtins).items()
                                if isinstance(value, type) and issubclass(value, BaseException))


def exception_name(reported: Any) -> str:
    """The exception type a child reports for a failed call, if it is a built-in one; never any text.

    A function can raise its own arguments (a hidden test's private inputs), or a class
    whose name spells them, so feedback names only built-in exception types.

    >>> exception_name("ValueError")
    'ValueError'
    >>> exception_name("Leak_412_451_600")
    'an exception of its own type'
    """
    return reported if isinstance(reported, str) and reported in _BUILTIN_EXCEPTIONS else "an exception of its own type"


def describe_exit(status: int, memory_mb: int) -> str:
    """Why a child ended, in words for feedback."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return "the process used up its CPU time limit"
        if sig in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT):
            return f"the process crashed ({signal.Signals(sig).name}; the memory limit is {memory_mb} MB)"
        return f"the process was killed by {signal.Signals(sig).name}"
    if os.WIFEXITED(status):
        return f"the process exited with code {os.WEXITSTATUS(status)} (os._exit or a crash)"
    return "the process ended"


@dataclass
class CellOutcome:
    """What happened to one cell: ``ok``, ``error`` (raised), ``timeout``, ``crashed`` or ``not_run``."""

    state: str
    message: str = ""


@dataclass
class Session:
    """Runs one submission's cells in a sandboxed child and answers probes; restarts the child after a fault.

    A cell that times out or kills the process is skipped on the next run, so one
    bad cell costs only the items that depend on it.
    """

    zygote: Zygote
    cells: list[dict[str, str]]
    student_id: str
    settings: GradeSettings
    support: sandbox.SandboxSupport
    scratch_root: Path
    outcomes: dict[str, CellOutcome] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    runs: int = 0
    _pid: int | None = None
    _sock: socket.socket | None = None
    _cells_deadline: float = 0.0
    _budget_deadline: float = 0.0

    def __post_init__(self) -> None:
        # One wall-clock budget for the whole submission: cells, every probe and every re-run.
        self._budget_deadline = time.monotonic() + self.settings.submission_timeout

    @property
    def budget_left(self) -> float:
        """Seconds left of the submission's wall-clock budget."""
        return self._budget_deadline - time.monotonic()

    def _budget_message(self) -> str:
        return f"stopped: the submission used up its time budget of {self.settings.submission_timeout:.0f} s"

    def _job(self, scratch: Path) -> dict[str, Any]:
        s = self.settings
        skip = {k for k, o in self.outcomes.items() if o.state in ("timeout", "crashed")}
        return {
            "scratch": str(scratch), "student_id": self.student_id, "read_paths": read_paths(),
            "support": {"landlock_abi": self.support.landlock_abi, "seccomp": self.support.seccomp,
                        "root": self.support.root, "pids_cgroup": self.support.pids_cgroup},
            "limits": {"memory_mb": s.memory_mb, "cpu_seconds": int(s.notebook_timeout * 2 + 5),
                       "file_size_mb": s.file_size_mb, "open_files": s.open_files,
                       "output_chars": s.output_limit_kb * 1024, "processes": self.zygote.user_tasks + s.max_threads,
                       "scratch_mb": s.scratch_mb, "scratch_files": s.scratch_files},
            "cells": [c for c in self.cells if c["key"] not in skip],
        }

    def _end_child(self) -> int | None:
        """Kill the current child (if any) and collect its exit status."""
        if self._pid is None:
            return None
        _kill(self._pid)
        if self._sock is not None:
            self._sock.close()
        self._pid, self._sock = None, None
        try:
            return self.zygote.wait_exit()
        except (TimeoutError, protocol.ChannelClosed, protocol.ProtocolError) as exc:
            raise PoolError(f"the grading zygote stopped answering ({exc})") from None

    def run_cells(self) -> bool:
        """Run the cells (again, skipping bad ones) until they all finish or the run budget is spent.

        Returns:
            Whether a live child now holds the submission's namespace.
        """
        self._cells_deadline = min(time.monotonic() + self.settings.notebook_timeout, self._budget_deadline)
        while self.runs < self.settings.max_runs:
            self.runs += 1
            if self._start_and_run():
                return True
            if time.monotonic() >= self._cells_deadline:
                break
        for cell in self.cells:
            self.outcomes.setdefault(cell["key"], CellOutcome("not_run", "not run: the submission's time or "
                                                                         "restart budget was used up"))
        return False

    def _start_and_run(self) -> bool:
        scratch = Path(os.path.realpath(self.scratch_root)) / f"run{self.runs}"
        scratch.mkdir(mode=0o700)
        self._pid, self._sock = self.zygote.fork()
        current = None
        try:
            protocol.send(self._sock, self._job(scratch))
            ready = protocol.recv(self._sock, time.monotonic() + 30)
            if ready.get("event") != "ready":
                raise PoolError(f"the sandbox could not be set up: {ready.get('error')}")
            self.notes = list(ready.get("notes", []))
            while True:
                cell_deadline = min(time.monotonic() + self.settings.cell_timeout, self._cells_deadline)
                message = protocol.recv(self._sock, cell_deadline)
                event = message.get("event") if isinstance(message, dict) else None
                if event == "start":
                    current = str(message.get("key"))
                    continue
                if event == "end" and str(message.get("key")) == current:
                    error = message.get("error")
                    self.outcomes[current] = CellOutcome("error", str(error)[:1000]) if error else CellOutcome("ok")
                    current = None
                    continue
                if event == "cells_done" and current is None:
                    return True
                raise protocol.ProtocolError(f"unexpected message from the submission: {str(message)[:200]}")
        except TimeoutError:
            now = time.monotonic()
            if now >= self._budget_deadline:
                limit = f"the submission's time budget of {self.settings.submission_timeout:.0f} s"
            elif now >= self._cells_deadline:
                limit = f"the notebook limit of {self.settings.notebook_timeout:.0f} s"
            else:
                limit = f"the per-cell limit of {self.settings.cell_timeout:.0f} s"
            self._end_child()
            if current is not None:
                self.outcomes[current] = CellOutcome("timeout", f"stopped: the cell ran past {limit}")
            return False
        except (protocol.ChannelClosed, protocol.ProtocolError) as exc:
            status = self._end_child()
            why = describe_exit(status, self.settings.memory_mb) if status is not None else str(exc)
            if isinstance(exc, protocol.ProtocolError):
                why = f"the submission broke the grader's channel ({exc})"
            if current is not None:
                self.outcomes[current] = CellOutcome("crashed", why)
            else:
                self.notes.append(f"the process ended outside a cell: {why}")
            return False

    def _alive(self) -> bool:
        if self._pid is not None:
            return True
        if self.budget_left <= 0:
            raise AnswerTimeout(self._budget_message())
        return self.runs < self.settings.max_runs and self._start_and_run_again()

    def _start_and_run_again(self) -> bool:
        self._cells_deadline = min(time.monotonic() + self.settings.notebook_timeout, self._budget_deadline)
        self.runs += 1
        return self._start_and_run()

    def _request(self, message: dict[str, Any]) -> Any:
        """Send one probe and wait for the reply within the per-call limit and the submission's budget.

        Messages about a failed probe never carry anything the child chose, because the
        probe's inputs may be a hidden test's private inputs.
        """
        if self.budget_left <= 0:
            raise AnswerTimeout(self._budget_message())
        if not self._alive():
            raise StudentError("the submission's process could not be restarted to run this test")
        deadline = min(time.monotonic() + self.settings.cell_timeout, self._budget_deadline)
        try:
            protocol.send(self._sock, message)
            return protocol.recv(self._sock, deadline)
        except TimeoutError:
            self._end_child()
            if time.monotonic() >= self._budget_deadline:
                raise AnswerTimeout(self._budget_message()) from None
            raise AnswerTimeout(f"stopped: ran past the limit of {self.settings.cell_timeout:.0f} s") from None
        except (protocol.ChannelClosed, protocol.ProtocolError, OSError):
            self._end_child()
            raise StudentError("the process ended while answering (a crash, os._exit or a resource limit)") from None

    def get(self, names: list[str]) -> dict[str, Any]:
        """Describe names in the submission's namespace: plain value, function, undefined or invalid."""
        reply = self._request({"op": "get", "names": names})
        if not isinstance(reply, dict):
            raise StudentError("the submission sent a malformed reply")
        return reply

    def call(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        """Call the student's function with plain arguments; return its plain result.

        Raises:
            StudentError: It raised; InvalidAnswer: it returned non-plain data;
            AnswerTimeout: it ran past the per-cell limit.
        """
        reply = self._request({"op": "call", "name": name, "args": args, "kwargs": kwargs})
        if not isinstance(reply, dict):
            raise StudentError("the submission sent a malformed reply")
        if "value" in reply:
            return reply["value"]
        if "invalid" in reply:
            raise InvalidAnswer("returned a value that is not plain data; return a number, str, bool, None, "
                                "or a list or dict of those")
        raise StudentError(exception_name(reply.get("raised")))

    def close(self) -> None:
        """End the child (politely, then by force) and wait for it."""
        if self._pid is None:
            return
        try:
            protocol.send(self._sock, {"op": "bye"})
        except OSError:
            pass
        self._end_child()
