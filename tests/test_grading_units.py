"""The grader's pure parts: reading files, lining cells up, plain data, comparisons, reports, settings."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from course_lib.grading.scoring import hidden, outputs
from course_lib.grading.scoring.grader import SubmissionResult, free_names
from factories import create_item_result, create_submission_result
from course_lib.grading.execution.plain import PlainDataError, to_plain
from course_lib.grading.scoring.settings import GradeSettings, help_for
from course_lib.grading.authoring.source import load_assignment
from course_lib.grading.scoring.submission import InvalidNotebook, plan, read_notebook

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cost():
    return load_assignment(REPO / "solutions" / "02_cost_model.ipynb")


def nb_of(name: str, folder: str = "solutions") -> dict:
    return json.loads((REPO / folder / f"{name}.ipynb").read_text())


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "02_cost_model.ipynb"
    path.write_bytes(data)
    return path


# ---- reading a submission --------------------------------------------------------------

@pytest.mark.parametrize("data, words", [
    (b"", "empty"),
    (b"\xff\xfe{}", "not UTF-8"),
    (b"{not json", "not valid JSON"),
    (b"[1, 2]", "not a Jupyter notebook"),
    (b'{"cells": [], "nbformat": 3}', "nbformat 3"),
    (b'{"cells": [{"cell_type": "picture"}], "nbformat": 4}', "cell 1"),
    (b'{"cells": [{"cell_type": "code", "source": 5}], "nbformat": 4}', "not text"),
    (b"[" * 100_000 + b"]" * 100_000, "not"),
])
def test_unreadable_files_raise_invalid_notebook_with_a_reason(tmp_path, data, words):
    """Does each kind of broken file give an InvalidNotebook whose message says what is wrong?"""
    with pytest.raises(InvalidNotebook, match=words):
        read_notebook(write(tmp_path, data), 10_000_000)


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path):
    """Is a file over the limit refused by its size, with advice to clear outputs?"""
    with pytest.raises(InvalidNotebook, match="Clear Outputs"):
        read_notebook(write(tmp_path, b" " * 2000), 1000)


def test_a_notebook_with_list_sources_is_read(tmp_path):
    """Does a notebook whose sources are lists of lines (nbformat's on-disk form) read fine?"""
    nb = nb_of("02_cost_model")
    path = write(tmp_path, json.dumps(nb).encode())
    assert read_notebook(path, 10_000_000)["nbformat"] == 4


# ---- lining cells up with the source ----------------------------------------------------

def test_the_solution_plans_every_code_cell_in_order(cost):
    """Does the solution itself plan one run of each non-test code cell, in source order, nothing missing?"""
    p = plan(cost, nb_of("02_cost_model"))
    assert not p.missing and not p.duplicated and not p.untouched and not p.general
    keys = [c["key"] for c in p.cells]
    assert keys.index("answer:cost_per_request_answer") < keys.index("answer:my_workload_answer")
    assert not any("HIDDEN" in c["code"] for c in p.cells)


def test_the_exercise_is_recognised_as_untouched(cost):
    """Is every answer cell of the untouched student version reported untouched?"""
    p = plan(cost, nb_of("02_cost_model", "exercises"))
    answers = {c.grade_id for c in cost.cells if c.role == "answer"}
    assert p.untouched == answers


def test_edited_locked_and_test_cells_are_replaced_by_the_source(cost):
    """Does an edit to a locked or test cell never reach the run (the source's version runs)?"""
    nb = nb_of("02_cost_model")
    for cell in nb["cells"]:
        role = cell["metadata"].get("nbgrader", {})
        if role.get("locked"):
            cell["source"] = "print('tampered')"
    p = plan(cost, nb)
    assert not any("tampered" in c["code"] for c in p.cells)


def test_extra_student_cells_run_after_the_cell_they_follow(cost):
    """Does a cell the student added run right after the known cell above it?"""
    nb = nb_of("02_cost_model")
    index = next(i for i, c in enumerate(nb["cells"])
                 if c["metadata"].get("nbgrader", {}).get("grade_id") == "monthly_cost_answer")
    nb["cells"].insert(index + 1, {"cell_type": "code", "metadata": {}, "source": "helper = 1", "outputs": [],
                                   "execution_count": None, "id": "mine"})
    keys = [c["key"] for c in plan(cost, nb).cells]
    assert keys[keys.index("answer:monthly_cost_answer") + 1] == "extra:1"


# ---- plain data and comparison ----------------------------------------------------------

def test_numpy_scalars_become_python_numbers():
    """Is a genuine numpy float accepted (as a plain float), so honest numpy code is not punished?"""
    import numpy as np

    value = to_plain(np.float64(0.5))
    assert value == 0.5 and type(value) is float
    assert to_plain([np.int64(3)]) == [3]


@pytest.mark.parametrize("value", [object(), {1: "int key"}, type("F", (float,), {})(1.0), set()])
def test_anything_else_is_refused(value):
    """Are objects, non-str keys, float subclasses and sets refused as answers?"""
    with pytest.raises(PlainDataError):
        to_plain(value)


def test_deep_and_huge_values_are_refused():
    """Are absurdly nested or huge answers refused instead of exhausting the grader?"""
    deep: list = []
    for _ in range(50):
        deep = [deep]
    with pytest.raises(PlainDataError, match="nested"):
        to_plain(deep)
    with pytest.raises(PlainDataError, match="parts"):
        to_plain(list(range(200_000)))


def test_same_uses_a_tolerance_for_floats_only():
    """Does comparison forgive float rounding but not a wrong type or a bool for a number?"""
    assert hidden.same(0.1 + 0.2, 0.3)
    assert not hidden.same(0.3001, 0.3)
    assert not hidden.same("0.3", 0.3)
    assert not hidden.same(1, True)
    assert hidden.same(None, None) and not hidden.same(None, 0.0)
    assert hidden.same(float("nan"), float("nan"))


def test_run_cases_gives_partial_credit_and_names_failing_cases_only_by_label():
    """Does run_cases score the share of cases passed and keep inputs and expected values out of notes?"""
    cases = [{"label": "small", "args": [1]}, {"label": "big", "args": [1000]}]
    with hidden.collect_notes() as notes:
        score = hidden.run_cases(lambda x: x * 2 if x < 10 else 0, cases, lambda x: x * 2, points=4)
    assert score == 2.0
    text = " ".join(notes)
    assert "big: wrong value" in text and "2000" not in text and "1000" not in text


def test_run_cases_reports_an_error_when_every_case_raises():
    """Is a function that raises on every input an error, not merely a failure?"""
    def broken(x):
        raise ZeroDivisionError("boom")

    with hidden.collect_notes(), pytest.raises(hidden.StudentError, match="ZeroDivisionError"):
        hidden.run_cases(broken, [{"label": "a", "args": [1]}], lambda x: x, points=1)


def test_score_scenario_reuses_the_quiz_core_with_partial_credit():
    """Does a second-best approach earn part of the points through course_lib.quiz.check?"""
    key = dict(points=2, best="fine_tuning", criteria=["style_or_persona"], partial={"prompting": 0.5})
    with hidden.collect_notes() as notes:
        full = hidden.score_scenario({"approach": "fine_tuning", "criteria": ["style_or_persona"]}, **key)
        part = hidden.score_scenario({"approach": "prompting", "criteria": ["style_or_persona"]}, **key)
        none = hidden.score_scenario({"approach": "", "criteria": []}, **key)
    assert full == 2 and 0 < part < 2 and none == 0
    assert not any("fine_tuning" in n or "style_or_persona" in n for n in notes)


def test_free_names_are_the_answers_a_test_reads():
    """Does the grader fetch exactly the names a hidden test reads but does not define?"""
    code = "from m import helper\n_cases = [1]\nhelper(answer_fn, [x for x in _cases], value)\nlen(_cases)"
    assert free_names(code) == {"answer_fn", "value"}


# ---- reports ---------------------------------------------------------------------------

def fake_result(student: str) -> SubmissionResult:
    return create_submission_result(
        student, "01_justify_the_approach",
        create_item_result("mascot_voice_why", 0.0, 1.0, "passed", "present", kind="manual"),
        create_item_result("mascot_voice", 1.2, 2.0, "failed", "approach: partial credit"))


@pytest.fixture(scope="module")
def sources():
    from course_lib.grading.authoring.source import load_source
    return load_source(REPO / "solutions")


def test_manual_points_are_merged_into_grades_and_summary(tmp_path, sources):
    """Do points from the instructor's CSV replace the zero of a justification and reach the summary?"""
    csv_path = tmp_path / "manual.csv"
    csv_path.write_text("student,assignment,item,points,comment\nada,01_justify_the_approach,mascot_voice_why,1,clear\n")
    manual = outputs.load_manual(csv_path, sources)
    records = outputs.write_reports(tmp_path / "out", [fake_result("ada"), fake_result("bob")], manual)
    by = {(r.student, r.item): r for r in records}
    assert by[("ada", "mascot_voice_why")].points == 1 and "clear" in by[("ada", "mascot_voice_why")].message
    assert by[("bob", "mascot_voice_why")].points == 0
    summary = (tmp_path / "out" / "summary.csv").read_text().splitlines()
    assert summary[1] == "ada,01_justify_the_approach,2.2,3,73.3"


@pytest.mark.parametrize("line, words", [
    ("ada,02_nope,mascot_voice_why,1", "unknown assignment"),
    ("ada,01_justify_the_approach,mascot_voice,1", "not an item graded by hand"),
    ("ada,01_justify_the_approach,mascot_voice_why,5", "outside 0..1"),
    ("ada,01_justify_the_approach,mascot_voice_why,one", "not a number"),
])
def test_bad_manual_rows_name_the_row_and_the_fix(tmp_path, sources, line, words):
    """Does each bad row of the manual-points CSV give an error naming the file and the row?"""
    path = tmp_path / "manual.csv"
    path.write_text("student,assignment,item,points\n" + line + "\n")
    with pytest.raises(outputs.ManualPointsError, match=f"row 2: .*{words}"):
        outputs.load_manual(path, sources)


def test_a_manual_row_for_a_student_without_a_submission_stops_with_the_row(tmp_path, sources):
    """Does a typo in a student id (no such submission folder) stop the run, naming the row and the likely id?"""
    path = tmp_path / "manual.csv"
    path.write_text("student,assignment,item,points\n"
                    "ada,01_justify_the_approach,mascot_voice_why,1\n"
                    "bbo,01_justify_the_approach,mascot_voice_why,1\n")
    with pytest.raises(outputs.ManualPointsError, match=r"row 3: no submission folder for student 'bbo' \(did you mean 'bob'\?\)"):
        outputs.load_manual(path, sources, students={"ada", "bob"})
    path.write_text(path.read_text().replace("bbo", "bob"))
    assert set(outputs.load_manual(path, sources, students={"ada", "bob"})) == {
        ("ada", "01_justify_the_approach", "mascot_voice_why"), ("bob", "01_justify_the_approach", "mascot_voice_why")}


def test_gradescope_results_follow_its_format(tmp_path):
    """Does --format gradescope write results.json with the score and one test per auto-graded item, leaving the
    hand-graded justification to Gradescope's manual grading?"""
    outputs.write_reports(tmp_path, [fake_result("ada")], {}, gradescope=True)
    data = json.loads((tmp_path / "gradescope" / "ada" / "01_justify_the_approach" / "results.json").read_text())
    assert data["score"] == 1.2
    assert [(t["name"], t["max_score"], t["status"]) for t in data["tests"]] == [("mascot_voice", 2.0, "failed")]


def test_feedback_escapes_what_the_student_wrote(tmp_path):
    """Is HTML in a message (from the student's own error text) escaped in the feedback page?"""
    result = create_submission_result("ada", "a", create_item_result("x", 0, 1, "error", "<script>x</script>"))
    page = outputs.feedback_html(result, outputs.rows([result], {}))
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_settings_have_the_issue_defaults_and_help():
    """Are the defaults 30 s per cell and 2 GB of memory, and does every setting have help text?"""
    settings = GradeSettings()
    assert settings.cell_timeout == 30 and settings.memory_mb == 2048
    from dataclasses import fields
    assert all(help_for(f.name) for f in fields(GradeSettings))


# ---- the student's check() ---------------------------------------------------------------

def run_check(code: str, grade_id: str, capsys) -> str:
    from course_lib.assignments.selfcheck import check

    namespace = {"check": check}
    exec(code, namespace)
    exec(f"check({grade_id!r})", namespace)
    return capsys.readouterr().out


def test_check_passes_the_notebook_examples_for_a_right_answer(capsys):
    """Does check() report every visible example as matching for a correct function?"""
    nb = nb_of("02_cost_model")
    code = next("".join(c["source"]) for c in nb["cells"]
                if c["metadata"].get("nbgrader", {}).get("grade_id") == "cost_per_request_answer")
    out = run_check(code, "cost_per_request", capsys)
    assert "2 of 2 visible checks pass" in out


def test_check_on_a_stub_says_not_written_and_does_not_raise(capsys):
    """Does check() on the untouched stub explain what is missing instead of raising?"""
    from course_lib.grading.authoring import stubs

    assignment = load_assignment(REPO / "solutions" / "02_cost_model.ipynb")
    stub = assignment.cell("cost_per_request_answer").stub
    out = run_check(stub, "cost_per_request", capsys)
    assert "not written yet" in out and "0 of 2" in out
    assert "raise" in stub and stubs.BEGIN_SOLUTION not in stub


def test_check_validates_scenario_shape_without_judging_it(capsys):
    """Does check() flag unknown ids but say nothing about whether the choice is right?"""
    out = run_check('mascot_voice = {"approach": "rag", "criteria": ["made_up"]}', "mascot_voice", capsys)
    assert "unknown criterion id(s): made_up" in out
    assert "wrong" not in out.lower() and "correct" not in out.lower()
    out = run_check('mascot_voice = {"approach": "rag", "criteria": ["new_knowledge"]}', "mascot_voice", capsys)
    assert "2 of 2 visible checks pass" in out
