"""One graded class with every bad submission of the threat model, shared by many assertions.

Each bad student submits one notebook that does one bad thing; the rest of the
class is graded in the same run, and a second run with only the well-behaved
students proves their rows do not change.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import stat
from pathlib import Path

import pytest

from course_lib.cli import main as course
from factories import EXERCISES, SOLUTIONS, cell_index, notebook, read_csv_rows, save, with_answer
from grading_support import auto_points, expected_values, graded_items

COST = "02_cost_model"
ASSIGNMENTS = ("01_justify_the_approach", "02_cost_model", "03_head_to_head", "04_knowledge_lab")
FAST = ["--cell-timeout", "2", "--notebook-timeout", "20", "--max-file-mb", "2", "--no-progress"]


# ---- the class ------------------------------------------------------------------

WRONG_COST = '''
def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):
    return 123.0
'''

BAD_COST_ANSWERS = {
    "eq_always_true": '''
class AlwaysEqual:
    def __eq__(self, other): return True
    def __ne__(self, other): return False
    __hash__ = object.__hash__

def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):
    return AlwaysEqual()
''',
    "float_subclass": '''
class SneakyFloat(float):
    def __eq__(self, other): return True
    def __sub__(self, other): return 0.0
    def __rsub__(self, other): return 0.0
    def __abs__(self): return 0.0
    __hash__ = float.__hash__

def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):
    return SneakyFloat(42.0)
''',
    "patched_builtins": '''
import builtins, math
builtins.isinstance = lambda *a: True
builtins.abs = lambda x: 0
builtins.type = lambda *a: float
math.isclose = lambda *a, **k: True
''' + WRONG_COST,
    "patched_course_lib": '''
import course_lib.costs, course_lib.grading.scoring.hidden as hidden
course_lib.costs.cost_per_request = lambda *a, **k: 123.0
hidden.same = lambda *a, **k: True
hidden.run_cases = lambda *a, points=0, **k: points
''' + WRONG_COST,
    "disabled_traceback": '''
import sys, traceback
sys.excepthook = lambda *a: None
traceback.format_exception_only = lambda *a, **k: ["passed"]
get_ipython().showtraceback = lambda *a, **k: None

def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):
    raise ValueError("hidden failure")
''',
    "forged_passed": '''
print("cost_per_request: 10 of 10 test cases passed.")
print("passed")
import sys; sys.stdout.write("status: passed, points 4/4\\n")
''' + WRONG_COST,
    "infinite_loop": "while True:\n    pass\n" + WRONG_COST,
    "loop_in_function": '''
def cost_per_request(input_tokens, output_tokens, system_prompt_tokens, price, cached_fraction=0.0):
    while True:
        pass
''',
    "memory_hog": "hog = bytearray(3 * 1024 ** 3)\n" + WRONG_COST,
    "fork_bomb": "import os\nwhile True:\n    os.fork()\n" + WRONG_COST,
    "sys_exit": "import sys\nsys.exit(3)\n" + WRONG_COST,
    "os_exit": "import os\nos._exit(0)\n" + WRONG_COST,
    "kill_parent": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n" + WRONG_COST,
    "print_gigabytes": "for _ in range(200_000):\n    print('x' * 50_000)\n" + WRONG_COST,
}


def correct_cost_cell() -> str:
    nb = notebook(COST)
    return "".join(nb["cells"][cell_index(nb, "cost_per_request_answer")]["source"])


def build_class(root: Path, targets: dict[str, Path]) -> None:
    """Write the class: good students, an untouched exercise, and one bad submission each."""
    for name in ASSIGNMENTS:
        save(root, "ada", name, notebook(name))
        save(root, "bob", name, notebook(name, EXERCISES))
    good = notebook(COST)
    for student, code in BAD_COST_ANSWERS.items():
        save(root, student, COST, with_answer(good, "cost_per_request_answer", code))

    # stderr output and warnings never cost points
    noisy = correct_cost_cell() + "\nimport sys, warnings\nwarnings.warn('just a warning')\nprint('to stderr', file=sys.stderr)\n"
    save(root, "noisy", COST, with_answer(good, "cost_per_request_answer", noisy))

    # files out of reach: read the source, another submission, the grader's output; write outside scratch
    snoop = f'''
leaks = {{}}
for label, path in {{"source": {str(targets["source"])!r}, "classmate": {str(targets["classmate"])!r},
                     "output": {str(targets["output"])!r}}}.items():
    try:
        with open(path) as handle:
            leaks[label] = handle.read(100)
    except OSError as exc:
        leaks[label] = type(exc).__name__
for path in ({str(targets["classmate"])!r}, {str(targets["planted"])!r}):
    try:
        with open(path, "w") as handle:
            handle.write("overwritten")
    except OSError:
        pass
''' + correct_cost_cell()
    save(root, "snoop", COST, with_answer(good, "cost_per_request_answer", snoop))

    # a classmate's results copied by hand: right numbers for ada, wrong for copycat
    ada = expected_values(COST, "my_workload", "ada")
    copied = "\n".join(f"{k} = {v!r}" for k, v in ada.items())
    save(root, "copycat", COST, with_answer(good, "my_workload_answer", copied))

    # broken files
    save(root, "not_json", COST, "this is not JSON {")
    save(root, "not_notebook", COST, {"hello": "world"})
    wrong_version = copy.deepcopy(good)
    wrong_version["nbformat"] = 3
    save(root, "wrong_version", COST, wrong_version)
    save(root, "empty_file", COST, b"")
    save(root, "huge_file", COST, b'{"cells": [], "pad": "' + b"x" * 3_000_000 + b'"}')
    save(root, "not_utf8", COST, json.dumps(good).encode("utf-8").replace(b"cost_per_request", b"cost_\xff_request", 1))
    save(root, "renamed", "my_cost_model", good)

    deleted = copy.deepcopy(good)
    del deleted["cells"][cell_index(good, "cost_per_request_answer")]
    save(root, "answer_deleted", COST, deleted)

    duplicated = copy.deepcopy(good)
    i = cell_index(good, "monthly_cost_answer")
    duplicated["cells"].insert(i + 1, copy.deepcopy(good["cells"][i]))
    save(root, "answer_duplicated", COST, duplicated)

    reordered = copy.deepcopy(good)
    cells = reordered["cells"]
    work = cells.pop(cell_index(reordered, "my_workload_answer"))
    cells.insert(cell_index(reordered, "cost_per_request_answer"), work)
    save(root, "reordered", COST, reordered)

    edited = copy.deepcopy(good)
    for n, cell in enumerate(edited["cells"]):
        cell["id"] = f"student-edited-{n}"
        meta = cell["metadata"].get("nbgrader")
        if meta and meta.get("grade"):
            meta["points"] = 100
    save(root, "ids_edited", COST, edited)

    stripped = copy.deepcopy(good)
    for cell in stripped["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "break_even_answer":
            del cell["metadata"]["nbgrader"]
    save(root, "metadata_removed", COST, stripped)

    # partial credit on a scenario: a defensible second-best approach, one extra criterion
    first = notebook("01_justify_the_approach")
    partial = with_answer(first, "mascot_voice_answer",
                          'mascot_voice = {"approach": "prompting", "criteria": ["style_or_persona", "new_knowledge"]}')
    save(root, "partial", "01_justify_the_approach", partial)


def read_grades(out: Path) -> dict[tuple[str, str, str], dict[str, str]]:
    return {(r["student"], r["assignment"], r["item"]): r for r in read_csv_rows(out / "grades.csv")}


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("class")
    subs, out = base / "submissions", base / "out"
    planted = base / "planted.txt"
    planted.write_text("original")
    out.mkdir()
    (out / "keep.txt").write_text("grader output")
    targets = {"source": SOLUTIONS / f"{COST}.ipynb", "classmate": subs / "ada" / f"{COST}.ipynb",
               "output": out / "keep.txt", "planted": planted}
    build_class(subs, targets)
    classmate_before = targets["classmate"].read_bytes()
    manual = base / "manual.csv"
    whys = [c["metadata"]["nbgrader"]["grade_id"] for c in notebook("01_justify_the_approach")["cells"]
            if c["metadata"].get("nbgrader", {}).get("grade_id", "").endswith("_why")]
    manual.write_text("student,assignment,item,points,comment\n" + "".join(
        f"ada,01_justify_the_approach,{why},1,clear\n" for why in whys))
    code = course(["grade", str(subs), "--out", str(out), "--manual", str(manual), *FAST])

    baseline_subs, baseline_out = base / "baseline", base / "baseline-out"
    for student in ("ada", "bob"):
        for name in ASSIGNMENTS:
            save(baseline_subs, student, name, (subs / student / f"{name}.ipynb").read_bytes())
    baseline_code = course(["grade", str(baseline_subs), "--out", str(baseline_out), "--manual", str(manual), *FAST])
    return {"code": code, "out": out, "subs": subs, "rows": read_grades(out), "base": base,
            "baseline_code": baseline_code, "baseline": read_grades(baseline_out),
            "classmate_before": classmate_before, "planted": planted, "targets": targets}


def row(graded: dict, student: str, item: str, assignment: str = COST) -> dict[str, str]:
    return graded["rows"][(student, assignment, item)]


# ---- the whole class --------------------------------------------------------------

def test_grading_a_class_with_bad_submissions_exits_zero(graded):
    """Does losing points (or breaking a notebook) leave the exit code at 0?"""
    assert graded["code"] == 0 and graded["baseline_code"] == 0


def test_well_behaved_students_rows_do_not_change_when_bad_submissions_join(graded):
    """Are ada's and bob's rows identical with and without the bad submissions in the batch?"""
    for key, expected in graded["baseline"].items():
        assert graded["rows"][key] == expected, key
    assert {k[0] for k in graded["baseline"]} == {"ada", "bob"}


def test_every_solution_scores_full_marks(graded):
    """Does the published solution pass every item, with the justifications' points from the manual CSV?"""
    ada = [r for (s, _, _), r in graded["rows"].items() if s == "ada"]
    assert len({r["assignment"] for r in ada}) == len(ASSIGNMENTS)
    for r in ada:
        assert (r["status"], r["points"]) == ("passed", r["max_points"]), r
    with open(graded["out"] / "summary.csv", newline="") as handle:
        assert {r["percent"] for r in csv.DictReader(handle) if r["student"] == "ada"} == {"100.0"}


