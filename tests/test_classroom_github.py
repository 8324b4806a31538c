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
TEMPLATE = REPO / "docs" / "github-classroom" / "classroom.yml"


def test_template_is_up_to_date() -> None:
    """Is the committed template exactly what the generator writes from solutions/ today?"""
    assert TEMPLATE.read_text(encoding="utf-8") == github_classroom.render(), (
        f"regenerate: {github_classroom.REGENERATE}")


def test_check_flag_reports_a_stale_template_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Does `course github-classroom --check` exit 1 on a stale copy without touching it, and 0 once it is written?"""
    copy = tmp_path / "classroom.yml"
    copy.write_text("# stale\n", encoding="utf-8")
    assert cli.main(["github-classroom", "--out", str(copy), "--check"]) == 1
    assert copy.read_text(encoding="utf-8") == "# stale\n"
    assert github_classroom.REGENERATE in capsys.readouterr().err
    assert cli.main(["github-classroom", "--out", str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == TEMPLATE.read_text(encoding="utf-8")
    assert cli.main(["github-classroom", "--out", str(copy), "--check"]) == 0


def test_every_step_is_reported_and_points_match_the_source() -> None:
    """Does each grading step have a unique id the reporter reads, and do its points come from the source?"""
    workflow = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    assert workflow["on"] == ["push", "workflow_dispatch", "repository_dispatch"]  # quoted 'on' stays a key
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    graders = [s for s in steps if s.get("uses") == github_classroom.GRADER_ACTION]
    reporter = steps[-1]
    assert reporter["uses"] == github_classroom.REPORTER_ACTION
    ids = [s["id"] for s in graders]
    assert len(ids) == len(set(ids)) and all(i[0].isalpha() for i in ids)
    assert reporter["with"]["runners"].split(",") == ids
    assert set(reporter["env"]) == {f"{i.upper()}_RESULTS" for i in ids}
    items = {(i.assignment, i.item): i.points for i in github_classroom.visible_items()}
    assert len(items) == len(graders) > 0
    for step in graders:
        command = step["with"]["command"].split()
        assert command[:2] == ["course", "visible-checks"]  # the same verb the tests below run
        notebook, item = command[2], command[4]
        assert (REPO / notebook).exists(), notebook
        sources = "\n".join(c.source for c in nbformat.read(REPO / notebook, as_version=4).cells)
        assert f'check("{item}")' in sources
        assert step["with"]["max-score"] == items[(Path(notebook).stem, item)]


def test_workflow_runs_no_hidden_test_material() -> None:
    """Does nothing in the template point at solutions/ (which must not be in a student's repository)?"""
    text = TEMPLATE.read_text(encoding="utf-8")
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
