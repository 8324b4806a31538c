"""Test factories for cells, notebooks, submissions and grader results (in the spirit of nbgrader's ``create_grade_cell``).

Every test that needs a notebook cell, a student's notebook, a grade row or a
grader result builds or reads it here, so the shape of each lives in one place.
"""

from __future__ import annotations

import copy
import csv
import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

import nbformat

from course_lib.assignments.selfcheck import VISIBLE_CHECK_MIME, VisibleCheck
from course_lib.grading.authoring.source import cell_text
from course_lib.grading.gradebook import GradeRow, Status
from course_lib.grading.scoring.grader import ItemResult, SubmissionResult

REPO = Path(__file__).resolve().parent.parent
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"
# Lines of a solution cell that are not the answer: nbgrader's solution markers and the stub the student gets.
SOLUTION_MARKERS = re.compile(r"^\s*(### (BEGIN|END) SOLUTION|# stub:)")


# ---- cells and notebooks ---------------------------------------------------------------------

def cell_grade_id(cell: dict) -> str:
    """The nbgrader grade id of a cell, or empty."""
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def cell_index(nb: dict, grade_id: str) -> int:
    """The position of the cell with ``grade_id`` in a notebook."""
    return next(i for i, c in enumerate(nb["cells"]) if cell_grade_id(c) == grade_id)


def create_executed_cell(source: str, *records: VisibleCheck, printed: str = "") -> nbformat.NotebookNode:
    """A code cell as it looks after running: its source, what it printed and the check() records it displayed."""
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=printed)] if printed else []
    cell.outputs += [nbformat.v4.new_output("display_data", data={"text/plain": str(r), VISIBLE_CHECK_MIME: r.to_json()})
                     for r in records]
    return cell


def create_notebook(*cells: nbformat.NotebookNode) -> dict:
    """A notebook (as JSON) holding ``cells``."""
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return json.loads(nbformat.writes(nb))


# ---- submissions -----------------------------------------------------------------------------

def notebook(name: str, folder: Path = SOLUTIONS) -> dict:
    """An assignment notebook as JSON (the instructor's source by default)."""
    return json.loads((folder / f"{name}.ipynb").read_text(encoding="utf-8"))


def with_answer(nb: dict, grade_id: str, code: str) -> dict:
    """A copy of ``nb`` whose cell ``grade_id`` holds ``code``."""
    nb = copy.deepcopy(nb)
    for cell in nb["cells"]:
        if cell_grade_id(cell) == grade_id:
            cell["source"] = code
            return nb
    raise KeyError(grade_id)


def save(root: Path, student: str, name: str, content: dict | bytes | str) -> Path:
    """Write one submission to ``root/<student>/<name>.ipynb``."""
    path = root / student / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, dict):
        path.write_text(json.dumps(content), encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def write_file(folder: Path, name: str, content: dict | str) -> Path:
    """Save a notebook (or any text) as ``folder/name``, e.g. a learner's exercise where they keep it."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content if isinstance(content, str) else json.dumps(content, indent=1), encoding="utf-8")
    return path


def create_submission(assignment: str, student: str | None, changes: dict[str, str] | None = None) -> dict:
    """A student's notebook made from the exercise, every answer typed in from the solution, except ``changes``.

    Args:
        assignment: The assignment's name.
        student: Written into ``STUDENT_ID``; None hands the exercise in untouched.
        changes: grade id -> the cell's new source, or ``"stub"`` to leave that answer as handed out.

    Returns:
        The notebook as JSON.
    """
    exercise = notebook(assignment, EXERCISES)
    if student is None:
        return exercise
    solution = notebook(assignment)
    answers = {cell_grade_id(c): cell_text(c) for c in solution["cells"]
               if c["metadata"].get("nbgrader", {}).get("solution")}
    changes = changes or {}
    for cell in exercise["cells"]:
        gid = cell_grade_id(cell)
        if gid not in answers or changes.get(gid) == "stub":
            continue
        if gid in changes:
            cell["source"] = changes[gid]
        elif gid.endswith("student_id"):
            cell["source"] = f'STUDENT_ID = "{student}"'
        else:
            cell["source"] = "\n".join(line for line in answers[gid].splitlines() if not SOLUTION_MARKERS.match(line))
    return exercise


# ---- grader results and gradebook rows -------------------------------------------------------

def create_item_result(item: str, points: float, max_points: float = 2.0, status: str = Status.PASSED,
                       message: str = "", objective: str = "LO1", kind: str = "auto") -> ItemResult:
    """One graded item as the grader returns it."""
    return ItemResult(item, objective, kind, points, max_points, status, message)


def create_submission_result(student: str, assignment: str, *items: ItemResult, notes: tuple[str, ...] = ()) -> SubmissionResult:
    """One student's graded assignment as the grader returns it."""
    return SubmissionResult(student, assignment, f"{assignment}.ipynb", tuple(items), notes)


def create_grade_row(student: str, item: str, points: float, status: str, *, assignment: str = "a1",
                     max_points: float = 2.0, message: str = "", objective: str = "LO1") -> dict[str, Any]:
    """One row of grades.csv as a dict (what a DataFrame of grades is built from)."""
    return asdict(GradeRow(student, assignment, item, points, max_points, status, message, objective))


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file the course wrote, as one dict of text per row."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
