"""A warm parent process: imports the heavy modules once, then forks one sandboxed child per submission.

Started by :class:`course_lib.grading.execution.pool.Zygote` as ``python -m
course_lib.grading.execution.zygote FD``. It never sees a hidden test or an expected value:
it only receives a job socket, forks, and reports the child's pid and exit status.
"""

from __future__ import annotations

import os
import select
import signal
import socket
import sys
import threading
import time


def warm_up() -> object:
    """Import what submissions use and build the InteractiveShell every child copies."""
    import numpy  # noqa: F401
    import pandas  # noqa: F401
    import yaml  # noqa: F401
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    import course_lib.costs  # noqa: F401
    import course_lib.framework  # noqa: F401
    import course_lib.assignments  # noqa: F401
    import course_lib.assignments.selfcheck as selfcheck
    import course_lib.prices  # noqa: F401
    import course_lib.quiz.check  # noqa: F401
    import course_lib.grading.execution.child  # noqa: F401

    config = Config()
    config.HistoryManager.enabled = False
    config.InteractiveShell.colors = "nocolor"
    config.InteractiveShell.xmode = "Plain"
    shell = InteractiveShell.instance(config=config)
    selfcheck._criterion_ids()  # read the framework file once: lazy imports done
    course_lib.assignments.student_numbers("02_cost_model", "warm-up")  # reads the price table once, for every child
    shell.run_cell("1", store_history=False, silent=True)  # first-run imports done here, not per child
    return shell


def _wait_for_child(pid: int, ctrl: socket.socket) -> tuple[int, int] | None:
    """Wait for the child to end; kill it and return None if the grader goes away meanwhile.

    Returns:
        (wait status, peak resident memory in KB), or None when the control socket closed.
    """
    pidfd = os.pidfd_open(pid)
    try:
        while True:
            ready, _, _ = select.select([pidfd, ctrl], [], [])
            if pidfd in ready:
                _, status, usage = os.wait4(pid, 0)
                return status, usage.ru_maxrss
            if not ctrl.recv(1, socket.MSG_PEEK):  # the grader closed the socket or died
                os.kill(pid, signal.SIGKILL)
                os.wait4(pid, 0)
                return None
            time.sleep(0.01)  # a message arrived early; it is read after the child is done
    finally:
        os.close(pidfd)


def main(fd: int, grader_pid: int, pids_cgroup: str = "", max_tasks: int = 66) -> None:
    from course_lib.grading.execution import child, protocol, sandbox

    sandbox.die_with_parent(grader_pid)
    if pids_cgroup:  # children inherit it: a thread bomb as root stops at max_tasks
        sandbox.join_task_cgroup(pids_cgroup, max_tasks)
    shell = warm_up()
    ctrl = socket.socket(fileno=fd)
    if threading.active_count() != 1:
        protocol.send(ctrl, {"event": "error", "error": "zygote has threads; fork would be unsafe"})
        return
    me = os.getpid()
    protocol.send(ctrl, {"event": "ready", "pid": me})
    while True:
        try:
            _, fds, _, _ = socket.recv_fds(ctrl, 16, 1)
        except OSError:
            return
        if not fds:
            return  # the grader closed the socket: done
        job_fd = fds[0]
        try:
            pid = os.fork()
        except OSError as exc:  # the process table is full: this job fails, the zygote lives on
            os.close(job_fd)
            protocol.send(ctrl, {"event": "fork_failed", "error": exc.strerror})
            continue
        if pid == 0:
            code = 0
            try:
                ctrl.close()
                child.run(socket.socket(fileno=job_fd), shell, me)
            except BaseException:
                code = 70
            finally:
                os._exit(code)
        os.close(job_fd)
        protocol.send(ctrl, {"event": "forked", "pid": pid})
        ended = _wait_for_child(pid, ctrl)
        if ended is None:
            return
        protocol.send(ctrl, {"event": "exited", "status": ended[0], "maxrss_kb": ended[1]})


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else "",
         int(sys.argv[4]) if len(sys.argv) > 4 else 66)
