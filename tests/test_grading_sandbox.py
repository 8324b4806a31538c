"""The sandboxed child: what it can reach, what it is told, and that untouched exercises run to the end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from course_lib.cli import main as course
from course_lib.grading.execution import protocol, sandbox
from course_lib.grading.scoring.grader import grade_submission
from grading_support import expected_values, run_in_child, zygote  # noqa: F401 (a fixture)
from course_lib.grading.execution.pool import Session, Zygote
from course_lib.grading.scoring.settings import GradeSettings
from course_lib.grading.authoring.source import load_assignment, load_source
from course_lib.grading.scoring.submission import plan, read_notebook

REPO = Path(__file__).resolve().parent.parent
SUPPORT = sandbox.probe()
needs_sandbox = pytest.mark.skipif(not SUPPORT.complete, reason=f"sandbox incomplete here: {SUPPORT.describe()}")
SETTINGS = GradeSettings(cell_timeout=5, notebook_timeout=30)


def run(zygote: Zygote, tmp_path: Path, code: str, names: list[str]) -> dict:
    return run_in_child(zygote, tmp_path, code, names, SETTINGS)


@needs_sandbox
def test_the_child_reads_only_python_and_course_lib(zygote, tmp_path):
    """Can student code read the stdlib and course_lib data, but not solutions/, tests/ or /etc?"""
    code = f'''
import os
def attempt(path):
    try:
        with open(path, "rb") as handle:
            return len(handle.read(10))
    except OSError as exc:
        return type(exc).__name__
result = {{name: attempt(path) for name, path in {{
    "solution": {str(REPO / "solutions" / "02_cost_model.ipynb")!r},
    "tests": {str(REPO / "tests" / "conftest.py")!r},
    "passwd": "/etc/passwd",
    "stdlib": os.__file__,
    "prices": {str(REPO / "course_lib" / "data" / "prices.csv")!r},
}}.items()}}
'''
    result = run(zygote, tmp_path, code, ["result"])["result"]
    assert result["solution"] == result["tests"] == result["passwd"] == "PermissionError"
    assert result["stdlib"] == 10 and result["prices"] == 10


@needs_sandbox
def test_the_child_writes_only_its_scratch_dir_and_cannot_start_processes_or_connect(zygote, tmp_path):
    """Are writes outside scratch, subprocesses and sockets refused while scratch files work?"""
    outside = tmp_path.parent / "outside.txt"
    code = f'''
import os, socket, subprocess
def attempt(action):
    try:
        action()
        return "allowed"
    except OSError as exc:
        return type(exc).__name__
result = {{
    "scratch": attempt(lambda: open("notes.txt", "w").write("ok")),
    "outside": attempt(lambda: open({str(outside)!r}, "w").write("x")),
    "subprocess": attempt(lambda: subprocess.run(["true"])),
    "socket": attempt(lambda: socket.create_connection(("127.0.0.1", 9))),
}}
'''
    result = run(zygote, tmp_path, code, ["result"])["result"]
    assert result == {"scratch": "allowed", "outside": "PermissionError", "subprocess": "PermissionError",
                      "socket": "PermissionError"}
    assert not outside.exists()


@needs_sandbox
def test_hidden_tests_and_expected_values_never_reach_the_child(zygote, tmp_path, monkeypatch):
    """Is every message to the child free of hidden-test code and expected values, with probes only after the cells?"""
    sent: list[str] = []
    events: list[str] = []
    real_send, real_recv = protocol.send, protocol.recv

    def spy_send(sock, message):
        sent.append(json.dumps(message))
        events.append(f"send:{message.get('op', 'job') if isinstance(message, dict) else '?'}")
        return real_send(sock, message)

    def spy_recv(sock, deadline=None):
        message = real_recv(sock, deadline)
        if isinstance(message, dict) and message.get("event") == "cells_done":
            events.append("cells_done")
        return message

    monkeypatch.setattr(protocol, "send", spy_send)
    monkeypatch.setattr(protocol, "recv", spy_recv)
    assignment = load_assignment(REPO / "solutions" / "02_cost_model.ipynb")
    result = grade_submission(assignment, "ada", REPO / "solutions" / "02_cost_model.ipynb", zygote, SETTINGS,
                              SUPPORT, tmp_path)
    assert all(i.status == "passed" for i in result.items)
    everything = "\n".join(sent)
    for secret in ("HIDDEN", "run_cases", "\"expected\":", "check_values", "_expected ="):
        assert secret not in everything
    # The numbers the hidden test expects (None, a possible break-even, is in every notebook's code anyway).
    numbers = [v for v in expected_values("02_cost_model", "my_workload", "ada").values() if isinstance(v, float)]
    assert numbers
    for value in numbers:
        assert repr(value) not in everything
    first_probe = next(i for i, e in enumerate(events) if e in ("send:get", "send:call"))
    assert "cells_done" in events[:first_probe]


@pytest.mark.parametrize("name", ["01_justify_the_approach", "02_cost_model", "03_head_to_head", "04_knowledge_lab"])
def test_untouched_exercises_run_from_top_to_bottom(zygote, tmp_path, name):
    """Does every cell of every untouched student version run without an error?"""
    assignment = load_assignment(REPO / "solutions" / f"{name}.ipynb")
    p = plan(assignment, read_notebook(REPO / "exercises" / f"{name}.ipynb", 10_000_000))
    session = Session(zygote, p.cells, "someone", SETTINGS, SUPPORT, tmp_path)
    try:
        assert session.run_cells()
        assert {k: o.state for k, o in session.outcomes.items()} == {c["key"]: "ok" for c in p.cells}
    finally:
        session.close()


def test_grading_against_a_private_source(tmp_path):
    """Does --source grade against the instructor's copy, whose hidden key can differ from solutions/?"""
    private = tmp_path / "private"
    shutil.copytree(REPO / "solutions", private)
    path = private / "01_justify_the_approach.ipynb"
    path.write_text(path.read_text().replace('best=\'fine_tuning\', criteria=[\'style_or_persona\', \'low_latency\', \'high_volume_cost\', \'shorter_prompts\']',
                                             'best=\'prompting\', criteria=[\'prompting_works\']'))
    assert "best='prompting', criteria=['prompting_works']" in path.read_text()
    subs = tmp_path / "subs" / "ada"
    subs.mkdir(parents=True)
    shutil.copy(REPO / "solutions" / "01_justify_the_approach.ipynb", subs)
    common = ["--assignment", "01_justify_the_approach", "--no-progress"]
    assert course(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "pub"), *common]) == 0
    assert course(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "priv"), "--source", str(private),
                   *common]) == 0
    public = (tmp_path / "pub" / "grades.csv").read_text()
    secret = (tmp_path / "priv" / "grades.csv").read_text()
    assert "ada,01_justify_the_approach,mascot_voice,2,2,passed" in public
    assert "ada,01_justify_the_approach,mascot_voice,2,2,passed" not in secret
    assert "ada,01_justify_the_approach,handbook_questions,2,2,passed" in secret


