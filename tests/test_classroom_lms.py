"""Tests of the gradebook exports against Canvas's and Moodle's documented import columns.

Canvas: its gradebook import reads the layout of its own export (canvas-lms
``GradebookExporter``): ``Student, ID, SIS User ID, SIS Login ID, Section``, the
assignment columns (``Title (id)`` for an existing one), and a second row
``"    Points Possible"``. Moodle (``grade/import/csv``): one identifying column mapped
to ``userid``/``useridnumber``/``useremail``/``username``, one column per grade item,
``-`` or empty for no grade, values above 100 refused unless the site allows more.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from course_lib.grading.gradebook import GradeRow, Status, write_gradebook

from course_lib.classroom.grades import check_summary
from course_lib.classroom.lms import (
    CANVAS_ID_COLUMNS,
    ExportError,
    canvas_gradebook,
    moodle_gradebook,
)
from course_lib.cli import main

CANVAS_DOCUMENTED_HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def summary_of(rows: list[tuple[str, str, float, float]]) -> pd.DataFrame:
    """A checked summary.csv from (student, assignment, points, max_points) tuples."""
    frame = pd.DataFrame(rows, columns=["student", "assignment", "points", "max_points"])
    frame["percent"] = 100 * frame["points"] / frame["max_points"]
    return check_summary(frame)


@pytest.fixture
def summary() -> pd.DataFrame:
    return summary_of([
        ("ann", "ex1", 6, 8), ("ann", "ex2", 3.5, 7),
        ("bob", "ex1", 8, 8), ("bob", "ex2", 0, 7),
        ("cy", "ex1", 2, 8),  # cy has no row for ex2
    ])


def parse(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def canvas_export(tmp_path: Path) -> Path:
    """A roster shaped like Canvas's own gradebook export (with its Points Possible row)."""
    rows = [
        CANVAS_DOCUMENTED_HEADER + ["ex1 (4321)", "Current Score"],
        ["    Points Possible", "", "", "", "", "8", "(read only)"],
        ["Smith, Ann", "101", "S-1", "ann", "Section 1", "", "0"],
        ["Jones, Bob", "102", "S-2", "bob", "Section 2", "", "0"],
        ["Lee, Cy", "103", "S-3", "cy", "Section 1", "", "0"],
        ["Student, Test", "999", "", "", "Section 1", "", "0"],
    ]
    path = tmp_path / "canvas_export.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_canvas_header_and_points_possible_row(summary: pd.DataFrame) -> None:
    """Does the Canvas file start with Canvas's documented columns and carry the Points Possible row?"""
    rows = parse(canvas_gradebook(summary).to_csv())
    assert rows[0][:5] == CANVAS_DOCUMENTED_HEADER == list(CANVAS_ID_COLUMNS)
    assert rows[0][5:] == ["ex1", "ex2"]
    assert rows[1][0] == "    Points Possible" and rows[1][1:5] == ["", "", "", ""]
    assert [float(v) for v in rows[1][5:]] == [8.0, 7.0]
    by_login = {r[3]: r for r in rows[2:]}
    assert set(by_login) == {"ann", "bob", "cy"}
    assert float(by_login["ann"][6]) == 3.5
    assert by_login["cy"][6] == ""  # no grade: an empty cell leaves Canvas's value alone
    assert all(len(r) == len(rows[0]) for r in rows)


def test_canvas_roster_supplies_identity_and_existing_assignment(summary: pd.DataFrame, tmp_path: Path) -> None:
    """With Canvas's export as roster, are names, ids and sections copied and an existing assignment reused?"""
    from course_lib.classroom.lms import read_roster

    book = canvas_gradebook(summary, read_roster(canvas_export(tmp_path)))
    text = book.to_csv()
    rows = parse(text)
    assert rows[0] == CANVAS_DOCUMENTED_HEADER + ["ex1 (4321)", "ex2"]
    ann = next(r for r in rows if r[3] == "ann")
    assert ann[:5] == ["Smith, Ann", "101", "S-1", "ann", "Section 1"]
    assert '"Smith, Ann"' in text  # a comma in a name is quoted
    assert not any(r[0] == "Student, Test" for r in rows)  # only graded students go in
    assert sum(r[0].strip() == "Points Possible" for r in rows) == 1


def test_canvas_unmatched_student_is_named(summary: pd.DataFrame, tmp_path: Path) -> None:
    """Is a student the roster lacks named in the error, and left out only when allowed?"""
    from course_lib.classroom.lms import read_roster

    extra = pd.concat([summary, summary_of([("zed", "ex1", 1, 8)])], ignore_index=True)
    roster = read_roster(canvas_export(tmp_path))
    with pytest.raises(ExportError, match=r"SIS Login ID.*: zed\. .*--allow-unmatched"):
        canvas_gradebook(extra, roster)
    book = canvas_gradebook(extra, roster, allow_unmatched=True)
    assert book.unmatched == ("zed",) and book.students == 3


