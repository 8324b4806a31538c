"""course assign: student versions generated from solutions/, idempotent, and checked for being up to date."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest

from course_lib.cli import main as course
from course_lib.grading.authoring import stubs
from course_lib.grading.authoring.source import SourceError, load_source

REPO = Path(__file__).resolve().parent.parent


def test_exercises_in_the_repository_are_up_to_date():
    """Does exercises/ match what `course assign` generates from solutions/ right now?"""
    assert course(["assign", "--check"]) == 0, "exercises/ is out of date: run `course assign` and commit"


def test_check_fails_when_a_solution_changes(tmp_path):
    """Does `course assign --check` notice a solution edited after the exercises were generated?"""
    source, out = tmp_path / "solutions", tmp_path / "exercises"
    shutil.copytree(REPO / "solutions", source)
    assert course(["assign", "--source", str(source), "--out", str(out)]) == 0
    assert course(["assign", "--source", str(source), "--out", str(out), "--check"]) == 0
    path = source / "02_cost_model.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"][0]["source"] = "# Changed title"
    path.write_text(json.dumps(nb))
    assert course(["assign", "--source", str(source), "--out", str(out), "--check"]) == 1


def test_assign_is_idempotent(tmp_path):
    """Does a second `course assign` leave every file byte for byte the same?"""
    out = tmp_path / "exercises"
    assert course(["assign", "--out", str(out)]) == 0
    first = {p.name: p.read_bytes() for p in out.glob("*.ipynb")}
    assert course(["assign", "--out", str(out)]) == 0
    assert {p.name: p.read_bytes() for p in out.glob("*.ipynb")} == first
    assert len(first) >= 3


@pytest.fixture(scope="module")
def exercises() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in (REPO / "exercises").glob("*.ipynb")}


def test_student_versions_hold_no_solutions_hidden_tests_or_outputs(exercises):
    """Are solution regions, hidden tests and outputs gone from every student version?"""
    for name, nb in exercises.items():
        for cell in nb["cells"]:
            text = "".join(cell["source"])
            for marker in (stubs.BEGIN_SOLUTION, stubs.BEGIN_HIDDEN, "# stub:", "refs.", "run_cases", "score_scenario"):
                assert marker not in text, (name, marker)
            if cell["cell_type"] == "code":
                assert cell["outputs"] == [] and cell["execution_count"] is None


def test_student_versions_keep_nbgrader_metadata_and_cell_ids(exercises):
    """Can nbgrader and `course grade` still match every graded cell of the student version?"""
    solutions = {name: json.loads((REPO / "solutions" / f"{name}.ipynb").read_text()) for name in exercises}
    for name, nb in exercises.items():
        ours = [(c["id"], c["metadata"].get("nbgrader")) for c in nb["cells"]]
        theirs = [(c["id"], c["metadata"].get("nbgrader")) for c in solutions[name]["cells"]]
        assert ours == theirs


def test_every_cell_shows_in_the_slides(exercises):
    """Does every cell of every assignment show in jupyterlab-slideshow, by the lessons' rule (a known slide
    type or none, never '-', which deck mode hides; headings open slides)?"""
    from test_classroom_slides import slide_problems

    for name, nb in exercises.items():
        assert slide_problems(nbformat.reads(json.dumps(nb), as_version=4)) == [], name


def test_each_solution_has_at_least_three_items_and_objectives():
    """Do the three assignments each carry graded items with a learning objective?"""
    assignments = load_source(REPO / "solutions")
    assert set(assignments) >= {"01_justify_the_approach", "02_cost_model", "03_head_to_head", "04_knowledge_lab"}
    for assignment in assignments.values():
        assert len(assignment.items) >= 3
        assert all(item.objective.startswith("LO") for item in assignment.items)
    first = assignments["01_justify_the_approach"]
    assert {i.grade_id for i in first.items} >= {"mascot_voice", "handbook_questions", "invoice_fields"}
    assert sum(i.kind == "manual" for i in first.items) >= 6


# ---- the stub rules -----------------------------------------------------------------

def test_a_solution_inside_a_function_becomes_not_implemented():
    """Does a solution region in a function body become a stub that raises when called?"""
    source = "def f(x):\n    ### BEGIN SOLUTION\n    return x + 1\n    ### END SOLUTION\n"
    stub = stubs.code_stub(source)
    assert "return x + 1" not in stub and "raise NotImplementedError" in stub
    namespace: dict = {}
    exec(stub, namespace)
    with pytest.raises(NotImplementedError):
        namespace["f"](1)


def test_stub_lines_replace_a_top_level_solution():
    """Do '# stub:' lines become the student's starting code?"""
    source = "### BEGIN SOLUTION\nanswer = 42\n# stub: answer = None\n### END SOLUTION\nprint(answer)"
    assert stubs.code_stub(source) == "answer = None\nprint(answer)"
    assert stubs.strip_solution_markers(source) == "answer = 42\nprint(answer)"


