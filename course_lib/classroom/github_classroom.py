"""The GitHub Classroom autograding workflows, one per assignment, generated from the assignments' source.

GitHub Classroom makes one repository per student per assignment, and its reporter adds up
every step of the workflow it finds there, so each assignment gets a workflow of its own
(``docs/github-classroom/<assignment>.yml``; ``course release --github-classroom NAME``
puts one into a template repository). ``course github-classroom`` rewrites them
(``--check`` only compares); a test fails when a committed one is out of date.

A workflow runs only the *visible* checks (one step per graded item, through
``course visible-checks``): anything a GitHub Actions workflow runs lives in, or is
fetched by, the student's own repository, so hidden tests cannot stay hidden there.
Grade for real with ``course grade`` on the collected repositories.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from course_lib.classroom.visible import CHECK_CALL

WORKFLOW_FOLDER = Path("docs") / "github-classroom"
"""Where a course checkout keeps the workflows, one ``<assignment>.yml`` each."""
GRADING_LOCK = "requirements-grade.txt"
"""What a workflow installs: the grading lock (course_lib's dependencies and a kernel, no JupyterLab)."""
GRADER_ACTION = "classroom-resources/autograding-command-grader@v1"
REPORTER_ACTION = "classroom-resources/autograding-grading-reporter@v1"
STEP_TIMEOUT_MINUTES = 10
REGENERATE = "course github-classroom"
"""The command that rewrites the files in :data:`WORKFLOW_FOLDER` (printed in their header and when one is stale)."""


@dataclass(frozen=True)
class VisibleItem:
    """A graded item whose test cell has a visible ``check("<item>")``."""

    assignment: str
    item: str
    points: float

    @property
    def step_id(self) -> str:
        """A GitHub Actions step id (letters, digits, ``_``; must not start with a digit)."""
        return "a" + re.sub(r"[^a-z0-9_]", "_", f"{self.assignment}__{self.item}".lower())


def visible_items(source: Path | None = None) -> dict[str, list[VisibleItem]]:
    """Every auto-graded item with a visible check, by assignment, in notebook order.

    Args:
        source: the instructor's notebooks; ``solutions/`` of the checkout you are in when None.

    Returns:
        Each assignment's items, assignments in name order (manual items and tests without a
        visible check are left out; an assignment with none still gets an empty list).
    """
    from course_lib.grading.authoring.source import default_source_dir, load_source

    assignments = load_source(source or default_source_dir())
    items: dict[str, list[VisibleItem]] = {}
    for name in sorted(assignments):
        items[name] = [VisibleItem(name, cell.grade_id, cell.points) for cell in assignments[name].cells
                       if cell.role == "test" and cell.grade_id in CHECK_CALL.findall(cell.stub)]
    return items


def workflow(assignment: str, items: list[VisibleItem]) -> dict:
    """One assignment's workflow as data (``.github/workflows/classroom.yml`` in its repositories)."""
    steps: list[dict] = [
        {"name": "Check out the student's repository", "uses": "actions/checkout@v4"},
        {"name": "Set up Python", "uses": "actions/setup-python@v5",
         "with": {"python-version": "3.11", "cache": "pip", "cache-dependency-path": GRADING_LOCK}},
        {"name": "Install what the checks need (pinned; no JupyterLab)",
         "run": f"python -m pip install -r {GRADING_LOCK} && python -m pip install --no-deps -e ."},
    ]
    for item in items:
        points = int(item.points) if float(item.points).is_integer() else item.points
        steps.append({
            "name": item.item,
            "id": item.step_id,
            "uses": GRADER_ACTION,
            "with": {
                "test-name": f"{item.item} (visible checks)",
                "setup-command": "",
                "command": f"course visible-checks exercises/{assignment}.ipynb --item {item.item}",
                "timeout": STEP_TIMEOUT_MINUTES,
                "max-score": points,
            },
        })
    steps.append({
        "name": "Autograding reporter",
        "uses": REPORTER_ACTION,
        "env": {f"{item.step_id.upper()}_RESULTS": f"${{{{steps.{item.step_id}.outputs.result}}}}" for item in items},
        "with": {"runners": ",".join(item.step_id for item in items)},
    })
    return {
        "name": f"Visible checks of {assignment} (feedback only; the grade comes from course grade)",
        "on": ["push", "workflow_dispatch", "repository_dispatch"],
        "permissions": {"checks": "write", "actions": "read", "contents": "read"},
        "jobs": {"run-autograding-tests": {
            "runs-on": "ubuntu-latest",
            "if": "github.actor != 'github-classroom[bot]'",
            "steps": steps,
        }},
    }


def render(assignment: str, items: list[VisibleItem]) -> str:
    """One assignment's workflow file, with a header saying what it is and how to regenerate it."""
    total = sum(item.points for item in items)
    header = (
        f"# GitHub Classroom autograding for {assignment}: VISIBLE checks only ({total:g} points).\n"
        "# Goes to .github/workflows/classroom.yml in this assignment's template repository\n"
        f"# (`course release TEMPLATE --github-classroom {assignment}` puts it there, in a copy of\n"
        "# the course WITHOUT solutions/). Hidden tests cannot stay hidden here: students can\n"
        "# read this workflow, its logs and anything it downloads, so the score it shows is\n"
        "# feedback; grade with `course grade` on the collected repositories.\n"
        f"# Generated by: {REGENERATE}\n"
    )
    return header + yaml.safe_dump(workflow(assignment, items), sort_keys=False, width=120)


def render_all(source: Path | None = None) -> dict[str, str]:
    """Every assignment's workflow file, by file name (``<assignment>.yml``); an assignment with no visible
    check gets none (its steps would be empty, and GitHub Classroom would show 0 of 0)."""
    return {f"{name}.yml": render(name, items) for name, items in visible_items(source).items() if items}


def stale_files(folder: Path, expected: dict[str, str]) -> list[str]:
    """The workflow files in ``folder`` that differ from ``expected``, are missing, or belong to no assignment."""
    present = {p.name for p in folder.glob("*.yml")} if folder.is_dir() else set()
    changed = [name for name, text in expected.items()
               if name not in present or (folder / name).read_text(encoding="utf-8") != text]
    return sorted(changed + [name for name in present - set(expected)])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``course github-classroom``."""
    parser.add_argument("--source", type=Path, default=None,
                        help="the instructor's notebooks (default: solutions/ of the course checkout you are in)")
    parser.add_argument("--out-dir", type=Path, default=None,
                        help="folder for the workflows, one <assignment>.yml each "
                             "(default: docs/github-classroom/ of the checkout you are in)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when a workflow there is out of date, missing or left over (for CI)")


def run(args: argparse.Namespace) -> int:
    """Run ``course github-classroom``: write (or with ``--check`` compare) one workflow per assignment."""
    from course_lib.checkout import NotACheckoutError, course_root
    from course_lib.files import write_atomic
    from course_lib.grading.authoring.source import SourceError, default_source_dir

    try:
        source = args.source or default_source_dir()
        out = args.out_dir or course_root() / WORKFLOW_FOLDER
        expected = render_all(source)
    except (SourceError, NotACheckoutError) as exc:
        print(f"course github-classroom: {exc}", file=sys.stderr)
        return 2
    print(f"Instructor notebooks: {source}; workflows: {out}.")
    stale = stale_files(out, expected)
    if args.check:
        if not stale:
            print(f"{out}: the {len(expected)} workflow(s) are up to date.")
            return 0
        print(f"{out}: out of date with the source ({', '.join(stale)}); regenerate with: {REGENERATE}",
              file=sys.stderr)
        return 1
    for name, text in expected.items():
        write_atomic(out / name, text)
    for name in stale:
        if name not in expected:
            (out / name).unlink()
            print(f"Removed {out / name}: no assignment of that name.")
    for name, text in expected.items():
        print(f"Wrote {out / name}: {text.count(GRADER_ACTION)} visible-check step(s).")
    return 0
