"""Grade a folder of submissions: find them, reuse results already on disk, run the rest on a pool of zygotes."""

from __future__ import annotations

import json
import os
import queue
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from course_lib.grading.execution import sandbox
from course_lib.grading.gradebook import Status
from course_lib.grading.scoring.grader import (SubmissionResult, cache_key, grade_submission, invalid_result,
                                              missing_result, same_for_all)
from course_lib.grading.scoring.submission import InvalidNotebook, read_submission
from course_lib.grading.execution.pool import PoolError, Zygote
from course_lib.grading.scoring.settings import GradeSettings
from course_lib.grading.authoring.source import Assignment
from course_lib.files import remove_temporary_files, write_atomic


@dataclass(frozen=True)
class Task:
    """One (student, assignment) pair and the file submitted for it, if any.

    Attributes:
        refused: Why the file is not read at all (a symbolic link, not a regular file), or ``""``.
    """

    student: str
    assignment: Assignment
    path: Path | None
    note: str = ""
    refused: str = ""


def _kind(entry: os.DirEntry) -> str:
    """``link``, ``dir``, ``file`` or ``other``, never following a symbolic link."""
    if entry.is_symlink():
        return "link"
    if entry.is_dir(follow_symlinks=False):
        return "dir"
    return "file" if entry.is_file(follow_symlinks=False) else "other"


_REFUSED = {
    "link": "the submitted notebook is a symbolic link, which is never followed; submit the notebook file itself",
    "dir": "the submitted notebook is a folder, not a file; submit the .ipynb file JupyterLab saved",
    "other": "the submitted notebook is not a regular file (a device, pipe or socket); submit the .ipynb file",
}


def discover(submissions: Path, assignments: dict[str, Assignment]) -> tuple[list[Task], list[str]]:
    """Every (student, assignment) pair under ``SUBMISSIONS/<student_id>/<assignment>.ipynb``.

    Symbolic links are never followed (Git and ``unzip`` both keep them): a student
    folder that is a link, and a notebook that is a link or not a regular file, are
    refused with a message for that student instead of being read.

    Returns:
        The tasks (a missing or refused file is a task too) and warnings about stray entries.
    """
    tasks, warnings = [], []
    with os.scandir(submissions) as entries:
        students = sorted(entries, key=lambda e: e.name)
    for entry in students:
        if entry.name.startswith("."):
            continue
        kind = _kind(entry)
        if kind == "link":
            message = ("the submission folder is a symbolic link (to someone else's folder or elsewhere); it was "
                       "not graded: submit your own files")
            tasks.extend(Task(entry.name, a, None, refused=message) for a in assignments.values())
            continue
        if kind != "dir":
            warnings.append(f"{entry.path}: not a student folder (expected SUBMISSIONS/<student_id>/<assignment>.ipynb); skipped")
            continue
        with os.scandir(entry.path) as inner:
            files = {f.name: (Path(f.path), _kind(f)) for f in inner if not f.name.startswith(".")}
        strays = sorted(n for n, (_, k) in files.items() if k == "file"
                        and not (n.endswith(".ipynb") and n[:-6] in assignments))
        for name, assignment in assignments.items():
            path, kind = files.get(f"{name}.ipynb", (None, ""))
            if path is not None and kind != "file":
                tasks.append(Task(entry.name, assignment, path, refused=_REFUSED[kind]))
                continue
            note = ""
            if path is None:
                note = f"no {name}.ipynb submitted"
                if strays:
                    note += f" (found {', '.join(strays)}: a renamed notebook is not graded; name it {name}.ipynb)"
            tasks.append(Task(entry.name, assignment, path, note))
    return tasks, warnings


def _write_json_atomic(path: Path, data: dict) -> None:
    """Store one result as JSON (atomically: readers never see half of it)."""
    write_atomic(path, json.dumps(data, indent=1, sort_keys=True))


