"""Per-student numbers for the graded assignments, and the student's ``check()``.

Everything here is public and importable from a student's notebook: numbers are
not answers. Each assignment's number-maker is its own module exposing
``make(rng) -> dict``; the registry below maps assignment names to them.

To register one more assignment, write its module with a ``make(rng)`` and add one line
to ``_MAKERS``, as ``"04_knowledge_lab": knowledge_lab.make`` was added.

When ``course grade`` runs a submission it sets ``COURSE_STUDENT_ID`` to the id
of the submission's folder, so :func:`my_numbers` always returns the numbers of
the student whose work is graded, whatever id the notebook typed.

>>> student_numbers("03_head_to_head", "ada") == student_numbers("03_head_to_head", "ada")
True
>>> student_numbers("03_head_to_head", "ada") != student_numbers("03_head_to_head", "bob")
True
"""

from __future__ import annotations

import hashlib
import os
import random
from typing import Any, Callable

from course_lib.assignments import cost_model, head_to_head, knowledge_lab
# What the exercises' ``STUDENT_ID = ...`` cell holds until the student types their id (one definition,
# shared with the submission file).
from course_lib.submission_file import STUDENT_ID_PLACEHOLDER as PLACEHOLDER_STUDENT_ID

ENV_STUDENT_ID = "COURSE_STUDENT_ID"


class StudentIdError(ValueError):
    """``STUDENT_ID`` is empty; a notebook shows this as one line, not a traceback."""

    def _render_traceback_(self) -> list[str]:  # IPython's hook for what an error shows
        return [f"{type(self).__name__}: {self}"]

NumberMaker = Callable[[random.Random], dict[str, Any]]

_MAKERS: dict[str, NumberMaker] = {
    "02_cost_model": cost_model.make,
    "03_head_to_head": head_to_head.make,
    "04_knowledge_lab": knowledge_lab.make,
}


def _rng(assignment: str, student_id: str) -> random.Random:
    seed = hashlib.sha256(f"{assignment}\0{student_id}".encode()).hexdigest()
    return random.Random(int(seed[:16], 16))


def student_numbers(assignment: str, student_id: str) -> dict[str, Any]:
    """The numbers one student works with in one assignment (a plain dict, the same on every call).

    Args:
        assignment: An assignment with per-student numbers (``02_cost_model``, ``03_head_to_head``, ...).
        student_id: The student's id, as in the submission folder name.

    Returns:
        The student's numbers as plain data.

    Raises:
        ValueError: For an assignment without per-student numbers or an empty id.
    """
    if assignment not in _MAKERS:
        raise ValueError(f"no per-student numbers for assignment {assignment!r}; use one of {', '.join(_MAKERS)}")
    if not str(student_id).strip():
        raise StudentIdError('STUDENT_ID is empty: set it to the id your instructor gave you '
                             '(STUDENT_ID = "..." in the cell above) and run that cell again.')
    return _MAKERS[assignment](_rng(assignment, str(student_id).strip()))


def my_numbers(assignment: str, student_id: str) -> dict[str, Any]:
    """Your numbers for an assignment (when graded, the id of your submission folder is used).

    Args:
        assignment: The assignment name.
        student_id: The id your instructor gave you (the name of your submission folder).

    Returns:
        Your numbers as plain data (a sample, with a one-line note, while the id is still the placeholder).

    Raises:
        StudentIdError: The id is empty (shown in a notebook as one line).
    """
    graded_as = os.environ.get(ENV_STUDENT_ID)
    if not graded_as and str(student_id).strip() == PLACEHOLDER_STUDENT_ID:
        print(f"Note: STUDENT_ID is still {PLACEHOLDER_STUDENT_ID!r}, so these are sample numbers, not yours: set it "
              "to the id your instructor gave you and run the cells again.")
    return student_numbers(assignment, graded_as or student_id)


def assignments_with_numbers() -> tuple[str, ...]:
    """The assignments that draw per-student numbers."""
    return tuple(_MAKERS)
