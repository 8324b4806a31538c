"""nbgrader's markers: replace solution regions with stubs and cut hidden tests out of cell sources."""

from __future__ import annotations

import re
from collections.abc import Callable

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
# What a markdown answer cell becomes in the student version (nbgrader's default text).
TEXT_STUB = "YOUR ANSWER HERE"
# Inside a solution region, a line ``# stub: CODE`` becomes ``CODE`` in the student version.
STUB_PREFIX = "# stub:"

_STUB_LINE = re.compile(r"^(\s*)# stub: ?(.*)$")


class MarkerError(ValueError):
    """A solution or hidden-test region is not closed, or closed twice; the message says where."""


def _regions(lines: list[str], begin: str, end: str, where: str) -> list[tuple[int, int]]:
    """Line index pairs (begin, end) of each region, checked for nesting and closing."""
    regions, start = [], None
    for i, line in enumerate(lines):
        text = line.strip()
        if text == begin:
            if start is not None:
                raise MarkerError(f"{where}: line {i + 1} opens '{begin}' again before '{end}'; close the first region.")
            start = i
        elif text == end:
            if start is None:
                raise MarkerError(f"{where}: line {i + 1} has '{end}' without '{begin}' before it.")
            regions.append((start, i))
            start = None
    if start is not None:
        raise MarkerError(f"{where}: '{begin}' on line {start + 1} is never closed; add '{end}'.")
    return regions


def _replace_regions(lines: list[str], regions: list[tuple[int, int]],
                     replacement: Callable[[int, int], list[str]]) -> str:
    """The lines with each region (markers included) swapped for ``replacement(start, stop)``."""
    out: list[str] = []
    pos = 0
    for start, stop in regions:
        out.extend(lines[pos:start])
        out.extend(replacement(start, stop))
        pos = stop + 1
    out.extend(lines[pos:])
    return "\n".join(out)


def has_solution(source: str) -> bool:
    """Whether the source has a solution region."""
    return any(line.strip() == BEGIN_SOLUTION for line in source.splitlines())


def code_stub(source: str, where: str = "cell") -> str:
    """The student version of a code answer: each solution region replaced by its stub.

    A region's stub is its ``# stub: ...`` lines, uncommented; without them, a
    ``# YOUR CODE HERE`` comment plus, inside a function body, ``raise
    NotImplementedError``, so the notebook still runs top to bottom.

    Args:
        source: The instructor's cell source.
        where: Names the cell in error messages.

    Returns:
        The stubbed source.
    """
    lines = source.splitlines()

    def stub(start: int, stop: int) -> list[str]:
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        given = [m.group(1) + m.group(2) for m in map(_STUB_LINE.match, lines[start + 1:stop]) if m]
        if given:
            return given
        default = [indent + "# YOUR CODE HERE"]
        if indent:
            default.append(indent + 'raise NotImplementedError("write this part")')
        return default

    return _replace_regions(lines, _regions(lines, BEGIN_SOLUTION, END_SOLUTION, where), stub)


def text_stub(source: str, where: str = "cell") -> str:
    """The student version of a markdown answer: regions (or the whole cell) become ``YOUR ANSWER HERE``."""
    lines = source.splitlines()
    regions = _regions(lines, BEGIN_SOLUTION, END_SOLUTION, where)
    if not regions:
        return TEXT_STUB
    return _replace_regions(lines, regions, lambda start, stop: [TEXT_STUB])


def remove_hidden_tests(source: str, where: str = "cell") -> str:
    """The source without its hidden-test regions (markers included)."""
    lines = source.splitlines()
    regions = _regions(lines, BEGIN_HIDDEN, END_HIDDEN, where)
    return _replace_regions(lines, regions, lambda start, stop: []).rstrip()


def strip_solution_markers(source: str) -> str:
    """The solution with the marker and stub lines removed (what the instructor's code does)."""
    keep = []
    for line in source.splitlines():
        text = line.strip()
        if text in (BEGIN_SOLUTION, END_SOLUTION) or text.startswith(STUB_PREFIX):
            continue
        keep.append(line)
    return "\n".join(keep)


def normalise(source: str) -> str:
    """Source compared for 'unchanged': trailing spaces and blank lines ignored."""
    return "\n".join(line.rstrip() for line in source.strip().splitlines())
