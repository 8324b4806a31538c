"""Real-browser test: a lesson presents as slides (jupyterlab-slideshow's deck mode) with live widgets.

Deck mode presents the notebook itself, with its own kernel and widget manager, so an explorer on
a slide answers the instructor's clicks. The slides come from each cell's
``metadata.slideshow.slide_type`` (tests/test_classroom_slides.py checks every lesson has it).
The lesson is copied under test-output/ first, so the committed lesson is never rewritten.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout, expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "02_cost_benefit.ipynb"
EXPLORER = ".course-cost-explorer"
EXPLORER_SLIDE = "Explore the costs yourself"  # the explorer has a slide of its own, so it fits on screen
TIMEOUT = 60_000  # ms

_CURRENT_HEADING_JS = """() => {
    const shown = [...document.querySelectorAll('.jp-Notebook .jp-Cell.jp-deck-mod-onscreen')];
    const heading = shown.map(c => c.querySelector('.jp-RenderedMarkdown h1, .jp-RenderedMarkdown h2')).find(h => h);
    return heading ? heading.innerText.replace('¶', '').trim() : null;
}"""


def slide_headings(path: Path) -> list[str | None]:
    """The heading that opens each slide (not sub-slide), read from the notebook's own metadata."""
    headings: list[str | None] = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.metadata.get("slideshow", {}).get("slide_type") != "slide":
            continue
        first = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
        headings.append(first.lstrip("#").strip() if cell.cell_type == "markdown" and first.startswith("#") else None)
    return headings


@pytest.fixture
def lesson_copy(repo_root: Path, output_dir: Path) -> str:
    """A copy of the lesson under test-output/, as a path relative to the server root (the course folder)."""
    target = output_dir / LESSON
    shutil.copyfile(repo_root / "notebooks" / LESSON, target)
    return target.relative_to(repo_root).as_posix()


def press_until(lab: Any, key: str, heading: str | None, presses: int = 30) -> str | None:
    """Press ``key`` in the deck until the slide opening with ``heading`` is on screen.

    Within a slide, each press steps to the next cell that continues it (deck mode's own
    stepping), so reaching the next slide may take several presses.
    """
    for _ in range(presses):
        lab.page.keyboard.press(key)
        try:
            lab.page.wait_for_function(f"h => ({_CURRENT_HEADING_JS})() === h", arg=heading, timeout=3_000)
            break
        except PlaywrightTimeout:
            continue
    return lab.page.evaluate(_CURRENT_HEADING_JS)


def start_deck(lab: Any, path: str) -> list[str | None]:
    """Open the lesson, run it, start deck mode on its first slide; return the slides' headings."""
    expected = slide_headings(lab.server.root / path)
    lab.open(path)
    lab.run_all_cells(timeout=300_000)
    lab.page.locator(".jp-NotebookPanel .jp-Cell").first.click()  # the first slide, in command mode
    lab.page.keyboard.press("Escape")
    lab.command("deck:start")
    lab.page.wait_for_function("() => document.body.dataset.jpDeckMode === 'presenting'", timeout=TIMEOUT)
    lab.page.wait_for_function(f"h => ({_CURRENT_HEADING_JS})() === h", arg=expected[0], timeout=TIMEOUT)
    return expected


def test_lesson_steps_through_its_slides_and_its_explorer_is_live(lab: Any, lesson_copy: str,
                                                                   output_dir: Path) -> None:
    """Does the lesson present in deck mode and step through its slides in order with the arrow keys, and on the
    cost explorer's slide, does the explorer answer a changed dropdown while presenting?"""
    expected = start_deck(lab, lesson_copy)
    assert len(expected) >= 6, "the lesson should have several slides"
    explorer_slide = expected.index(EXPLORER_SLIDE)
    for index in range(1, explorer_slide + 1):
        assert press_until(lab, "ArrowRight", expected[index]) == expected[index], f"slide {index}"
    assert press_until(lab, "ArrowLeft", expected[explorer_slide - 1]) == expected[explorer_slide - 1]
    assert press_until(lab, "ArrowRight", expected[explorer_slide]) == expected[explorer_slide]
    lab.page.screenshot(path=str(output_dir / "slide_explorer.png"))

    explorer = lab.page.locator(f".jp-deck-mod-onscreen {EXPLORER}")
    expect(explorer).to_be_visible(timeout=TIMEOUT)  # on its slide with the text that introduces it
    summary = explorer.locator(".widget-html", has_text="Where fine-tuning starts to pay").first
    before = summary.inner_text()
    explorer.get_by_role("combobox", name="Large model").select_option(label="gpt-4.1")
    assert "vs gpt-4.1" not in before
    expect(summary).to_contain_text("vs gpt-4.1", timeout=TIMEOUT)  # the kernel answered, on the slide
    lab.page.screenshot(path=str(output_dir / "slide_explorer_changed.png"))
    lab.command("deck:stop")
