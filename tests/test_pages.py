"""The HTML the course renders: autoescaped templates, and one look for an object in a notebook and on a page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from course_lib.assignments.selfcheck import visible_checks
from course_lib.classroom.class_report import build_report
from course_lib.classroom.grades import load_gradebook
from course_lib.classroom.report_page import write_report
from course_lib.grading.gradebook import GradeRow, Status, write_gradebook
from course_lib.grading.scoring.outputs import write_reports
from course_lib.quiz.check import CheckResult
from factories import create_item_result, create_submission_result

HOSTILE_ID = """<img src=x onerror="alert('id')">"""
HOSTILE_TEXT = """</td><script>alert("answer")</script><td x='1'>"""


def hostile_result():
    return create_submission_result(
        HOSTILE_ID, "02_cost_model",
        create_item_result("cost_per_request", 0, 4, Status.ERROR, f"ValueError: {HOSTILE_TEXT}", "LO3"),
        notes=(f'your cell 3 printed "{HOSTILE_TEXT}"',))


def assert_escaped(page: str) -> None:
    assert "<script>alert" not in page and "<img src=x" not in page and "<td x='1'>" not in page
    assert "&lt;script&gt;alert(&#34;answer&#34;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(&#39;id&#39;)&#34;&gt;" in page


def test_a_hostile_id_and_answer_arrive_escaped_in_the_feedback_page(tmp_path: Path) -> None:
    """Are a student id and an error text full of HTML (tags, both kinds of quotes) escaped in the feedback page?"""
    write_reports(tmp_path, [hostile_result()], {})
    assert_escaped((tmp_path / "feedback" / HOSTILE_ID / "02_cost_model.html").read_text(encoding="utf-8"))


def test_a_hostile_id_and_answer_arrive_escaped_in_the_class_report(tmp_path: Path) -> None:
    """Are the same id and text escaped in the class report's tables and its link to the feedback page?"""
    rows = [GradeRow(HOSTILE_ID, "02_cost_model", "cost_per_request", 0, 4, Status.ERROR, HOSTILE_TEXT, "LO3"),
            GradeRow("ada", "02_cost_model", "cost_per_request", 4, 4, Status.PASSED, "", "LO3")]
    write_gradebook(tmp_path / "grades", rows, {(HOSTILE_ID, "02_cost_model"): "<p>feedback</p>"})
    book = load_gradebook(tmp_path / "grades")
    page, _ = write_report(build_report(book), book, tmp_path / "report.html")
    text = page.read_text(encoding="utf-8")
    assert_escaped(text)
    assert 'href="grades/feedback/&lt;img src=x onerror=&#34;alert(&#39;id&#39;)&#34;&gt;/02_cost_model.html"' in text


def test_a_submission_looks_the_same_in_a_notebook_and_on_its_feedback_page(tmp_path: Path) -> None:
    """Is a grader result's _repr_html_ exactly the block its feedback page shows (one template for both)?"""
    result = hostile_result()
    write_reports(tmp_path, [result], {})
    page = (tmp_path / "feedback" / HOSTILE_ID / "02_cost_model.html").read_text(encoding="utf-8")
    assert result._repr_html_() in page
    assert_escaped(result._repr_html_())
    row = result.items[0]._repr_html_()
    assert "<tbody>\n<tr><td>cost_per_request</td><td>LO3</td><td>0 / 4</td><td>error</td>" in row


def test_a_quiz_result_renders_escaped_with_its_verdict_in_words() -> None:
    """Does a CheckResult show its verdict in words, its score and its explanation, with HTML in them escaped?"""
    result = CheckResult(False, 0.5, f"Partly correct. {HOSTILE_TEXT}", "Because <b>reasons</b>.", "q1",
                         (("approach", 0.5),))
    html = result._repr_html_()
    assert "<strong>Partly correct</strong> (q1): score 0.50 of 1." in html
    assert "<script>" not in html and "&lt;b&gt;reasons&lt;/b&gt;" in html and "approach: 0.50" in html


