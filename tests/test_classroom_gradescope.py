"""Tests of the Gradescope autograder bundle: its layout, and run_autograder on a Gradescope-like folder.

Gradescope's specification (gradescope-autograders.readthedocs.io/en/latest/specs/):
``setup.sh`` and ``run_autograder`` at the zip's root; at run time the zip is in
``/autograder/source``, the upload in ``/autograder/submission``, the submitter in
``/autograder/submission_metadata.json``, and ``/autograder/results/results.json``
must be written. ``setup.sh`` needs root and the network, so it is not run here: the
course's own environment stands in for the one it would build.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest

from course_lib.classroom.gradescope import BundleError, build_bundle
from course_lib.cli import main as course
from course_lib.grading.gradebook import GradeRow
from course_lib.grading.scoring.outputs import gradescope_json
from factories import create_grade_row
from grading_support import auto_points

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
ASSIGNMENT = "02_cost_model"
VISIBILITY = ["hidden", "after_due_date", "after_published", "visible"]

# Gradescope's results.json, as its specification describes it: "score" is optional at the top
# level but then every test needs one; each test may carry score, max_score, status, name,
# name_format, number, output, output_format, tags, visibility, extra_data.
RESULTS_SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "visibility": {"enum": VISIBILITY},
        "stdout_visibility": {"enum": VISIBILITY},
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "score": {"type": "number"}, "max_score": {"type": "number"},
                "status": {"enum": ["passed", "failed"]}, "name": {"type": "string"},
                "name_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
                "number": {"type": "string"}, "output": {"type": "string"},
                "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
                "tags": {"type": "array", "items": {"type": "string"}},
                "visibility": {"enum": VISIBILITY}, "extra_data": {"type": "object"},
            },
            "additionalProperties": False,
        }},
        "leaderboard": {"type": "array"},
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["score"]},
              {"required": ["tests"], "properties": {"tests": {"items": {"required": ["score"]}}}}],
}


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_bundle(ASSIGNMENT, tmp_path_factory.mktemp("bundle") / "autograder.zip").path


def gradescope_root(tmp: Path, bundle: Path, upload: dict[str, bytes], email: str | None = "ada@example.edu") -> Path:
    """A folder laid out like Gradescope's /autograder for one submission."""
    root = tmp / "autograder"
    source = root / "source"
    with zipfile.ZipFile(bundle) as archive:
        for info in archive.infolist():
            archive.extract(info, source)
            (source / info.filename).chmod((info.external_attr >> 16) & 0o777 or 0o644)
    shutil.copy2(source / "run_autograder", root / "run_autograder")  # as Gradescope's image build does
    for name, data in upload.items():
        (root / "submission" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "submission" / name).write_bytes(data)
    (root / "submission").mkdir(parents=True, exist_ok=True)
    (root / "results").mkdir()
    user = {"name": "Ada L.", "id": 4242, "sid": "S-17"} | ({"email": email} if email else {})
    (root / "submission_metadata.json").write_text(json.dumps({
        "id": 123456, "created_at": "2026-11-20T10:00:00Z", "users": [user],
        "assignment": {"id": 99, "title": ASSIGNMENT, "total_points": "12.0"}}), encoding="utf-8")
    return root


def run_autograder(root: Path) -> tuple[subprocess.CompletedProcess, dict]:
    env = {**os.environ, "AUTOGRADER_ROOT": str(root), "COURSE_PYTHON": sys.executable}
    done = subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True, text=True,
                          timeout=600)
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    jsonschema.validate(results, RESULTS_SCHEMA)
    return done, results


def direct_total(tmp: Path, student: str, notebook: Path) -> float:
    """What `course grade` gives the same notebook for the same student id, run directly."""
    submission = tmp / "direct" / "subs" / student / f"{ASSIGNMENT}.ipynb"
    submission.parent.mkdir(parents=True)
    shutil.copyfile(notebook, submission)
    out = tmp / "direct" / "out"
    assert course(["grade", str(submission.parent.parent), "--out", str(out), "--assignment", ASSIGNMENT,
                   "--no-progress"]) == 0
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["student"] == student]
    return float(row["points"])


def test_bundle_has_gradescope_layout(bundle: Path) -> None:
    """Are setup.sh and run_autograder at the zip's root, executable, with a #! line, plus our package and source?"""
    with zipfile.ZipFile(bundle) as archive:
        names = archive.namelist()
        for script in ("setup.sh", "run_autograder"):
            assert script in names
            assert (archive.getinfo(script).external_attr >> 16) & 0o111, f"{script} must be executable"
            assert archive.read(script).startswith(b"#!/usr/bin/env bash\n")
        config = json.loads(archive.read("course_autograder.json"))
        assert config["assignment"] == ASSIGNMENT
        assert f"assignment_source/{ASSIGNMENT}.ipynb" in names
        assert b"BEGIN HIDDEN TESTS" in archive.read(f"assignment_source/{ASSIGNMENT}.ipynb")
        assert "course/course_lib/grading/scoring/cli.py" in names and "course/pyproject.toml" in names
        assert archive.read("requirements-grade.txt") == (REPO / "requirements-grade.txt").read_bytes()
        assert "requirements.txt" not in names  # the learner lock (JupyterLab and all) stays out of the image
        assert b"pip install --quiet -r requirements-grade.txt" in archive.read("setup.sh")
        assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert subprocess.run(["bash", "-n", "-c", zipfile.ZipFile(bundle).read("setup.sh").decode()]).returncode == 0


def test_bundle_refuses_an_unknown_assignment(tmp_path: Path) -> None:
    """Does asking for an assignment that is not in the source name the ones that are?"""
    with pytest.raises(BundleError, match="02_cost_model"):
        build_bundle("99_nothing", tmp_path / "x.zip")
    assert not (tmp_path / "x.zip").exists()


