"""What ``run_autograder`` does on Gradescope: grade one submission with ``course grade``, write results.json.

The bundle's ``run_autograder`` runs ``course gradescope-run --root /autograder``. It
always leaves a ``results/results.json``: the grader's when grading ran, otherwise
a zero score whose ``output`` tells the student what went wrong.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from course_lib.classroom.gradescope import CONFIG_NAME, SOURCE_DIR
from course_lib.files import write_atomic
from course_lib.grading.gradebook import gradescope_results_path

GRADE_TIMEOUT_S = 30 * 60
_UNSAFE = re.compile(r"[^A-Za-z0-9@._+-]")


class SubmissionProblem(Exception):
    """Something about the student's upload that grading cannot get past (shown to the student)."""


def student_id(root: Path, field: str) -> str:
    """The submitter's id from Gradescope's ``submission_metadata.json``, safe as a folder name.

    Args:
        root: the autograder root (``/autograder``).
        field: which field of ``users[0]`` to use (email, sid, id or name).

    Returns:
        The id, with characters other than letters, digits and ``@._+-`` replaced by ``_``.
    """
    metadata = root / "submission_metadata.json"
    try:
        users = json.loads(metadata.read_text(encoding="utf-8")).get("users") or []
        value = str(users[0].get(field) or "") if users else ""
    except (OSError, json.JSONDecodeError, AttributeError):
        value = ""
    if not value.strip():
        raise SubmissionProblem(f"Gradescope's submission metadata has no {field!r} for the submitter, so the "
                                "grader cannot tell whose numbers to check. Ask your instructor.")
    return _UNSAFE.sub("_", value.strip())


def find_notebook(submission: Path, assignment: str) -> Path:
    """The notebook to grade: ``<assignment>.ipynb`` anywhere in the upload, else its only notebook.

    Raises:
        SubmissionProblem: when there is no notebook, or several and none has the assignment's name.
    """
    notebooks = sorted(p for p in submission.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
                       and _regular_file_inside(p, submission))
    named = [p for p in notebooks if p.name == f"{assignment}.ipynb"]
    if named:
        return named[0]
    if len(notebooks) == 1:
        return notebooks[0]
    uploaded = ", ".join(p.relative_to(submission).as_posix() for p in sorted(submission.rglob("*")) if p.is_file())
    if not notebooks:
        raise SubmissionProblem(f"No notebook found in your upload (files: {uploaded or 'none'}). "
                                f"Upload {assignment}.ipynb.")
    raise SubmissionProblem(f"Several notebooks uploaded ({uploaded}) and none is named {assignment}.ipynb; "
                            f"upload only {assignment}.ipynb.")


def _regular_file_inside(path: Path, folder: Path) -> bool:
    """A regular file reached from ``folder`` without any symbolic link (a link could point at the hidden tests)."""
    here = path
    while here != folder:
        if here.is_symlink():
            return False
        here = here.parent
    return path.is_file()


def _write_results(root: Path, results: dict) -> Path:
    path = root / "results" / "results.json"
    write_atomic(path, json.dumps(results, indent=1) + "\n")
    return path


def grade(root: Path, python: str = sys.executable) -> tuple[dict, int]:
    """Grade the submission under ``root`` and return (results, exit code).

    Args:
        root: laid out like Gradescope's ``/autograder`` (``source/``, ``submission/``,
            ``submission_metadata.json``, ``results/``).
        python: the interpreter that has course_lib installed.

    Returns:
        Gradescope's results (score, tests, output) and 0, or a zero-score result and 1
        when the grader itself failed.
    """
    started = time.monotonic()
    config = json.loads((root / "source" / CONFIG_NAME).read_text(encoding="utf-8"))
    assignment = config["assignment"]
    try:
        sid = student_id(root, config.get("student_id_field", "email"))
        notebook = find_notebook(root / "submission", assignment)
    except SubmissionProblem as problem:
        return {"score": 0.0, "output": str(problem), "tests": []}, 0
    work = Path(tempfile.mkdtemp(prefix="course-gradescope-"))
    try:
        target = work / "submissions" / sid / f"{assignment}.ipynb"
        target.parent.mkdir(parents=True)
        shutil.copyfile(notebook, target)
        out = work / "out"
        cmd = [python, "-m", "course_lib.cli", "grade", str(work / "submissions"), "--out", str(out),
               "--source", str(root / "source" / SOURCE_DIR), "--assignment", assignment,
               "--format", "gradescope", "--no-progress", *config.get("grade_args", [])]
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=GRADE_TIMEOUT_S, cwd=work)
        produced = gradescope_results_path(out, sid, assignment)
        if not produced.exists():
            print(done.stdout[-4000:], done.stderr[-4000:], sep="\n", file=sys.stderr)
            return {"score": 0.0, "tests": [],
                    "output": "The autograder could not grade this submission (a problem on our side, not in "
                              "your work); your instructor can see the log. "
                              f"Grader exit code {done.returncode}."}, 1
        results = json.loads(produced.read_text(encoding="utf-8"))
        results["execution_time"] = round(time.monotonic() - started, 1)
        note = f"Graded {notebook.relative_to(root / 'submission').as_posix()} as {assignment} for student id {sid}."
        results["output"] = f"{note}\n{results['output']}" if results.get("output") else note
        print(done.stdout[-4000:])
        return results, 0
    except subprocess.TimeoutExpired:
        return {"score": 0.0, "tests": [], "output": f"Grading took longer than {GRADE_TIMEOUT_S // 60} minutes "
                                                     "and was stopped; your instructor can see the log."}, 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``course gradescope-run``."""
    parser.add_argument("--root", type=Path, default=Path("/autograder"),
                        help="Gradescope's autograder folder (default /autograder)")


def run(args: argparse.Namespace) -> int:
    """Run ``course gradescope-run``: grade, write results.json, 0 unless the grader itself failed."""
    results, code = grade(args.root)
    path = _write_results(args.root, results)
    print(f"Wrote {path}: score {results.get('score', 0)} ({len(results.get('tests', []))} test(s)).")
    return code
