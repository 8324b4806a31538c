"""The class report and a feedback page in a real browser: readable at 1200 px without sideways scrolling."""

from __future__ import annotations

from pathlib import Path

import pytest

from course_lib.classroom.class_report import build_report
from course_lib.classroom.grades import load_gradebook
from course_lib.classroom.report_page import write_report
from course_lib.classroom.synthetic import assignments_from_source, make_gradebook, write_gradebook

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report-browser")
    grades = write_gradebook(make_gradebook(60, assignments_from_source(), seed=4), root / "grades", feedback=True)
    book = load_gradebook(grades)
    page, _ = write_report(build_report(book), book, root / "report.html")
    return page


def test_students_who_may_need_help_fit_at_1200_px(browser, report_page: Path, output_dir: Path) -> None:
    """At 1200 px wide, does the "students who may need help" table fit its box (no horizontal scrolling)?"""
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        page.goto(report_page.as_uri())
        box = page.locator("#needs-help .scroll")
        assert box.count() == 1
        scroll_width, client_width = box.evaluate("d => [d.scrollWidth, d.clientWidth]")
        box.scroll_into_view_if_needed()
        page.screenshot(path=output_dir / "needs_help_1200.png")
        assert scroll_width <= client_width, f"the table is {scroll_width} px wide in a {client_width} px box"
        assert page.locator("#needs-help td a").first.evaluate("a => a.getClientRects().length") == 1  # a link on one line
    finally:
        page.close()


def test_a_feedback_page_fits_at_800_px(browser, report_page: Path, output_dir: Path) -> None:
    """Does a student's feedback page fit an 800 px window without sideways scrolling?"""
    page = browser.new_page(viewport={"width": 800, "height": 900})
    try:
        feedback = next((report_page.parent / "grades" / "feedback").rglob("*.html"))
        page.goto(feedback.as_uri())
        page.screenshot(path=output_dir / "feedback_800.png")
        assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    finally:
        page.close()
