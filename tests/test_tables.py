"""Tables a learner reads show every cell's full text (course_lib.views.tables)."""

from __future__ import annotations

import ast
import html
import json
from pathlib import Path

import pandas as pd
import pytest

from course_lib.framework import TRAITS
from course_lib.views.cost_views import price_table
from course_lib.views.framework_views import approaches_table, criteria_table
from course_lib.views.tables import show_table

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))
# A lesson cell may end with a table only through show_table; these end with a figure, a widget or text.
DISPLAYS = {"self_check", "progress_summary", "chapter_quiz", "scenario_practice", "print", "show_table", "display"}
WIDGET_VARIABLES = {"quiz", "practice", "chapter_scenarios", "form"}


def _text_cells(table: pd.DataFrame) -> list[str]:
    return [str(v) for v in table.reset_index().to_numpy().ravel() if isinstance(v, str)]


LESSON_TABLES = {
    "01 approaches": approaches_table,
    "01 criteria for": lambda: criteria_table("for"),
    "01 criteria against": lambda: criteria_table("against"),
    "01 caveats": lambda: criteria_table("caveat"),
    "01 traits": lambda: pd.DataFrame([{"trait": t.name, "meaning": t.help} for t in TRAITS.values()]),
    "02 prices": price_table,
    "06 criteria": criteria_table,
}


@pytest.mark.parametrize("name", LESSON_TABLES)
def test_lesson_table_shows_every_cell_in_full(name: str) -> None:
    """Does each lesson table's HTML hold every text cell whole, with no '...' cut?"""
    table = LESSON_TABLES[name]()
    shown = show_table(table).to_html()
    assert "..." not in shown and "\u2026" not in shown
    long = [t for t in _text_cells(table) if len(t) > 50]
    assert long, "the test needs a cell longer than pandas' 50-character default"
    for text in _text_cells(table):
        assert html.escape(text, quote=False).replace("$", "&#36;") in shown


def test_show_table_wraps_escapes_and_keeps_dollars_out_of_maths() -> None:
    """Are cells wrapped at word boundaries, HTML escaped, and dollar signs written as entities?"""
    shown = show_table(pd.DataFrame({"note": ["<b>costs $5 and $10</b> " + "word " * 40]})).to_html()
    assert "&lt;b&gt;costs &#36;5 and &#36;10&lt;/b&gt;" in shown and "$" not in shown
    assert "white-space: normal" in shown and "word-break: normal" in shown
    assert "overflow-x: auto" in shown  # a narrow window scrolls the table instead of cutting it


def test_show_table_hides_plain_row_numbers_only() -> None:
    """Is a 0, 1, 2... index left out while a meaningful index (criterion ids) is shown?"""
    assert "<th>0</th>" not in show_table(pd.DataFrame({"a": ["x"]})).to_html()
    assert "prompting_works" in show_table(criteria_table("against")).to_html()
    assert show_table(pd.Series([1, 2], name="n")).data.columns.tolist() == ["n"]


def test_show_table_refuses_what_is_not_a_table() -> None:
    """Does show_table say what it needs when given something else?"""
    with pytest.raises(TypeError, match="needs a pandas DataFrame"):
        show_table([1, 2])  # type: ignore[arg-type]


def _is_display(expression: ast.expr) -> bool:
    if isinstance(expression, ast.Name):
        return expression.id in WIDGET_VARIABLES
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Name):
        name = expression.func.id
        return name in DISPLAYS or name.endswith(("_figure", "Explorer"))
    if isinstance(expression, ast.Call) and isinstance(expression.func, ast.Attribute):
        return expression.func.attr.endswith("_figure")  # memo.cost_figure()
    return False


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_lesson_cells_show_tables_through_show_table(notebook: Path) -> None:
    """Does every lesson cell that ends with a value show it with show_table (or as a figure, widget or text)?"""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    bare = []
    for number, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        body = ast.parse(source).body
        if body and isinstance(body[-1], ast.Expr) and not _is_display(body[-1].value):
            bare.append(f"cell {number}: {ast.get_source_segment(source, body[-1])}")
    assert not bare, f"{notebook.name}: wrap these in show_table(...) so no text is cut: {bare}"
