"""``course submit``: each check, the submission file it writes, and that the student's notebook is never changed."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from course_lib.cli import main
from course_lib.submission_file import (FORMAT, MANIFEST, SubmissionFileError, cell_checksum, protected_cells,
                                        read_submission_file, sha256_hex)
from course_lib.submit import check_and_package
from factories import EXERCISES, SOLUTIONS, create_submission, notebook, with_answer, write_file

NAME = "03_head_to_head"  # the quickest exercise to run


def submit(path: Path) -> tuple[object, bytes]:
    before = path.read_bytes()
    report = check_and_package(path)
    assert path.read_bytes() == before, "course submit changed the student's notebook"
    return report, before


@pytest.mark.slow
def test_a_good_notebook_gets_a_verified_submission_file(tmp_path: Path) -> None:
    """Does a finished notebook pass every check and get a zip with the notebook and a manifest?"""
    path = write_file(tmp_path, f"{NAME}.ipynb", create_submission(NAME, "ada-lovelace"))
    report, before = submit(path)
    assert report.ok, report.explain()
    assert report.submission_file == str((tmp_path / f"{NAME}.submission.zip").resolve())
    manifest, notebook = read_submission_file(Path(report.submission_file).read_bytes(), NAME)
    assert notebook == before
    assert manifest["format"] == FORMAT and manifest["student_id"] == "ada-lovelace"
    assert manifest["assignment"] == NAME and manifest["sha256"] == sha256_hex(before)
    assert {"course_version", "created", "checks"} <= set(manifest)


@pytest.mark.slow
def test_a_failing_cell_is_named(tmp_path: Path) -> None:
    """Does a notebook whose answer raises get the number of the failing cell, and no submission file?"""
    nb = with_answer(create_submission(NAME, "ada-lovelace"), "decision_answer", "def decide(*args):\n    return 1 / 0\n\ndecide()")
    path = write_file(tmp_path, f"{NAME}.ipynb", nb)
    report, _ = submit(path)
    index = next(i for i, c in enumerate(nb["cells"]) if c["metadata"].get("nbgrader", {}).get("grade_id")
                 == "decision_answer")
    assert not report.ok and report.failing_cell == index + 1
    assert f"cell {index + 1} fails: ZeroDivisionError" in report.explain()
    assert not (tmp_path / f"{NAME}.submission.zip").exists()


def test_a_changed_test_cell_is_refused(tmp_path: Path) -> None:
    """Is an edited test cell reported by number and grade id, before anything runs?"""
    nb = with_answer(create_submission(NAME, "ada-lovelace"), "decision_rule", "print('all tests passed')")
    report, _ = submit(write_file(tmp_path, f"{NAME}.ipynb", nb))
    assert not report.ok
    assert any("(decision_rule) is read-only or a test but was changed" in p for p in report.problems)
    assert report.failing_cell is None and not list(tmp_path.glob("*.zip"))


def test_a_deleted_read_only_cell_is_refused(tmp_path: Path) -> None:
    """Is a deleted read-only cell reported too?"""
    nb = create_submission(NAME, "ada-lovelace")
    nb["cells"] = [c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") != "a3_numbers"]
    report, _ = submit(write_file(tmp_path, f"{NAME}.ipynb", nb))
    assert any("(a3_numbers) was deleted" in p for p in report.problems)


@pytest.mark.parametrize("student_id", ["your-student-id", "", "  "])
def test_the_placeholder_or_an_empty_id_is_refused(tmp_path: Path, student_id: str) -> None:
    """Is the untouched placeholder (or an empty id) refused with the fix?"""
    report, _ = submit(write_file(tmp_path, f"{NAME}.ipynb", create_submission(NAME, student_id)))
    assert not report.ok and "set it to the id your instructor gave you" in report.problems[0]


def test_the_untouched_exercise_is_refused_for_its_placeholder(tmp_path: Path) -> None:
    """Is the exercise as handed out refused (placeholder id) without running it?"""
    report, _ = submit(write_file(tmp_path, f"{NAME}.ipynb", notebook(NAME, EXERCISES)))
    assert not report.ok and "'your-student-id'" in report.problems[0]


@pytest.mark.parametrize("name, content, words", [
    ("notes.txt", "hello", "is not a notebook (.ipynb)"),
    (f"{NAME}.ipynb", "{not json", "not valid JSON"),
    (f"{NAME}.ipynb", json.dumps({"cells": [], "nbformat": 4, "metadata": {}}), "not an exercise of this course"),
    (f"{NAME}.ipynb", json.dumps({"cells": [], "nbformat": 4, "metadata": {"course": {"assignment": "99_other"}}}),
     "not an exercise of this course"),
])
def test_a_wrong_file_gets_a_clear_message(tmp_path: Path, name: str, content: str, words: str) -> None:
    """Does a file that is not one of the course's exercises get a message saying what to submit?"""
    report, _ = submit(write_file(tmp_path, name, content))
    assert not report.ok and words in report.problems[0]


