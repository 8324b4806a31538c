"""Real-browser tests: the quiz and a lesson's self-check in JupyterLab, answered from the keyboard and by clicking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from course_lib.quiz.bank import SOURCE_QUIZ_IDS, load_bank
from course_lib.quiz.progress import ProgressStore
from course_lib.quiz.model import ChoiceQuestion, NumericQuestion, Question, ScenarioQuestion
from course_lib.views.quiz_widgets import self_check

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDGET = ".course-question-widget"
TIMEOUT = 30_000  # ms, for each feedback to appear


def answers_for(question: Question) -> tuple[Any, Any]:
    """A wrong and a right answer for a question, taken from the bank data."""
    if isinstance(question, ChoiceQuestion) and not question.multiple:
        wrong = next(o for o in question.options if not o.correct)
        right = next(o for o in question.options if o.correct)
        return wrong.text, right.text
    if isinstance(question, ChoiceQuestion):
        return [next(o.text for o in question.options if not o.correct)], [o.text for o in question.options if o.correct]
    if isinstance(question, NumericQuestion):
        return str(question.answer * 3 + 1), str(question.answer)
    assert isinstance(question, ScenarioQuestion)
    best = question.best
    wrong = next(a for a in ("prompting", "rag", "fine_tuning", "hybrid") if question.accepted_for(a) is None)
    return (wrong, ()), (best.approach, question.deciding_criteria(best.approach))


APPROACH_LABELS = {"prompting": "Prompting", "rag": "Retrieval (RAG)", "fine_tuning": "Fine-tuning",
                   "hybrid": "Hybrid (RAG + fine-tuning)"}


def toggle_by_keyboard(control: Any, want: bool) -> None:
    """Focus a radio button or checkbox and press Space, as a keyboard-only learner would."""
    if control.is_checked() != want:
        control.focus()
        control.press("Space")
    expect(control).to_be_checked(checked=want)


def enter(widget: Any, question: Question, answer: Any) -> None:
    """Enter an answer the way a learner does: keyboard for options, choosing, typing."""
    if isinstance(question, ChoiceQuestion) and not question.multiple:
        toggle_by_keyboard(widget.get_by_role("radio", name=answer, exact=True), True)
    elif isinstance(question, ChoiceQuestion):
        for option in question.options:
            toggle_by_keyboard(widget.get_by_role("checkbox", name=option.text, exact=True), option.text in answer)
    elif isinstance(question, NumericQuestion):
        field = widget.locator("input[type=text]")
        field.fill(answer)
        field.press("Tab")  # the value is sent when the field loses focus
    else:
        approach, criteria = answer
        widget.locator("select").select_option(label=APPROACH_LABELS[approach])
        for box in widget.get_by_role("checkbox").all():
            name = box.evaluate("el => el.closest('label') ? el.closest('label').textContent.trim() : ''")
            toggle_by_keyboard(box, name.replace(" ", "_") in criteria)


def check_and_read(widget: Any, expected: str) -> str:
    """Press Check answer (with the keyboard's Enter, as a learner could) and wait for the verdict text."""
    button = widget.get_by_role("button", name="Check answer")
    button.focus()
    button.press("Enter")
    feedback = widget.locator(".course-feedback")
    feedback.filter(has_text=expected).wait_for(timeout=TIMEOUT)
    return feedback.inner_text()


def wrong_then_right(lab: Any, widget: Any, question: Question, output_dir: Path, name: str) -> None:
    wrong, right = answers_for(question)
    widget.scroll_into_view_if_needed()
    enter(widget, question, wrong)
    text = check_and_read(widget, "(attempt 1)")
    assert "Incorrect" in text or "Partly correct" in text, text
    widget.screenshot(path=str(output_dir / f"{name}_wrong.png"))
    enter(widget, question, right)
    text = check_and_read(widget, "(attempt 2)")
    assert "Correct (attempt 2)" in text and "Score 1.00 of 1" in text, text
    widget.get_by_role("button", name="Show explanation").click()
    widget.locator(".course-explanation").wait_for(timeout=TIMEOUT)
    widget.screenshot(path=str(output_dir / f"{name}_right.png"))


def test_quiz_notebook_in_jupyterlab(lab, output_dir, repo_root):
    """In a real JupyterLab, does 05_quiz run, render its widgets, and give the right feedback to clicks?"""
    committed = (repo_root / "notebooks/05_quiz.ipynb").read_bytes()
    lab.open("notebooks/05_quiz.ipynb")
    lab.run_all_cells()
    assert lab.errors() == []
    widgets = lab.page.locator(WIDGET)
    widgets.first.wait_for(timeout=TIMEOUT)
    assert widgets.count() == 15
    first = widgets.first
    first.scroll_into_view_if_needed()  # JupyterLab may skip rendering cells out of view
    expect(first).to_contain_text("Chatbot that must answer in JSON", timeout=TIMEOUT)
    lab.page.screenshot(path=str(output_dir / "05_quiz_page.png"))
    question = load_bank().get(SOURCE_QUIZ_IDS[0])
    wrong_then_right(lab, first, question, output_dir, "05_quiz_q1")
    expect(lab.page.locator(".course-score").first).to_contain_text("1.0 of 15 (1 of 15 answered)")
    # The progress chart (a LiveFigure: the whole plotly figure in an Output): it must render, and pick up the answers.
    progress = lab.page.locator(".course-progress")
    progress.scroll_into_view_if_needed()
    progress.get_by_role("button", name="Refresh").click()
    progress.locator(".js-plotly-plot").wait_for(timeout=TIMEOUT)
    recorded = len(ProgressStore().attempts())  # the server shares the tests' temporary progress file
    assert recorded >= 2
    progress.locator(".gtitle", has_text=f"{recorded} answers recorded").wait_for(timeout=TIMEOUT)
    progress.scroll_into_view_if_needed()
    progress.screenshot(path=str(output_dir / "05_progress_chart.png"))
    assert (repo_root / "notebooks/05_quiz.ipynb").read_bytes() == committed, "the test must not save the notebook"


def test_lesson_self_check_in_jupyterlab(lab, output_dir):
    """Does lesson 01 run in JupyterLab with its figures and widgets rendered, and its self-check answer clicks?"""
    lab.open("notebooks/01_decision_framework.ipynb")
    lab.run_all_cells()
    assert lab.errors() == []
    page = lab.page
    page.locator(".js-plotly-plot").first.wait_for(timeout=TIMEOUT)  # the plotly tree rendered
    quiz = page.locator(".course-quiz").last
    quiz.wait_for(timeout=TIMEOUT)
    expected = self_check("01_decision_framework", store=False).questions
    assert quiz.locator(WIDGET).count() == len(expected)
    widget = quiz.locator(WIDGET).first
    widget.scroll_into_view_if_needed()
    expect(widget).to_contain_text(expected[0].label, timeout=TIMEOUT)
    wrong_then_right(lab, widget, expected[0], output_dir, "01_self_check_q1")
    if isinstance(expected[0], ScenarioQuestion):
        expect(widget.locator(".course-feedback")).to_contain_text("How the decision framework walks this case")
    page.screenshot(path=str(output_dir / "01_page_end.png"))
