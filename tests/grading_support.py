"""Helpers shared by the grader's tests: what the instructor's source states, hidden tests, a warm zygote.

Cells, notebooks and submissions are built with :mod:`factories`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from course_lib.grading.authoring.source import cell_text
from factories import cell_grade_id, notebook


def _graded_cells(name: str) -> list[dict]:
    return [c for c in notebook(name)["cells"] if c["metadata"].get("nbgrader", {}).get("grade")]


def graded_items(name: str) -> dict[str, float]:
    """``{grade_id: points}`` of every graded cell of the instructor's source, as the source states them."""
    return {c["metadata"]["nbgrader"]["grade_id"]: float(c["metadata"]["nbgrader"].get("points", 0))
            for c in _graded_cells(name)}


def auto_points(name: str) -> float:
    """The auto-graded points of an assignment (hand-graded cells, which have no test code, left out)."""
    return sum(float(c["metadata"]["nbgrader"].get("points", 0)) for c in _graded_cells(name)
               if c["cell_type"] == "code")


def hidden_test(name: str, grade_id: str) -> str:
    """The hidden-test region of one test cell of the instructor's source."""
    cell = next(c for c in notebook(name)["cells"] if cell_grade_id(c) == grade_id)
    return cell_text(cell).split("### BEGIN HIDDEN TESTS")[1].split("### END HIDDEN TESTS")[0]


def expected_values(name: str, grade_id: str, student: str) -> dict[str, Any]:
    """The values a ``check_values`` hidden test expects from ``student`` (computed by the test itself)."""
    from course_lib.grading.scoring import hidden

    captured: dict[str, Any] = {}

    class Anything:
        """Stands for every student answer the test reads."""

    namespace: dict[str, Any] = {"STUDENT_ID": student}
    code = hidden_test(name, grade_id)
    original = hidden.check_values
    hidden.check_values = lambda answers, expected, points: captured.update(expected)
    try:
        import builtins

        class Names(dict):
            def __missing__(self, key: str) -> Any:
                if hasattr(builtins, key):
                    raise KeyError(key)
                return Anything()

        exec(code, Names(namespace))
    finally:
        hidden.check_values = original
    return captured


@pytest.fixture(scope="module")
def zygote():
    """One warm zygote shared by a test module."""
    from course_lib.grading.execution.pool import Zygote

    z = Zygote()
    z.wait_ready()
    yield z
    z.close()


def run_in_child(zygote: Any, tmp_path: Path, code: str, names: list[str], settings: Any) -> dict[str, Any]:
    """Run one cell in a sandboxed child and fetch plain values of ``names`` from it."""
    from course_lib.grading.execution import sandbox
    from course_lib.grading.execution.pool import Session

    session = Session(zygote, [{"key": "extra:1", "code": code}], "tester", settings, sandbox.probe(), tmp_path)
    try:
        assert session.run_cells()
        assert session.outcomes["extra:1"].state == "ok", session.outcomes
        return {k: v.get("value") for k, v in session.get(names).items()}
    finally:
        session.close()
