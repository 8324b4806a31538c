"""The grader's output as pandas tables for the class report and the LMS exports.

The format itself (file names, columns, statuses, the checks on each row) is
defined once, in :mod:`course_lib.grading.gradebook`; this module only turns its
rows into typed DataFrames.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Iterable, TypeVar

import pandas as pd

from course_lib.grading.gradebook import (
    GRADE_COLUMNS,
    GRADES_FILE,
    SUMMARY_COLUMNS,
    SUMMARY_FILE,
    GradeRow,
    GradesFormatError,
    Status,
    SummaryRow,
    feedback_path,
    parse_grades,
    parse_summary,
    read_grades,
    read_summary,
)

__all__ = ["GradeBook", "GradesFormatError", "check_grades", "check_summary", "grades_frame", "load_gradebook",
           "load_summary", "summary_frame"]

Row = TypeVar("Row", GradeRow, SummaryRow)


def _frame(rows: Iterable[Row], columns: tuple[str, ...], numeric: tuple[str, ...]) -> pd.DataFrame:
    frame = pd.DataFrame([astuple(r) for r in rows], columns=list(columns))
    for column in columns:
        frame[column] = frame[column].astype(float) if column in numeric else frame[column].astype(str)
    return frame


def grades_frame(rows: Iterable[GradeRow]) -> pd.DataFrame:
    """Grade rows as a table with the columns of ``grades.csv`` (numbers as floats, the rest text)."""
    return _frame(rows, GRADE_COLUMNS, ("points", "max_points"))


def summary_frame(rows: Iterable[SummaryRow]) -> pd.DataFrame:
    """Summary rows as a table with the columns of ``summary.csv``."""
    return _frame(rows, SUMMARY_COLUMNS, ("points", "max_points", "percent"))


@dataclass(frozen=True)
class GradeBook:
    """The grader's output for one class.

    Attributes:
        grades: one row per (student, assignment, item), columns ``GRADE_COLUMNS``.
        summary: one row per (student, assignment), columns ``SUMMARY_COLUMNS``.
        root: the folder the files came from (feedback files live under it), or None.
    """

    grades: pd.DataFrame
    summary: pd.DataFrame
    root: Path | None = None

    def feedback_path(self, student: str, assignment: str) -> Path | None:
        """The feedback HTML the grader wrote for one submission, if it exists."""
        if self.root is None:
            return None
        path = feedback_path(self.root, student, assignment)
        return path if path.exists() else None


def _records(frame: pd.DataFrame, path: Path | str, columns: tuple[str, ...]) -> list[tuple[str, dict]]:
    """(where, record) per row of a table, for the gradebook's row checks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise GradesFormatError(f"{path}: missing column(s) {', '.join(missing)}.")
    records = frame.loc[:, list(columns)].astype(object).where(frame.notna(), None).to_dict("records")
    return [(f"{path}, row {n}", record) for n, record in enumerate(records, start=2)]


def check_grades(frame: pd.DataFrame, path: Path | str = GRADES_FILE) -> pd.DataFrame:
    """Validate and type a grades table with the gradebook's row checks (:class:`GradeRow`).

    Args:
        frame: the table, with at least the columns in ``GRADE_COLUMNS``.
        path: the file it came from, named in error messages.

    Returns:
        A copy with numeric ``points``/``max_points`` and text everywhere else.

    Raises:
        GradesFormatError: naming the file, row and column to fix.
    """
    return grades_frame(parse_grades(_records(frame, path, GRADE_COLUMNS)))


def check_summary(frame: pd.DataFrame, path: Path | str = SUMMARY_FILE) -> pd.DataFrame:
    """Validate and type a summary table with the gradebook's row checks (:class:`SummaryRow`).

    Raises:
        GradesFormatError: naming the file, row and column to fix.
    """
    return summary_frame(parse_summary(_records(frame, path, SUMMARY_COLUMNS)))


def load_gradebook(folder: Path | str) -> GradeBook:
    """Read ``grades.csv`` and ``summary.csv`` from the folder ``course grade`` wrote.

    Args:
        folder: the grader's output folder.

    Returns:
        The checked tables.

    Raises:
        GradesFormatError: when a file is missing or malformed (the message names it).
    """
    root = Path(folder)
    if not root.is_dir():
        raise GradesFormatError(f"{root}: not a folder. Pass the folder `course grade` wrote its output to.")
    return GradeBook(grades=grades_frame(read_grades(root / GRADES_FILE)),
                     summary=summary_frame(read_summary(root / SUMMARY_FILE)), root=root)


def load_summary(path: Path | str) -> pd.DataFrame:
    """Read one ``summary.csv`` (or the folder holding it) and check it.

    Args:
        path: the file, or the grader's output folder.

    Returns:
        The checked summary table.
    """
    path = Path(path)
    if path.is_dir():
        path = path / SUMMARY_FILE
    return summary_frame(read_summary(path))


def not_handed_in(rows: Iterable[GradeRow]) -> set[tuple[str, str]]:
    """The (student, assignment) pairs with nothing handed in: every item's status is ``missing``.

    That is a notebook never submitted, or one submitted with no answer changed; an LMS
    export leaves these blank (the work may still come, late or with an extension) rather
    than writing a zero.
    """
    statuses: dict[tuple[str, str], set[str]] = {}
    for row in rows:
        statuses.setdefault((row.student, row.assignment), set()).add(str(row.status))
    return {pair for pair, seen in statuses.items() if seen == {Status.MISSING.value}}