def test_canvas_roster_must_be_a_canvas_export(summary: pd.DataFrame) -> None:
    """Is a roster without Canvas's id columns refused with the missing columns named?"""
    roster = pd.DataFrame({"SIS Login ID": ["ann", "bob", "cy"], "name": ["A", "B", "C"]})
    with pytest.raises(ExportError, match="missing column.*Student"):
        canvas_gradebook(summary, roster)


def test_moodle_identifier_column_and_percent_values(summary: pd.DataFrame) -> None:
    """Does the Moodle file have one identifying column, a column per item, '-' for no grade, all <= 100?"""
    rows = parse(moodle_gradebook(summary).to_csv())
    assert rows[0] == ["Email address", "ex1", "ex2"]
    values = {r[0]: r[1:] for r in rows[1:]}
    assert values["cy"][1] == "-"
    assert float(values["ann"][0]) == pytest.approx(75.0)
    assert float(values["ann"][1]) == pytest.approx(50.0)
    numbers = [float(v) for r in rows[1:] for v in r[1:] if v != "-"]
    assert numbers and max(numbers) <= 100  # Moodle refuses grades above gradepointmax (100)


@pytest.mark.parametrize(("identifier", "header"), [("email", "Email address"), ("idnumber", "ID number"),
                                                    ("username", "Username")])
def test_moodle_roster_maps_to_the_chosen_identifier(summary: pd.DataFrame, identifier: str, header: str) -> None:
    """Does the roster turn grader ids into the identifier Moodle maps on (useremail/useridnumber/username)?"""
    roster = pd.DataFrame({"student": ["ann", "bob", "cy"], header: ["a@x.org", "b@x.org", "c@x.org"]})
    rows = parse(moodle_gradebook(summary, roster, identifier=identifier, scale="points").to_csv())
    assert rows[0][0] == header
    assert {r[0] for r in rows[1:]} == {"a@x.org", "b@x.org", "c@x.org"}
    ann = next(r for r in rows if r[0] == "a@x.org")
    assert [float(v) for v in ann[1:]] == [6.0, 3.5]


def test_moodle_roster_without_the_identifier_column_is_refused(summary: pd.DataFrame) -> None:
    """Is a roster without the identifier column refused, naming the column?"""
    roster = pd.DataFrame({"student": ["ann", "bob", "cy"]})
    with pytest.raises(ExportError, match="'Email address'"):
        moodle_gradebook(summary, roster)


def test_export_cli_writes_both_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Does `course export` write each format from a grader folder, honouring --name, and leave work
    not handed in blank ('-' for Moodle) unless --missing-as-zero?"""
    grades = tmp_path / "grades"
    write_gradebook(grades, [GradeRow("ann", "ex1", "q1", 6, 8, Status.PASSED, "", "LO1"),
                             GradeRow("bob", "ex1", "q1", 0, 8, Status.MISSING, "no ex1.ipynb submitted", "LO1")])
    canvas, moodle = tmp_path / "canvas.csv", tmp_path / "moodle.csv"
    assert main(["export", str(grades), "--lms", "canvas", "--out", str(canvas), "--name", "ex1=Exercise 1"]) == 0
    rows = parse(canvas.read_text(encoding="utf-8"))
    assert rows[0][5] == "Exercise 1" and rows[2][0] == "ann" and rows[2][5] == "6" and rows[3][5] == ""
    assert "Left 1 grade(s) blank" in capsys.readouterr().out
    assert main(["export", str(grades / "summary.csv"), "--lms", "moodle", "--out", str(moodle)]) == 0
    assert parse(moodle.read_text(encoding="utf-8"))[1:] == [["ann", "75"], ["bob", "-"]]
    assert "useremail" in capsys.readouterr().out
    assert main(["export", str(grades), "--lms", "moodle", "--out", str(moodle), "--missing-as-zero"]) == 0
    assert parse(moodle.read_text(encoding="utf-8"))[2] == ["bob", "0"]


def test_export_cli_reports_user_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Do a missing summary and a malformed --name exit 2 with a message, writing nothing?"""
    out = tmp_path / "x.csv"
    assert main(["export", str(tmp_path), "--lms", "canvas", "--out", str(out)]) == 2
    assert "summary.csv: file not found" in capsys.readouterr().err
    summary_of([("ann", "ex1", 6, 8)]).to_csv(tmp_path / "summary.csv", index=False)
    assert main(["export", str(tmp_path), "--lms", "canvas", "--out", str(out), "--name", "ex1"]) == 2
    assert "ASSIGNMENT=LMS_NAME" in capsys.readouterr().err
    assert not out.exists()
