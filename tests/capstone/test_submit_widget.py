"""The Submit button: a labelled, thin widget over `course submit --json` (tested without a browser)."""

from __future__ import annotations

from course_lib.views.submit_widget import build_submit_widget, report_html, submit_button


def test_button_shows_where_the_file_is_when_all_checks_pass() -> None:
    """Does a click run the checks for that notebook and show the path to upload?"""
    calls = []

    def runner(notebook: str) -> dict:
        calls.append(notebook)
        return {"ok": True, "passed": ["STUDENT_ID is set"], "problems": [],
                "submission_file": "/home/ada/exercises/03_head_to_head.submission.zip"}

    widget = build_submit_widget("03_head_to_head.ipynb", runner=runner, background=False)
    assert widget.button.description == "Submit" and widget.button.tooltip
    widget.button.click()
    assert calls == ["03_head_to_head.ipynb"]
    assert "Ready to hand in" in widget.status.value and "03_head_to_head.submission.zip" in widget.status.value
    assert not widget.button.disabled


def test_button_lists_what_to_fix_and_escapes_it() -> None:
    """Are problems listed (escaped), with the reassurance that nothing was written?"""
    widget = build_submit_widget("x.ipynb", background=False, runner=lambda nb: {
        "ok": False, "passed": [], "problems": ["cell 7 fails: <ValueError>"]})
    widget.button.click()
    assert "Not submitted yet" in widget.status.value and "&lt;ValueError&gt;" in widget.status.value


def test_outside_a_kernel_it_is_a_plain_instruction() -> None:
    """When the grader runs the exercise as plain code, is the Submit cell a harmless instruction?"""
    assert submit_button("03_head_to_head.ipynb") == "To hand in, run in a terminal: course submit 03_head_to_head.ipynb"


def test_report_html_of_an_empty_report() -> None:
    """Does an empty report still render as 'not submitted'?"""
    assert "Not submitted yet" in report_html({})
