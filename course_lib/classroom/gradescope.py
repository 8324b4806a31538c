"""``course gradescope-bundle``: an autograder zip that runs ``course grade`` on Gradescope.

Gradescope's format (gradescope-autograders.readthedocs.io, "Autograder
Specifications"): a zip with ``setup.sh`` and ``run_autograder`` at its root.
Gradescope unpacks it to ``/autograder/source``, runs ``setup.sh`` once as root to
build an image, then for each submission copies ``run_autograder`` to
``/autograder/run_autograder``, puts the student's files in
``/autograder/submission`` (and ``/autograder/submission_metadata.json``), runs it
with ``/autograder`` as working directory, and reads
``/autograder/results/results.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFIG_NAME = "course_autograder.json"
SOURCE_DIR = "assignment_source"
PACKAGE_DIR = "course"
STUDENT_ID_FIELDS = ("email", "sid", "id", "name")
GRADING_LOCK = "requirements-grade.txt"
"""The pinned packages grading needs (``make lock`` writes it; a test keeps it complete and no larger)."""

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image
# (Ubuntu, with network access). It installs what grading needs, pinned: course_lib's
# dependencies and a kernel (the grading lock), not JupyterLab or the test tools.
set -euo pipefail
cd /autograder/source

PY=""
for candidate in python3.11 python3.12 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \\
        && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        PY="$candidate"
        break
    fi
done
if [ -z "$PY" ]; then  # Ubuntu 22.04 ships 3.10; its universe repository has 3.11
    apt-get update -qq
    apt-get install -y -qq python3.11 python3.11-venv
    PY=python3.11
fi
"$PY" -m venv /autograder/venv
/autograder/venv/bin/python -m pip install --quiet --upgrade pip
/autograder/venv/bin/python -m pip install --quiet -r {lock}
/autograder/venv/bin/python -m pip install --quiet --no-deps ./{package}
/autograder/venv/bin/python -c "import course_lib.grading.scoring.cli, course_lib.classroom.gradescope_run"
# Fail the build, not every student's grade, when this image cannot sandbox student code.
if ! /autograder/venv/bin/python -c 'import sys
from course_lib.grading.execution import sandbox
support = sandbox.probe()
print("sandbox:", support.describe())
sys.exit(0 if support.complete else 1)'; then
    if grep -q -- "--allow-unsandboxed" {config}; then
        echo "WARNING: grading without a complete sandbox (--allow-unsandboxed in {config}); see docs/grading.md" >&2
    else
        echo "setup.sh: this image cannot sandbox student code (see the line above), so course grade would refuse" >&2
        echo "every submission. Use a Linux 5.13+ x86_64 image, or rebuild the bundle with" >&2
        echo "--grade-arg=--allow-unsandboxed after reading what it gives up (docs/grading.md)." >&2
        exit 1
    fi
fi
echo "course autograder installed with $(/autograder/venv/bin/python --version)"
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission, from /autograder.
# AUTOGRADER_ROOT and COURSE_PYTHON exist only to try it outside Gradescope.
set -uo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${COURSE_PYTHON:-$ROOT/venv/bin/python}"
exec "$PYTHON" -m course_lib.cli gradescope-run --root "$ROOT"  # = `course gradescope-run`
"""


class BundleError(ValueError):
    """The bundle cannot be built as asked (the message says what to change)."""


@dataclass(frozen=True)
class Bundle:
    """What went into an autograder zip."""

    path: Path
    assignment: str
    max_points: float
    files: tuple[str, ...]
    source: Path
    """The instructor's notebook the zip grades with."""


