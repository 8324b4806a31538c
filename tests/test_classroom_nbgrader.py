"""nbgrader interoperability: nbgrader generates and autogrades our solutions/, and agrees with `course grade`.

A teacher on a JupyterHub with nbgrader can use ``solutions/`` unchanged. This runs
nbgrader 0.9's own ``generate_assignment`` and ``autograde`` commands (nbgrader is in
the ``test`` extra and the pinned requirements) on a few submissions made from the
student versions in ``exercises/``, grades the same files with ``course grade``, and
compares the totals and the points of every auto-graded item.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from course_lib.cli import main as course
from factories import cell_grade_id as grade_id, create_submission as submission

nbgrader_api = pytest.importorskip("nbgrader.api", reason="nbgrader is in the test extra: pip install -e '.[test]'")

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
ASSIGNMENTS = ("01_justify_the_approach", "02_cost_model", "03_head_to_head", "04_knowledge_lab")

# What each student changes, per assignment: answer grade_id -> code ("stub" keeps the exercise's stub).
PARTIAL = {
    "01_justify_the_approach": {
        "mascot_voice_answer": 'mascot_voice = {"approach": "fine_tuning", "criteria": ["style_or_persona"]}',
        "handbook_questions_answer": 'handbook_questions = {"approach": "fine_tuning", "criteria": []}',
    },
    "02_cost_model": {"cost_per_request_answer": "stub"},
    "03_head_to_head": {"decision_rule_answer": "stub"},
    "04_knowledge_lab": {"rank_fusion_answer": "stub"},
}


def nbgrader(course_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}  # it runs alembic
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--force"], cwd=course_dir, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("nbgrader")
    course_dir, ours, out = root / "course", root / "submissions", root / "grading-output"
    for assignment in ASSIGNMENTS:
        (course_dir / "source" / assignment).mkdir(parents=True)
        (course_dir / "source" / assignment / f"{assignment}.ipynb").write_bytes(
            (REPO / "solutions" / f"{assignment}.ipynb").read_bytes())
    (course_dir / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.CourseDirectory.root = {str(course_dir)!r}\n"
        "c.CourseDirectory.course_id = 'prompt-rag-or-fine-tune'\n"
        f"c.CourseDirectory.db_url = 'sqlite:///{course_dir / 'gradebook.db'}'\n"
        "c.ExecutePreprocessor.timeout = 120\n", encoding="utf-8")
    for assignment in ASSIGNMENTS:
        nbgrader(course_dir, "generate_assignment", assignment)
    students = {"ada": {}, "bob": None, "cy": PARTIAL}
    for student, plan in students.items():
        for assignment in ASSIGNMENTS:
            nb = submission(assignment, None if plan is None else student,
                            None if plan is None else plan.get(assignment, {}))
            data = json.dumps(nb, indent=1)
            theirs = course_dir / "submitted" / student / assignment / f"{assignment}.ipynb"
            mine = ours / student / f"{assignment}.ipynb"
            for path in (theirs, mine):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(data, encoding="utf-8")
    for assignment in ASSIGNMENTS:
        nbgrader(course_dir, "autograde", assignment)
    assert course(["grade", str(ours), "--out", str(out), "--no-progress"]) == 0
    return {"course_dir": course_dir, "out": out, "students": list(students)}


def test_generate_assignment_strips_solutions_and_hidden_tests(graded: dict) -> None:
    """Does nbgrader read our source, and release notebooks without solutions or hidden tests?"""
    for assignment in ASSIGNMENTS:
        released = (graded["course_dir"] / "release" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in released and "BEGIN SOLUTION" not in released
        ours = json.loads((REPO / "exercises" / f"{assignment}.ipynb").read_text(encoding="utf-8"))
        theirs = json.loads(released)
        graded_cells = lambda nb: [grade_id(c) for c in nb["cells"]  # noqa: E731
                                   if c["metadata"].get("nbgrader", {}).get("grade")]
        assert graded_cells(theirs) == graded_cells(ours)


def test_totals_equal_course_grade(graded: dict) -> None:
    """For every student and assignment, is nbgrader's autograded total the total `course grade` gives?"""
    with (graded["out"] / "summary.csv").open(encoding="utf-8") as handle:
        ours = {(r["student"], r["assignment"]): float(r["points"]) for r in csv.DictReader(handle)}
    db = f"sqlite:///{graded['course_dir'] / 'gradebook.db'}"
    compared = []
    with nbgrader_api.Gradebook(db) as gradebook:
        for student in graded["students"]:
            for assignment in ASSIGNMENTS:
                theirs = gradebook.find_submission(assignment, student).score
                assert theirs == pytest.approx(ours[(student, assignment)]), (student, assignment)
                compared.append(theirs)
    assert len(compared) == len(graded["students"]) * len(ASSIGNMENTS)
    assert len(set(compared)) > 2, "the submissions should score differently (full, partial, zero)"


def test_every_autograded_item_scores_the_same(graded: dict) -> None:
    """Item by item, including partial credit, do nbgrader and `course grade` award the same points?"""
    with (graded["out"] / "grades.csv").open(encoding="utf-8") as handle:
        ours = {(r["student"], r["assignment"], r["item"]): float(r["points"]) for r in csv.DictReader(handle)}
    db = f"sqlite:///{graded['course_dir'] / 'gradebook.db'}"
    partial = 0
    with nbgrader_api.Gradebook(db) as gradebook:
        for student in graded["students"]:
            for assignment in ASSIGNMENTS:
                notebook = gradebook.find_submission_notebook(assignment, assignment, student)
                for grade in notebook.grades:
                    if grade.auto_score is None:  # graded by hand in nbgrader; pending in both
                        assert ours[(student, assignment, grade.name)] == 0
                        continue
                    assert grade.auto_score == pytest.approx(ours[(student, assignment, grade.name)]), \
                        (student, assignment, grade.name)
                    partial += 0 < grade.auto_score < grade.max_score
    assert partial >= 1, "cy's mascot_voice answer should earn partial credit in both graders"
