"""Run an exercise notebook and report its visible checks (the ``check("<item>")`` lines), with an exit code.

The GitHub Classroom workflow calls this once per graded item:
``course visible-checks exercises/02_cost_model.ipynb --item cost_per_request``
exits 0 when every visible check of that item passes. Visible checks run the examples
printed in the notebook; they are feedback, not the grade (hidden tests run only in
``course grade``). Each ``check()`` displays its result as a record with its own MIME
type (``VISIBLE_CHECK_MIME``); this runner reads those records from the executed
notebook, never the sentence printed for the student. The executed result is cached
per notebook content, so one run serves every item of the same notebook.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

from course_lib.assignments.selfcheck import VISIBLE_CHECK_MIME, VisibleCheck

# Which graded items a cell checks (read from the cell's code, so an item whose cell ran no check is known).
CHECK_CALL = re.compile(r"""\bcheck\(\s*["']([A-Za-z0-9_]+)["']\s*\)""")


def _records(cell: dict) -> list[VisibleCheck]:
    """The check() records a cell displayed, in order."""
    return [VisibleCheck.from_json(output["data"][VISIBLE_CHECK_MIME]) for output in cell.get("outputs", [])
            if output.get("output_type") in ("display_data", "execute_result")
            and VISIBLE_CHECK_MIME in output.get("data", {})]


def _error(cell: dict) -> str:
    """The error a cell raised, as one line, or empty."""
    return next((f"{o.get('ename')}: {o.get('evalue')}" for o in cell.get("outputs", [])
                 if o.get("output_type") == "error"), "")


def parse_checks(notebook: dict) -> dict[str, VisibleCheck]:
    """The visible-check record of each ``check("<item>")`` cell of an executed notebook.

    Args:
        notebook: the executed notebook as JSON.

    Returns:
        Item -> its record; an item whose cell displayed none counts as 0 of 0 (with the cell's error, if any).
    """
    found: dict[str, VisibleCheck] = {}
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell.get("source"), list) else cell.get("source", "")
        records = {record.item: record for record in _records(cell)}
        for item in CHECK_CALL.findall(source):
            error = _error(cell)
            found[item] = records.get(item) or VisibleCheck(
                item, 0, 0, problem=f"{item}: the check did not run" + (f" ({error})" if error else "") + ".")
    return found


def execute(path: Path, timeout: int = 120) -> dict:
    """Run every cell of a notebook in a fresh kernel (errors recorded, not raised) and return it."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return json.loads(nbformat.writes(nb))


def run_notebook(path: Path, cache_dir: Path | None) -> dict[str, VisibleCheck]:
    """The visible checks of a notebook, executing it unless the same content was run already."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    cached = cache_dir / f"{path.stem}-{digest}-records.json" if cache_dir else None
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
        for line in str(result).splitlines():
            print("   " + line)
    return 0 if all(checks[item].ok for item in wanted) else 1
