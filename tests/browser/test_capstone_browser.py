"""Real-browser check of lesson 07: it runs in JupyterLab, the memo and its chart render, nothing is typeset as maths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_capstone_lesson_shows_the_memo_and_its_chart(lab: Any, output_dir: Path) -> None:
    """Does lesson 07 run without errors, show the memo as a page with its sections and the cost chart, with no
    amount typeset as maths, and the form with labelled controls (screenshots for a human to look at)?"""
    lab.open("notebooks/07_your_decision.ipynb")
    lab.run_all_cells(timeout=300_000)
    assert lab.errors() == []
    page = lab.page
    assert page.locator("mjx-container, .MathJax").count() == 0
    memo = page.locator(".jp-OutputArea .decision-memo").first
    memo.scroll_into_view_if_needed()
    for heading in ("Recommendation", "Cost projection", "What would change the decision", "Experiment plan"):
        assert memo.get_by_role("heading", name=heading).count() == 1
    memo.screenshot(path=str(output_dir / "07_memo.png"))
    chart = page.locator(".jp-OutputArea .js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    chart.screenshot(path=str(output_dir / "07_cost_chart.png"))
    assert chart.get_by_text("gpt-4o-mini, fine-tuned").count() >= 1
    form = page.locator(".course-memo-form").first
    form.scroll_into_view_if_needed()
    assert form.get_by_role("button", name="Build memo").count() == 1
    assert form.get_by_label("Requests per day").count() == 1  # labels are tied to their inputs
    form.screenshot(path=str(output_dir / "07_form.png"))
    lab.shutdown_kernel()
