"""Grade a folder of submissions: find them, reuse results already on disk, run the rest on a pool of zygotes."""

from __future__ import annotations

import json
import os
import queue
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from course_lib.grading.execution import sandbox
from course_lib.grading.scoring.grader import SubmissionResult, cache_key, grade_submission, missing_result, same_for_all
from course_lib.grading.execution.pool import PoolError, Zygote
from course_lib.grading.scoring.settings import GradeSettings
from course_lib.grading.authoring.source import Assignment


@dataclass(frozen=True)
class Task:
    """One (student, assignment) pair and the file submitted for it, if any."""

    student: str
    assignment: Assignment
    path: Path | None
    note: str = ""


def discover(submissions: Path, assignments: dict[str, Assignment]) -> tuple[list[Task], list[str]]:
    """Every (student, assignment) pair under ``SUBMISSIONS/<student_id>/<assignment>.ipynb``.

    Returns:
        The tasks (a missing file is a task too) and warnings about stray files.
    """
    tasks, warnings = [], []
    for entry in sorted(submissions.iterdir()):
        if entry.name.startswith("."):
            continue
        if not entry.is_dir():
            warnings.append(f"{entry}: not a student folder (expected SUBMISSIONS/<student_id>/<assignment>.ipynb); skipped")
            continue
        files = {p.name: p for p in entry.iterdir() if p.is_file() and not p.name.startswith(".")}
        strays = sorted(n for n in files if not (n.endswith(".ipynb") and n[:-6] in assignments))
        for name, assignment in assignments.items():
            path = files.get(f"{name}.ipynb")
            note = ""
            if path is None:
                note = f"no {name}.ipynb submitted"
                if strays:
                    note += f" (found {', '.join(strays)}: a renamed notebook is not graded; name it {name}.ipynb)"
            tasks.append(Task(entry.name, assignment, path, note))
    return tasks, warnings


def _write_json_atomic(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
    os.replace(tmp, path)


class Batch:
    """A pool of warm zygotes and the results folder: use as a context manager."""

    def __init__(self, settings: GradeSettings, results_dir: Path, support: sandbox.SandboxSupport) -> None:
        self.settings, self.results_dir, self.support = settings, results_dir, support
        self._free: queue.Queue[Zygote] = queue.Queue()
        self._all: list[Zygote] = []
        self._lock = threading.Lock()
        self.scratch_base = Path(tempfile.mkdtemp(prefix="course-grade-"))
        self.graded = 0
        self.reused = 0
        self.internal_errors: list[str] = []

    def __enter__(self) -> "Batch":
        zygotes = [Zygote() for _ in range(max(1, self.settings.workers))]
        for z in zygotes:
            self._all.append(z)
        # While the zygotes warm up, import what hidden tests use here (once, not on the first submission).
        import course_lib.assignments  # noqa: F401
        import course_lib.costs  # noqa: F401
        import course_lib.quiz.check  # noqa: F401
        for z in zygotes:
            z.wait_ready()
            self._free.put(z)
        return self

    def __exit__(self, *exc: object) -> None:
        for z in self._all:
            z.close()
        import shutil
        shutil.rmtree(self.scratch_base, ignore_errors=True)

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
        broken.close()
        fresh = Zygote()
        fresh.wait_ready()
        with self._lock:
            self._all = [z for z in self._all if z is not broken] + [fresh]
        return fresh

    def grade(self, task: Task) -> SubmissionResult:
        """Grade one task (or reuse its stored result) and store the result atomically."""
        key = cache_key(task.assignment, task.student, task.path, self.settings)
        cached = self._cached(task, key)
        if cached is not None:
            with self._lock:
                self.reused += 1
            return cached
        if task.path is None:
            result = missing_result(task.assignment, task.student, task.note)
        else:
            zygote = self._free.get()
            try:
                for attempt in (1, 2):
                    try:
                        result = grade_submission(task.assignment, task.student, task.path, zygote, self.settings,
                                                  self.support, self.scratch_base)
                        break
                    except PoolError:
                        zygote = self._replace_zygote(zygote)
                        if attempt == 2:
                            raise
                    except Exception as exc:  # a grader bug: keep grading the others, do not store this one
                        message = f"internal grader error ({type(exc).__name__}: {exc}); re-run course grade"
                        with self._lock:
                            self.internal_errors.append(f"{task.student}/{task.assignment.name}: {message}")
                        return SubmissionResult(task.student, task.assignment.name, task.path.name,
                                                same_for_all(task.assignment, "error", message))
            finally:
                self._free.put(zygote)
        _write_json_atomic(self._result_path(task), {"key": key, "result": result.to_json()})
        with self._lock:
            self.graded += 1
        return result

    def grade_all(self, tasks: list[Task], progress: Callable[[], None] | None = None) -> Iterator[SubmissionResult]:
        """Grade every task with ``settings.workers`` at a time; results in task order."""
        with ThreadPoolExecutor(max_workers=max(1, self.settings.workers)) as pool:
            futures = [pool.submit(self.grade, t) for t in tasks]
            for future in futures:
                result = future.result()
                if progress:
                    progress()
                yield result
