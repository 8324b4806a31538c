"""Tests of the class report: numbers from the grader's output, figures, HTML, CLI and errors."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from course_lib.classroom import figures
from course_lib.classroom.grades import GradeBook, GradesFormatError, check_grades, load_gradebook
from course_lib.grading.gradebook import STATUSES
from course_lib.classroom.report_page import render_html, write_report
from course_lib.classroom.class_report import ReportSettings, build_report
from course_lib.classroom.synthetic import make_gradebook, write_gradebook
from course_lib.cli import main
from factories import create_grade_row as grade_row


def book_from_rows(rows: list[dict], root: Path | None = None) -> GradeBook:
    """A GradeBook whose summary is derived from the rows, as the grader derives it."""
    grades = check_grades(pd.DataFrame(rows))
    summary = grades.groupby(["student", "assignment"], as_index=False)[["points", "max_points"]].sum()
    summary["percent"] = 100 * summary["points"] / summary["max_points"]
    return GradeBook(grades=grades, summary=summary, root=root)


@pytest.fixture
def small_book() -> GradeBook:
    rows = [
        grade_row("ann", "q1", 2, "passed", message="Correct."),
        grade_row("ann", "q2", 0, "failed", message="Counted input tokens only.", objective="LO3"),
        grade_row("bob", "q1", 0, "failed", message="Chose RAG for a format problem."),
        grade_row("bob", "q2", 0, "failed", message="Counted input tokens only.", objective="LO3"),
        grade_row("cy", "q1", 0, "missing", message="No submission found."),
        grade_row("cy", "q2", 0, "missing", message="No submission found.", objective="LO3"),
        grade_row("dee", "q1", 2, "passed", message="Correct."),
        grade_row("dee", "q2", 1, "failed", message="Used the launch price.", objective="LO3"),
    ]
    return book_from_rows(rows)


def test_item_table_counts_each_status_and_pass_rate(small_book: GradeBook) -> None:
    """Does the item table count every status and compute the pass rate over all students?"""
    items = build_report(small_book).items.set_index("item")
    assert set(STATUSES) <= set(items.columns)
    assert items.loc["q1", ["passed", "failed", "missing"]].tolist() == [2, 1, 1]
    assert items.loc["q2", ["passed", "failed", "missing"]].tolist() == [0, 3, 1]
    assert items.loc["q1", "pass_rate"] == pytest.approx(100 * 2 / 4, abs=0.05)
    assert items.loc["q2", "mean_points"] == pytest.approx((0 + 0 + 0 + 1) / 4, abs=0.005)
    assert items.loc["q1", ["full_marks", "partial", "zero"]].tolist() == [2, 0, 2]
    assert items.loc["q2", ["full_marks", "partial", "zero"]].tolist() == [0, 1, 3]  # dee's 1 of 2


def test_missed_items_ignore_missing_submissions_and_rank_feedback(small_book: GradeBook) -> None:
    """Are missing submissions left out of 'missed', and is the commonest feedback listed first?"""
    missed = build_report(small_book).missed.set_index("item")
    assert missed.loc["q2", "attempted"] == 3  # cy handed nothing in
    assert missed.loc["q2", "not_passed"] == 3
    assert missed.index[0] == "q2"  # 100 % missed ranks above q1's 33 %
    feedback = missed.loc["q2", "common_feedback"]
    assert feedback.index("Counted input tokens only. (2)") < feedback.index("Used the launch price. (1)")
    assert "No submission found" not in feedback


def test_objectives_sum_points_over_the_class(small_book: GradeBook) -> None:
    """Is each objective's class percent the share of its points the class earned?"""
    objectives = build_report(small_book).objectives.set_index("objective")
    assert objectives.loc["LO1", "class_percent"] == pytest.approx(100 * 4 / 8, abs=0.05)
    assert objectives.loc["LO3", "class_percent"] == pytest.approx(100 * 1 / 8, abs=0.05)


def test_students_needing_help_name_their_reasons(small_book: GradeBook) -> None:
    """Is a student who handed nothing in flagged with that reason, and a strong student not flagged?"""
    settings = ReportSettings(objective_min_items=1)
    flagged = build_report(small_book, settings).needs_help.set_index("student")
    assert "nothing answered or handed in for a1" in flagged.loc["cy", "reasons"]
    assert "overall 0 %" in flagged.loc["bob", "reasons"]
    assert "ann" in flagged.index  # 50 % overall is not low, but LO3 at 0 % is weak
    assert "weak on LO3" in flagged.loc["ann", "reasons"]
    assert "dee" not in flagged.index  # 75 % overall, LO3 at 50 % is above the 40 % bar
    assert flagged.index[0] in {"bob", "cy"}  # most flags first


