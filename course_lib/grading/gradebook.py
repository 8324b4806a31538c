"""The gradebook format, in one place: the files ``course grade`` writes, their rows, columns and statuses.

Everything that writes or reads the grader's output goes through this module: the
grader (``grading.scoring.outputs``), the classroom kit's reader
(``classroom.grades``) and the synthetic class (``classroom.synthetic``). It is
pure (``csv`` and ``json`` from the standard library, no pandas, no widgets), so
both sides may import it.

Layout of a grading run's folder (``course grade SUBMISSIONS --out DIR``)::

    DIR/grades.csv                                    one GradeRow per student, assignment and item
    DIR/summary.csv                                   one SummaryRow per student and assignment
    DIR/feedback/<student>/<assignment>.html          the student's feedback page
    DIR/gradescope/<student>/<assignment>/results.json  Gradescope's results (--format gradescope)

>>> row = GradeRow("ada", "02_cost_model", "break_even", 1.5, 3, Status.FAILED, "a hidden test did not pass", "LO3")
>>> summarise([row])
[SummaryRow(student='ada', assignment='02_cost_model', points=1.5, max_points=3.0, percent=50.0)]
>>> grades_csv([row]).splitlines()[1]
'ada,02_cost_model,break_even,1.5,3,failed,a hidden test did not pass,LO3'
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import Iterable, Mapping

from course_lib.files import write_atomic
from course_lib.grading.scoring.csvsafe import from_cell, to_cell

GRADES_FILE = "grades.csv"
SUMMARY_FILE = "summary.csv"
FEEDBACK_DIR = "feedback"
GRADESCOPE_DIR = "gradescope"
GRADESCOPE_RESULTS_FILE = "results.json"
# What the student-facing outputs (feedback pages, Gradescope results) show; grades.csv always has everything.
# "full": points, status and the reason per item. "score": points per item and the total, no reasons, so
# repeated uploads (Gradescope) cannot be used to search the answer key criterion by criterion.
FEEDBACK_LEVELS = ("full", "score")


class Status(StrEnum):
    """What happened to one graded item (the ``status`` column of ``grades.csv``)."""

    PASSED = "passed"  # full points from the hidden tests (or, for a hand-graded item, an answer is there)
    FAILED = "failed"  # the answer ran and a hidden test did not give full points
    ERROR = "error"  # the student's code raised, or the notebook could not be run
    TIMEOUT = "timeout"  # a cell or a call took longer than its limit
    MISSING = "missing"  # no file, or the answer cell is unchanged or deleted
    INVALID = "invalid"  # the file or the answer cannot be graded at all (not a notebook, not plain data)


STATUSES: tuple[str, ...] = tuple(s.value for s in Status)


class GradesFormatError(ValueError):
    """A gradebook file is missing or does not have the documented shape (the message names file and row)."""


def num(value: float) -> str:
    """A number as the gradebook writes it: at most four decimals, no trailing zeros (stable across runs).

    >>> num(2.0), num(2.142857), num(0.1 + 0.2)
    ('2', '2.1429', '0.3')
    """
    return f"{round(float(value), 4):g}"


def _number(record: Mapping[str, str], column: str, where: str) -> float:
    text = record.get(column)
    try:
        return float(text)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise GradesFormatError(f"{where}: column {column!r} must be a number, got {text!r}.") from None


@dataclass(frozen=True)
class GradeRow:
    """One row of ``grades.csv``: one graded item of one student's assignment."""

    student: str
    assignment: str
    item: str
    points: float
    max_points: float
    status: str
    message: str
    objective: str

    def to_record(self) -> dict[str, str]:
        """The row as the CSV writes it (numbers via :func:`num`)."""
        return {"student": self.student, "assignment": self.assignment, "item": self.item,
                "points": num(self.points), "max_points": num(self.max_points), "status": str(self.status),
                "message": self.message, "objective": self.objective}

    @classmethod
    def from_record(cls, record: Mapping[str, str], where: str = GRADES_FILE) -> "GradeRow":
        """Check and type one row as read from ``grades.csv``.

        Args:
            record: Column -> text (every column of :data:`GRADE_COLUMNS`).
            where: The file and row, named in errors.

        Raises:
            GradesFormatError: A number that is not one, an unknown status, points over the
                maximum or an empty student id, naming the row and the fix.
        """
        text = {c: "" if record.get(c) is None else str(record[c]) for c in _GRADE_TEXT}
        points, max_points = _number(record, "points", where), _number(record, "max_points", where)
        if text["status"] not in STATUSES:
            raise GradesFormatError(f"{where}: status {text['status']!r} is not one of {', '.join(STATUSES)}.")
        if points > max_points + 1e-9:
            raise GradesFormatError(f"{where}: points {points:g} exceed max_points {max_points:g}.")
        if not text["student"].strip():
            raise GradesFormatError(f"{where}: the student column is empty.")
        return cls(text["student"], text["assignment"], text["item"], points, max_points, Status(text["status"]),
                   text["message"], text["objective"])


