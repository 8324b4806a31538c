"""Own words everywhere: no run of 8 or more words from the source texts outside an allowed, attributed quotation.

The two source texts sit in ``../shared/seeds/`` beside the repository (CI puts a
read-only copy of ``shared/`` there). Course text is every notebook's Markdown,
the question bank, the framework's criteria, ``docs/*.md`` and the README. Text is
compared after normalising case, punctuation and whitespace. Quotations that the
course marks and attributes are listed, one normalised run per line, in
``tests/seed_quotes_allowed.txt``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
ALLOWED_FILE = Path(__file__).with_name("seed_quotes_allowed.txt")
RUN_WORDS = 8


def words(text: str) -> list[str]:
    """Lower-case words with punctuation dropped (``doesn't`` -> ``doesnt``, ``100–500`` -> ``100 500``)."""
    text = re.sub(r"[’'`]", "", text.lower())
    return re.findall(r"[a-z0-9]+", text)


def shared_runs(text: str, seed_grams: set[tuple[str, ...]], n: int = RUN_WORDS) -> list[str]:
    """Maximal runs of ``n`` or more consecutive words of ``text`` that also occur in a seed.

    >>> grams = {tuple("the quick brown fox jumps over the lazy".split())}
    >>> shared_runs("So: the Quick, brown fox jumps over the lazy dog.", grams)
    ['the quick brown fox jumps over the lazy']
    >>> shared_runs("the quick brown fox", grams)
    []
    """
    toks = words(text)
    hits = [i for i in range(len(toks) - n + 1) if tuple(toks[i:i + n]) in seed_grams]
    runs: list[str] = []
    start = end = None
    for i in hits:
        if end is not None and i <= end:
            end = i + n
            continue
        if start is not None:
            runs.append(" ".join(toks[start:end]))
        start, end = i, i + n
    if start is not None:
        runs.append(" ".join(toks[start:end]))
    return runs


def _grams(text: str, n: int = RUN_WORDS) -> set[tuple[str, ...]]:
    toks = words(text)
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def course_texts() -> dict[str, str]:
    """Every piece of course prose, keyed by where it lives."""
    texts: dict[str, str] = {}
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                texts[f"{path.relative_to(ROOT)} cell {i}"] = "".join(cell["source"])
    for path in sorted((ROOT / "course_lib" / "data").rglob("*.yaml")):
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]:
        texts[str(path.relative_to(ROOT))] = path.read_text(encoding="utf-8")
    return texts


def _seed_grams() -> set[tuple[str, ...]]:
    sources = sorted(p for p in SEEDS.glob("*.txt"))
    if not sources:
        reason = (f"the source texts are not at {SEEDS} (a copy of shared/ beside the repository); "
                  "clone it there to run the own-words check")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"In CI {reason}.")
        pytest.skip(reason)
    grams: set[tuple[str, ...]] = set()
    for path in sources:
        grams |= _grams(path.read_text(encoding="utf-8"))
    return grams


def _allowed() -> set[str]:
    lines = ALLOWED_FILE.read_text(encoding="utf-8").splitlines()
    return {" ".join(words(line.split("#", 1)[0])) for line in lines if line.split("#", 1)[0].strip()}


def test_course_text_is_in_its_own_words():
    """Does no course text repeat 8 or more consecutive words of a source, except allowed attributed quotations?"""
    grams = _seed_grams()
    allowed = _allowed()
    found = []
    for where, text in course_texts().items():
        for run in shared_runs(text, grams):
            if not any(run in quote for quote in allowed):
                found.append(f"{where}: \"{run}\"")
    assert not found, ("Runs of 8+ words copied from ../shared/seeds/ (reword them, or mark them as an attributed "
                       f"quotation and add them to {ALLOWED_FILE.name}):\n  " + "\n  ".join(found))


def test_every_allowed_quote_is_a_run_from_a_source():
    """Is each allow-list entry really a run of 8+ words from a source (so the list cannot hide own text)?"""
    grams = _seed_grams()
    for quote in _allowed():
        toks = quote.split()
        assert len(toks) >= RUN_WORDS and all(tuple(toks[i:i + RUN_WORDS]) in grams
                                              for i in range(len(toks) - RUN_WORDS + 1)), quote


@pytest.mark.parametrize(("ci", "outcome"), [("", pytest.skip.Exception), ("true", pytest.fail.Exception)])
def test_missing_sources_skip_locally_and_fail_in_ci(monkeypatch, tmp_path, ci, outcome):
    """Without ../shared/seeds, is the check skipped with the reason on a plain clone, but failed in CI?"""
    monkeypatch.setitem(globals(), "SEEDS", tmp_path)
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="source texts are not at"):
        _seed_grams()