def test_grading_fails_only_when_grading_cannot_run(tmp_path):
    """Is the exit code non-zero for a missing folder, a bad source or a bad manual CSV (and nothing else)?"""
    assert course(["grade", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")]) == 2
    (tmp_path / "subs").mkdir()
    (tmp_path / "empty-source").mkdir()
    assert course(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "o"),
                   "--source", str(tmp_path / "empty-source")]) == 2
    bad = tmp_path / "manual.csv"
    bad.write_text("student,item\n")
    assert course(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "o"), "--manual", str(bad)]) == 2
    assert load_source(REPO / "solutions")  # the real source is fine


def test_folders_a_submission_could_read_are_refused(tmp_path):
    """Is an output or source folder inside the Python installation (readable by submissions) refused?"""
    import sys

    (tmp_path / "subs").mkdir()
    inside = Path(sys.prefix) / "course-grade-output-test"
    assert course(["grade", str(tmp_path / "subs"), "--out", str(inside)]) == 2
    assert not inside.exists()


def test_a_grader_bug_on_one_submission_spares_the_others(tmp_path, monkeypatch):
    """Does an internal error on one submission mark only its rows, skip storing it, and exit 1?"""
    from course_lib.grading.scoring import batch

    real = batch.grade_submission

    def flaky(assignment, student, *args, **kwargs):
        if student == "unlucky":
            raise RuntimeError("simulated grader bug")
        return real(assignment, student, *args, **kwargs)

    monkeypatch.setattr(batch, "grade_submission", flaky)
    for student in ("lucky", "unlucky"):
        (tmp_path / "subs" / student).mkdir(parents=True)
        shutil.copy(REPO / "solutions" / "03_head_to_head.ipynb", tmp_path / "subs" / student)
    out = tmp_path / "out"
    code = course(["grade", str(tmp_path / "subs"), "--out", str(out), "--assignment", "03_head_to_head",
                   "--no-progress"])
    assert code == 1
    grades = (out / "grades.csv").read_text()
    assert "lucky,03_head_to_head,diff_ci,4,4,passed" in grades
    assert "unlucky,03_head_to_head,diff_ci,0,4,error,internal grader error" in grades
    assert not (out / "results" / "unlucky").exists()


def test_a_dead_zygote_is_replaced_and_the_submission_still_graded(tmp_path):
    """If a zygote dies between submissions, does the batch start a new one and grade on?"""
    import os
    import signal

    from course_lib.grading.scoring.batch import Batch, Task

    assignment = load_assignment(REPO / "solutions" / "03_head_to_head.ipynb")
    with Batch(GradeSettings(workers=1), tmp_path / "results", SUPPORT) as batch:
        first = batch._free.get()
        batch._free.put(first)
        os.kill(first.process.pid, signal.SIGKILL)
        first.process.wait()
        result = batch.grade(Task("ada", assignment, REPO / "solutions" / "03_head_to_head.ipynb"))
    assert all(i.status == "passed" for i in result.items)
    assert not batch.internal_errors
