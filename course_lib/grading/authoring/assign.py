"""``course assign``: generate the student versions in exercises/ from the instructor's solutions/."""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat

from course_lib.checkout import NotACheckoutError, course_root
from course_lib.grading.authoring.source import Assignment, SourceError, default_source_dir, load_source
from course_lib.files import write_atomic


def student_version(assignment: Assignment) -> dict:
    """The student notebook of one assignment: stubs for solutions, no hidden tests, no outputs.

    Args:
        assignment: The parsed instructor notebook.

    Returns:
        The notebook as JSON, cell ids and nbgrader metadata kept so ``course
        grade`` (and nbgrader) can match the answers.
    """
    nb = copy.deepcopy(assignment.notebook)
    for raw, cell in zip(nb["cells"], assignment.cells):
        raw["source"] = cell.stub if cell.role in ("answer", "manual", "test") else cell.source
        if raw.get("cell_type") == "code":
            raw["outputs"] = []
            raw["execution_count"] = None
        raw.get("metadata", {}).pop("execution", None)
    nb.setdefault("metadata", {})["course"] = {
        "assignment": assignment.name,
        "generated_by": "course assign (do not edit; edit solutions/ and run `course assign`)",
    }
    return nb


def render(nb: dict) -> str:
    """The notebook as the text written to disk (nbformat's layout, validated)."""
    node = nbformat.from_dict(nb)
    nbformat.validate(node)
    return nbformat.writes(node) + "\n"


def generate(source: Path, out: Path, check_only: bool = False) -> list[str]:
    """Write (or, with ``check_only``, compare) the student version of every source notebook.

    Args:
        source: Folder with the instructor's notebooks.
        out: Folder for the student versions.
        check_only: Only report what is out of date.

    Returns:
        Names of the files that were (or would be) written or are stale.
    """
    changed = []
    assignments = load_source(source)
    for name, assignment in assignments.items():
        target = out / f"{name}.ipynb"
        text = render(student_version(assignment))
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            changed.append(target.name)
            if not check_only:
                write_atomic(target, text)
    if out.is_dir():
        changed += [f"{p.name} (no such notebook in {source})" for p in sorted(out.glob("*.ipynb"))
                    if p.stem not in assignments]
    return changed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--source", type=Path, default=None,
                        help="instructor notebooks (default: solutions/ of the course checkout you are in)")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the student versions (default: exercises/ of the checkout you are in)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when exercises/ is out of date (for CI)")


def run(args: argparse.Namespace) -> int:
    try:
        source = args.source or default_source_dir()
        out = args.out or course_root() / "exercises"
        if args.check and not out.is_dir():
            raise SourceError(f"{out} does not exist, so there is nothing to check; name the folder of student "
                              f"versions with --out, or write it first with `course assign --out {out}`.")
        changed = generate(source, out, check_only=args.check)
    except (SourceError, NotACheckoutError) as exc:
        print(f"course assign: {exc}", file=sys.stderr)
        return 2
    print(f"Instructor notebooks: {source}; student versions: {out}.")
    if args.check:
        if changed:
            print(f"{out} is out of date: {', '.join(changed)}. Run `course assign` and commit the result.",
                  file=sys.stderr)
            return 1
        print(f"{out} is up to date.")
        return 0
    print(f"Wrote {len(changed)} notebook(s) to {out}." if changed else f"{out} is already up to date.")
    return 0
