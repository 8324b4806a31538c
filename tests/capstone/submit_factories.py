"""Factories for the self-grading and submit tests: exercise notebooks answered, broken or tampered with."""

from __future__ import annotations

import json
from pathlib import Path

from course_lib.grading.authoring.assign import student_version
from course_lib.grading.authoring.source import load_assignment
from course_lib.grading.authoring.stubs import strip_solution_markers
from grading_support import with_answer as with_cell  # noqa: F401 - one factory for "this cell holds that code"

REPO = Path(__file__).resolve().parents[2]
SOLUTIONS = REPO / "solutions"
EXERCISES = REPO / "exercises"


def exercise(name: str) -> dict:
    """The untouched exercise, exactly as exercises/ holds it."""
    return json.loads((EXERCISES / f"{name}.ipynb").read_text(encoding="utf-8"))


def answered(name: str, student_id: str = "ada-lovelace") -> dict:
    """The exercise with every answer cell holding the published solution, and STUDENT_ID set."""
    assignment = load_assignment(SOLUTIONS / f"{name}.ipynb")
    nb = student_version(assignment)
    for raw, cell in zip(nb["cells"], assignment.cells):
        if cell.role in ("answer", "manual"):
            raw["source"] = strip_solution_markers(cell.source)
        if cell.grade_id.endswith("_student_id"):
            raw["source"] = f'STUDENT_ID = "{student_id}"'
    return nb


def write(folder: Path, name: str, nb: dict | str) -> Path:
    """Save a notebook (or any text) as ``folder/name``."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nb if isinstance(nb, str) else json.dumps(nb, indent=1), encoding="utf-8")
    return path
