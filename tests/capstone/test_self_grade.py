"""``course grade --self`` for a solo learner, and submission files in an instructor's class folder."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from course_lib.cli import main
from course_lib.submission_file import write_submission
from factories import EXERCISES, create_submission, notebook, with_answer, write_file

pytestmark = pytest.mark.slow
FAST = ["--workers", "1", "--no-progress"]


def self_grade(path: Path, out: Path, capsys) -> tuple[int, str]:
    code = main(["grade", "--self", str(path), "--out", str(out)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("name", ["02_cost_model", "03_head_to_head", "04_knowledge_lab"])
def test_a_solution_scores_full_auto_graded_marks(tmp_path: Path, capsys, name: str) -> None:
    """Does the published solution, answered in the exercise, score every auto-graded point under --self?"""
    path = write_file(tmp_path, f"{name}.ipynb", create_submission(name, "ada-lovelace"))
    code, text = self_grade(path, tmp_path / "out", capsys)
    assert code == 0, text
    total = next(line for line in text.splitlines() if line.startswith("Total: "))
    got, of = total.split()[1], total.split()[3]
    assert got == of and float(of) > 0, text
    assert f"Feedback page: {(tmp_path / 'out' / 'feedback' / 'ada-lovelace' / f'{name}.html').resolve()}" in text
    assert (tmp_path / "out" / "feedback" / "ada-lovelace" / f"{name}.html").exists()


def test_justifications_are_left_for_the_instructor(tmp_path: Path, capsys) -> None:
    """In assignment 01, do the automatic items score in full while the written ones wait for a person?"""
    code, text = self_grade(write_file(tmp_path, "01_justify_the_approach.ipynb", create_submission("01_justify_the_approach", "ada-lovelace")),
                            tmp_path / "out", capsys)
    with open(tmp_path / "out" / "grades.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    auto = [r for r in rows if not r["item"].endswith("_why")]
    assert auto and all(r["status"] == "passed" and r["points"] == r["max_points"] for r in auto), text
    assert code == 0


@pytest.mark.parametrize("name", ["01_justify_the_approach", "02_cost_model", "03_head_to_head", "04_knowledge_lab"])
def test_an_untouched_exercise_scores_zero(tmp_path: Path, capsys, name: str) -> None:
    """Does the exercise as handed out score 0 under --self, without crashing?"""
    code, text = self_grade(write_file(tmp_path, f"{name}.ipynb", notebook(name, EXERCISES)), tmp_path / "out", capsys)
    assert code == 0 and "Total: 0 of " in text, text


def test_a_wrong_answer_gets_feedback_per_item(tmp_path: Path, capsys) -> None:
    """Does a wrong answer lose its item's points with the reason printed, and the others keep theirs?"""
    nb = with_answer(create_submission("03_head_to_head", "ada-lovelace"), "decision_answer",
                   'def decide(acc_a, acc_b, ci_low, min_gain=0.05):\n    return "fine_tune"')
    code, text = self_grade(write_file(tmp_path, "03_head_to_head.ipynb", nb), tmp_path / "out", capsys)
    line = next(l for l in text.splitlines() if l.strip().startswith("decision_rule"))
    assert " / 3" in line and "failed" in line and not line.split()[1] == "3"
    assert next(l for l in text.splitlines() if l.strip().startswith("diff_ci")).split()[1] == "4"


def test_a_submission_file_is_verified_then_graded(tmp_path: Path, capsys) -> None:
    """Does --self accept a .submission.zip, say it was verified, and grade the notebook inside?"""
    data = (write_file(tmp_path, "nb.ipynb", create_submission("03_head_to_head", "ada-lovelace"))).read_bytes()
    target = tmp_path / "03_head_to_head.submission.zip"
    write_submission(target, data, assignment="03_head_to_head", student_id="ada-lovelace", checks=[])
    code, text = self_grade(target, tmp_path / "out", capsys)
    assert code == 0 and "submission file verified" in text and "Total: 10 of 10" in text


def test_a_tampered_submission_file_is_not_graded(tmp_path: Path, capsys) -> None:
    """Is a submission file changed after it was written refused by --self, with the reason?"""
    import zipfile

    target = tmp_path / "03_head_to_head.submission.zip"
    write_submission(target, b'{"cells": []}', assignment="03_head_to_head", student_id="ada", checks=[])
    with zipfile.ZipFile(target) as archive:
        manifest = archive.read("manifest.json")
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("03_head_to_head.ipynb", b'{"cells": [], "nbformat": 4}')
    assert main(["grade", "--self", str(target), "--out", str(tmp_path / "out")]) == 2
    assert "does not match the hash" in capsys.readouterr().err


def test_a_notebook_from_elsewhere_is_refused(tmp_path: Path, capsys) -> None:
    """Is a notebook that is not one of the course's exercises refused with the list of exercises?"""
    path = write_file(tmp_path, "mine.ipynb", '{"cells": [], "nbformat": 4, "metadata": {}}')
    assert main(["grade", "--self", str(path)]) == 2
    assert "not one of the course's exercises (01_justify_the_approach" in capsys.readouterr().err


def test_class_folder_with_submission_files(tmp_path: Path) -> None:
    """Does `course grade` grade verified submission files, and mark tampered or someone else's as invalid?"""
    import zipfile

    subs, out = tmp_path / "subs", tmp_path / "out"
    data = write_file(tmp_path, "nb.ipynb", create_submission("03_head_to_head", "ada")).read_bytes()
    for student in ("ada", "eve", "mallory"):
        (subs / student).mkdir(parents=True)
        write_submission(subs / student / "03_head_to_head.submission.zip", data, assignment="03_head_to_head",
                         student_id="ada" if student != "mallory" else "mallory", checks=[])
    forged = subs / "mallory" / "03_head_to_head.submission.zip"
    with zipfile.ZipFile(forged) as archive:
        manifest = archive.read("manifest.json")
    with zipfile.ZipFile(forged, "w") as archive:
        archive.writestr("manifest.json", manifest)
        archive.writestr("03_head_to_head.ipynb", data.replace(b"ada", b"mallory"))
    assert main(["grade", str(subs), "--out", str(out), "--assignment", "03_head_to_head", *FAST]) == 0
    with open(out / "grades.csv", newline="") as handle:
        rows = {(r["student"], r["item"]): r for r in csv.DictReader(handle)}
    assert rows[("ada", "diff_ci")]["status"] == "passed" and rows[("ada", "diff_ci")]["points"] == "4"
    assert rows[("eve", "diff_ci")]["status"] == "invalid" and "written for student id 'ada'" in \
        rows[("eve", "diff_ci")]["message"]
    assert rows[("mallory", "diff_ci")]["status"] == "invalid" and "does not match the hash" in \
        rows[("mallory", "diff_ci")]["message"]


def test_instructor_grading_still_needs_a_folder_and_out(capsys) -> None:
    """Does `course grade` without SUBMISSIONS or --out (and without --self) say what to give?"""
    assert main(["grade"]) == 2
    assert "give SUBMISSIONS and --out DIR" in capsys.readouterr().err
