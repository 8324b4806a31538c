"""``course export``: turn ``summary.csv`` into a gradebook file Canvas or Moodle can import.

Canvas (Grades > Import) reads the layout of its own gradebook export: the columns
``Student, ID, SIS User ID, SIS Login ID, Section``, then one column per
assignment, and a second row ``    Points Possible`` holding each assignment's
maximum. A column named like an existing assignment (``Title (1234)``) updates it;
any other name creates a new assignment.

Moodle (Grades > Import > CSV file) reads one row per user: a column that
identifies the user (mapped on import to ``useremail``, ``useridnumber`` or
``username``) and one column per grade item; ``-`` means no grade. A new grade
item gets a maximum of 100, so grades go out as percent by default.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from course_lib.classroom.grades import GradesFormatError, load_summary, not_handed_in
from course_lib.grading.gradebook import GRADES_FILE, read_grades
from course_lib.grading.scoring.csvsafe import safe_rows

CANVAS_ID_COLUMNS: tuple[str, ...] = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
CANVAS_POINTS_POSSIBLE = "    Points Possible"  # Canvas's own export writes it with 4 leading spaces
MOODLE_IDENTIFIERS: dict[str, tuple[str, str]] = {
    # option -> (column header as Moodle's own export names it, what to map it to on import)
    "email": ("Email address", "useremail"),
    "idnumber": ("ID number", "useridnumber"),
    "username": ("Username", "username"),
}
MOODLE_NO_GRADE = "-"
LMS_NAMES = ("canvas", "moodle")
SCALES = ("points", "percent")
_CANVAS_TITLE_WITH_ID = re.compile(r"^(?P<title>.*?)\s*\((?P<id>\d+)\)$")


class ExportError(ValueError):
    """The summary and the roster cannot be turned into a gradebook file as asked."""


@dataclass(frozen=True)
class GradebookFile:
    """A gradebook ready to write: the rows (header first) and what went into it.

    Attributes:
        rows: every CSV row, the header first, as text cells.
        lms: "canvas" or "moodle".
        students: how many students carry grades.
        assignment_columns: our assignment name -> the column header used.
        unmatched: students in the summary that the roster does not list (left out).
    """

    rows: tuple[tuple[str, ...], ...]
    lms: str
    students: int
    assignment_columns: dict[str, str]
    unmatched: tuple[str, ...] = ()

    def to_csv(self) -> str:
        """The file's text (RFC 4180 quoting, ``\\r\\n`` line ends, UTF-8 when written)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows(safe_rows([list(r) for r in self.rows]))  # no cell a spreadsheet would run
        return buffer.getvalue()


def _fmt(value: float) -> str:
    if pd.isna(value):
        return ""
    return f"{round(float(value), 2):g}"


def _wide(summary: pd.DataFrame, scale: str, blank: Collection[tuple[str, str]] = ()) -> tuple[pd.DataFrame, pd.Series]:
    if scale not in SCALES:
        raise ExportError(f"scale must be one of {', '.join(SCALES)}, got {scale!r}.")
    column = "points" if scale == "points" else "percent"
    wide = summary.pivot(index="student", columns="assignment", values=column)
    for student, assignment in blank:  # no grade yet: empty for Canvas, "-" for Moodle
        if student in wide.index and assignment in wide.columns:
            wide.at[student, assignment] = float("nan")
    maxima = summary.groupby("assignment")["max_points"].max() if scale == "points" else \
        pd.Series(100.0, index=wide.columns)
    return wide.sort_index(), maxima


def read_roster(path: Path | str) -> pd.DataFrame:
    """Read a roster CSV as text (ids like '007' keep their zeros), remembering its path for messages."""
    path = Path(path)
    if not path.exists():
        raise ExportError(f"{path}: roster file not found.")
    try:
        roster = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise ExportError(f"{path}: the roster file is empty.") from None
    roster.attrs["path"] = str(path)
    return roster


def _match(roster: pd.DataFrame, column: str, students: list[str], allow_unmatched: bool
           ) -> tuple[pd.DataFrame, tuple[str, ...]]:
    where = roster.attrs.get("path", "the roster")
    if column not in roster.columns:
        raise ExportError(f"{where}: no column {column!r} to match student ids on; its columns are "
                          f"{', '.join(roster.columns)}. Choose one with --match-column.")
    keyed = roster[roster[column].str.strip() != ""]
    duplicated = keyed[column][keyed[column].duplicated()]
    if len(duplicated):
        raise ExportError(f"{where}: {column} {duplicated.iloc[0]!r} appears on more than one row.")
    keyed = keyed.set_index(column, drop=False)
    unmatched = tuple(s for s in students if s not in keyed.index)
    if unmatched and not allow_unmatched:
        shown = ", ".join(unmatched[:10]) + (" ..." if len(unmatched) > 10 else "")
        raise ExportError(f"{len(unmatched)} student(s) in the summary are not in column {column!r} of {where}: "
                          f"{shown}. Fix the ids, pick another --match-column, or pass --allow-unmatched "
                          f"to leave them out.")
    return keyed, unmatched


