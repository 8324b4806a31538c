"""Load and check the grader's output files (``grades.csv`` and ``summary.csv``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from course_lib.grading.scoring.csvsafe import unsafe_frame

GRADES_FILE = "grades.csv"
SUMMARY_FILE = "summary.csv"
FEEDBACK_DIR = "feedback"

GRADES_COLUMNS: tuple[str, ...] = (
    "student", "assignment", "item", "points", "max_points", "status", "message", "objective",
)
SUMMARY_COLUMNS: tuple[str, ...] = ("student", "assignment", "points", "max_points", "percent")
STATUSES: tuple[str, ...] = ("passed", "failed", "error", "timeout", "missing", "invalid")

_TEXT_COLUMNS = ("student", "assignment", "item", "status", "message", "objective")


class GradesFormatError(ValueError):
    """A grader output file is missing or does not have the documented shape."""


@dataclass(frozen=True)
class GradeBook:
    """The grader's output for one class.

    Attributes:
        grades: one row per (student, assignment, item), columns ``GRADES_COLUMNS``.
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
        path = self.root / FEEDBACK_DIR / student / f"{assignment}.html"
        return path if path.exists() else None


def _read_csv(path: Path, columns: tuple[str, ...], text_columns: tuple[str, ...]) -> pd.DataFrame:
    if not path.exists():
        raise GradesFormatError(
            f"{path}: file not found. `course grade` writes it; pass the folder it wrote "
            f"(the one holding {GRADES_FILE} and {SUMMARY_FILE})."
        )
    dtypes = {name: str for name in text_columns}
    try:
        frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values={})
    except pd.errors.EmptyDataError:
        raise GradesFormatError(f"{path}: the file is empty; expected a header row with {', '.join(columns)}.") from None
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise GradesFormatError(
            f"{path}: missing column(s) {', '.join(missing)}; the header must contain "
            f"{', '.join(columns)} (found {', '.join(map(str, frame.columns))})."
        )
    return unsafe_frame(frame.loc[:, list(columns)], text_columns)  # undo the grader's formula guard


def _numeric(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    values = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    bad = values.isna()
    if bad.any():
        index = int(bad.to_numpy().nonzero()[0][0])
        raise GradesFormatError(
            f"{path}, row {index + 2}: column {column!r} must be a number, got {frame[column].iloc[index]!r}."
        )
    return values.astype(float)


def check_grades(frame: pd.DataFrame, path: Path | str = GRADES_FILE) -> pd.DataFrame:
    """Validate and type a grades table (one row per student, assignment and item).

    Args:
        frame: the table as read, with at least the columns in ``GRADES_COLUMNS``.
        path: the file it came from, named in error messages.

    Returns:
        A copy with numeric ``points``/``max_points`` and text everywhere else.

    Raises:
        GradesFormatError: naming the file, row and column to fix.
    """
    path = Path(path)
    missing = [c for c in GRADES_COLUMNS if c not in frame.columns]
    if missing:
        raise GradesFormatError(f"{path}: missing column(s) {', '.join(missing)}.")
    out = frame.loc[:, list(GRADES_COLUMNS)].copy()
    for column in _TEXT_COLUMNS:
        out[column] = out[column].fillna("").astype(str)
    out["points"] = _numeric(out, "points", path)
    out["max_points"] = _numeric(out, "max_points", path)
    bad_status = ~out["status"].isin(STATUSES)
    if bad_status.any():
        index = int(bad_status.to_numpy().nonzero()[0][0])
        raise GradesFormatError(
            f"{path}, row {index + 2}: status {out['status'].iloc[index]!r} is not one of {', '.join(STATUSES)}."
        )
    over = out["points"] > out["max_points"] + 1e-9
    if over.any():
        index = int(over.to_numpy().nonzero()[0][0])
        raise GradesFormatError(
            f"{path}, row {index + 2}: points {out['points'].iloc[index]:g} exceed max_points "
            f"{out['max_points'].iloc[index]:g}."
        )
    empty_student = out["student"].str.strip() == ""
    if empty_student.any():
        index = int(empty_student.to_numpy().nonzero()[0][0])
        raise GradesFormatError(f"{path}, row {index + 2}: the student column is empty.")
    return out


def check_summary(frame: pd.DataFrame, path: Path | str = SUMMARY_FILE) -> pd.DataFrame:
    """Validate and type a summary table (one row per student and assignment).

    Args:
        frame: the table as read, with at least the columns in ``SUMMARY_COLUMNS``.
        path: the file it came from, named in error messages.

    Returns:
        A copy with numeric ``points``, ``max_points`` and ``percent``.

    Raises:
        GradesFormatError: naming the file, row and column to fix.
    """
    path = Path(path)
    missing = [c for c in SUMMARY_COLUMNS if c not in frame.columns]
    if missing:
        raise GradesFormatError(f"{path}: missing column(s) {', '.join(missing)}.")
    out = frame.loc[:, list(SUMMARY_COLUMNS)].copy()
    for column in ("student", "assignment"):
        out[column] = out[column].fillna("").astype(str)
    for column in ("points", "max_points", "percent"):
        out[column] = _numeric(out, column, path)
    duplicated = out.duplicated(["student", "assignment"])
    if duplicated.any():
        index = int(duplicated.to_numpy().nonzero()[0][0])
        raise GradesFormatError(
            f"{path}, row {index + 2}: student {out['student'].iloc[index]!r} has a second row for "
            f"assignment {out['assignment'].iloc[index]!r}; keep one row per student and assignment."
        )
    return out


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
    grades_path, summary_path = root / GRADES_FILE, root / SUMMARY_FILE
    grades = check_grades(_read_csv(grades_path, GRADES_COLUMNS, _TEXT_COLUMNS), grades_path)
    summary = check_summary(_read_csv(summary_path, SUMMARY_COLUMNS, ("student", "assignment")), summary_path)
    return GradeBook(grades=grades, summary=summary, root=root)


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
    return check_summary(_read_csv(path, SUMMARY_COLUMNS, ("student", "assignment")), path)
