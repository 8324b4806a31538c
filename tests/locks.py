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


def installed_closure(requirements: list[str]) -> set[str]:
    """The normalised names of ``requirements`` and everything they need, read from the installed packages'
    metadata with their markers (and extras) evaluated for this interpreter, as pip resolves them."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    found: set[str] = set()
    pending = [(Requirement(text), "") for text in requirements]
    seen: set[tuple[str, str]] = set()
    while pending:
        requirement, extra = pending.pop()
        if requirement.marker and not requirement.marker.evaluate({"extra": extra}):
            continue
        name = canonicalize_name(requirement.name)
        for wanted in [""] + sorted(requirement.extras):
            if (name, wanted) in seen:
                continue
            seen.add((name, wanted))
            found.add(name)
            try:
                needs = distribution(name).requires or []
            except PackageNotFoundError:
                raise ValueError(f"{name} is needed but not installed here; run `make install-dev`") from None
            pending += [(Requirement(text), wanted) for text in needs]
    return found
