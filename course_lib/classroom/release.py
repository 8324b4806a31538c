"""``course release OUT``: the folder students get, with the lessons and exercises but no answers.

A release holds what a learner needs to run the course (the lessons, ``exercises/``,
``course_lib`` and the files that install it) and nothing an instructor keeps back: no
``solutions/``, no hidden tests, no tests or docs of the instructor's. It is meant to be
pushed as the repository students pull (nbgitpuller, Binder, a GitHub Classroom
template), so it starts with no history that could hold an answer.

Before writing, the release checks that ``exercises/`` is up to date with ``solutions/``
(a stale exercise may still hold last term's answer), and after writing it scans every
file for nbgrader's solution and hidden-test markers; either problem stops the release.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from course_lib.checkout import NotACheckoutError, course_root
from course_lib.files import TEMPORARY_GLOB
from course_lib.grading.authoring.assign import generate
from course_lib.grading.authoring.source import SourceError
from course_lib.grading.authoring.stubs import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION

RELEASED = ("README.md", "Makefile", "pyproject.toml", "requirements.txt", "requirements-dev.txt",
            "requirements-grade.txt", "binder", "scripts", "notebooks", "exercises", "course_lib")
"""What a release copies from the checkout (everything else, ``solutions/`` and ``tests/`` included, stays)."""

SKIPPED = ("__pycache__", "*.pyc", ".ipynb_checkpoints", "*.egg-info", TEMPORARY_GLOB)
MARKER_FILE = ".course-release"
"""Written into every release, so a later release may replace it (and nothing else)."""
WORKFLOW_TARGET = Path(".github") / "workflows" / "classroom.yml"
FORBIDDEN_MARKERS = (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)


class ReleaseError(ValueError):
    """The release cannot be written safely; the message says what to fix."""


@dataclass(frozen=True)
class Release:
    """What :func:`write_release` wrote.

    Attributes:
        source: The checkout the release was made from.
        out: The release folder.
        files: How many files it holds.
        exercises: The exercise notebooks it holds.
    """

    source: Path
    out: Path
    files: int
    exercises: tuple[str, ...]


def _prepare_out(out: Path) -> None:
    """Make ``out`` an empty folder, keeping ``.git`` of an earlier release; never touch other folders."""
    if out.exists() and not out.is_dir():
        raise ReleaseError(f"{out} is a file; name a folder for the release.")
    if out.is_dir():
        entries = [e for e in out.iterdir() if e.name != ".git"]
        if entries and not (out / MARKER_FILE).exists():
            raise ReleaseError(f"{out} is not empty and holds no earlier release ({MARKER_FILE} is missing); "
                               f"name a new or empty folder, so nothing of yours is overwritten.")
        for entry in entries:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
    out.mkdir(parents=True, exist_ok=True)


def find_markers(folder: Path) -> list[str]:
    """Every ``notebook: marker`` where a released notebook still holds a solution or hidden-test marker.

    Only notebooks are scanned: the grader's own source names the markers as constants.
    """
    found = []
    for path in sorted(p for p in folder.rglob("*.ipynb") if ".git" not in p.parts):
        text = path.read_text(encoding="utf-8", errors="replace")
        found += [f"{path.relative_to(folder)}: {marker}" for marker in FORBIDDEN_MARKERS if marker in text]
    return found


def write_release(out: Path, source: Path, *, github_classroom: str | None = None) -> Release:
    """Write the student release of the checkout ``source`` into ``out``.

    Args:
        out: The release folder: new, empty, or an earlier release (its ``.git`` is kept).
        source: The top of the course checkout.
        github_classroom: An assignment's name: also add its GitHub Classroom workflow (generated from
            ``source``'s ``solutions/``) as ``.github/workflows/classroom.yml``.

    Returns:
        What was written.

    Raises:
        ReleaseError: ``exercises/`` is out of date, ``out`` holds other files, the workflow's assignment
            does not exist, or a marker slipped through.
    """
    source, out = Path(source).resolve(), Path(out).resolve()
    if out == source or source in out.parents:
        raise ReleaseError(f"{out} is inside the course checkout {source}; write the release somewhere else.")
    missing = [name for name in RELEASED if not (source / name).exists()]
    if missing:
        raise ReleaseError(f"{source} lacks {', '.join(missing)}: not a complete course checkout.")
    try:
        stale = generate(source / "solutions", source / "exercises", check_only=True)
    except SourceError as err:
        raise ReleaseError(f"cannot read the instructor's notebooks: {err}") from None
    if stale:
        raise ReleaseError(f"{source / 'exercises'} is out of date with solutions/ ({', '.join(stale)}); "
                           f"run `course assign` first, so no old answer is released.")
    workflow = _classroom_workflow(source, github_classroom) if github_classroom else None
    _prepare_out(out)
    for name in RELEASED:
        origin, target = source / name, out / name
        if origin.is_dir():
            shutil.copytree(origin, target, ignore=shutil.ignore_patterns(*SKIPPED), symlinks=False)
        else:
            shutil.copy2(origin, target)
    if workflow is not None:
        (out / WORKFLOW_TARGET).parent.mkdir(parents=True, exist_ok=True)
        (out / WORKFLOW_TARGET).write_text(workflow, encoding="utf-8")
    (out / MARKER_FILE).write_text("Made by `course release`; a later release replaces everything here but .git.\n",
                                   encoding="utf-8")
    leaks = find_markers(out)
    if leaks:
        raise ReleaseError("the release still holds answers, so it must not be handed out: " + "; ".join(leaks[:5]))
    files = sum(1 for p in out.rglob("*") if p.is_file() and ".git" not in p.parts)
    exercises = tuple(sorted(p.name for p in (out / "exercises").glob("*.ipynb")))
    return Release(source=source, out=out, files=files, exercises=exercises)


def _classroom_workflow(source: Path, assignment: str) -> str:
    """The GitHub Classroom workflow of one assignment of the checkout ``source``."""
    from course_lib.classroom import github_classroom

    items = github_classroom.visible_items(source / "solutions")
    if assignment not in items:
        raise ReleaseError(f"--github-classroom: no assignment {assignment!r}; the checkout has "
                           f"{', '.join(items)} (one GitHub Classroom assignment, and workflow, each).")
    if not items[assignment]:
        raise ReleaseError(f"--github-classroom: {assignment} has no visible check (no check(\"<item>\") in its "
                           f"test cells), so a workflow would score nothing; release without it.")
    return github_classroom.render(assignment, items[assignment])


def commit_release(out: Path, message: str) -> None:
    """Commit the release folder with git (initialising a repository there if it has none)."""
    if not (out / ".git").exists():
        subprocess.run(["git", "init", "--quiet", str(out)], check=True)
    subprocess.run(["git", "-C", str(out), "add", "--all"], check=True)
    status = subprocess.run(["git", "-C", str(out), "status", "--porcelain"], check=True,
                            capture_output=True, text=True).stdout
    if status.strip():
        subprocess.run(["git", "-C", str(out), "commit", "--quiet", "-m", message], check=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", type=Path, help="folder to write the release to (new, empty, or an earlier release)")
    parser.add_argument("--source", type=Path, default=None,
                        help="the course checkout to release (default: the one holding the current directory)")
    parser.add_argument("--github-classroom", metavar="ASSIGNMENT", default=None,
                        help="also add this assignment's GitHub Classroom workflow as .github/workflows/classroom.yml "
                             "(one template repository per assignment, e.g. 02_cost_model)")
    parser.add_argument("--git", action="store_true",
                        help="commit the release in its own git repository (created if needed), ready to push")


def run(args: argparse.Namespace) -> int:
    try:
        source = args.source or course_root()
        release = write_release(args.out, source, github_classroom=args.github_classroom)
        if args.git:
            commit_release(release.out, "Course release")
    except (ReleaseError, NotACheckoutError) as err:
        print(f"course release: {err}", file=sys.stderr)
        return 2
    except (OSError, subprocess.CalledProcessError) as err:
        print(f"course release: could not write {args.out}: {err}", file=sys.stderr)
        return 1
    print(f"Released {release.source} into {release.out}: {release.files} files, exercises "
          f"{', '.join(release.exercises)}; no solutions/, no hidden tests.")
    if not args.git:
        print(f"Next: cd {release.out} && git init && git add -A && git commit -m 'Course release', then push it "
              f"as the repository students pull (or rerun with --git).")
    return 0
