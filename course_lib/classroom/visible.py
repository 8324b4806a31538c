"""Run an exercise notebook and report its visible checks (the ``check("<item>")`` lines), with an exit code.

The GitHub Classroom workflow calls this once per graded item:
``course visible-checks exercises/02_cost_model.ipynb --item cost_per_request``
exits 0 when every visible check of that item passes. Visible checks run the examples
printed in the notebook; they are feedback, not the grade (hidden tests run only in
``course grade``). The executed result is cached per notebook content, so one run
serves every item of the same notebook.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([A-Za-z0-9_]+)["']\s*\)""")
SUMMARY = re.compile(r"^([A-Za-z0-9_]+): (\d+) of (\d+) visible checks pass\.", re.MULTILINE)


@dataclass(frozen=True)
class ItemCheck:
    """The visible checks of one graded item, as the notebook printed them."""

    item: str
    passed: int
    total: int
    lines: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """True when the item has checks and all of them pass."""
        return self.total > 0 and self.passed == self.total


def _outputs_text(cell: dict) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            text = output.get("text", "")
            parts.append("".join(text) if isinstance(text, list) else text)
        elif output.get("output_type") == "error":
            parts.append(f"{output.get('ename')}: {output.get('evalue')}")
    return "".join(parts)


def parse_checks(notebook: dict) -> dict[str, ItemCheck]:
    """Read each ``check("<item>")`` cell's printed result from an executed notebook.

    Args:
        notebook: the executed notebook as JSON.

    Returns:
        Item -> its checks; an item whose cell printed no summary counts as 0 of 0.
    """
    found: dict[str, ItemCheck] = {}
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell.get("source"), list) else cell.get("source", "")
        items = CHECK_CALL.findall(source)
        if not items:
            continue
        text = _outputs_text(cell)
        summaries = {m.group(1): (int(m.group(2)), int(m.group(3))) for m in SUMMARY.finditer(text)}
        lines = tuple(line for line in text.splitlines() if line.strip())
        for item in items:
            passed, total = summaries.get(item, (0, 0))
            found[item] = ItemCheck(item, passed, total, lines)
    return found


def execute(path: Path, timeout: int = 120) -> dict:
    """Run every cell of a notebook in a fresh kernel (errors recorded, not raised) and return it."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return json.loads(nbformat.writes(nb))


def run_notebook(path: Path, cache_dir: Path | None) -> dict[str, ItemCheck]:
    """The visible checks of a notebook, executing it unless the same content was run already."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    cached = cache_dir / f"{path.stem}-{digest}.json" if cache_dir else None
    if cached is not None and cached.exists():
        notebook = json.loads(cached.read_text(encoding="utf-8"))
    else:
        notebook = execute(path)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_text(json.dumps(notebook), encoding="utf-8")
    return parse_checks(notebook)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``course visible-checks``."""
    parser.add_argument("notebook", type=Path, help="the exercise notebook to run")
    parser.add_argument("--item", action="append", default=[], help="only this item (repeatable; default all)")
    parser.add_argument("--cache-dir", type=Path, default=Path(".visible-checks"),
                        help="where executed results are kept between calls (default .visible-checks)")


def run(args: argparse.Namespace) -> int:
    """Run ``course visible-checks``: 0 when every chosen item passes, 1 when one fails, 2 for bad input."""
    if not args.notebook.is_file():
        print(f"{args.notebook}: no such notebook.", file=sys.stderr)
        return 2
    checks = run_notebook(args.notebook, args.cache_dir)
    wanted = args.item or sorted(checks)
    unknown = [item for item in wanted if item not in checks]
    if unknown:
        print(f"{args.notebook}: no check(...) cell for {', '.join(unknown)}; items with checks: "
              f"{', '.join(sorted(checks)) or 'none'}.", file=sys.stderr)
        return 2
    for item in wanted:
        result = checks[item]
        print(f"== {item}: {result.passed} of {result.total} visible checks pass")
        for line in result.lines:
            if line.startswith(("ok ", "todo ")) or line.startswith(f"{item}:"):
                print("   " + line)
    return 0 if all(checks[item].ok for item in wanted) else 1
