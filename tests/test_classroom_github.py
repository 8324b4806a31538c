"""Tests of the GitHub Classroom template: in sync with the assignments, well formed, and its commands work."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
import yaml

from course_lib import cli
from course_lib.classroom import github_classroom
from course_lib.assignments.selfcheck import VisibleCheck
from course_lib.classroom.visible import parse_checks
from factories import create_executed_cell, create_notebook

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / "docs" / "github-classroom"
ASSIGNMENTS = sorted(p.stem for p in (REPO / "solutions").glob("*.ipynb"))


def load_workflow(assignment: str) -> dict:
    return yaml.safe_load((WORKFLOWS / f"{assignment}.yml").read_text(encoding="utf-8"))


def test_workflows_are_up_to_date() -> None:
    """Is there one committed workflow per assignment, each exactly what the generator writes from solutions/?"""
    expected = github_classroom.render_all()
    assert sorted(expected) == [f"{name}.yml" for name in ASSIGNMENTS]
    assert github_classroom.stale_files(WORKFLOWS, expected) == [], f"regenerate: {github_classroom.REGENERATE}"


def test_check_flag_reports_stale_missing_and_left_over_workflows(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Does `course github-classroom --check` exit 1 on a stale, a missing and a left-over file without touching
    them, and 0 once the folder is written (the left-over one removed)?"""
    folder = tmp_path / "workflows"
    folder.mkdir()
    (folder / "02_cost_model.yml").write_text("# stale\n", encoding="utf-8")
    (folder / "classroom.yml").write_text("# last term's single workflow\n", encoding="utf-8")
    assert cli.main(["github-classroom", "--out-dir", str(folder), "--check"]) == 1
    captured = capsys.readouterr()
    assert f"Instructor notebooks: {REPO / 'solutions'}; workflows: {folder}." in captured.out  # which folders
    said = captured.err
    assert github_classroom.REGENERATE in said and "classroom.yml" in said and "01_justify_the_approach.yml" in said
    assert (folder / "02_cost_model.yml").read_text(encoding="utf-8") == "# stale\n"
    assert cli.main(["github-classroom", "--out-dir", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [f"{name}.yml" for name in ASSIGNMENTS]
    assert (folder / "02_cost_model.yml").read_text(encoding="utf-8") == (WORKFLOWS / "02_cost_model.yml").read_text(
        encoding="utf-8")
    assert cli.main(["github-classroom", "--out-dir", str(folder), "--check"]) == 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_workflow_reports_its_own_assignments_items_only(assignment: str) -> None:
    """Does each workflow grade only its assignment's items (so a Classroom assignment per exercise adds up to that
    exercise's visible points), with unique step ids the reporter reads and points from the source?"""
    workflow = load_workflow(assignment)
    assert workflow["on"] == ["push", "workflow_dispatch", "repository_dispatch"]  # quoted 'on' stays a key
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    graders = [s for s in steps if s.get("uses") == github_classroom.GRADER_ACTION]
    reporter = steps[-1]
    assert reporter["uses"] == github_classroom.REPORTER_ACTION
    ids = [s["id"] for s in graders]
    assert len(ids) == len(set(ids)) and all(i[0].isalpha() for i in ids)
    assert reporter["with"]["runners"].split(",") == ids
    assert set(reporter["env"]) == {f"{i.upper()}_RESULTS" for i in ids}
    items = {i.item: i.points for i in github_classroom.visible_items()[assignment]}
    assert len(items) == len(graders) > 0
    for step in graders:
        command = step["with"]["command"].split()
        assert command[:3] == ["course", "visible-checks", f"exercises/{assignment}.ipynb"]
        item = command[4]
        sources = "\n".join(c.source for c in nbformat.read(REPO / command[2], as_version=4).cells)
        assert f'check("{item}")' in sources
        assert step["with"]["max-score"] == items[item]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_workflow_installs_only_the_grading_lock_and_no_hidden_material(assignment: str) -> None:
    """Does each workflow install the grading lock (no JupyterLab, no test tools) and point at nothing in solutions/?"""
    text = (WORKFLOWS / f"{assignment}.yml").read_text(encoding="utf-8")
    installs = [s["run"] for s in load_workflow(assignment)["jobs"]["run-autograding-tests"]["steps"] if "run" in s]
    assert installs == ["python -m pip install -r requirements-grade.txt && python -m pip install --no-deps -e ."]
    assert "solutions/" not in text.replace("WITHOUT solutions/", "")
    assert "Hidden tests cannot stay hidden" in text


def test_parse_checks_reads_each_items_record_not_its_text() -> None:
    """Does the runner take each check's counts from its record, ignore look-alike printed text, and count a cell without a record as 0 of 0?"""
    nb = create_notebook(
        create_executed_cell('check("cost_per_request")', VisibleCheck("cost_per_request", 1, 2, ((True, "a"), (False, "b")))),
        create_executed_cell('check("monthly_cost")', VisibleCheck("monthly_cost", 1, 1)),
        create_executed_cell('check("break_even")', printed="break_even: 1 of 1 visible checks pass.\n"),  # a student's print
    )
    checks = parse_checks(nb)
    assert (checks["cost_per_request"].passed, checks["cost_per_request"].total) == (1, 2)
    assert not checks["cost_per_request"].ok and checks["monthly_cost"].ok
    assert not checks["break_even"].ok and checks["break_even"].total == 0  # no record: no evidence, not a pass


@pytest.mark.slow
def test_visible_command_passes_answers_and_fails_stubs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Does the workflow's command exit 0 for a finished answer, 1 for the untouched exercise, 2 for a typo?"""
    finished = tmp_path / "finished" / "02_cost_model.ipynb"
    untouched = tmp_path / "untouched" / "02_cost_model.ipynb"
    for path, origin in ((finished, REPO / "solutions"), (untouched, REPO / "exercises")):
        path.parent.mkdir()
        shutil.copyfile(origin / "02_cost_model.ipynb", path)
    cache = ["--cache-dir", str(tmp_path / "cache")]

    def visible(args: list[str]) -> int:
        return cli.main(["visible-checks", *args])

    assert visible([str(finished), "--item", "cost_per_request", *cache]) == 0
    assert "2 of 2 visible checks pass" in capsys.readouterr().out
    assert visible([str(untouched), "--item", "cost_per_request", *cache]) == 1
    assert "not written yet" in capsys.readouterr().out
    assert visible([str(untouched), "--item", "no_such_item", *cache]) == 2
    assert len(list((tmp_path / "cache").iterdir())) == 2  # one run per notebook, reused across items


def test_an_assignment_without_visible_checks_gets_no_workflow(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Is an assignment whose test cells call no visible check left without a workflow (it would score 0 of 0),
    and does a release refuse to add one for it?"""
    from course_lib.classroom.release import ReleaseError, _classroom_workflow

    source = tmp_path / "checkout" / "solutions"
    source.mkdir(parents=True)
    for name in ASSIGNMENTS:
        text = (REPO / "solutions" / f"{name}.ipynb").read_text(encoding="utf-8")
        if name == "02_cost_model":
            text = text.replace("check(", "look_at(")
        (source / f"{name}.ipynb").write_text(text, encoding="utf-8")
    assert "02_cost_model.yml" not in github_classroom.render_all(source)
    assert "03_head_to_head.yml" in github_classroom.render_all(source)
    with pytest.raises(ReleaseError, match="02_cost_model has no visible check"):
        _classroom_workflow(source.parent, "02_cost_model")
