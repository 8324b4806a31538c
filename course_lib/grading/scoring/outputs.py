"""What a grading run writes: grade rows with manual points merged, feedback at a level, and the console summary.

The files themselves (names, columns, statuses, pages) are defined in :mod:`course_lib.grading.gradebook`.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Collection, Iterable, Mapping

from course_lib.grading.authoring.source import Assignment, cell_text
from course_lib.grading.gradebook import (FEEDBACK_LEVELS, STATUSES, GradeRow, feedback_page, gradescope_results, num, summarise,
                                          write_gradebook)
from course_lib.grading.scoring.grader import SubmissionResult

MANUAL_COLUMNS = ("student", "assignment", "item", "points")


class ManualPointsError(ValueError):
    """The instructor's manual-points CSV has a bad row; the message names the file, the row and the fix."""


@dataclass(frozen=True)
class ManualPoints:
    """Points an instructor awarded by hand to one item, with an optional comment."""

    points: float
    comment: str


def load_manual(path: Path, assignments: dict[str, Assignment],
                students: Collection[str] | None = None) -> dict[tuple[str, str, str], ManualPoints]:
    """Read the manual-points CSV (columns student, assignment, item, points[, comment]).

    Args:
        path: The CSV file.
        assignments: The assignments being graded.
        students: The students with a submission folder; a row for anyone else (a typo in an
            id) stops the run, since its points would otherwise be lost without a word.

    Raises:
        ManualPointsError: Missing columns, an unknown student, assignment or item, an item
            that is not graded by hand, or points outside 0..max.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManualPointsError(f"{path}: cannot read ({exc})") from None
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in MANUAL_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ManualPointsError(f"{path}: missing column(s) {', '.join(missing)}; the header must be "
                                f"{','.join(MANUAL_COLUMNS)}[,comment]")
    out: dict[tuple[str, str, str], ManualPoints] = {}
    for row_no, row in enumerate(reader, start=2):
        where = f"{path}, row {row_no}"
        student = (row["student"] or "").strip()
        if students is not None and student not in students:
            close = difflib.get_close_matches(student, list(students), n=1)
            raise ManualPointsError(f"{where}: no submission folder for student {student!r}"
                                    + (f" (did you mean {close[0]!r}?)" if close else "")
                                    + "; fix the id, or remove the row")
        assignment = assignments.get(row["assignment"])
        if assignment is None:
            raise ManualPointsError(f"{where}: unknown assignment {row['assignment']!r}; use one of "
                                    f"{', '.join(assignments)}")
        item = next((i for i in assignment.items if i.grade_id == row["item"]), None)
        if item is None or item.kind != "manual":
            manual = [i.grade_id for i in assignment.items if i.kind == "manual"]
            raise ManualPointsError(f"{where}: {row['item']!r} is not an item graded by hand in {assignment.name}; "
                                    f"use one of {', '.join(manual) or '(none)'}")
        try:
            points = float(row["points"])
        except (TypeError, ValueError):
            raise ManualPointsError(f"{where}: points {row['points']!r} is not a number") from None
        if not 0 <= points <= item.points:
            raise ManualPointsError(f"{where}: points {points:g} outside 0..{item.points:g} for {item.grade_id}")
        key = (student, assignment.name, item.grade_id)
        if key in out:
            raise ManualPointsError(f"{where}: a second row for {key[0]} / {key[2]}; keep one")
        out[key] = ManualPoints(points, (row.get("comment") or "").strip())
    return out


def rows(results: Iterable[SubmissionResult], manual: dict[tuple[str, str, str], ManualPoints]) -> list[GradeRow]:
    """The grade rows of some results, manual points merged in."""
    out = []
    for result in results:
        for item in result.items:
            points, message = item.points, item.message
            awarded = manual.get((result.student, result.assignment, item.item)) if item.kind == "manual" else None
            if awarded is not None:
                points = awarded.points
                message = f"{message}. Instructor awarded {num(points)} of {num(item.max_points)}" + (
                    f": {awarded.comment}" if awarded.comment else "")
            out.append(GradeRow(result.student, result.assignment, item.item, points, item.max_points,
                                item.status, message, item.objective))
    return out


def for_student(records: list[GradeRow], feedback: str) -> list[GradeRow]:
    """The rows a student sees at a feedback level (see :data:`FEEDBACK_LEVELS`)."""
    if feedback not in FEEDBACK_LEVELS:
        raise ValueError(f"feedback must be one of {', '.join(FEEDBACK_LEVELS)}, not {feedback!r}")
    if feedback == "full":
        return records
    return [replace(r, status="graded", message="reasons are not shown for this assignment") for r in records]


_HEADING = re.compile(r"^#{2,4}\s+(.+?)\s*$", re.MULTILINE)
_POINTS = re.compile(r"\s*\(\d+(\.\d+)? points?\)$")


def task_titles(assignment: Assignment) -> dict[str, str]:
    """Item -> the title of the task it belongs to, as the student read it in the notebook.

    The title is the last Markdown heading above the item's cell, without its "(N points)";
    a hand-graded item is the task's "(justification)".

    Args:
        assignment: The instructor's source.

    Returns:
        A title for every item under a heading.
    """
    kinds = {item.grade_id: item.kind for item in assignment.items}
    titles: dict[str, str] = {}
    heading = ""
    for cell in assignment.notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            found = _HEADING.findall(cell_text(cell))
            heading = _POINTS.sub("", found[-1]) if found else heading
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in kinds and heading:
            titles[grade_id] = f"{heading} (justification)" if kinds[grade_id] == "manual" else heading
    return titles


def feedback_html(result: SubmissionResult, records: list[GradeRow], feedback: str = "full",
                  titles: dict[str, str] | None = None) -> str:
    """One student's feedback page: each item's score, status and why (no hidden tests, no expected values).

    Args:
        result: The student's result (for the remarks about the whole notebook).
        records: The student's grade rows.
        feedback: ``full`` or ``score`` (points only, see :data:`FEEDBACK_LEVELS`).
        titles: Item -> task title (see :func:`task_titles`).

    Returns:
        The HTML page (rendered by ``feedback.html.j2``, every value escaped).
    """
    notes = result.notes if feedback == "full" else ()
    manual = [item.item for item in result.items if item.kind == "manual"]
    return feedback_page(result.student, result.assignment, for_student(records, feedback), notes, titles, manual)


def gradescope_json(records: list[GradeRow], feedback: str = "full", hand_graded: Collection[str] = ()) -> str:
    """Gradescope's autograder results.json for one submission, at a feedback level (:data:`FEEDBACK_LEVELS`).

    Items graded by hand are left out: Gradescope's manual grading scores those, and an
    autograder test worth 0 that says "passed" would mislead the student.
    """
    records = [r for r in records if r.item not in hand_graded]
    shown = for_student(records, feedback)
    outputs = [f"{r.status}: {r.message}" for r in records] if feedback == "full" else [r.message for r in shown]
    return gradescope_results(records, outputs)


def write_reports(out: Path, results: list[SubmissionResult], manual: dict[tuple[str, str, str], ManualPoints],
                  gradescope: bool = False, feedback: str = "full",
                  assignments: Mapping[str, Assignment] | None = None) -> list[GradeRow]:
    """Write grades.csv, summary.csv, feedback/ (and gradescope/) under ``out``; return the grade rows.

    Args:
        out: The run's output folder.
        results: Every graded submission.
        manual: Points the instructor awarded by hand.
        gradescope: Also write Gradescope's results.json per submission.
        feedback: What feedback pages and Gradescope results show (:data:`FEEDBACK_LEVELS`);
            grades.csv always holds every reason.
        assignments: The sources graded, for the task titles feedback pages name items by
            (pages show item ids without them).

    Returns:
        The rows written to grades.csv.
    """
    results = sorted(results, key=lambda r: (r.student, r.assignment))
    records = rows(results, manual)
    by_key: dict[tuple[str, str], list[GradeRow]] = defaultdict(list)
    for r in records:
        by_key[(r.student, r.assignment)].append(r)
    titles = {name: task_titles(source) for name, source in (assignments or {}).items()}
    pages = {(r.student, r.assignment): feedback_html(r, by_key[(r.student, r.assignment)], feedback,
                                                      titles.get(r.assignment))
             for r in results}
    scores = ({(r.student, r.assignment): gradescope_json(by_key[(r.student, r.assignment)], feedback,
                                                           [i.item for i in r.items if i.kind == "manual"])
               for r in results} if gradescope else None)
    write_gradebook(out, records, pages, scores)
    return records


def summary_table(records: list[GradeRow]) -> str:
    """The table printed at the end of a run: per assignment, mean score and status counts."""
    by_assignment: dict[str, list[GradeRow]] = defaultdict(list)
    for r in records:
        by_assignment[r.assignment].append(r)
    header = f"{'assignment':<26}{'students':>9}{'mean %':>8}  " + " ".join(f"{s:>8}" for s in STATUSES)
    lines = [header, "-" * len(header)]
    for name, rs in sorted(by_assignment.items()):
        sums = summarise(rs)
        mean = sum(s.percent for s in sums) / len(sums) if sums else 0.0
        counts = Counter(r.status for r in rs)
        lines.append(f"{name:<26}{len(sums):>9}{mean:>8.1f}  " + " ".join(f"{counts.get(s, 0):>8}" for s in STATUSES))
    return "\n".join(lines)