def test_a_visible_check_renders_each_line_and_its_summary() -> None:
    """Does a check() result show each line with ok/todo in words and its summary, escaped?"""
    html = visible_checks("mascot_voice", {"mascot_voice": {"approach": "<b>rag</b>", "criteria": []}})._repr_html_()
    assert "<strong>todo</strong> approach must be one of" in html and "&lt;b&gt;rag&lt;/b&gt;" in html
    assert "mascot_voice: 0 of 2 visible checks pass." in html


def test_report_tables_keep_numbers_right_aligned_and_text_escaped() -> None:
    """Does the table partial mark numbers as numbers and escape text cells?"""
    from course_lib.classroom.report_page import table
    from course_lib.rendering import render

    html = render("_table.html.j2", table=table(pd.DataFrame({"who": ["<i>x</i>"], "n": [3], "pct": [12.5]})))
    assert '<td>&lt;i&gt;x&lt;/i&gt;</td><td class="num">3</td><td class="num">12.5</td>' in html


def feedback_for(tmp_path: Path, result, assignments=None) -> str:
    write_reports(tmp_path, [result], {}, assignments=assignments)
    return (tmp_path / "feedback" / result.student / f"{result.assignment}.html").read_text(encoding="utf-8")


def test_feedback_rounds_points_to_two_decimals(tmp_path: Path) -> None:
    """Does the feedback page show 2.14 / 3 rather than 2.1429 / 3 (grades.csv keeps four decimals)?"""
    result = create_submission_result("ada", "a", create_item_result("x", 2.142857, 3, Status.FAILED, "6 of 7"))
    page = feedback_for(tmp_path, result)
    assert "<td>2.14 / 3</td>" in page and "Score: <strong>2.14 of 3</strong>" in page and "2.1429" not in page
    assert "2.1429" in (tmp_path / "grades.csv").read_text(encoding="utf-8")


def test_hand_graded_items_say_who_grades_them(tmp_path: Path) -> None:
    """Is a justification waiting for the instructor shown as "graded by your instructor", not "passed" at 0?"""
    result = create_submission_result(
        "ada", "a", create_item_result("x_why", 0, 1, Status.PASSED, "justification present", kind="manual"),
        create_item_result("x", 2, 2, Status.PASSED, ""))
    page = feedback_for(tmp_path, result)
    assert "<td>0 / 1</td><td>graded by your instructor</td>" in page
    assert "<td>2 / 2</td><td>passed</td>" in page
    assert "graded by your instructor" in result._repr_html_()


def test_items_are_named_by_the_notebooks_task_titles(tmp_path: Path) -> None:
    """Does the feedback page name items by the task titles the student read (no internal ids, no point counts)?"""
    from course_lib.grading.authoring.source import load_source
    from factories import SOLUTIONS

    sources = load_source(SOLUTIONS, ("02_cost_model", "01_justify_the_approach"))
    result = create_submission_result("ada", "02_cost_model", create_item_result("break_even", 3, 3),
                                      create_item_result("cost_per_request", 4, 4))
    page = feedback_for(tmp_path, result, sources)
    assert "<td>Task 3: the break-even volume</td>" in page and "<td>Task 1: the cost of one request</td>" in page
    assert "<td>break_even</td>" not in page and "points)" not in page
    from course_lib.grading.scoring.outputs import task_titles

    titles = task_titles(sources["01_justify_the_approach"])
    assert titles["mascot_voice_why"] == titles["mascot_voice"] + " (justification)"
    assert set(titles) == {item.grade_id for item in sources["01_justify_the_approach"].items}


def test_every_failed_case_is_listed_by_its_label() -> None:
    """Does run_cases name every failed case (no "... and 1 more"), so the student learns the last one too?"""
    from course_lib.grading.scoring import hidden

    cases = [{"label": f"case {k}", "args": [k], "expected": -1} for k in range(5)]
    with hidden.collect_notes() as notes:
        score = hidden.run_cases(lambda k: k, cases, points=5)
    assert score == 0
    assert all(any(f"case {k}: wrong value" in n for n in notes) for k in range(5))
    assert not any("more" in n for n in notes)
