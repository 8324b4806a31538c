"""``course release``: the folder students pull holds the lessons and exercises, and no answer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from course_lib.classroom.release import MARKER_FILE, RELEASED, ReleaseError, write_release
from course_lib.cli import main
from course_lib.grading.authoring.stubs import BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION
from tests.factories import EXERCISES, REPO, SOLUTIONS

SHORTEST_TELLING_LINE = 25  # shorter lines ("return total", "pass") also occur in stubs and lessons


def _split(source: str) -> tuple[list[str], list[str]]:
    """The stripped lines of a cell inside solution and hidden-test regions, and those outside."""
    inside, outside, depth = [], [], 0
    for line in source.splitlines():
        if BEGIN_SOLUTION in line or BEGIN_HIDDEN in line:
            depth += 1
        elif END_SOLUTION in line or END_HIDDEN in line:
            depth -= 1
        else:
            (inside if depth else outside).append(line.strip())
    return inside, outside


def answer_lines() -> set[str]:
    """The telling lines of solution regions, hidden tests and model answers in solutions/.

    A line the student is given anyway (the task's own text, a stub, the course's library
    code the answer calls) tells nothing, so it is left out.
    """
    answers, given = set(), set()
    library = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "course_lib").rglob("*.py"))
    for path in SOLUTIONS.glob("*.ipynb"):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            inside, outside = _split("".join(cell["source"]))
            if cell["cell_type"] == "markdown" and cell["metadata"].get("nbgrader", {}).get("solution"):
                inside, outside = inside + outside, []
            answers |= set(inside)
            given |= set(outside) | {line.removeprefix("# stub:").strip() for line in inside
                                         if line.startswith("# stub:")}
            given |= {part.strip("`").strip() for line in outside for part in line.split("`")}
    return {line for line in answers - given
            if len(line) >= SHORTEST_TELLING_LINE and not line.startswith("# stub:") and line not in library}


def _checkout(tmp_path: Path) -> Path:
    """A copy of the course checkout, to spoil in one way."""
    root = tmp_path / "course"
    root.mkdir()
    for name in (*RELEASED, "solutions"):
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(origin, root / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(origin, root / name)
    return root


def test_does_the_release_hold_the_course_and_no_answer(tmp_path):
    out = tmp_path / "release"
    release = write_release(out, REPO)
    assert sorted(p.name for p in out.iterdir()) == sorted((*RELEASED, MARKER_FILE))
    assert not (out / "solutions").exists() and not (out / "tests").exists() and not (out / "docs").exists()
    assert release.exercises == tuple(sorted(p.name for p in EXERCISES.glob("*.ipynb")))
    for name in release.exercises:
        assert (out / "exercises" / name).read_bytes() == (EXERCISES / name).read_bytes()
    answers = answer_lines()
    assert len(answers) > 20, "the scan must have answers to look for"
    leaked = []
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            leaked += [f"{path.relative_to(out)}: {line}" for line in answers if line in text]
    assert leaked == []
    for notebook in out.rglob("*.ipynb"):
        text = notebook.read_text(encoding="utf-8")
        assert not any(m in text for m in (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)), notebook


def test_does_a_stale_exercise_stop_the_release(tmp_path):
    root = _checkout(tmp_path)
    exercise = root / "exercises" / "01_justify_the_approach.ipynb"
    exercise.write_text(exercise.read_text(encoding="utf-8").replace("YOUR ANSWER HERE", "last term's answer"),
                        encoding="utf-8")
    with pytest.raises(ReleaseError, match="out of date"):
        write_release(tmp_path / "release", root)
    assert not (tmp_path / "release").exists()


def test_does_a_solution_marker_in_a_lesson_stop_the_release(tmp_path):
    root = _checkout(tmp_path)
    lesson = root / "notebooks" / "01_decision_framework.ipynb"
    nb = json.loads(lesson.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                        "source": f"{BEGIN_SOLUTION}\nanswer = 42\n{END_SOLUTION}\n"})
    lesson.write_text(json.dumps(nb), encoding="utf-8")
    with pytest.raises(ReleaseError, match="01_decision_framework.ipynb"):
        write_release(tmp_path / "release", root)


def test_is_a_folder_of_other_files_left_alone(tmp_path):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work", encoding="utf-8")
    with pytest.raises(ReleaseError, match="not empty"):
        write_release(out, REPO)
    assert (out / "thesis.tex").read_text(encoding="utf-8") == "years of work"


def test_does_a_new_release_replace_the_old_one_and_keep_its_history(tmp_path):
    out = tmp_path / "release"
    write_release(out, REPO)
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (out / "exercises" / "removed_since.ipynb").write_text("{}", encoding="utf-8")
    write_release(out, REPO)
    assert not (out / "exercises" / "removed_since.ipynb").exists()
    assert (out / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/main\n"


def test_does_the_command_name_what_it_released(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(REPO / "notebooks")  # the checkout holding the current directory is the default
    assert main(["release", str(tmp_path / "release"), "--github-classroom", "02_cost_model"]) == 0
    said = capsys.readouterr().out
    assert str(REPO) in said and "02_cost_model.ipynb" in said
    workflow = (tmp_path / "release" / ".github" / "workflows" / "classroom.yml").read_text(encoding="utf-8")
    assert workflow == (REPO / "docs" / "github-classroom" / "02_cost_model.yml").read_text(encoding="utf-8")
    assert (tmp_path / "release" / "requirements-grade.txt").exists()  # what the workflow installs


def test_does_the_command_refuse_a_workflow_for_no_assignment_and_write_nothing(tmp_path, capsys):
    assert main(["release", str(tmp_path / "release"), "--source", str(REPO), "--github-classroom", "02_cost"]) == 2
    said = capsys.readouterr().err
    assert "no assignment '02_cost'" in said and "02_cost_model" in said
    assert not (tmp_path / "release").exists()


def test_does_the_command_refuse_a_release_inside_the_checkout(capsys):
    assert main(["release", str(REPO / "build" / "release"), "--source", str(REPO)]) == 2
    assert "inside the course checkout" in capsys.readouterr().err
