"""Every lesson and exercise, run top to bottom in a real JupyterLab, then checked as a learner sees it.

Each notebook is opened once per test session on a cold kernel and run to the end (the
``notebook`` fixture); the checks below are parametrised over the loaded page: no error output,
every widget rendered, every figure drawn, no money typeset as maths, no console errors from the
course's widgets; then, at 1400 px and at 800 px with the file browser open, no control of a
course widget overlapping another or cut off; and axe-core over the course's widgets. Screenshots
of every course widget at both widths land in test-output/ for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from course_lib.quiz.bank import load_bank
from course_lib.quiz.shuffle import learner_key, option_order
from page_checks import (COURSE_ROOTS, empty_figures, layout_problems, typeset_maths, unnamed_controls,
                         widget_problems)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = [p.relative_to(REPO_ROOT).as_posix() for p in
             sorted(REPO_ROOT.glob("notebooks/*.ipynb")) + sorted(REPO_ROOT.glob("exercises/*.ipynb"))]
RUN_TIMEOUT = 420_000  # ms for one notebook's Run All on a loaded 2-core machine (lesson 03 is the longest)
WIDTHS = (1400, 800)
# Console errors that are JupyterLab's or the browser's own, not the course's.
FOREIGN_CONSOLE_ERRORS = re.compile(r"favicon|Failed to load resource: the server responded with a status of 404"
                                    r"|/api/(workspaces|translations|lsp)")
# axe rules about the whole page (landmarks, headings, title) say nothing about a widget.
PAGE_LEVEL_RULES = {"region", "landmark-one-main", "page-has-heading-one", "document-title", "html-has-lang"}


class LoadedNotebook:
    """A notebook run to the end in its own tab, and the width its page is shown at."""

    def __init__(self, lab: Any, path: str):
        self.lab = lab
        self.path = path
        self.name = Path(path).stem
        self.width = WIDTHS[0]

    @property
    def page(self) -> Any:
        return self.lab.page

    def at_width(self, width: int) -> None:
        """Show the page ``width`` px wide; below 1000 px with the file browser open beside the notebook."""
        if width == self.width:
            return
        self.page.set_viewport_size({"width": width, "height": 1000})
        if width < 1000:
            self.lab.command("filebrowser:activate")
        else:
            self.page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        self.page.wait_for_timeout(1500)  # plotly and Lumino re-lay out on the resize event
        self.width = width

    def course_widgets(self) -> Any:
        return self.page.locator(COURSE_ROOTS)


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=[Path(p).stem for p in NOTEBOOKS])
def notebook(request: pytest.FixtureRequest, new_tab: Any) -> Iterator[LoadedNotebook]:
    """The notebook opened in a fresh tab, its kernel idle, then every cell run and finished."""
    with new_tab() as lab:
        lab.open(request.param, timeout=120_000)
        lab.run_all_cells(timeout=RUN_TIMEOUT)
        lab.page.wait_for_function(  # widget views appear a moment after their cell finishes
            "() => !document.body.innerText.includes('Loading widget...')", timeout=60_000)
        yield LoadedNotebook(lab, request.param)
        lab.shutdown_kernel()


def test_runs_without_error_output(notebook: LoadedNotebook) -> None:
    """Does the notebook run top to bottom on a cold kernel with no error or traceback in any output?"""
    tracebacks = notebook.page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']")
    assert notebook.lab.errors() == [] and tracebacks.count() == 0, notebook.lab.errors()


def test_every_widget_renders(notebook: LoadedNotebook) -> None:
    """Is every widget output drawn, none left at "Loading widget..." or "Error displaying widget"?"""
    assert widget_problems(notebook.page) == []


def test_every_figure_has_data(notebook: LoadedNotebook) -> None:
    """Does every static plotly figure draw traces or annotations, not empty axes?"""
    assert empty_figures(notebook.page, live=False) == []


def test_every_figure_widget_has_data(notebook: LoadedNotebook) -> None:
    """Does every chart inside a widget (the explorers' LiveFigure) draw traces or annotations once its cell
    has run? (Issue 13 point 1: a go.FigureWidget there could stay at empty placeholder axes.)"""
    assert empty_figures(notebook.page, live=True) == []


def test_no_money_is_typeset_as_maths(notebook: LoadedNotebook) -> None:
    """Does no cell show a formula typeset by MathJax (the course has none; it would be misread money)?"""
    assert typeset_maths(notebook.page) == []


def test_no_console_errors(notebook: LoadedNotebook) -> None:
    """Did the browser console stay free of errors while the notebook ran (JupyterLab's own 404s aside)?"""
    assert [e for e in notebook.lab.console_errors if not FOREIGN_CONSOLE_ERRORS.search(e)] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_course_widgets_fit(notebook: LoadedNotebook, width: int, output_dir: Path) -> None:
    """At this width (800 px: with the file browser open), does no control of a course widget overlap
    another, run past the edge, cut its text or shrink too narrow to show its value?"""
    notebook.at_width(width)
    roots = notebook.course_widgets()
    for i in range(roots.count()):
        roots.nth(i).scroll_into_view_if_needed()
        roots.nth(i).screenshot(path=str(output_dir / f"{notebook.name}_{i}_{width}.png"))
    assert layout_problems(notebook.page) == []


def test_course_widgets_pass_axe(notebook: LoadedNotebook) -> None:
    """Does axe-core find no critical or serious violation inside the course's widgets?"""
    from axe_playwright_python.sync_playwright import Axe

    if notebook.course_widgets().count() == 0:
        pytest.skip(f"{notebook.name} shows no course widget")
    results = Axe().run(notebook.page, context={"include": [[COURSE_ROOTS]]},
                        options={"resultTypes": ["violations"]})
    serious = [f"{v['id']} ({v['impact']}): {v['help']} -- {[n['target'] for n in v['nodes']][:4]}"
               for v in results.response["violations"]
               if v["impact"] in ("critical", "serious") and v["id"] not in PAGE_LEVEL_RULES]
    assert serious == []


def test_every_control_has_a_name(notebook: LoadedNotebook) -> None:
    """Does every button, box, list and slider of a course widget have a name a screen reader announces?"""
    roots = notebook.course_widgets()
    problems = [f"widget {i}: {line}" for i in range(roots.count())
                for line in unnamed_controls(roots.nth(i).aria_snapshot())]
    assert problems == []


def test_the_quiz_shows_this_learners_option_order(notebook: LoadedNotebook) -> None:
    """In the chapter quiz, are the first question's options in this learner's shuffled order?"""
    if notebook.name != "05_quiz":
        pytest.skip("only the chapter quiz shuffles its options per learner")
    question = load_bank().get("src-q1-json-chatbot")
    widget = notebook.page.locator(".course-question-widget").filter(has_text=question.title).first
    labels = [r.evaluate("el => el.parentElement.textContent.trim()") for r in widget.get_by_role("radio").all()]
    expected = [question.option(i).text for i in option_order(question.id, [o.id for o in question.options],
                                                              learner=learner_key())]
    assert labels == expected
