"""Every committed notebook is clean: valid, no outputs (except pinned ones). Money: tests/test_money_spelling.py."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for folder in ("notebooks", "solutions", "exercises") for p in (ROOT / folder).glob("*.ipynb"))


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in paths]


def test_the_lessons_exist() -> None:
    names = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert {"00_start_here", "01_decision_framework", "02_cost_benefit"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_notebook_is_valid_and_has_no_outputs(path: Path) -> None:
    """Is the notebook valid nbformat 4 with outputs only in cells pinned by NBVAL_CHECK_OUTPUT?"""
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert "widgets" not in nb.metadata, f"{path.name} carries saved widget state: remove metadata.widgets"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "NBVAL_CHECK_OUTPUT" not in cell.source:
            assert not cell.outputs, f"{path.name} cell {index} has outputs: clear them before committing"
