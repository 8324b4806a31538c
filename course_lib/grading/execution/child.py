"""Inside the sandbox: run a submission's cells with IPython semantics, then answer the grader's probes with plain data.

This runs in a process forked from a zygote, after :mod:`course_lib.grading.execution.sandbox`
has confined it. Nothing here decides a grade: the child only reports what
happened and the values the grader asks for.
"""

from __future__ import annotations

import builtins
import os
import socket
import sys
import traceback
from pathlib import Path
from typing import Any

from course_lib.grading.execution import protocol, sandbox
from course_lib.grading.execution.plain import PlainDataError, to_plain

# Bound at import (in the zygote), before any student code runs.
_send, _recv, _to_plain, _callable = protocol.send, protocol.recv, to_plain, callable
_format_exc_only = traceback.format_exception_only
_BaseException, _isinstance, _type = BaseException, isinstance, type
_BUILTINS = dict(builtins.__dict__)


def _restore_builtins() -> None:
    """Undo a cell's changes to builtins, so the grader's own messaging keeps working."""
    current = builtins.__dict__
    for name, value in _BUILTINS.items():
        if current.get(name) is not value:
            current[name] = value


class OutputLimitExceeded(RuntimeError):
    """The cell printed more than the grader allows."""


class CappedStream:
    """A text stream that keeps at most ``limit`` characters and raises once past it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.tripped = False
        self.encoding = "utf-8"

    def reset(self) -> None:
        self.size = 0
        self.tripped = False

    def write(self, text: str) -> int:
        self.size += len(text)
        if self.size > self.limit and not self.tripped:
            self.tripped = True
            raise OutputLimitExceeded(f"output exceeded the limit of {self.limit // 1024} KB per cell")
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError("no file descriptor for captured output")


def _error_text(exc: _BaseException) -> str:
    try:
        text = "".join(_format_exc_only(_type(exc), exc)).strip()
    except _BaseException:
        text = _type(exc).__name__
    return text[:1000]


def _isolate_fds(keep: int) -> None:
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    os.closerange(3, keep)
    os.closerange(keep + 1, 65536)


def _prepare(job: dict, zygote_pid: int) -> list[str]:
    """Steps that need the process's original powers, before :func:`sandbox.confine`.

    In order: mount a private, size-capped scratch, then ask to die with the zygote
    (after the namespace change, which could reset the death signal). Tasks are capped
    by the zygote's pids cgroup, which this process inherited at fork.

    Returns:
        Notes on what was not available.
    """
    notes = []
    limits = job["limits"]
    support = job["support"]
    if support.get("root") and not support.get("pids_cgroup"):
        notes.append("running as root without a pids cgroup: threads not capped")
    if not sandbox.private_scratch(Path(job["scratch"]), limits["scratch_mb"], limits["scratch_files"]):
        notes.append("no user namespaces: the scratch folder is on the grader's disk, without a byte budget")
    sandbox.die_with_parent(zygote_pid)
    return notes


def run(sock: socket.socket, shell: Any, zygote_pid: int) -> None:
    """Serve one submission: read the job, confine, run cells, answer probes, exit.

    Args:
        sock: The job socket (the grader's end is in the grading process).
        shell: The zygote's InteractiveShell (a fresh copy in this forked process).
        zygote_pid: The zygote's pid (this process dies with it).
    """
    os.setsid()
    job = _recv(sock)
    scratch = Path(job["scratch"])
    _isolate_fds(sock.fileno())
    try:
        early_notes = _prepare(job, zygote_pid)
    except _BaseException as exc:
        _send(sock, {"event": "sandbox_failed", "error": _error_text(exc)})
        return
    os.chdir(scratch)
    os.environ.clear()
    os.environ.update({"HOME": str(scratch), "TMPDIR": str(scratch), "PATH": "/usr/bin:/bin",
                       "COURSE_STUDENT_ID": job["student_id"], "MPLBACKEND": "Agg",
                       "COURSE_PROGRESS_FILE": str(scratch / "progress.json"), "OPENBLAS_NUM_THREADS": "1"})
    limits = job["limits"]
    support = sandbox.SandboxSupport(**job["support"])
    try:
        notes = sandbox.confine(read_paths=[Path(p) for p in job["read_paths"]], write_paths=[scratch],
                                support=support, memory_mb=limits["memory_mb"], cpu_seconds=limits["cpu_seconds"],
                                file_size_mb=limits["file_size_mb"], open_files=limits["open_files"],
                                processes=limits["processes"])
    except _BaseException as exc:
        _send(sock, {"event": "sandbox_failed", "error": _error_text(exc)})
        return
    stream = CappedStream(limits["output_chars"])
    sys.stdout = sys.stderr = stream
    _send(sock, {"event": "ready", "notes": early_notes + notes})
    for cell in job["cells"]:
        _send(sock, {"event": "start", "key": cell["key"]})
        stream.reset()
        error = None
        try:
            result = shell.run_cell(cell["code"], store_history=False, silent=False)
            exc = result.error_before_exec or result.error_in_exec
            if exc is not None:
                error = _error_text(exc)
        except _BaseException as exc:  # IPython itself broken by the cell
            error = _error_text(exc)
        _restore_builtins()
        if stream.tripped and error is None:
            error = f"OutputLimitExceeded: output exceeded the limit of {limits['output_chars'] // 1024} KB per cell"
        _send(sock, {"event": "end", "key": cell["key"], "error": error})
    _send(sock, {"event": "cells_done"})
    _serve(sock, shell.user_ns, stream)


def _serve(sock: socket.socket, ns: dict, stream: CappedStream) -> None:
    while True:
        request = _recv(sock)
        op = request.get("op")
        if op == "get":
            _send(sock, {name: _describe(ns, name) for name in request["names"]})
        elif op == "call":
            stream.reset()
            reply = _call(ns, request["name"], request.get("args", []), request.get("kwargs", {}))
            _restore_builtins()
            _send(sock, reply)
        else:
            return


def _describe(ns: dict, name: str) -> dict:
    if name not in ns:
        return {"kind": "undefined"}
    value = ns[name]
    try:
        if _callable(value) and not _isinstance(value, _type):
            return {"kind": "function"}
        return {"kind": "value", "value": _to_plain(value)}
    except PlainDataError as exc:
        return {"kind": "invalid", "message": str(exc)}
    except _BaseException as exc:
        return {"kind": "invalid", "message": _error_text(exc)}


def _call(ns: dict, name: str, args: list, kwargs: dict) -> dict:
    function = ns.get(name)
    if function is None or not _callable(function):
        return {"raised": f"NameError: {name} is not defined as a function"}
    try:
        value = function(*args, **kwargs)
    except _BaseException as exc:
        # Only the type: the grader never echoes a student's exception text for a hidden test's call.
        return {"raised": _type(exc).__name__}
    try:
        return {"value": _to_plain(value)}
    except PlainDataError as exc:
        return {"invalid": str(exc)}
    except _BaseException as exc:
        return {"invalid": _error_text(exc)}