@dataclass(frozen=True)
class SummaryRow:
    """One row of ``summary.csv``: one student's total for one assignment."""

    student: str
    assignment: str
    points: float
    max_points: float
    percent: float

    def to_record(self) -> dict[str, str]:
        """The row as the CSV writes it (percent with one decimal)."""
        return {"student": self.student, "assignment": self.assignment, "points": num(self.points),
                "max_points": num(self.max_points), "percent": f"{self.percent:.1f}"}

    @classmethod
    def from_record(cls, record: Mapping[str, str], where: str = SUMMARY_FILE) -> "SummaryRow":
        """Check and type one row as read from ``summary.csv`` (see :meth:`GradeRow.from_record`)."""
        return cls(str(record.get("student") or ""), str(record.get("assignment") or ""),
                   _number(record, "points", where), _number(record, "max_points", where),
                   _number(record, "percent", where))


GRADE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(GradeRow))
SUMMARY_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(SummaryRow))
_GRADE_TEXT = ("student", "assignment", "item", "status", "message", "objective")
_SUMMARY_TEXT = ("student", "assignment")


def summarise(rows: Iterable[GradeRow]) -> list[SummaryRow]:
    """The summary rows of some grade rows: one per student and assignment, sorted by both."""
    totals: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for row in rows:
        total = totals[(row.student, row.assignment)]
        total[0] += row.points
        total[1] += row.max_points
    return [SummaryRow(s, a, round(p, 4), round(m, 4), round(100 * p / m, 1) if m else 0.0)
            for (s, a), (p, m) in sorted(totals.items())]


