"""Run the examples in the pure layer's docstrings, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["course_lib.framework", "course_lib.costs"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