def test_hidden_tests_are_cut_out():
    """Is a hidden-test region removed, markers included, keeping the visible test?"""
    source = 'check("x")\n### BEGIN HIDDEN TESTS\nassert secret == 1\n### END HIDDEN TESTS'
    assert stubs.remove_hidden_tests(source) == 'check("x")'


@pytest.mark.parametrize("source", [
    "### BEGIN SOLUTION\nx = 1\n",
    "x = 1\n### END SOLUTION\n",
    "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION\n",
])
def test_broken_markers_are_reported_with_their_line(source):
    """Does an unclosed or unopened region raise an error that names the line?"""
    with pytest.raises(stubs.MarkerError, match="line"):
        stubs.code_stub(source, "cell 3")


def test_a_source_with_repeated_grade_ids_is_refused(tmp_path):
    """Does a source notebook with a grade id used twice stop assign with a clear message?"""
    nb = json.loads((REPO / "solutions" / "03_head_to_head.ipynb").read_text())
    graded = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]
    graded[1]["metadata"]["nbgrader"]["grade_id"] = graded[0]["metadata"]["nbgrader"]["grade_id"]
    (tmp_path / "03_head_to_head.ipynb").write_text(json.dumps(nb))
    with pytest.raises(SourceError, match="used twice"):
        load_source(tmp_path)
    assert course(["assign", "--source", str(tmp_path), "--out", str(tmp_path / "out")]) == 2


@pytest.mark.parametrize("name", ["01_justify_the_approach", "02_cost_model", "03_head_to_head", "04_knowledge_lab"])
def test_nbgrader_accepts_the_source_unchanged(name):
    """Do nbgrader's own preprocessors read our source and produce a release with no solutions or hidden tests?"""
    import nbformat
    from nbgrader.preprocessors import CheckCellMetadata, ClearHiddenTests, ClearOutput, ClearSolutions, LockCells

    nb = nbformat.read(REPO / "solutions" / f"{name}.ipynb", as_version=4)
    resources: dict = {}
    for step in (CheckCellMetadata, ClearSolutions, ClearHiddenTests, ClearOutput, LockCells):
        nb, resources = step().preprocess(nb, resources)
    text = "\n".join(cell.source for cell in nb.cells)
    assert stubs.BEGIN_SOLUTION not in text and stubs.BEGIN_HIDDEN not in text
    assert "YOUR CODE HERE" in text or "YOUR ANSWER HERE" in text


def test_check_without_out_names_the_folders_it_used(tmp_path, capsys, monkeypatch):
    """Run from inside the checkout with a private --source and no --out, does --check compare against this
    checkout's exercises/ (not a folder beside the source) and say which folders it used?"""

    private = tmp_path / "private"
    shutil.copytree(REPO / "solutions", private)
    monkeypatch.chdir(REPO / "notebooks")
    assert course(["assign", "--source", str(private), "--check"]) == 0
    said = capsys.readouterr().out
    assert f"Instructor notebooks: {private}; student versions: {REPO / 'exercises'}." in said


def test_check_of_a_missing_folder_says_so(tmp_path, capsys):
    """Does --check on a folder that does not exist say that, instead of calling it out of date?"""
    assert course(["assign", "--out", str(tmp_path / "nowhere"), "--check"]) == 2
    assert "does not exist" in capsys.readouterr().err
