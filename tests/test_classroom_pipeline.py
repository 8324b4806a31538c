"""End to end on real grader output: `course grade`, then `course report` and `course export` on what it wrote."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from course_lib.cli import main as course
from factories import create_submission

pytestmark = pytest.mark.slow

ASSIGNMENT = "02_cost_model"


@pytest.fixture(scope="module")
def grading_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pipeline")
    subs = root / "submissions"
    plans = {"ada": create_submission(ASSIGNMENT, "ada"),
             "cy": create_submission(ASSIGNMENT, "cy", {"break_even_answer": "stub"}),
             "bob": create_submission(ASSIGNMENT, None)}
    for student, nb in plans.items():
        (subs / student).mkdir(parents=True)
        (subs / student / f"{ASSIGNMENT}.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    out = root / "grading-output"
    assert course(["grade", str(subs), "--out", str(out), "--assignment", ASSIGNMENT, "--no-progress"]) == 0
    return out


def test_report_reads_the_graders_output(grading_output: Path, tmp_path: Path) -> None:
    """Does the report agree with summary.csv, flag the student who handed in the stubs, and link feedback?"""
    out = tmp_path / "report.html"
    assert course(["report", str(grading_output), "--out", str(out)]) == 0
    tables = tmp_path / "report_tables"
    summary = pd.read_csv(grading_output / "summary.csv", dtype={"student": str})
    assignments = pd.read_csv(tables / "assignments.csv")
    assert assignments.loc[0, "mean_percent"] == pytest.approx(summary["percent"].mean(), abs=0.05)
    flagged = pd.read_csv(tables / "students_needing_help.csv", dtype={"student": str}).set_index("student")
    assert "bob" in flagged.index and "overall 0 %" in flagged.loc["bob", "reasons"]
    assert "ada" not in flagged.index
    missed = pd.read_csv(tables / "missed_items.csv")
    grades = pd.read_csv(grading_output / "grades.csv", dtype={"student": str}, keep_default_na=False)
    cy_break_even = grades[(grades["student"] == "cy") & (grades["item"] == "break_even")].iloc[0]
    assert cy_break_even["status"] != "passed"
    row = missed[missed["item"] == "break_even"].iloc[0]
    assert row["not_passed"] == 1  # cy left it unanswered; bob answered nothing at all and is flagged instead
    assert row["attempted"] == 2  # ada and cy
    assert cy_break_even["message"] in row["common_feedback"]
    assert "nothing answered or handed in for 02_cost_model" in flagged.loc["bob", "reasons"]
    assert "feedback/bob/02_cost_model.html" in out.read_text(encoding="utf-8")


def test_exports_carry_the_graders_points(grading_output: Path, tmp_path: Path) -> None:
    """Do the Canvas and Moodle files carry exactly summary.csv's points and percentages, and leave bob, who
    handed nothing in, blank instead of 0?"""
    summary = pd.read_csv(grading_output / "summary.csv", dtype={"student": str}).set_index("student")
    canvas, moodle = tmp_path / "canvas.csv", tmp_path / "moodle.csv"
    assert course(["export", str(grading_output), "--lms", "canvas", "--out", str(canvas)]) == 0
    assert course(["export", str(grading_output), "--lms", "moodle", "--out", str(moodle)]) == 0
    rows = list(csv.reader(io.StringIO(canvas.read_text(encoding="utf-8"))))
    assert rows[0][5] == ASSIGNMENT and float(rows[1][5]) == summary["max_points"].iloc[0]
    for row in rows[2:]:
        if row[3] == "bob":
            assert row[5] == ""
        else:
            assert float(row[5]) == pytest.approx(summary.loc[row[3], "points"])
    rows = list(csv.reader(io.StringIO(moodle.read_text(encoding="utf-8"))))
    assert ["bob", "-"] in rows
    for row in rows[1:]:
        if row[0] != "bob":
            assert float(row[1]) == pytest.approx(summary.loc[row[0], "percent"], abs=0.01)