def test_solution_scores_what_course_grade_gives(bundle: Path, tmp_path: Path) -> None:
    """Does run_autograder on a Gradescope-like folder write a valid results.json with course grade's total?"""
    solution = REPO / "solutions" / f"{ASSIGNMENT}.ipynb"
    root = gradescope_root(tmp_path, bundle, {"my work.ipynb": solution.read_bytes()})
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    expected = direct_total(tmp_path, "ada@example.edu", solution)
    assert expected > 0
    assert results["score"] == pytest.approx(expected)
    assert sum(t["score"] for t in results["tests"]) == pytest.approx(results["score"])
    assert sum(t["max_score"] for t in results["tests"]) == pytest.approx(auto_points(ASSIGNMENT))
    assert "for student id ada@example.edu" in results["output"]


def test_untouched_exercise_scores_zero_with_every_test_listed(bundle: Path, tmp_path: Path) -> None:
    """Does the student version handed in untouched get zero, each item listed as failed?"""
    exercise = REPO / "exercises" / f"{ASSIGNMENT}.ipynb"
    root = gradescope_root(tmp_path, bundle, {f"{ASSIGNMENT}.ipynb": exercise.read_bytes()})
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == 0
    assert results["tests"] and all(t["status"] == "failed" for t in results["tests"])


@pytest.mark.parametrize(("upload", "email", "message"), [
    ({"notes.txt": b"my answers"}, "ada@example.edu", "No notebook found in your upload (files: notes.txt)"),
    ({"a.ipynb": b"{}", "b.ipynb": b"{}"}, "ada@example.edu", "none is named 02_cost_model.ipynb"),
    ({"02_cost_model.ipynb": b"{}"}, None, "no 'email' for the submitter"),
])
def test_unusable_upload_gets_zero_and_a_reason(bundle: Path, tmp_path: Path, upload: dict[str, bytes],
                                                 email: str | None, message: str) -> None:
    """Does an upload the grader cannot use still produce a valid results.json that says why?"""
    root = gradescope_root(tmp_path, bundle, upload, email=email)
    done, results = run_autograder(root)
    assert done.returncode == 0, done.stderr
    assert results["score"] == 0
    assert message in results["output"]


def test_cli_writes_the_bundle(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Does `course gradescope-bundle`, run from inside the checkout, write the zip from that checkout's folders,
    say which, and say how many points it grades?"""
    out = tmp_path / "gs.zip"
    monkeypatch.chdir(REPO / "notebooks")
    assert course(["gradescope-bundle", ASSIGNMENT, "--out", str(out), "--student-id", "sid"]) == 0
    assert json.loads(zipfile.ZipFile(out).read("course_autograder.json"))["student_id_field"] == "sid"
    said = capsys.readouterr().out
    assert f"{auto_points(ASSIGNMENT):g} auto-graded points" in said
    assert f"Instructor notebooks: {REPO / 'solutions'}; course_lib and the grading lock from {REPO}." in said


def test_hand_graded_items_are_left_to_gradescope(tmp_path: Path) -> None:
    """Does assignment 01's bundle declare only its auto-graded points (12, not 18), and does its
    results.json leave the hand-graded justifications out instead of listing them as passed at 0?"""
    bundle = build_bundle("01_justify_the_approach", tmp_path / "a1.zip")
    with zipfile.ZipFile(bundle.path) as archive:
        assert json.loads(archive.read("course_autograder.json"))["max_points"] == 12
    assert bundle.max_points == auto_points("01_justify_the_approach") == 12
    rows = [GradeRow(**create_grade_row("ada", "mascot_voice", 2, "passed", assignment="a1")),
            GradeRow(**create_grade_row("ada", "mascot_voice_why", 0, "passed", assignment="a1", max_points=1))]
    tests = json.loads(gradescope_json(rows, "score", hand_graded=["mascot_voice_why"]))["tests"]
    assert [t["name"] for t in tests] == ["mascot_voice"]


def _sandbox_check(bundle: Path, tmp_path: Path, complete: bool, config: str) -> subprocess.CompletedProcess:
    """Run setup.sh's sandbox check with a stand-in for the venv's python that reports the sandbox as given."""
    script = zipfile.ZipFile(bundle).read("setup.sh").decode()
    block = script[script.index("# Fail the build"):script.rindex("fi\n") + 3]
    fake = tmp_path / "python"
    fake.write_text(f"#!/usr/bin/env bash\necho 'sandbox: as faked'\nexit {0 if complete else 1}\n", encoding="utf-8")
    fake.chmod(0o755)
    (tmp_path / "course_autograder.json").write_text(config, encoding="utf-8")
    return subprocess.run(["bash", "-c", block.replace("/autograder/venv/bin/python", str(fake))], cwd=tmp_path,
                          capture_output=True, text=True)


def test_setup_fails_loudly_where_the_sandbox_is_missing(bundle: Path, tmp_path: Path) -> None:
    """Does the image build fail (not every student's grade) when the sandbox is incomplete, unless the bundle
    was made with --allow-unsandboxed, and pass where the sandbox works?"""
    refused = _sandbox_check(bundle, tmp_path, complete=False, config='{"grade_args": ["--feedback", "score"]}')
    assert refused.returncode == 1 and "--grade-arg=--allow-unsandboxed" in refused.stderr
    allowed = _sandbox_check(bundle, tmp_path, complete=False, config='{"grade_args": ["--allow-unsandboxed"]}')
    assert allowed.returncode == 0 and "WARNING" in allowed.stderr
    assert _sandbox_check(bundle, tmp_path, complete=True, config="{}").returncode == 0