def _csv(columns: tuple[str, ...], records: Iterable[Mapping[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: to_cell(v) for k, v in r.items()} for r in records)  # no cell a spreadsheet would run
    return buffer.getvalue()


def grades_csv(rows: Iterable[GradeRow]) -> str:
    """The text of ``grades.csv`` (spreadsheet-safe cells, ``\\n`` line ends)."""
    return _csv(GRADE_COLUMNS, (r.to_record() for r in rows))


def summary_csv(rows: Iterable[SummaryRow]) -> str:
    """The text of ``summary.csv``."""
    return _csv(SUMMARY_COLUMNS, (r.to_record() for r in rows))


def gradescope_results(rows: list[GradeRow], outputs: list[str]) -> str:
    """Gradescope's ``results.json`` for one submission.

    Args:
        rows: The submission's grade rows (one test each, in order).
        outputs: What each test shows the student (already cut to the feedback level).

    Returns:
        The JSON text: total score and one test per row.
    """
    tests = [{"name": r.item, "score": float(num(r.points)), "max_score": float(num(r.max_points)),
              "status": "passed" if r.status == Status.PASSED else "failed",
              "output": output, "tags": [r.objective], "visibility": "visible"} for r, output in zip(rows, outputs)]
    return json.dumps({"score": round(sum(t["score"] for t in tests), 4), "tests": tests}, indent=1) + "\n"


def feedback_page(student: str, assignment: str, rows: list[GradeRow], notes: Iterable[str] = (),
                  titles: Mapping[str, str] | None = None, by_instructor: Iterable[str] = ()) -> str:
    """One student's feedback page (``feedback/<student>/<assignment>.html``), escaped by its template.

    Args:
        student: The student id.
        assignment: The assignment's name.
        rows: The rows the student may see (already cut to the feedback level).
        notes: Remarks about the whole notebook.
        titles: Item -> the task title the student saw in the notebook (items without one show their id).
        by_instructor: Items graded by hand: shown as "graded by your instructor", not "passed".

    Returns:
        The HTML page.
    """
    from course_lib.rendering import render

    return render("feedback.html.j2", student=student, assignment=assignment, rows=rows, notes=list(notes),
                  titles=dict(titles or {}), by_instructor=set(by_instructor))


def feedback_path(folder: Path, student: str, assignment: str) -> Path:
    """Where a submission's feedback page lives under a grading run's folder."""
    return Path(folder) / FEEDBACK_DIR / student / f"{assignment}.html"


def gradescope_results_path(folder: Path, student: str, assignment: str) -> Path:
    """Where a submission's Gradescope ``results.json`` lives under a grading run's folder."""
    return Path(folder) / GRADESCOPE_DIR / student / assignment / GRADESCOPE_RESULTS_FILE


def write_gradebook(folder: Path, rows: list[GradeRow], feedback_pages: Mapping[tuple[str, str], str] | None = None,
                    gradescope: Mapping[tuple[str, str], str] | None = None) -> list[SummaryRow]:
    """Write a grading run's files under ``folder``, each replaced atomically.

    Args:
        folder: The run's output folder (created if needed).
        rows: Every grade row, in the order ``grades.csv`` lists them.
        feedback_pages: (student, assignment) -> the HTML of its feedback page.
        gradescope: (student, assignment) -> the text of its Gradescope ``results.json``.

    Returns:
        The summary rows written to ``summary.csv``.
    """
    folder = Path(folder)
    summary = summarise(rows)
    write_atomic(folder / GRADES_FILE, grades_csv(rows))
    write_atomic(folder / SUMMARY_FILE, summary_csv(summary))
    for (student, assignment), page in (feedback_pages or {}).items():
        write_atomic(feedback_path(folder, student, assignment), page)
    for (student, assignment), results in (gradescope or {}).items():
        write_atomic(gradescope_results_path(folder, student, assignment), results)
    return summary


def _read(path: Path, columns: tuple[str, ...], text_columns: tuple[str, ...]) -> list[tuple[str, dict[str, str]]]:
    """(where, record) per data row of one gradebook CSV, formula guard undone, header checked."""
    if not path.exists():
        raise GradesFormatError(f"{path}: file not found. `course grade` writes it; pass the folder it wrote "
                                f"(the one holding {GRADES_FILE} and {SUMMARY_FILE}).")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GradesFormatError(f"{path}: cannot read ({exc}).") from None
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise GradesFormatError(f"{path}: the file is empty; expected a header row with {', '.join(columns)}.")
    missing = [c for c in columns if c not in reader.fieldnames]
    if missing:
        raise GradesFormatError(f"{path}: missing column(s) {', '.join(missing)}; the header must contain "
                                f"{', '.join(columns)} (found {', '.join(reader.fieldnames)}).")
    return [(f"{path}, row {n}", {c: from_cell(r[c]) if c in text_columns else r[c] for c in columns})
            for n, r in enumerate(reader, start=2)]


def parse_grades(records: Iterable[tuple[str, Mapping[str, str]]]) -> list[GradeRow]:
    """Check and type the rows of a grades table.

    Args:
        records: (where, record) per row: the file and row named in errors, column -> text.

    Raises:
        GradesFormatError: The first bad row (see :meth:`GradeRow.from_record`).
    """
    return [GradeRow.from_record(record, where) for where, record in records]


def parse_summary(records: Iterable[tuple[str, Mapping[str, str]]]) -> list[SummaryRow]:
    """Check and type the rows of a summary table: numbers, and one row per student and assignment.

    Raises:
        GradesFormatError: The first bad or repeated row, named.
    """
    out: list[SummaryRow] = []
    seen: set[tuple[str, str]] = set()
    for where, record in records:
        row = SummaryRow.from_record(record, where)
        if (row.student, row.assignment) in seen:
            raise GradesFormatError(f"{where}: student {row.student!r} has a second row for assignment "
                                    f"{row.assignment!r}; keep one row per student and assignment.")
        seen.add((row.student, row.assignment))
        out.append(row)
    return out


def read_grades(path: Path) -> list[GradeRow]:
    """Read and check ``grades.csv``.

    Raises:
        GradesFormatError: The file is missing, lacks a column or has a bad row (named).
    """
    return parse_grades(_read(Path(path), GRADE_COLUMNS, _GRADE_TEXT))


def read_summary(path: Path) -> list[SummaryRow]:
    """Read and check ``summary.csv``.

    Raises:
        GradesFormatError: The file is missing, lacks a column or has a bad or repeated row (named).
    """
    return parse_summary(_read(Path(path), SUMMARY_COLUMNS, _SUMMARY_TEXT))