def test_a_solution_notebook_is_refused(tmp_path: Path) -> None:
    """Is a notebook from solutions/ (with its markers) refused?"""
    path = write_file(tmp_path, f"{NAME}.ipynb", (SOLUTIONS / f"{NAME}.ipynb").read_text(encoding="utf-8"))
    report, _ = submit(path)
    assert "is a solution notebook" in report.problems[0]


def test_a_missing_file_is_explained(tmp_path: Path, capsys) -> None:
    """Does `course submit` on a path that does not exist exit 1 with a message, not a traceback?"""
    assert main(["submit", str(tmp_path / f"{NAME}.ipynb")]) == 1
    assert "does not exist" in capsys.readouterr().out


def test_json_report_for_the_button(tmp_path: Path, capsys) -> None:
    """Does --json print one JSON object with ok and the problems (what the Submit button reads)?"""
    main(["submit", str(write_file(tmp_path, f"{NAME}.ipynb", notebook(NAME, EXERCISES))), "--json"])
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["ok"] is False and report["problems"]


def test_checksums_ignore_trailing_whitespace_but_not_edits() -> None:
    """Does a cell's checksum survive a trailing newline but change with any edit to its code?"""
    nb = notebook(NAME, EXERCISES)
    cell = next(c for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade"))
    base = cell_checksum(cell)
    assert cell_checksum({**cell, "source": "".join(cell["source"]) + "\n\n"}) == base
    assert cell_checksum({**cell, "source": "".join(cell["source"]) + " # x"}) != base
    assert [p.grade_id for p in protected_cells(nb)][:2] == ["a3_setup", "a3_numbers"]


def _zip(tmp_path: Path, members: dict[str, bytes]) -> bytes:
    path = tmp_path / "x.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path.read_bytes()


def test_a_tampered_submission_file_is_detected(tmp_path: Path) -> None:
    """Is a zip whose notebook was changed after submitting (hash mismatch) refused with the reason?"""
    from course_lib.submission_file import write_submission

    target = tmp_path / f"{NAME}.submission.zip"
    write_submission(target, b'{"cells": []}', assignment=NAME, student_id="ada", checks=[])
    with zipfile.ZipFile(target) as archive:
        manifest = archive.read(MANIFEST)
    forged = _zip(tmp_path, {MANIFEST: manifest, f"{NAME}.ipynb": b'{"cells": [1]}'})
    with pytest.raises(SubmissionFileError, match="does not match the hash"):
        read_submission_file(forged)
    with pytest.raises(SubmissionFileError, match="not a zip"):
        read_submission_file(b"PK? no")
    with pytest.raises(SubmissionFileError, match="no manifest.json"):
        read_submission_file(_zip(tmp_path, {f"{NAME}.ipynb": b"{}"}))
    with pytest.raises(SubmissionFileError, match="expected exactly"):
        read_submission_file(_zip(tmp_path, {MANIFEST: manifest, f"{NAME}.ipynb": b'{"cells": []}', "x.py": b""}))
    with pytest.raises(SubmissionFileError, match="not '02_cost_model'"):
        read_submission_file(target.read_bytes(), "02_cost_model")