def test_crashed_code_is_a_reason_for_help() -> None:
    """Is a student whose code crashed or timed out flagged even with a good score?"""
    rows = [grade_row("eve", f"q{k}", 2, "passed") for k in range(4)]
    rows += [grade_row("eve", "q9", 0, "timeout", max_points=0.5)]
    flagged = build_report(book_from_rows(rows)).needs_help
    assert flagged["student"].tolist() == ["eve"]
    assert "crashed" in flagged.loc[0, "reasons"]


def test_single_item_objective_does_not_flag_by_default() -> None:
    """Does one wrong answer on a one-item objective stay unflagged unless asked for?"""
    rows = [grade_row("fay", "q1", 2, "passed"), grade_row("fay", "q2", 2, "passed"),
            grade_row("fay", "q3", 0, "failed", objective="LO6")]
    book = book_from_rows(rows)
    assert build_report(book).needs_help.empty
    assert not build_report(book, ReportSettings(objective_min_items=1)).needs_help.empty


def test_figures_are_plotly_figures_with_one_trace_per_group() -> None:
    """Do the figures have one score-distribution trace per assignment and one bar trace per status?"""
    report = build_report(make_gradebook(30, seed=3))
    dist = figures.score_distribution(report)
    assert isinstance(dist, go.Figure)
    assert [t.name for t in dist.data] == sorted(report.scores["assignment"].unique())
    assert sum(sum(t.y) for t in dist.data) == len(report.scores)
    items = figures.item_results(report)
    assert [t.name for t in items.data] == list(STATUSES)
    stacked = [sum(t.x[i] for t in items.data) for i in range(len(report.items))]
    assert stacked == report.items["students"].tolist()
    objectives = figures.objective_results(report)
    assert list(objectives.data[0].x) == report.objectives["objective"].tolist()


def test_full_marks_are_visible_in_the_score_distribution() -> None:
    """Do students at 100 % count in the last band (95-100), drawn inside the axis, not in a band past it?"""
    rows = [grade_row(f"s{i}", "q1", 2, "passed") for i in range(5)] + [grade_row("t", "q1", 1, "failed")]
    dist = figures.score_distribution(build_report(book_from_rows(rows)))
    bars = dist.data[0]
    assert bars.y[-1] == 5 and bars.y[10] == 1 and sum(bars.y) == 6
    assert bars.x[-1] + bars.width / 2 <= dist.layout.xaxis.range[1] == 100


def test_html_is_self_contained_and_escapes_text(small_book: GradeBook, tmp_path: Path) -> None:
    """Does the page carry plotly.js inline (no network) and escape what students could write?"""
    rows = [grade_row("<b>mal</b>", "q1", 0, "failed", message="<script>alert(1)</script>")]
    book = book_from_rows(rows)
    text = render_html(build_report(book), book, tmp_path / "r.html")
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;mal&lt;/b&gt;" in text
    assert not re.search(r'<script[^>]+src=', text), "every script must be inline"
    assert "Plotly.newPlot" in text and len(text) > 1_000_000  # the library itself is inlined


def test_report_for_one_student_through_the_cli(tmp_path: Path, output_dir: Path) -> None:
    """Does `course report` work for a class of one and write every table as CSV?"""
    grades_dir = write_gradebook(make_gradebook(1, seed=1), tmp_path / "grades", feedback=True)
    out = output_dir / "one_student.html"
    assert main(["report", str(grades_dir), "--out", str(out)]) == 0
    tables = out.with_name("one_student_tables")
    for name in ("assignments", "items", "objectives", "missed_items", "students_needing_help"):
        assert (tables / f"{name}.csv").exists(), name
    assignments = pd.read_csv(tables / "assignments.csv")
    summary = pd.read_csv(grades_dir / "summary.csv")
    assert assignments["students"].tolist() == [1] * summary["assignment"].nunique()
    assert assignments.set_index("assignment")["mean_percent"].to_dict() == pytest.approx(
        summary.set_index("assignment")["percent"].round(1).to_dict())
    assert "1 student(s)" in out.read_text(encoding="utf-8")


def test_report_for_2000_students_links_feedback(tmp_path: Path) -> None:
    """With 2,000 students, are all flagged students in the CSV, the HTML capped, and feedback linked?"""
    book = make_gradebook(2000, seed=7)
    grades_dir = write_gradebook(book, tmp_path / "grades")
    report = build_report(load_gradebook(grades_dir), ReportSettings(help_rows_in_html=25))
    first = report.needs_help["student"].iloc[0]
    feedback = grades_dir / "feedback" / first / "ex1_decide.html"
    feedback.parent.mkdir(parents=True)
    feedback.write_text("<p>feedback</p>", encoding="utf-8")
    out, tables = write_report(report, load_gradebook(grades_dir), tmp_path / "site" / "report.html")
    text = out.read_text(encoding="utf-8")
    assert report.n_students == 2000
    assert len(pd.read_csv(tables / "students_needing_help.csv")) == len(report.needs_help) > 25
    assert f"Showing 25 of {len(report.needs_help)} flagged students" in text
    assert f'href="../grades/feedback/{first}/ex1_decide.html"' in text


