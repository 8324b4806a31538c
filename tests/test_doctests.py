"""Run the examples in every docstring of the package, so they stay true (one collector for all of course_lib)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import course_lib


def _modules_with_examples() -> list[str]:
    """Every module of course_lib whose docstrings hold at least one ``>>>`` example."""
    names = [course_lib.__name__] + [m.name for m in pkgutil.walk_packages(course_lib.__path__, "course_lib.")]
    finder = doctest.DocTestFinder()
    return [name for name in names
            if any(test.examples for test in finder.find(importlib.import_module(name)))]


MODULES = _modules_with_examples()


def test_the_collector_finds_the_known_examples() -> None:
    """Does the collector see the modules known to carry examples (so an import error cannot hide them)?"""
    assert {"course_lib.framework", "course_lib.costs", "course_lib.experiment.harness",
            "course_lib.assignments", "course_lib.files"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
