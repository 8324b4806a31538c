"""Real-browser test: lesson 03b runs in JupyterLab, its explorer answers from the keyboard, at 1400 and 800 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXPLORER = ".course-knowledge-explorer"


def test_the_knowledge_lab_runs_and_answers_a_typed_question(lab, output_dir) -> None:
    """Does lesson 03b run without errors, typeset no money as maths, and answer a question typed + Enter, in both versions?"""
    lab.open("notebooks/03b_knowledge_lab.ipynb")
    lab.run_all_cells(timeout=240_000)
    assert lab.errors() == []
    assert lab.page.locator(".jp-MarkdownCell mjx-container, .jp-MarkdownCell .MathJax").count() == 0
    explorer = lab.page.locator(EXPLORER)
    explorer.scroll_into_view_if_needed()
    expect(explorer).to_contain_text("Answer: 30 days", timeout=30_000)
    field = explorer.get_by_role("textbox", name="your question")
    field.fill("How much does the Ridge 30 daypack cost?")
    field.press("Enter")
    expect(explorer).to_contain_text("Answer: $89.00", timeout=30_000)
    explorer.get_by_role("combobox", name="knowledge").select_option(label="version 2: a season later")
    expect(explorer).to_contain_text("Answer: $95.00", timeout=30_000)
    explorer.screenshot(path=str(output_dir / "explorer_1400.png"))
    lab.page.set_viewport_size({"width": 800, "height": 1000})
    explorer.scroll_into_view_if_needed()
    explorer.screenshot(path=str(output_dir / "explorer_800.png"))
    for name, index in (("retrieval", 15), ("paraphrases", 20), ("before_after", 26), ("costs", 36)):
        cell = lab.page.locator(".jp-Cell").nth(index)
        cell.scroll_into_view_if_needed()
        cell.screenshot(path=str(output_dir / f"{name}_800.png"))
    lab.shutdown_kernel()
