"""Golden files: everything the grader and the class report write, byte for byte.

A change to a file's format shows up here as a diff against ``tests/goldens/``.
When the change is intended, refresh them with ``pytest tests/test_goldens.py
--update-goldens`` and review the diff before committing it.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from course_lib.classroom.class_report import build_report
from course_lib.classroom.grades import load_gradebook
from course_lib.classroom.report_page import write_report
from course_lib.classroom.synthetic import make_gradebook, write_gradebook
from course_lib.grading.gradebook import Status
from course_lib.grading.scoring.outputs import ManualPoints, write_reports
from course_lib.grading.authoring.source import load_source
from factories import SOLUTIONS, create_item_result, create_submission_result

GENERATED = datetime(2026, 1, 15, 9, 30, tzinfo=timezone.utc)  # the time the report page says it was made


def class_results():
    """A small class as the grader returns it: full marks, partial credit with notes, a crash, nothing handed in."""
    cost = "02_cost_model"
    return [
        create_submission_result("ada", cost,
                                 create_item_result("cost_per_request", 4, 4, Status.PASSED, "", "LO3"),
                                 create_item_result("break_even", 3, 3, Status.PASSED, "", "LO3"),
                                 create_item_result("break_even_why", 0, 2, Status.PASSED,
                                                    "justification present (31 words); points are awarded by the instructor",
                                                    "LO3", kind="manual")),
        create_submission_result("bob", cost,
                                 create_item_result("cost_per_request", 2.142857, 4, Status.FAILED,
                                                    "3 of 7 cases wrong: caching below 1,024 tokens.", "LO3"),
                                 create_item_result("break_even", 0, 3, Status.ERROR,
                                                    "ZeroDivisionError: division by zero", "LO3"),
                                 create_item_result("break_even_why", 0, 2, Status.MISSING, "no justification written yet",
                                                    "LO3", kind="manual"),
                                 notes=("your cell 12 raised NameError: name 'x' is not defined",)),
        create_submission_result("=cy", cost,  # an id that starts like a spreadsheet formula
                                 *(create_item_result(item, 0, points, Status.MISSING, "No submission found.", "LO3",
                                                      kind=kind)
                                   for item, points, kind in (("cost_per_request", 4, "auto"), ("break_even", 3, "auto"),
                                                              ("break_even_why", 2, "manual")))),
    ]


def sources():
    """The real source of assignment 02, for its task titles."""
    return load_source(SOLUTIONS, ("02_cost_model",))


@pytest.fixture(scope="module")
def grading_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("golden-grading")
    manual = {("ada", "02_cost_model", "break_even_why"): ManualPoints(1.5, "clear, names the overhead")}
    write_reports(out, class_results(), manual, gradescope=True, feedback="full", assignments=sources())
    return out


@pytest.mark.parametrize("name", [
    "grades.csv", "summary.csv", "feedback/bob/02_cost_model.html",
    "gradescope/bob/02_cost_model/results.json",
])
def test_the_grader_writes_its_golden_files(grading_run: Path, golden, name: str) -> None:
    """Does each file of a grading run match its golden copy byte for byte?"""
    golden(f"grading/{name}", (grading_run / name).read_text(encoding="utf-8"))


def test_the_score_only_level_has_its_golden_page_and_results(tmp_path: Path, golden) -> None:
    """At --feedback score, do the page and results.json match their golden copies (points, no reasons)?"""
    write_reports(tmp_path, class_results(), {}, gradescope=True, feedback="score", assignments=sources())
    golden("grading-score/feedback/bob/02_cost_model.html",
           (tmp_path / "feedback" / "bob" / "02_cost_model.html").read_text(encoding="utf-8"))
    golden("grading-score/gradescope/bob/02_cost_model/results.json",
           (tmp_path / "gradescope" / "bob" / "02_cost_model" / "results.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    root = tmp_path_factory.mktemp("golden-report")
    grades = write_gradebook(make_gradebook(12, seed=7), root / "grades", feedback=True)
    book = load_gradebook(grades)
    page, tables = write_report(build_report(book), book, root / "site" / "report.html", generated=GENERATED)
    return grades, page, tables


@pytest.mark.parametrize("name", ["assignments", "items", "objectives", "missed_items", "students_needing_help",
                                  "student_scores", "student_objectives"])
def test_the_report_tables_match_their_golden_files(report_run, golden, name: str) -> None:
    """Does each CSV table of the class report match its golden copy?"""
    _, _, tables = report_run
    golden(f"report/tables/{name}.csv", (tables / f"{name}.csv").read_text(encoding="utf-8"))


def test_the_synthetic_class_writes_the_graders_format(report_run, golden) -> None:
    """Does the synthetic class write grades.csv and summary.csv exactly as their golden copies (the grader's format)?"""
    grades, _, _ = report_run
    assert (grades / "feedback" / "s01" / "ex2_costs.html").exists()
    for name in ("grades.csv", "summary.csv"):
        golden(f"report/grades/{name}", (grades / name).read_text(encoding="utf-8"))


def test_the_report_page_matches_its_golden_file(report_run, golden) -> None:
    """Does the report page match its golden copy once plotly's scripts and the temporary folder are taken out?"""
    grades, page, _ = report_run
    text = page.read_text(encoding="utf-8").replace(str(grades), "GRADES")
    text = re.sub(r"<script\b[^>]*>.*?</script>", "<script>(plotly)</script>", text, flags=re.DOTALL)
    golden("report/report.html", text)
