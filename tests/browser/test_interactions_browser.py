"""What a learner sees and types, in a real JupyterLab, driven from the keyboard (issue 13 points 1, 4, 5, 6).

* The explorers' charts have data on their first render, on a cold kernel's Run All while
  the CPU is kept busy, and keep it after an input changes.
* A number the explorer cannot use is refused beside its box, and the answer greyed.
* A typo in a numeric quiz answer is refused without counting an attempt.

Each lesson is run once (the ``lesson`` fixture) and its tests then work on that page in file
order, as a learner goes on from Run All.
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import ExitStack, contextmanager, nullcontext
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TIMEOUT = 60_000
BUSY_LOOP = "import time\nend = time.monotonic() + 900\nwhile time.monotonic() < end:\n    pass\n"


UNDER_LOAD = {"01_decision_framework", "02_cost_benefit"}
"""The lessons whose explorer charts once came up empty under load: run with the CPU kept busy."""


@contextmanager
def busy_cpu() -> Iterator[None]:
    """Two busy-looping processes (one per core here) while the block runs: the load that provoked the race."""
    procs = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(2)]
    try:
        yield
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def lesson(new_tab: Any) -> Iterator[Callable[[str], Any]]:
    """``lesson(name)``: the lesson open in a tab of its own, run once on a cold kernel (with the CPU busy for
    :data:`UNDER_LOAD`) with no error output; later calls return the same tab. Closed with the module."""
    with ExitStack() as tabs:
        opened: dict[str, Any] = {}

        def loaded(name: str) -> Any:
            if name not in opened:
                lab = tabs.enter_context(new_tab())
                with busy_cpu() if name in UNDER_LOAD else nullcontext():
                    lab.open(f"notebooks/{name}.ipynb")
                    lab.run_all_cells(timeout=600_000)
                assert lab.errors() == []
                opened[name] = lab
            return opened[name]

        yield loaded


def _plot_state(plot: Any) -> dict[str, int]:
    """How many traces plotly.js holds (gd.data) and draws (.trace elements), and how many shapes it draws."""
    return plot.evaluate("""gd => ({
        data: (gd.data || []).length,
        drawn: gd.querySelectorAll('.plot-container .trace').length,
        shapes: gd.querySelectorAll('.shapelayer path').length,
        title: (gd.layout && gd.layout.title && gd.layout.title.text) || ''})""")


def _widget(lab: Any, selector: str) -> Any:
    """The first element matching ``selector`` in the lab's notebook, scrolled into view."""
    box = lab.page.locator(selector).first
    box.scroll_into_view_if_needed()
    return box


def _type_into(field: Any, text: str) -> None:
    """Focus a text box, replace its text by typing, and press Enter (as a learner would)."""
    field.focus()
    field.press("Control+A")
    field.press_sequentially(text)
    field.press("Enter")


@pytest.mark.parametrize("name, explorer, traces, shapes", [
    ("01_decision_framework", ".course-framework-explorer", 6, 0),
    ("02_cost_benefit", ".course-cost-explorer", 4, 1),
])
def test_explorer_chart_has_data_on_first_render_under_load(lesson: Callable[[str], Any], output_dir: Path,
                                                            name: str, explorer: str, traces: int,
                                                            shapes: int) -> None:
    """On a cold kernel's first Run All with the CPU busy, does the explorer's chart come up with its data?"""
    assert name in UNDER_LOAD
    box = _widget(lesson(name), explorer)
    plot = box.locator(".js-plotly-plot").first
    plot.wait_for(timeout=TIMEOUT)
    state = _plot_state(plot)
    plot.scroll_into_view_if_needed()
    plot.screenshot(path=str(output_dir / f"{name}_explorer_first_render.png"))
    assert state["data"] >= traces and state["drawn"] >= traces, state
    assert state["shapes"] >= shapes, state  # the cost explorer's break-even lines