class Batch:
    """A pool of warm zygotes and the results folder: use as a context manager.

    Attributes:
        graded: Submissions graded in this run.
        reused: Stored results reused.
        completed: Every result of this run so far (what an interrupted run reports).
        internal_errors: Submissions that could not be graded because of the grader (not stored).
        unwritten: Results that could not be stored (for example a full disk), with the reason.
    """

    def __init__(self, settings: GradeSettings, results_dir: Path, support: sandbox.SandboxSupport) -> None:
        self.settings, self.results_dir, self.support = settings, results_dir, support
        self._free: queue.Queue[Zygote] = queue.Queue()
        self._all: list[Zygote] = []
        self._lock = threading.Lock()
        self._aborted = threading.Event()
        self.scratch_base = Path(tempfile.mkdtemp(prefix="course-grade-"))
        self.graded = 0
        self.reused = 0
        self.completed: list[SubmissionResult] = []
        self.internal_errors: list[str] = []
        self.unwritten: list[str] = []

    def __enter__(self) -> "Batch":
        remove_temporary_files(self.results_dir)
        zygotes = [self._new_zygote() for _ in range(max(1, self.settings.workers))]
        for z in zygotes:
            self._all.append(z)
        # While the zygotes warm up, import what hidden tests use here (once, not on the first submission).
        import course_lib.assignments  # noqa: F401
        import course_lib.costs  # noqa: F401
        import course_lib.experiment.harness  # noqa: F401
        import course_lib.quiz.check  # noqa: F401
        for z in zygotes:
            z.wait_ready()
            self._free.put(z)
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            zygotes = list(self._all)
        for z in zygotes:
            if self._aborted.is_set():
                z.kill()
            z.close()
        shutil.rmtree(self.scratch_base, ignore_errors=True)

    def _new_zygote(self) -> Zygote:
        return Zygote(max_threads=self.settings.max_threads, pids_cgroup=self.support.pids_cgroup)

    def abort(self) -> None:
        """Stop now (Ctrl-C, SIGTERM): kill every zygote; their children die with them (death signal)."""
        self._aborted.set()
        with self._lock:
            zygotes = list(self._all)
        for z in zygotes:
            z.kill()

    def peak_memory_kb(self) -> dict[str, int]:
        """Peak resident memory: this process, the largest zygote, the largest child."""
        import resource
        return {"grader": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "zygote": max((z.peak_rss_kb() for z in self._all), default=0),
                "child": max((z.max_child_rss_kb for z in self._all), default=0)}

    def _result_path(self, task: Task) -> Path:
        return self.results_dir / task.student / f"{task.assignment.name}.json"

    def _cached(self, task: Task, key: str) -> SubmissionResult | None:
        path = self._result_path(task)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("key") == key:
                return SubmissionResult.from_json(data["result"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def _replace_zygote(self, broken: Zygote) -> Zygote:
        broken.kill()
        broken.close()
        if self._aborted.is_set():
            raise PoolError("grading was interrupted")
        fresh = self._new_zygote()  # started from this worker thread, it dies with it (PR_SET_PDEATHSIG): at the run's end
        with self._lock:
            self._all = [z for z in self._all if z is not broken] + [fresh]
        fresh.wait_ready()
        return fresh

    def _internal_error(self, task: Task, message: str) -> SubmissionResult:
        """An error row for one submission the grader could not grade (not stored, so a re-run retries it)."""
        with self._lock:
            self.internal_errors.append(f"{task.student}/{task.assignment.name}: {message}")
        return SubmissionResult(task.student, task.assignment.name, task.path.name if task.path else "",
                                same_for_all(task.assignment, Status.ERROR, message))

    def _run(self, task: Task, data: bytes) -> tuple[SubmissionResult, bool]:
        """Grade one readable submission on a free zygote; replace a zygote that fails, once.

        Returns:
            The result and whether to store it (an error of the grader itself is not stored).
        """
        zygote = self._free.get()
        try:
            for attempt in (1, 2):
                try:
                    return grade_submission(task.assignment, task.student, task.path, zygote, self.settings,
                                            self.support, self.scratch_base, data=data), True
                except PoolError as exc:
                    if self._aborted.is_set():
                        raise
                    try:
                        zygote = self._replace_zygote(zygote)
                    except PoolError as again:
                        raise PoolError(f"no grading zygote could be started again ({again})") from None
                    if attempt == 2:
                        return self._internal_error(task, f"the grading process could not run this submission "
                                                          f"({exc}); re-run course grade to retry it"), False
                except Exception as exc:  # a grader bug: keep grading the others, do not store this one
                    return self._internal_error(task, f"internal grader error ({type(exc).__name__}: {exc}); "
                                                      "re-run course grade"), False
            raise AssertionError("unreachable")
        finally:
            self._free.put(zygote)

    def grade(self, task: Task) -> SubmissionResult:
        """Grade one task (or reuse its stored result) and store the result atomically.

        A result that cannot be stored (a full disk, a read-only folder) becomes an
        error row for that submission, and the run goes on.
        """
        # The file's bytes, or why it cannot be graded: read once, never through a link.
        content: bytes | str = task.refused or task.note
        if task.path is not None and not task.refused:
            try:
                content = read_submission(task.path, self.settings.max_file_bytes)
            except InvalidNotebook as exc:
                content = str(exc)
        key = cache_key(task.assignment, task.student, task.path.name if task.path else "", content, self.settings)
        cached = self._cached(task, key)
        if cached is not None:
            with self._lock:
                self.reused += 1
                self.completed.append(cached)
            return cached
        store = True
        if task.refused or (task.path is not None and not isinstance(content, bytes)):
            result = invalid_result(task.assignment, task.student, task.path.name if task.path else "", str(content))
        elif task.path is None:
            result = missing_result(task.assignment, task.student, task.note)
        else:
            result, store = self._run(task, content)
        if not store:
            with self._lock:
                self.completed.append(result)
            return result
        try:
            _write_json_atomic(self._result_path(task), {"key": key, "result": result.to_json()})
        except OSError as exc:
            message = (f"the result could not be stored ({exc.strerror or exc}); free space under "
                       f"{self.results_dir} and re-run course grade")
            with self._lock:
                self.unwritten.append(f"{task.student}/{task.assignment.name}: {message}")
            result = SubmissionResult(task.student, task.assignment.name, result.file,
                                      same_for_all(task.assignment, Status.ERROR, message))
        with self._lock:
            self.graded += 1
            self.completed.append(result)
        return result

    def grade_all(self, tasks: list[Task], progress: Callable[[], None] | None = None) -> Iterator[SubmissionResult]:
        """Grade every task with ``settings.workers`` at a time; results in task order.

        On an interrupt (KeyboardInterrupt, raised for SIGTERM too) the zygotes are killed
        first, so the workers return at once, then the interrupt propagates.
        """
        pool = ThreadPoolExecutor(max_workers=max(1, self.settings.workers))
        try:
            futures = [pool.submit(self.grade, t) for t in tasks]
            for future in futures:
                result = future.result()
                if progress:
                    progress()
                yield result
        except BaseException:
            self.abort()
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
