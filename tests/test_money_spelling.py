"""Is money written so that JupyterLab can never typeset it as maths?

JupyterLab 4 hands Markdown to MathJax after marked has turned ``\\$`` and ``&#36;`` back into
``$``: two such amounts in one paragraph become one italic formula (seen in lessons 02 and 03).
The course's one convention is therefore the currency code, ``USD 5.00``, with no dollar sign at
all in prose. A dollar sign stays allowed inside code (``$1,027.50`` as something to type),
which MathJax never looks into; tests/browser/test_every_notebook_browser.py checks the
rendered pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted([*REPO_ROOT.glob("notebooks/*.ipynb"), *REPO_ROOT.glob("solutions/*.ipynb"),
                    *REPO_ROOT.glob("exercises/*.ipynb")])
_FENCED = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
# Every spelling a browser shows as "$": the character, its escapes and its HTML entities.
_DOLLAR = re.compile(r"\$|&#0*36;|&#x0*24;|&dollar;", re.I)


def typesettable_dollars(markdown: str) -> list[str]:
    """Each line of ``markdown`` that shows a dollar sign outside code, where MathJax may pair it.

    Args:
        markdown: The source of a Markdown cell.

    Returns:
        The offending lines, stripped (empty when the cell is safe).
    """
    prose = _CODE_SPAN.sub("", _FENCED.sub("", markdown))
    return [line.strip() for line in prose.splitlines() if _DOLLAR.search(line)]


def test_there_are_notebooks_to_check() -> None:
    """Are the lessons, solutions and exercises found at all?"""
    assert len(NOTEBOOKS) >= 10


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[f"{p.parent.name}/{p.stem}" for p in NOTEBOOKS])
def test_markdown_money_uses_the_currency_code(path: Path) -> None:
    """Does every Markdown cell write money as 'USD 5.00', never with a dollar sign MathJax could pair?"""
    problems = [f"cell {i}: {line}" for i, cell in enumerate(nbformat.read(path, as_version=4).cells)
                if cell.cell_type == "markdown" for line in typesettable_dollars(cell.source)]
    assert not problems, (f"{path.relative_to(REPO_ROOT)} writes money with a dollar sign, which JupyterLab "
                          "may typeset as maths; write 'USD 5.00' instead:\n" + "\n".join(problems))


@pytest.mark.parametrize("spelling", ["\\$5.00", "&#36;5.00", "&#x24;5", "&dollar;5", "$5"])
def test_checker_catches_every_dollar_spelling(spelling: str) -> None:
    """Does the check flag the escaped sign, both entities and the bare sign in prose?"""
    assert typesettable_dollars(f"costs **{spelling}** a day\nand more") == [f"costs **{spelling}** a day"]


def test_checker_allows_code_and_the_currency_code() -> None:
    """Are dollar signs inside inline code and fenced blocks, and 'USD 5.00' in prose, left alone?"""
    cell = "Type `$1,027.50` or `1027.5`.\n\n```python\nprint('$5')\n```\n\nIt costs **USD 5.00**."
    assert typesettable_dollars(cell) == []