def test_framework_explorer_refuses_numbers_it_cannot_use(lesson: Callable[[str], Any], output_dir: Path) -> None:
    """Typing 2.5 examples or a 0 ms budget: is it refused beside the box, the answer greyed, and 1e6 read right?"""
    box = _widget(lesson("01_decision_framework"), ".course-framework-explorer")
    persona = box.get_by_role("checkbox", name="Must every answer carry a particular style")
    persona.focus()
    persona.press("Space")
    expect(box).to_contain_text("Recommendation: Fine-tuning", timeout=TIMEOUT)

    examples = box.get_by_label("labelled_examples:")
    _type_into(examples, "2.5")
    expect(box.locator(".course-input-message").filter(has_text="2.5 is not a whole number; kept unknown")
           ).to_be_visible(timeout=TIMEOUT)
    expect(box).to_contain_text("Not what you typed", timeout=TIMEOUT)
    expect(box.locator(".course-stale")).to_have_count(1, timeout=TIMEOUT)  # the answer is greyed
    box.screenshot(path=str(output_dir / "01_refused_2.5.png"))

    _type_into(examples, "20")
    expect(box).to_contain_text("too_little_data", timeout=TIMEOUT)
    expect(box.locator(".course-stale")).to_have_count(0, timeout=TIMEOUT)
    expect(box).not_to_contain_text("Not what you typed")

    latency = box.get_by_label("latency_budget_ms:")
    _type_into(latency, "0")
    expect(box.locator(".course-input-message").filter(has_text="must be a number > 0")).to_be_visible(timeout=TIMEOUT)

    requests = box.get_by_label("daily_requests:")
    _type_into(requests, "1e6")
    expect(box.locator(".course-input-message").filter(has_text="read as 1,000,000")).to_be_visible(timeout=TIMEOUT)
    plot = box.locator(".js-plotly-plot").first
    assert _plot_state(plot)["data"] >= 6  # still the whole tree after every change
    box.screenshot(path=str(output_dir / "01_after_typing.png"))


def test_cost_explorer_box_refuses_out_of_range_numbers(lesson: Callable[[str], Any], output_dir: Path) -> None:
    """In lesson 02, are abc, -50 and 999999 refused beside the box, with the chart keeping its curves?"""
    box = _widget(lesson("02_cost_benefit"), ".course-cost-explorer")
    tokens = box.get_by_role("textbox", name="User tokens/request")
    for typed, said in (("abc", "'abc' is not a number; kept 200"),
                        ("-50", "-50 is below the smallest allowed value, 0; kept 200"),
                        ("999999", "999999 is above the largest allowed value, 2,000; kept 200")):
        _type_into(tokens, typed)
        expect(box.locator(".course-input-message").filter(has_text=said)).to_be_visible(timeout=TIMEOUT)
    box.screenshot(path=str(output_dir / "02_refused.png"))
    _type_into(tokens, "400")
    expect(box.locator(".course-input-message").filter(has_text="kept")).to_have_count(0, timeout=TIMEOUT)
    plot = box.locator(".js-plotly-plot").first
    state = _plot_state(plot)
    assert state["data"] == 4 and state["drawn"] >= 4, state


def test_revisit_says_answer_first(lesson: Callable[[str], Any]) -> None:
    """On Run All, does the revisit cell say to answer the quiz first instead of printing a bare []?"""
    cell = _widget(lesson("05_quiz"), ".jp-CodeCell:has-text('quiz.revisit_advice()')")
    expect(cell.locator(".jp-OutputArea-output")).to_contain_text("Answer the quiz first", timeout=TIMEOUT)


def test_quiz_typo_does_not_cost_an_attempt(lesson: Callable[[str], Any], output_dir: Path) -> None:
    """In the chapter quiz, is "abc" in a number question refused, with no attempt counted or recorded?"""
    lab = lesson("05_quiz")
    progress = Path(os.environ["COURSE_PROGRESS_FILE"])
    before = progress.read_bytes() if progress.exists() else None
    widget = _widget(lab, ".course-question-widget:has(input[type=text])")
    answer = widget.get_by_role("textbox", name="Your answer")
    answer.focus()
    answer.press_sequentially("abc")
    answer.press("Tab")  # the value is sent when the box loses focus
    button = widget.get_by_role("button", name="Check answer")
    button.focus()
    button.press("Enter")
    feedback = widget.locator(".course-feedback")
    expect(feedback).to_contain_text("Not an answer", timeout=TIMEOUT)
    expect(feedback).to_contain_text("this try was not counted")
    expect(feedback).not_to_contain_text("attempt")
    expect(widget.get_by_role("button", name="Show explanation")).to_be_disabled()
    widget.screenshot(path=str(output_dir / "05_typo_refused.png"))
    after = progress.read_bytes() if progress.exists() else None
    assert after == before, "a refused typo must leave the progress file untouched"
    expect(lab.page.locator(".course-score").first).to_contain_text("(0 of 15 answered)")