def test_justifications_wait_for_the_instructor(graded):
    """Is a present justification 'passed' with 0 points until the manual CSV awards them?"""
    r = row(graded, "partial", "mascot_voice_why", "01_justify_the_approach")
    assert (r["status"], r["points"]) == ("passed", "0") and "awarded by the instructor" in r["message"]


def test_untouched_exercises_score_zero_and_are_reported_missing(graded):
    """Does an unchanged student version score zero with status missing on every item?"""
    bob = [r for (s, _, _), r in graded["rows"].items() if s == "bob"]
    assert bob and all(r["points"] == "0" and r["status"] == "missing" for r in bob)


def test_grades_csv_has_the_issue_columns_plus_objective(graded):
    """Does grades.csv keep the named columns, in order, with the objective added?"""
    header = (graded["out"] / "grades.csv").read_text().splitlines()[0]
    assert header == "student,assignment,item,points,max_points,status,message,objective"
    objectives = {r["objective"] for r in graded["rows"].values()}
    assert objectives <= {"LO1", "LO2", "LO3", "LO4", "LO5", "LO6", "LO7"} and {"LO3", "LO4"} <= objectives


def test_summary_has_one_row_per_student_and_assignment(graded):
    """Does summary.csv total each student's assignment?"""
    with open(graded["out"] / "summary.csv", newline="") as handle:
        summary = {(r["student"], r["assignment"]): r for r in csv.DictReader(handle)}
    assert summary[("ada", COST)]["points"] == summary[("ada", COST)]["max_points"] == f"{auto_points(COST):g}"
    assert summary[("ada", COST)]["percent"] == "100.0"
    assert summary[("bob", COST)]["points"] == "0"
    students = {k[0] for k in graded["rows"]}
    assert len(summary) == len(students) * len(ASSIGNMENTS)


