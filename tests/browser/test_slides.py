"""Real-browser test: a lesson opens as RISE slides in JupyterLab and can be stepped through.

Uses the shared ``lab`` fixture (tests/browser/conftest.py). The lesson is copied under
test-output/ first, because RISE saves the notebook when it opens the slideshow and the
committed lesson must not be rewritten by a test.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import nbformat
import pytest
from playwright.sync_api import expect

from course_lib.framework import TRAITS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "01_decision_framework.ipynb"
RISE_PREVIEW = "RISE:preview"  # jupyterlab-rise 0.43.1: "Render as Reveal Slideshow" (Alt+R)
WIDGET_CELL = "FrameworkExplorer()"
FIGURE_CELL = "decision_tree_figure()"
TIMEOUT = 60_000  # ms

_CURRENT_SLIDE_JS = """() => {
    const present = [...document.querySelectorAll('.reveal .slides > section.present')].pop();
    const heading = present && present.querySelector('h1, h2, h3');
    return heading ? heading.innerText.replace('¶', '').trim() : null;
}"""


def slide_headings(path: Path) -> list[str | None]:
    """The heading that opens each horizontal slide, read from the notebook's own metadata."""
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


def open_slides(lab: Any, path: str) -> Any:
    """Open the notebook, start RISE's slideshow beside it, and return the slideshow's frame."""
    lab.open(path)
    lab.command(RISE_PREVIEW)
    iframe = lab.page.wait_for_selector("iframe[src*='/rise/']", timeout=TIMEOUT)
    frame = iframe.content_frame()
    frame.wait_for_selector(".reveal .slides > section.present", timeout=TIMEOUT)
    frame.wait_for_function("() => location.hash.startsWith('#/slide-0-')", timeout=TIMEOUT)
    return frame


def go_to(frame: Any, key: str, index: int) -> str | None:
    """Press a key in the slideshow, wait until slide ``index`` is shown, return its heading."""
    frame.locator("body").press(key)
    frame.wait_for_function("n => location.hash.startsWith('#/slide-' + n + '-')", arg=index, timeout=TIMEOUT)
    frame.wait_for_function("() => !document.querySelector('.reveal .slides > section.present.past, "
                            ".reveal .slides > section.present.future')", timeout=TIMEOUT)
    return frame.evaluate(_CURRENT_SLIDE_JS)


def test_lesson_opens_as_slides_and_steps_through(lab: Any, lesson_copy: str, repo_root: Path,
                                                 output_dir: Path) -> None:
    """Does the lesson open as RISE slides, and do the arrow keys step through its slides in order?"""
    expected = slide_headings(repo_root / lesson_copy)
    assert len(expected) >= 6, "the lesson should have several slides"
    frame = open_slides(lab, lesson_copy)
    assert frame.evaluate(_CURRENT_SLIDE_JS) == expected[0]
    frame.locator(".reveal").first.click()
    for index in range(1, 5):
        assert go_to(frame, "ArrowRight", index) == expected[index], f"slide {index}"
    lab.page.screenshot(path=output_dir / "slide_4.png")
    assert go_to(frame, "PageUp", 3) == expected[3]  # back one slide
    slides = frame.evaluate("() => document.querySelectorAll('.reveal .slides > section').length")
    assert slides == len(expected)


def test_code_runs_in_slides_and_figures_render(lab: Any, lesson_copy: str, output_dir: Path) -> None:
    """Does a code cell run from inside the slideshow, and does its plotly figure appear on the slide?"""
    frame = open_slides(lab, lesson_copy)
    index = frame.evaluate("t => [...document.querySelectorAll('.reveal .slides > section')]"
                           ".findIndex(s => s.innerText.includes(t))", FIGURE_CELL)
    assert index > 0, f"no slide holds {FIGURE_CELL}"
    frame.evaluate("n => { location.hash = '#/slide-' + n + '-0'; }", index)
    cell = frame.locator(".jp-CodeCell", has_text=FIGURE_CELL).first
    cell.locator(".jp-InputArea-editor").click()
    lab.page.keyboard.press("Control+Enter")
    cell.locator(".js-plotly-plot").first.wait_for(timeout=120_000)
    assert cell.locator(".js-plotly-plot .main-svg").count() > 0
    lab.page.screenshot(path=output_dir / "figure_slide.png")


@pytest.mark.xfail(strict=True, reason=(
    "jupyterlab-rise 0.43.1 presents from its own app, where ipywidgets 8 widgets do not render: a widget "
    "shows as text ('Exception opening new comm'). Open upstream: jupyterlab-contrib/rise#119 (ipywidgets>=8) "
    "and #126 (anywidget). "
    "Workaround (docs/instructor_guide.md): close the slides, then re-run the widget cell in the notebook."))
def test_widgets_are_live_in_slides(lab: Any, lesson_copy: str, output_dir: Path) -> None:
    """Does a widget cell run inside the slideshow show a live widget?"""
    frame = open_slides(lab, lesson_copy)
    index = frame.evaluate("t => [...document.querySelectorAll('.reveal .slides > section')]"
                           ".findIndex(s => s.innerText.includes(t))", WIDGET_CELL)
    assert index > 0, f"no slide holds {WIDGET_CELL}"
    frame.evaluate("n => { location.hash = '#/slide-' + n + '-0'; }", index)
    cell = frame.locator(".jp-CodeCell", has_text=WIDGET_CELL).first
    cell.locator(".jp-InputArea-editor").click()
    lab.page.keyboard.press("Control+Enter")
    prompt = cell.locator(".jp-InputPrompt")
    frame.wait_for_function("el => /\\[\\d+\\]/.test(el.textContent)", arg=prompt.element_handle(),
                            timeout=120_000)
    lab.page.screenshot(path=output_dir / "widget_slide.png")
    cell.locator(".jupyter-widgets").first.wait_for(timeout=15_000)


def test_widgets_are_live_again_once_the_slides_are_closed(lab: Any, lesson_copy: str, output_dir: Path) -> None:
    """After presenting, does closing the slides and re-running the cell give a widget that answers clicks?

    (While the slideshow is open it shares the notebook's kernel and, unable to open widget
    comms, closes them: widgets created then do not respond anywhere. The instructor guide
    says to close the slides before a widget demo.)
    """
    open_slides(lab, lesson_copy)
    page = lab.page
    index = page.evaluate("""t => {
        const main = [...window.jupyterapp.shell.widgets('main')];
        main.find(w => w.node.querySelector("iframe[src*='/rise/']")).close();
        const panel = main.find(w => w.content && w.content.widgets);
        window.jupyterapp.shell.activateById(panel.id);
        const n = panel.content.widgets.findIndex(c => c.model.sharedModel.getSource().includes(t));
        panel.content.activeCellIndex = n;
        return n; }""", WIDGET_CELL)
    assert index > 0, f"no cell holds {WIDGET_CELL}"
    expect(page.locator("iframe[src*='/rise/']")).to_have_count(0)
    lab.command("notebook:run-cell")
    result = page.locator(".jp-NotebookPanel .jp-OutputArea .widget-html", has_text="Recommendation:").first
    expect(result).to_contain_text("not tried yet", timeout=120_000)
    page.get_by_role("checkbox", name=TRAITS["prompting_tried"].help).check()
    expect(result).not_to_contain_text("not tried yet", timeout=TIMEOUT)  # the kernel answered the click
    expect(result).to_contain_text("Can prompting solve it (tried and meets the target)?")
    page.screenshot(path=output_dir / "widget_after_slides.png")
