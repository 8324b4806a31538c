"""The student's check() in a real JupyterLab: its result shows once, as HTML, beside the placeholder-id note."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def test_check_results_render_in_the_exercise(lab, output_dir: Path) -> None:
    """Run top to bottom untouched, does exercise 02 show each check() once as HTML, say "not written yet" once
    per function, and note the placeholder STUDENT_ID in one line, with no error output?"""
    lab.open("exercises/02_cost_model.ipynb")
    lab.run_all_cells()
    checks = lab.page.locator(".jp-OutputArea-output .course-visible-check")
    first = checks.first
    first.scroll_into_view_if_needed()
    lab.page.screenshot(path=output_dir / "exercise_02_checks.png")
    assert checks.count() == 5  # one per check("...") cell of the exercise, none shown twice
    assert first.inner_text().count("not written yet") == 1
    assert "cost_per_request: 0 of 2 visible checks pass." in first.inner_text()
    notes = lab.page.locator(".jp-OutputArea-output").filter(has_text="sample numbers, not yours")
    assert notes.count() == 1
    assert lab.errors() == []
    lab.shutdown_kernel()
