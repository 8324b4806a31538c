"""Does every lesson notebook present as slides (slide metadata read by jupyterlab-slideshow)?

A cell that continues the slide above carries no ``slide_type`` (nbformat's default). The value
``"-"`` that RISE and older JupyterLab wrote for "continue" is refused: jupyterlab-slideshow
does not know it and hides such a cell in deck mode, which is how the cost explorer once
vanished from its slide.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes"}  # no slide_type at all: continue the slide


def slide_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Every cell that breaks the course's slide convention, as 'cell N: why'."""
    problems = []
    for index, cell in enumerate(nb.cells):
        slide_type = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        first_line = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
        if slide_type == "-":
            problems.append(f"cell {index}: slide_type '-' hides the cell in jupyterlab-slideshow; remove the key "
                            "to continue the slide")
        elif slide_type is not None and slide_type not in SLIDE_TYPES:
            problems.append(f"cell {index}: slide_type {slide_type!r} is not one of {sorted(SLIDE_TYPES)}")
        elif cell.cell_type == "markdown" and first_line.startswith(("# ", "## ")) and slide_type != "slide":
            problems.append(f"cell {index}: starts with a #/## heading, so it should be 'slide', not {slide_type!r}")
        elif cell.cell_type == "markdown" and first_line.startswith("### ") and slide_type not in ("slide", "subslide"):
            problems.append(f"cell {index}: starts with a ### heading, so it should be 'subslide', not {slide_type!r}")
    if nb.cells and nb.cells[0].get("metadata", {}).get("slideshow", {}).get("slide_type") != "slide":
        problems.append("cell 0: the first cell must open a slide")
    return problems


def test_there_are_lessons_to_present() -> None:
    """Are there lesson notebooks in notebooks/ at all?"""
    assert LESSONS, "no notebooks/NN_*.ipynb found"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_every_cell_has_slide_metadata(path: Path) -> None:
    """Does every cell of this lesson show in a slideshow, headings opening slides and no cell marked '-'?"""
    problems = slide_problems(nbformat.read(path, as_version=4))
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_checker_catches_hidden_and_wrong_metadata() -> None:
    """Does the check flag a cell marked '-', a heading cell that is not a slide and an unknown type, and
    accept a cell with no slide type (it continues the slide)?"""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_code_cell("1 + 1", metadata={"slideshow": {"slide_type": "-"}}),
        nbformat.v4.new_markdown_cell("## Next part", metadata={"slideshow": {"slide_type": "fragment"}}),
        nbformat.v4.new_markdown_cell("### Detail", metadata={"slideshow": {"slide_type": "-"}}),
        nbformat.v4.new_markdown_cell("text", metadata={"slideshow": {"slide_type": "Slide"}}),
    ]
    nb.cells.append(nbformat.v4.new_code_cell("2 + 2"))  # continues the slide: fine
    assert [p.split(":")[0] for p in slide_problems(nb)] == ["cell 1", "cell 2", "cell 3", "cell 4"]
