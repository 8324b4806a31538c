"""Every lesson ends with "Further reading": vendor tuning guides, PEFT's documentation and every paper it cites."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
# A paper cited in a lesson's prose (by its first author's name) must be linked in its Further reading.
PAPERS = {
    "Ovadia": "arxiv.org/abs/2312.05934", "Gekhman": "arxiv.org/abs/2405.05904", "Luo": "arxiv.org/abs/2308.08747",
    "Biderman": "arxiv.org/abs/2405.09673", "Hu et al": "arxiv.org/abs/2106.09685", "LIMA": "arxiv.org/abs/2305.11206",
    "Balaguer": "arxiv.org/abs/2401.08406", "Le Scao": "arxiv.org/abs/2103.08493", "Bucher": "arxiv.org/abs/2406.08660",
    "Soudani": "arxiv.org/abs/2403.01432", "Pecher": "arxiv.org/abs/2402.12819", "Rafailov": "arxiv.org/abs/2305.18290",
}
VENDOR_GUIDES = ("platform.openai.com/docs/guides/fine-tuning", "cloud.google.com/vertex-ai", "huggingface.co/docs/peft")


def _markdown(path: Path) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "markdown"]


def _reading(cells: list[str]) -> str:
    found = [c for c in cells if c.lstrip().startswith("## Further reading")]
    assert len(found) == 1, "expected exactly one '## Further reading' cell"
    return found[0]


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_lesson_ends_with_further_reading(lesson):
    """Is "Further reading" the lesson's last Markdown section (only the self-check may follow),
    with the vendors' tuning guides and PEFT's documentation as links?"""
    cells = _markdown(lesson)
    reading = _reading(cells)
    after = cells[cells.index(reading) + 1:]
    assert all(c.lstrip().startswith("## Self-check") for c in after), after
    for guide in VENDOR_GUIDES:
        assert f"https://{guide}" in reading, guide


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_cited_paper_is_linked(lesson):
    """Does every paper the lesson's prose cites appear as a link in its Further reading?"""
    cells = _markdown(lesson)
    reading = _reading(cells)
    prose = "\n".join(c for c in cells if c is not reading)
    missing = [name for name, url in PAPERS.items()
               if re.search(rf"\b{re.escape(name)}\b", prose) and f"(https://{url})" not in reading]
    assert not missing, f"{lesson.stem} cites {missing} without a link in Further reading"
