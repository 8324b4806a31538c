"""Submission files (``<assignment>.submission.zip`` from ``course submit``) in a class folder: verified, then graded.

A student folder may hold ``<assignment>.submission.zip`` instead of (or besides) the bare
notebook. Each one is read without following links, its manifest and the notebook's hash are
verified (:mod:`course_lib.submission_file`), and the notebook inside is staged as a plain file
for the grader. A file that fails verification is graded as invalid, with the reason, never as
if it were fine.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from course_lib.grading.scoring.batch import Task
from course_lib.grading.scoring.submission import InvalidNotebook, read_submission
from course_lib.submission_file import SUFFIX, SubmissionFileError, read_submission_file


def use_submission_files(tasks: list[Task], submissions: Path, staging: Path, max_bytes: int) -> tuple[list[Task], list[str]]:
    """Replace each task that has a submission file with the verified notebook inside it.

    Args:
        tasks: from :func:`course_lib.grading.scoring.batch.discover`.
        submissions: the class folder.
        staging: an empty folder outside anything submissions may read, for the unpacked notebooks.
        max_bytes: the largest file accepted.

    Returns:
        The tasks (same order) and warnings for the instructor.
    """
    out, warnings = [], []
    for task in tasks:
        packaged = submissions / task.student / f"{task.assignment.name}{SUFFIX}"
        if task.refused or not (packaged.exists() or packaged.is_symlink()):
            out.append(task)
            continue
        if task.path is not None:
            warnings.append(f"{task.student}: both {task.path.name} and {packaged.name} were handed in; "
                            f"the verified {packaged.name} was graded")
        try:
            manifest, notebook = read_submission_file(read_submission(packaged, max_bytes), task.assignment.name)
        except (InvalidNotebook, SubmissionFileError) as exc:
            out.append(Task(task.student, task.assignment, packaged, refused=f"{packaged.name}: {exc}"))
            continue
        if str(manifest.get("student_id", "")).strip() != task.student:
            out.append(Task(task.student, task.assignment, packaged, refused=(
                f"{packaged.name} was written for student id {manifest.get('student_id')!r}, but it is in the "
                f"folder of {task.student!r}; hand in your own submission file")))
            continue
        staged = staging / task.student / f"{task.assignment.name}.ipynb"
        staged.parent.mkdir(parents=True, exist_ok=True)
        staged.write_bytes(notebook)
        out.append(replace(task, path=staged, note=""))
    return out, warnings