@pytest.mark.parametrize(("change", "expected"), [
    (lambda g: g.assign(status=g["status"].where(g.index != 3, "skipped")), r"grades\.csv, row 5: status 'skipped'"),
    (lambda g: g.assign(points=g["points"].astype(object).where(g.index != 0, "two")), r"grades\.csv, row 2: column 'points'"),
    (lambda g: g.drop(columns=["objective"]), r"grades\.csv: missing column\(s\) objective"),
    (lambda g: g.assign(points=g["max_points"] + 1), r"grades\.csv, row 2: points .* exceed max_points"),
])
def test_malformed_grades_name_file_and_row(tmp_path: Path, change, expected: str) -> None:
    """Does a malformed grades.csv give an error that names the file, the row and the problem?"""
    grades_dir = write_gradebook(make_gradebook(3, seed=2), tmp_path)
    grades = pd.read_csv(grades_dir / "grades.csv", dtype={"student": str})
    change(grades).to_csv(grades_dir / "grades.csv", index=False)
    with pytest.raises(GradesFormatError, match=expected):
        load_gradebook(grades_dir)


def test_missing_folder_or_file_says_what_to_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Does `course report` on a folder without the grader's files exit 2 and say what it needs?"""
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "r.html")]) == 2
    err = capsys.readouterr().err
    assert "grades.csv: file not found" in err and "course grade" in err
    assert not (tmp_path / "r.html").exists()


def test_bad_setting_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Is a negative threshold refused with the setting's name?"""
    assert main(["report", str(tmp_path), "--low-percent", "-5"]) == 2
    assert "low_percent" in capsys.readouterr().err


def test_student_ids_keep_leading_zeros(tmp_path: Path) -> None:
    """Are student ids read as text, so '007' stays '007'?"""
    rows = [grade_row("007", "q1", 2, "passed"), grade_row("7", "q1", 0, "failed")]
    write_gradebook(book_from_rows(rows), tmp_path)
    book = load_gradebook(tmp_path)
    assert sorted(book.summary["student"]) == ["007", "7"]


def test_a_class_that_missed_nothing(tmp_path: Path) -> None:
    """When every item is passed, is the missed-items table empty and the page still written?"""
    rows = [grade_row(s, q, 2, "passed", message="Correct.") for s in ("ann", "bob") for q in ("q1", "q2", "q3")]
    book = book_from_rows(rows)
    report = build_report(book)
    assert report.missed.empty and report.needs_help.empty
    out, tables = write_report(report, book, tmp_path / "r.html")
    assert "Everyone who answered an assignment passed every item." in out.read_text(encoding="utf-8")
    assert pd.read_csv(tables / "missed_items.csv").empty


def test_an_unanswered_item_counts_as_missed() -> None:
    """Is an item left unanswered ('missing') by a student who answered others counted as missed, with its message?"""
    rows = [grade_row("dan", "q1", 2, "passed"),
            grade_row("dan", "q2", 0, "missing", message="not answered yet (the answer cell is unchanged)"),
            grade_row("eve", "q1", 2, "passed"), grade_row("eve", "q2", 2, "passed")]
    missed = build_report(book_from_rows(rows)).missed.set_index("item")
    assert list(missed.index) == ["q2"]
    assert (missed.loc["q2", "attempted"], missed.loc["q2", "not_passed"]) == (2, 1)
    assert "not answered yet" in missed.loc["q2", "common_feedback"]


def test_synthetic_class_mirrors_the_real_assignments() -> None:
    """Does the benchmark's synthetic class use the real assignments' items, points and objectives?"""
    from course_lib.classroom.synthetic import assignments_from_source
    from course_lib.grading.authoring.source import default_source_dir, load_source

    real = load_source(default_source_dir())
    fake = assignments_from_source()
    assert set(fake) == set(real)
    for name, assignment in real.items():
        assert [(i.name, i.max_points, i.objective) for i in fake[name]] == \
               [(i.grade_id, i.points, i.objective) for i in assignment.items]
    book = make_gradebook(5, fake, seed=1)
    assert book.summary.groupby("assignment")["max_points"].max().to_dict() == \
           {name: a.max_points for name, a in real.items()}