def canvas_gradebook(summary: pd.DataFrame, roster: pd.DataFrame | None = None,
                     match_column: str = "SIS Login ID", scale: str = "points",
                     names: dict[str, str] | None = None, allow_unmatched: bool = False,
                     blank: Collection[tuple[str, str]] = ()) -> GradebookFile:
    """Build a Canvas gradebook import file.

    Args:
        summary: the grader's ``summary.csv`` (checked).
        roster: Canvas's own gradebook export (Grades > Export), used for each student's
            name, Canvas ID, SIS ids and section, and for existing assignment columns;
            None to write the student id as ``Student`` and ``SIS Login ID``.
        match_column: the roster column holding the ids the grader used.
        scale: "points" (with the Points Possible row) or "percent" (out of 100).
        names: our assignment name -> Canvas assignment title, where they differ.
        allow_unmatched: leave out students the roster lacks instead of failing.
        blank: (student, assignment) pairs to leave empty (nothing handed in yet).

    Returns:
        The file's rows and what was matched.

    Raises:
        ExportError: naming the roster column or students to fix.
    """
    names = names or {}
    wide, maxima = _wide(summary, scale, blank)
    headers: dict[str, str] = {}
    existing: dict[str, str] = {}
    if roster is not None:
        for column in roster.columns:
            found = _CANVAS_TITLE_WITH_ID.match(column)
            if found:
                existing.setdefault(found.group("title"), column)
    for assignment in wide.columns:
        title = names.get(assignment, assignment)
        headers[assignment] = existing.get(title, title)
    students = wide.index.tolist()
    unmatched: tuple[str, ...] = ()
    if roster is not None:
        roster = roster[roster.get("Student", pd.Series("", index=roster.index)).str.strip() != "Points Possible"]
        keyed, unmatched = _match(roster, match_column, students, allow_unmatched)
        missing_id_cols = [c for c in CANVAS_ID_COLUMNS if c not in keyed.columns]
        if missing_id_cols:
            raise ExportError(f"{roster.attrs.get('path', 'the roster')}: not a Canvas gradebook export; "
                              f"missing column(s) {', '.join(missing_id_cols)}.")
    rows = [CANVAS_ID_COLUMNS + tuple(headers[a] for a in wide.columns)]
    rows.append((CANVAS_POINTS_POSSIBLE, "", "", "", "") + tuple(_fmt(maxima[a]) for a in wide.columns))
    written = 0
    for student in students:
        if student in unmatched:
            continue
        if roster is None:
            identity = (student, "", "", student, "")
        else:
            person = keyed.loc[student]
            identity = tuple(str(person[c]) for c in CANVAS_ID_COLUMNS)
        rows.append(identity + tuple(_fmt(wide.at[student, a]) for a in wide.columns))
        written += 1
    return GradebookFile(rows=tuple(rows), lms="canvas", students=written,
                         assignment_columns=headers, unmatched=unmatched)


def moodle_gradebook(summary: pd.DataFrame, roster: pd.DataFrame | None = None,
                     identifier: str = "email", match_column: str = "student", scale: str = "percent",
                     names: dict[str, str] | None = None, allow_unmatched: bool = False,
                     blank: Collection[tuple[str, str]] = ()) -> GradebookFile:
    """Build a Moodle CSV grade import file.

    Args:
        summary: the grader's ``summary.csv`` (checked).
        roster: a CSV with the column ``match_column`` (the grader's ids) and the identifier
            column (``Email address``, ``ID number`` or ``Username``), e.g. Moodle's own grade
            export plus one column; None when the grader's ids already are that identifier.
        identifier: "email", "idnumber" or "username": what Moodle matches users on.
        match_column: the roster column holding the grader's ids.
        scale: "percent" (fits a new grade item's maximum of 100) or "points".
        names: our assignment name -> Moodle grade item name, where they differ.
        allow_unmatched: leave out students the roster lacks instead of failing.
        blank: (student, assignment) pairs to write as ``-`` (nothing handed in yet).

    Returns:
        The file's rows and what was matched.

    Raises:
        ExportError: naming the roster column or students to fix.
    """
    if identifier not in MOODLE_IDENTIFIERS:
        raise ExportError(f"identifier must be one of {', '.join(MOODLE_IDENTIFIERS)}, got {identifier!r}.")
    names = names or {}
    header, _ = MOODLE_IDENTIFIERS[identifier]
    wide, _maxima = _wide(summary, scale, blank)
    headers = {a: names.get(a, a) for a in wide.columns}
    students = wide.index.tolist()
    unmatched: tuple[str, ...] = ()
    if roster is not None:
        keyed, unmatched = _match(roster, match_column, students, allow_unmatched)
        if header not in keyed.columns:
            raise ExportError(f"{roster.attrs.get('path', 'the roster')}: no column {header!r} for Moodle to "
                              f"identify users by ({identifier}); add it or choose another --moodle-identifier.")
    rows = [(header,) + tuple(headers[a] for a in wide.columns)]
    written = 0
    for student in students:
        if student in unmatched:
            continue
        who = student if roster is None else str(keyed.at[student, header])
        if not who.strip():
            raise ExportError(f"student {student!r} has an empty {header!r} in the roster; Moodle could not match them.")
        rows.append((who,) + tuple(_fmt(wide.at[student, a]) or MOODLE_NO_GRADE for a in wide.columns))
        written += 1
    return GradebookFile(rows=tuple(rows), lms="moodle", students=written,
                         assignment_columns=headers, unmatched=unmatched)