# ---- answers that try to pass without being right ------------------------------------

@pytest.mark.parametrize("student", ["eq_always_true", "float_subclass"])
def test_objects_that_lie_about_equality_are_invalid(graded, student):
    """Does an answer whose __eq__ always says True (or a float subclass) fail to pass?"""
    r = row(graded, student, "cost_per_request")
    assert (r["status"], r["points"]) == ("invalid", "0")
    assert "plain" in r["message"]
    assert row(graded, student, "monthly_cost")["status"] == "passed"


@pytest.mark.parametrize("student", ["patched_builtins", "patched_course_lib", "forged_passed"])
def test_patching_or_printing_cannot_make_a_wrong_answer_pass(graded, student):
    """Do patched builtins, patched course_lib or a printed 'passed' leave a wrong answer failed?"""
    r = row(graded, student, "cost_per_request")
    assert (r["status"], r["points"]) == ("failed", "0")
    assert "0 of 10" in r["message"]


def test_a_disabled_traceback_still_reports_the_error(graded):
    """Does hiding tracebacks in the notebook keep the grader from seeing the error?"""
    r = row(graded, "disabled_traceback", "cost_per_request")
    assert (r["status"], r["points"]) == ("error", "0")
    assert "ValueError" in r["message"]


def test_stderr_and_warnings_cost_nothing(graded):
    """Does a correct answer that writes to stderr and warns still get full marks?"""
    r = row(graded, "noisy", "cost_per_request")
    assert (r["status"], r["points"]) == ("passed", "4")


