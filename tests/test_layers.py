"""The layering of course_lib (data -> models -> views | grader -> entry points), checked by import-linter.

The contracts live in ``pyproject.toml`` under ``[tool.importlinter]``; these tests run
``lint-imports`` on the package, and on a copy with one forbidden import added, so a
contract that checks nothing would be noticed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """Run ``lint-imports`` with ``root``'s configuration on the ``course_lib`` found in ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}  # ahead of the editable install of the real package
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)


def layer_modules(layer: str) -> list[str]:
    return [name.strip() for name in layer.replace(":", "|").split("|")]


def test_the_package_keeps_its_contracts() -> None:
    """Does every import in course_lib follow the layers, the grader/views split and the no-widgets rule?"""
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    for contract in CONFIG["contracts"]:
        assert f"{contract['name']} KEPT" in done.stdout


def test_every_part_of_the_package_has_a_layer() -> None:
    """Is each top-level module and subpackage of course_lib in exactly one layer, so none goes unchecked?"""
    (layers,) = [c["layers"] for c in CONFIG["contracts"] if c["type"] == "layers"]
    placed = [module for layer in layers for module in layer_modules(layer)]
    parts = {f"course_lib.{path.stem if path.suffix == '.py' else path.name}"
             for path in (ROOT / "course_lib").iterdir()
             if (path.suffix == ".py" and path.stem != "__init__") or (path / "__init__.py").exists()}
    assert len(placed) == len(set(placed)), "a module is in two layers"
    assert set(placed) == parts, "add the new module to a layer in pyproject.toml [tool.importlinter]"


def test_views_and_grader_are_independent_siblings() -> None:
    """Are views and the grader in one layer separated by `|`, which forbids imports in both directions?"""
    (layers,) = [c["layers"] for c in CONFIG["contracts"] if c["type"] == "layers"]
    (shared,) = [layer for layer in layers if "course_lib.views" in layer_modules(layer)]
    assert ":" not in shared and "course_lib.grading" in layer_modules(shared)


LEAKS = {
    "grader imports a view": ("grading/scoring/_leak.py", "import course_lib.views.quiz_widgets\n",
                              "course_lib.grading is not allowed to import course_lib.views"),
    "view imports the grader": ("views/_leak.py", "import course_lib.grading.scoring.grader\n",
                                "course_lib.views is not allowed to import course_lib.grading"),
    "model imports a widget": ("quiz/_leak.py", "import ipywidgets\n",
                               "course_lib.quiz is not allowed to import ipywidgets"),
    "model imports upward": ("prices.py", "import course_lib.costs\n",
                             "course_lib.prices is not allowed to import course_lib.costs"),
}


@pytest.mark.parametrize("leak", sorted(LEAKS))
def test_a_forbidden_import_breaks_a_contract(leak: str, tmp_path: Path) -> None:
    """With one forbidden import added to a copy of the package, does lint-imports fail and name it?"""
    module, source, message = LEAKS[leak]
    shutil.copytree(ROOT / "course_lib", tmp_path / "course_lib", ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "course_lib" / module
    target.write_text((target.read_text(encoding="utf-8") if target.exists() else "") + source, encoding="utf-8")
    done = lint_imports(tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert message in done.stdout