def _parse_names(pairs: list[str]) -> dict[str, str]:
    names = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours or not theirs:
            raise ExportError(f"--name wants ASSIGNMENT=LMS_NAME, got {pair!r}.")
        names[ours] = theirs
    return names


def _not_handed_in(summary_path: Path) -> set[tuple[str, str]]:
    """The work not handed in, from the ``grades.csv`` beside ``summary.csv`` (read once, summary not again)."""
    folder = summary_path if summary_path.is_dir() else summary_path.parent
    try:
        return not_handed_in(read_grades(folder / GRADES_FILE))
    except GradesFormatError as err:
        raise ExportError(f"{err} It tells work not handed in (left blank) from a zero; pass the grader's "
                          f"output folder, or --missing-as-zero to write 0 for both.") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("summary", type=Path, help="summary.csv from `course grade`, or the folder holding it")
    parser.add_argument("--lms", choices=LMS_NAMES, required=True, help="which gradebook format to write")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    parser.add_argument("--roster", type=Path, default=None,
                        help="Canvas: the course's gradebook export; Moodle: a CSV with the grader's ids and the "
                             "identifier column (see docs/platforms.md)")
    parser.add_argument("--match-column", default=None,
                        help="roster column holding the grader's student ids (default: 'SIS Login ID' for Canvas, "
                             "'student' for Moodle)")
    parser.add_argument("--moodle-identifier", choices=tuple(MOODLE_IDENTIFIERS), default="email",
                        help="what Moodle matches users on (default email)")
    parser.add_argument("--scale", choices=SCALES, default=None,
                        help="points or percent (default: points for Canvas, percent for Moodle)")
    parser.add_argument("--name", action="append", default=[], metavar="ASSIGNMENT=LMS_NAME",
                        help="column title to use for one of our assignments (repeatable)")
    parser.add_argument("--allow-unmatched", action="store_true",
                        help="leave out students the roster does not list instead of stopping")
    parser.add_argument("--missing-as-zero", action="store_true",
                        help="write 0 for work not handed in (default: leave it blank, '-' for Moodle, so late "
                             "work and extensions do not show as zeros)")


def run(args: argparse.Namespace) -> int:
    try:
        names = _parse_names(args.name)
        summary = load_summary(args.summary)
        blank = set() if args.missing_as_zero else _not_handed_in(args.summary)
        roster = read_roster(args.roster) if args.roster else None
        if args.lms == "canvas":
            book = canvas_gradebook(summary, roster, args.match_column or "SIS Login ID",
                                    args.scale or "points", names, args.allow_unmatched, blank)
        else:
            book = moodle_gradebook(summary, roster, args.moodle_identifier, args.match_column or "student",
                                    args.scale or "percent", names, args.allow_unmatched, blank)
    except (GradesFormatError, ExportError) as err:
        print(f"course export: {err}", file=sys.stderr)
        return 2
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(book.to_csv(), encoding="utf-8", newline="")
    print(f"Wrote {args.out}: {book.students} student(s), columns "
          + ", ".join(f"{k} -> {v!r}" for k, v in book.assignment_columns.items()) + ".")
    if blank:
        print(f"Left {len(blank)} grade(s) blank: nothing handed in (pass --missing-as-zero to write 0).")
    if book.unmatched:
        print(f"Left out {len(book.unmatched)} student(s) the roster does not list: "
              + ", ".join(book.unmatched[:10]) + (" ..." if len(book.unmatched) > 10 else ""), file=sys.stderr)
    if args.lms == "moodle":
        header, target = MOODLE_IDENTIFIERS[args.moodle_identifier]
        print(f"In Moodle's import preview, map from {header!r} to {target!r}, and each grade column to its grade item.")
    return 0
