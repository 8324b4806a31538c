"""``course grade --self NOTEBOOK``: a solo learner grades their own exercise with the course's hidden tests.

The notebook (or a ``.submission.zip`` from ``course submit``, whose hash is verified) is
staged as a one-student class, ``<student>/<assignment>.ipynb``, and graded by the same
command an instructor runs, with the same sandbox and the hidden tests of the course's own
``solutions/`` (or ``--source``). The learner then sees each item's points, status and
feedback, the total, and the path of the feedback page.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from course_lib.files import user_data_dir
from course_lib.submission_file import SUFFIX, SubmissionFileError, read_submission_file, student_id_in

#: A student id is used as a folder name; anything else becomes ``-``.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class SelfGradeError(ValueError):
    """The file cannot be self-graded; the message says why and what to pass instead."""


def stage(path: Path, staging: Path, known: set[str]) -> tuple[str, str, list[str]]:
    """Copy a learner's notebook (or verified submission file) into ``staging/<student>/<assignment>.ipynb``.

    Args:
        path: an exercise notebook or a ``.submission.zip``.
        staging: an empty folder.
        known: the assignments of the source.

    Returns:
        The student id used, the assignment, and notes for the learner.

    Raises:
        SelfGradeError: a missing or unreadable file, a tampered submission file, or a
            notebook that is not one of the course's exercises.
    """
    notes: list[str] = []
    if not path.is_file():
        raise SelfGradeError(f"{path} does not exist; give the path of your exercise, e.g. "
                             "exercises/03_head_to_head.ipynb")
    data = path.read_bytes()
    if path.name.endswith(SUFFIX) or path.suffix == ".zip":
        try:
            manifest, data = read_submission_file(data)
        except SubmissionFileError as exc:
            raise SelfGradeError(f"{path}: {exc}") from None
        notes.append(f"submission file verified: written {manifest.get('created')} for student id "
                     f"{manifest.get('student_id')!r}, notebook hash matches")
    try:
        notebook = json.loads(data.decode("utf-8"))
        assignment = notebook.get("metadata", {}).get("course", {}).get("assignment") or path.stem
    except (UnicodeDecodeError, json.JSONDecodeError, AttributeError):
        notebook, assignment = {}, path.stem
    if assignment not in known:
        raise SelfGradeError(f"{path.name} is not one of the course's exercises ({', '.join(sorted(known))}); "
                             "self-grading needs the notebook from exercises/")
    student = student_id_in(notebook) if notebook else None
    if not student or not student.strip():
        student = "self"
        notes.append("no STUDENT_ID found; graded as 'self'")
    folder = _UNSAFE.sub("-", student.strip()).strip(".-") or "self"
    (staging / folder).mkdir(parents=True)
    (staging / folder / f"{assignment}.ipynb").write_bytes(data)
    return folder, assignment, notes


def default_out(assignment: str) -> Path:
    """Where self-grading results go unless ``--out`` is given: the learner's data folder."""
    return user_data_dir() / "self-grading" / assignment


def run_self(args: argparse.Namespace, grade: Callable[[argparse.Namespace], int]) -> int:
    """Stage the learner's notebook, grade it with ``grade`` (the instructor's command), and explain the result.

    Args:
        args: the parsed ``course grade`` arguments (``self_notebook`` set).
        grade: the instructor's grading entry point, run on the staged one-student class.

    Returns:
        The exit code: 0 graded, 2 for a file that cannot be graded, otherwise ``grade``'s.
    """
    from course_lib.grading.authoring.source import SourceError, default_source_dir, load_source

    try:
        known = set(load_source(args.source or default_source_dir()))
    except SourceError as exc:
        print(f"course grade --self: {exc}", file=sys.stderr)
        return 2
    staging = Path(tempfile.mkdtemp(prefix="course-self-grade-"))
    try:
        try:
            student, assignment, notes = stage(args.self_notebook, staging / "submissions", known)
        except SelfGradeError as exc:
            print(f"course grade --self: {exc}", file=sys.stderr)
            return 2
        out = (args.out or default_out(assignment)).expanduser()
        out.mkdir(parents=True, exist_ok=True)
        args.submissions, args.out, args.assignment = staging / "submissions", out, [assignment]
        args.no_progress = True
        captured = io.StringIO()
        with contextlib.redirect_stdout(captured):
            code = grade(args)
        if code not in (0, 1) or not (out / "grades.csv").exists():
            print(captured.getvalue(), end="")
            return code
        print(explain(out, student, assignment, notes))
        return code
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def explain(out: Path, student: str, assignment: str, notes: list[str]) -> str:
    """Per item: points, status and feedback; the total; the feedback page's path."""
    with (out / "grades.csv").open(newline="", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["student"] == student and r["assignment"] == assignment]
    lines = [f"Self-grading {assignment} against the course's hidden tests (student id {student!r}):"]
    lines += [f"  note: {n}" for n in notes]
    width = max((len(r["item"]) for r in rows), default=4)
    got = total = 0.0
    for r in rows:
        got += float(r["points"] or 0)
        total += float(r["max_points"] or 0)
        lines.append(f"  {r['item']:<{width}}  {float(r['points'] or 0):>5g} / {float(r['max_points']):<4g} "
                     f"{r['status']:<8} {r['message']}")
    lines.append(f"Total: {got:g} of {total:g} points"
                 + (" (items graded by hand wait for an instructor)" if any(r["status"] == "manual" for r in rows)
                    else ""))
    lines.append(f"Feedback page: {(out / 'feedback' / student / f'{assignment}.html').resolve()}")
    return "\n".join(lines)
