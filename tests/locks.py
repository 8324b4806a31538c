"""Read pip requirement files the way pip does, for the tests of the two locks and of Binder."""

from __future__ import annotations

import re
from pathlib import Path


def requirement_lines(path: Path) -> list[str]:
    """The requirement lines pip reads from ``path``: continuations joined, comments dropped,
    ``-r`` followed relative to the file (as pip does)."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    lines = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith(("-r ", "--requirement ")):
            lines += requirement_lines((path.parent / line.split(None, 1)[1]).resolve())
        else:
            lines.append(line)
    return lines


def pins(path: Path) -> dict[str, str]:
    """``{normalised name: version}`` for every ``name==version`` line of a lock file.

    Raises:
        ValueError: For a line that is not an exact pin, or a pin without a hash.
    """
    found = {}
    for line in requirement_lines(path):
        requirement, *options = line.split()
        match = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)", requirement)
        if not match:
            raise ValueError(f"{path.name}: {requirement!r} is not pinned with ==")
        if not any(option.startswith("--hash=sha256:") for option in options):
            raise ValueError(f"{path.name}: {requirement!r} has no --hash (regenerate with `make lock`)")
        found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    return found