def test_answers_copied_from_a_classmate_are_wrong_for_the_copier(graded):
    """Are hard-coded results from ada's numbers wrong for copycat's own numbers?"""
    r = row(graded, "copycat", "my_workload")
    assert (r["status"], r["points"]) == ("failed", "0")
    assert row(graded, "ada", "my_workload")["status"] == "passed"


# ---- faults that try to stop or slow the batch ----------------------------------------

def test_an_infinite_loop_times_out_and_the_other_items_are_still_graded(graded):
    """Does a looping answer cell time out alone, with the rest of the notebook graded?"""
    r = row(graded, "infinite_loop", "cost_per_request")
    assert (r["status"], r["points"]) == ("timeout", "0") and "2 s" in r["message"]
    assert row(graded, "infinite_loop", "monthly_cost")["status"] == "passed"


def test_a_function_that_never_returns_times_out(graded):
    """Does a student function that loops when the grader calls it time out, not hang?"""
    assert row(graded, "loop_in_function", "cost_per_request")["status"] == "timeout"
    assert row(graded, "loop_in_function", "break_even")["status"] == "passed"


def test_memory_exhaustion_hits_the_memory_limit(graded):
    """Does allocating 3 GB fail inside the submission instead of taking the machine?"""
    r = row(graded, "memory_hog", "cost_per_request")
    assert r["status"] == "error" and "MemoryError" in r["message"]
    assert row(graded, "memory_hog", "monthly_cost")["status"] == "passed"


def test_a_fork_bomb_cannot_fork(graded):
    """Is os.fork refused, so a fork bomb ends as an error in its own cell?"""
    r = row(graded, "fork_bomb", "cost_per_request")
    assert r["status"] == "error" and "PermissionError" in r["message"]


def test_sys_exit_is_an_error_in_the_cell(graded):
    """Does sys.exit stop only the cell, leaving the rest of the notebook graded?"""
    r = row(graded, "sys_exit", "cost_per_request")
    assert r["status"] == "error" and "SystemExit" in r["message"]
    assert row(graded, "sys_exit", "monthly_cost")["status"] == "passed"


def test_os_exit_ends_the_process_and_the_rest_is_rerun(graded):
    """Does os._exit cost only its own item (the notebook is re-run without that cell)?"""
    r = row(graded, "os_exit", "cost_per_request")
    assert r["status"] == "error" and "exited" in r["message"]
    assert row(graded, "os_exit", "monthly_cost")["status"] == "passed"


def test_killing_the_parent_is_refused(graded):
    """Can a submission kill the zygote that forked it?"""
    r = row(graded, "kill_parent", "cost_per_request")
    assert r["status"] == "error" and "PermissionError" in r["message"]
    assert row(graded, "kill_parent", "monthly_cost")["status"] == "passed"


def test_printing_gigabytes_is_cut_off(graded):
    """Is endless printing stopped at the output limit?"""
    r = row(graded, "print_gigabytes", "cost_per_request")
    assert r["status"] == "error" and "output exceeded" in r["message"]


# ---- files out of reach ---------------------------------------------------------------

def test_a_submission_cannot_change_files_outside_its_scratch_dir(graded):
    """Are another student's submission and a file elsewhere unchanged after a write attempt?"""
    assert graded["targets"]["classmate"].read_bytes() == graded["classmate_before"]
    assert graded["planted"].read_text() == "original"
    assert (graded["out"] / "keep.txt").read_text() == "grader output"
    assert row(graded, "snoop", "cost_per_request")["status"] == "passed"


# ---- broken files ----------------------------------------------------------------------

@pytest.mark.parametrize("student, words", [
    ("not_json", "not valid JSON"), ("not_notebook", "not a Jupyter notebook"), ("wrong_version", "nbformat 3"),
    ("empty_file", "empty"), ("huge_file", "limit of 2 MB"), ("not_utf8", "not UTF-8"),
])
def test_files_that_are_not_notebooks_are_invalid_with_a_reason(graded, student, words):
    """Does each kind of broken file make every item invalid, with a message that says why?"""
    rows = [r for (s, a, _), r in graded["rows"].items() if s == student and a == COST]
    assert len(rows) == len(graded_items(COST))
    assert all(r["status"] == "invalid" and r["points"] == "0" and words in r["message"] for r in rows)


