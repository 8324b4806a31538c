"""Does every lesson notebook present as slides (slide metadata on every cell, read by jupyterlab-slideshow)?"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SLIDE_TYPES = {"slide", "subslide", "fragment", "-", "skip", "notes"}


def slide_problems(nb: nbformat.NotebookNode) -> list[str]:
    """Every cell that breaks the course's slide convention, as 'cell N: why'."""
    problems = []
    for index, cell in enumerate(nb.cells):
        slide_type = cell.get("metadata", {}).get("slideshow", {}).get("slide_type")
        first_line = cell.source.lstrip().splitlines()[0] if cell.source.strip() else ""
        if slide_type is None:
            problems.append(f"cell {index}: no metadata.slideshow.slide_type")
        elif slide_type not in SLIDE_TYPES:
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
    """Does every cell of this lesson say how it shows in a slideshow, headings opening slides?"""
    problems = slide_problems(nbformat.read(path, as_version=4))
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_checker_catches_missing_and_wrong_metadata() -> None:
    """Does the check flag a cell without metadata and a heading cell that is not a slide?"""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title", metadata={"slideshow": {"slide_type": "slide"}}),
        nbformat.v4.new_code_cell("1 + 1"),
        nbformat.v4.new_markdown_cell("## Next part", metadata={"slideshow": {"slide_type": "fragment"}}),
        nbformat.v4.new_markdown_cell("### Detail", metadata={"slideshow": {"slide_type": "-"}}),
        nbformat.v4.new_markdown_cell("text", metadata={"slideshow": {"slide_type": "Slide"}}),
    ]
    problems = slide_problems(nb)
    assert [p.split(":")[0] for p in problems] == ["cell 1", "cell 2", "cell 3", "cell 4"]