def _package_files(root: Path) -> list[tuple[Path, str]]:
    files = []
    for path in sorted((root / "course_lib").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            files.append((path, f"{PACKAGE_DIR}/{path.relative_to(root).as_posix()}"))
    for name in ("pyproject.toml", "README.md"):
        if (root / name).exists():
            files.append((root / name, f"{PACKAGE_DIR}/{name}"))
    return files


def _add(archive: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # fixed time: same input, same zip
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (0o100755 if executable else 0o100644) << 16
    archive.writestr(info, data)


def build_bundle(assignment: str, out: Path | str, source: Path | str | None = None,
                 student_id_field: str = "email", grade_args: tuple[str, ...] = (),
                 repo_root: Path = REPO_ROOT, feedback: str = "score") -> Bundle:
    """Write the autograder zip for one assignment.

    Args:
        assignment: the assignment's name (its notebook's stem in the source folder).
        out: the zip to write.
        source: the instructor's notebooks with hidden tests; ``solutions/`` when None.
        student_id_field: which field of Gradescope's submission metadata (``users[0]``)
            becomes the student id the grader uses (and the per-student numbers are drawn for).
        grade_args: extra ``course grade`` options, e.g. ``("--cell-timeout", "60")``.
        feedback: what students see per upload: ``score`` (points per item, the default,
            because Gradescope allows resubmission and reasons would let a student search
            the answer key) or ``full`` (points, status and reasons).
        repo_root: the course checkout whose ``course_lib``, ``pyproject.toml`` and
            grading lock (``requirements-grade.txt``) go into the zip.

    Returns:
        What was written.

    Raises:
        BundleError: when the assignment or the source is not usable.
    """
    from course_lib.grading.authoring.source import SourceError, load_source

    from course_lib.grading.gradebook import FEEDBACK_LEVELS

    if feedback not in FEEDBACK_LEVELS:
        raise BundleError(f"feedback must be one of {', '.join(FEEDBACK_LEVELS)}, got {feedback!r}.")
    if student_id_field not in STUDENT_ID_FIELDS:
        raise BundleError(f"student id field must be one of {', '.join(STUDENT_ID_FIELDS)}, got {student_id_field!r}.")
    source_dir = Path(source) if source is not None else repo_root / "solutions"
    try:
        parsed = load_source(source_dir, (assignment,))[assignment]
    except SourceError as exc:
        raise BundleError(str(exc)) from None
    requirements = repo_root / GRADING_LOCK
    if not requirements.exists():
        raise BundleError(f"{requirements}: not found; the bundle installs what grading needs from it (`make lock`).")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    config = {"assignment": assignment, "student_id_field": student_id_field,
              "grade_args": ["--feedback", feedback, *grade_args],
              "max_points": parsed.auto_points}
    names = []
    tmp = out.with_name(f".{out.name}.tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        entries: list[tuple[str, bytes, bool]] = [
            ("setup.sh", SETUP_SH.format(package=PACKAGE_DIR, config=CONFIG_NAME, lock=GRADING_LOCK).encode(), True),
            ("run_autograder", RUN_AUTOGRADER.encode(), True),
            (GRADING_LOCK, requirements.read_bytes(), False),
            (CONFIG_NAME, (json.dumps(config, indent=1) + "\n").encode(), False),
            (f"{SOURCE_DIR}/{assignment}.ipynb", parsed.path.read_bytes(), False),
        ]
        entries += [(name, path.read_bytes(), False) for path, name in _package_files(repo_root)]
        for name, data, executable in entries:
            _add(archive, name, data, executable)
            names.append(name)
    tmp.replace(out)
    return Bundle(path=out, assignment=assignment, max_points=parsed.auto_points, files=tuple(names),
                  source=parsed.path)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", help="assignment name, e.g. 02_cost_model (one Gradescope assignment each)")
    parser.add_argument("--out", type=Path, default=None, help="zip to write (default: <assignment>_autograder.zip)")
    parser.add_argument("--source", type=Path, default=None,
                        help="the instructor's notebooks with hidden tests (default: solutions/ of the checkout you are in)")
    parser.add_argument("--student-id", choices=STUDENT_ID_FIELDS, default="email",
                        help="Gradescope submitter field used as the student id (default email)")
    parser.add_argument("--grade-arg", action="append", default=[], metavar="ARG",
                        help="extra option for `course grade`, repeatable: --grade-arg=--cell-timeout --grade-arg=60")
    parser.add_argument("--feedback", choices=("full", "score"), default="score",
                        help="what students see per upload: score (points per item; default, since Gradescope "
                             "allows resubmission) or full (points, status and reasons)")


def run(args: argparse.Namespace) -> int:
    from course_lib.checkout import NotACheckoutError, course_root

    out = args.out or Path(f"{args.assignment}_autograder.zip")
    try:
        repo_root = course_root()
        bundle = build_bundle(args.assignment, out, args.source, args.student_id, tuple(args.grade_arg),
                              feedback=args.feedback, repo_root=repo_root)
    except (BundleError, NotACheckoutError) as err:
        print(f"course gradescope-bundle: {err}", file=sys.stderr)
        return 2
    print(f"Instructor notebooks: {bundle.source.parent}; course_lib and the grading lock from {repo_root}.")
    print(f"Wrote {bundle.path} ({len(bundle.files)} files) for {bundle.assignment}, "
          f"{bundle.max_points:g} auto-graded points (hand-graded items are left to Gradescope's manual grading). "
          f"Upload it as the assignment's autograder on Gradescope "
          f"(Configure Autograder > Zip file upload; base image Ubuntu 22.04).")
    return 0