def test_a_renamed_notebook_is_reported_missing_with_its_name(graded):
    """Does a notebook saved under another name show as missing, naming the stray file?"""
    r = row(graded, "renamed", "cost_per_request")
    assert r["status"] == "missing" and "my_cost_model.ipynb" in r["message"]


def test_a_deleted_answer_cell_is_missing_and_the_rest_graded(graded):
    """Does deleting one answer cell cost only that item?"""
    assert row(graded, "answer_deleted", "cost_per_request")["status"] == "missing"
    assert row(graded, "answer_deleted", "monthly_cost")["status"] == "passed"


def test_a_duplicated_answer_cell_is_invalid(graded):
    """Does a copied answer cell make its item invalid with advice to delete the copy?"""
    r = row(graded, "answer_duplicated", "monthly_cost")
    assert r["status"] == "invalid" and "more than once" in r["message"]
    assert row(graded, "answer_duplicated", "cost_per_request")["status"] == "passed"


def test_reordered_cells_run_in_the_original_order(graded):
    """Does moving the workload cell above the functions still grade it as written?"""
    rows = [r for (s, a, _), r in graded["rows"].items() if s == "reordered" and a == COST]
    assert all(r["status"] == "passed" for r in rows), rows
    assert any("original order" in line for line in (graded["out"] / "feedback" / "reordered" / f"{COST}.html")
               .read_text().splitlines())


def test_edited_cell_ids_and_points_change_nothing(graded):
    """Do edited cell ids and inflated points in the metadata leave the grade as the source says?"""
    rows = [r for (s, a, _), r in graded["rows"].items() if s == "ids_edited" and a == COST]
    assert all(r["status"] == "passed" for r in rows)
    assert sum(float(r["max_points"]) for r in rows) == auto_points(COST)


def test_removed_nbgrader_metadata_is_matched_by_cell_id(graded):
    """Is an answer cell whose nbgrader metadata was deleted still found by its cell id?"""
    r = row(graded, "metadata_removed", "break_even")
    assert r["status"] == "passed" and "cell id" in r["message"]


def test_scenario_answers_earn_partial_credit(graded):
    """Does a second-best approach with one wrong criterion earn some but not all points?"""
    r = row(graded, "partial", "mascot_voice", "01_justify_the_approach")
    assert r["status"] == "failed" and 0 < float(r["points"]) < 2


# ---- feedback and re-runs ------------------------------------------------------------

def test_feedback_pages_and_gradebook_are_readable_by_others(graded):
    """Are feedback pages and grades.csv written with the umask's mode, not owner-only (so they can be served)?"""
    umask = os.umask(0)
    os.umask(umask)
    expected = 0o666 & ~umask
    for path in (graded["out"] / "feedback" / "copycat" / f"{COST}.html", graded["out"] / "grades.csv"):
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_feedback_shows_no_hidden_tests_or_expected_values(graded):
    """Does a student's feedback page hold neither hidden-test source nor the values expected of them?"""
    page = (graded["out"] / "feedback" / "copycat" / f"{COST}.html").read_text()
    for secret in ("BEGIN HIDDEN", "run_cases(", "\"expected\":", "check_values("):
        assert secret not in page
    for value in expected_values(COST, "my_workload", "copycat").values():
        if value is not None:
            assert f"{value:.2f}" not in page and repr(value) not in page
    assert "Task 4: your workload" in page and "not right for your numbers" in page  # named by its task title


def test_every_graded_submission_has_feedback(graded):
    """Is there one feedback page per student and assignment?"""
    pages = list((graded["out"] / "feedback").rglob("*.html"))
    assert len(pages) == len({(k[0], k[1]) for k in graded["rows"]})


def test_grading_again_gives_the_same_files(graded, tmp_path):
    """Do a fresh run (nothing reused) and a re-run into the same folder produce identical files?"""
    before = {p: p.read_bytes() for p in graded["out"].rglob("*.csv")}
    fresh = tmp_path / "again"
    subs = graded["base"] / "baseline"
    assert course(["grade", str(subs), "--out", str(fresh), *FAST]) == 0
    first = (fresh / "grades.csv").read_bytes()
    (fresh / "grades.csv").unlink()
    result = next((fresh / "results" / "ada").glob("*.json"))
    result.unlink()  # as if the run had been interrupted before this submission was stored
    assert course(["grade", str(subs), "--out", str(fresh), *FAST]) == 0
    assert (fresh / "grades.csv").read_bytes() == first
    assert result.exists()
    assert {p: p.read_bytes() for p in graded["out"].rglob("*.csv")} == before
