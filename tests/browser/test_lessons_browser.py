"""Real-browser checks of lessons 01, 02 and 05: they run top to bottom in JupyterLab, money is not typeset as
maths, the new sections render, and the quiz shows each learner's option order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from course_lib.quiz.bank import load_bank
from course_lib.quiz.shuffle import learner_key, option_order

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSONS = {
    "01_decision_framework": ["The course's rule: the order of the questions", "Reasons to fine-tune that the sources"],
    "02_cost_benefit": ["The open-weight option", "The price table"],
    "05_quiz": ["Further reading"],
}


def _markdown_cell(lab: Any, heading: str) -> Any:
    return lab.page.locator(".jp-MarkdownCell").filter(has_text=heading).first


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_lesson_runs_and_renders(lab: Any, output_dir: Path, lesson: str) -> None:
    """Does the lesson run without an error in a real JupyterLab, with no dollar amount typeset as maths, and
    do its new sections and its Further reading render (screenshots for a human to look at)?"""
    lab.open(f"notebooks/{lesson}.ipynb")
    lab.run_all_cells(timeout=300_000)
    assert lab.errors() == []
    markdown = lab.page.locator(".jp-MarkdownCell .jp-RenderedMarkdown")
    assert markdown.locator("mjx-container, .MathJax").count() == 0  # "\$" stayed money, never maths
    for heading in [*LESSONS[lesson], "Further reading"]:
        cell = _markdown_cell(lab, heading)
        cell.scroll_into_view_if_needed()
        cell.screenshot(path=str(output_dir / f"{lesson}_{heading[:24].replace(' ', '_')}.png"))
    if lesson == "02_cost_benefit":
        explorer = lab.page.locator(".jp-OutputArea").filter(has=lab.page.locator(".js-plotly-plot")).first
        explorer.scroll_into_view_if_needed()
        explorer.screenshot(path=str(output_dir / "02_cost_explorer.png"))
        assert explorer.get_by_text("LoRA open-weight model").count() >= 1
    lab.shutdown_kernel()


def test_quiz_shows_the_learners_option_order(lab: Any, output_dir: Path) -> None:
    """In the chapter quiz, are the options of the first question in this learner's shuffled order?"""
    lab.open("notebooks/05_quiz.ipynb")
    lab.run_all_cells(timeout=300_000)
    question = load_bank().get("src-q1-json-chatbot")
    widget = lab.page.locator(".course-question-widget").filter(has_text=question.title).first
    widget.scroll_into_view_if_needed()
    widget.screenshot(path=str(output_dir / "05_quiz_src_q1.png"))
    shown = widget.get_by_role("radio").all()
    labels = [r.evaluate("el => el.parentElement.textContent.trim()") for r in shown]
    expected = [question.option(i).text for i in option_order(question.id, [o.id for o in question.options],
                                                              learner=learner_key())]
    assert labels == expected
    lab.shutdown_kernel()
