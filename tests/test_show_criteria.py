"""show_criteria() in the exercises: ids a notebook's output cannot break in the middle."""

from __future__ import annotations

import pytest

from course_lib.assignments.selfcheck import show_criteria
from course_lib.framework import APPROACH_IDS, load_framework


def test_show_criteria_prints_one_whole_id_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Is every approach and criterion id on a line of its own, so output wrapping never splits one?"""
    show_criteria()
    lines = [line.strip() for line in capsys.readouterr().out.splitlines()]
    ids = [*APPROACH_IDS, *load_framework().criteria]
    assert [line for line in lines if line not in ("approaches:", "criteria:")] == ids
