"""Shared test set-up: keep every test, and every notebook kernel nbval starts,
away from the learner's real progress file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Set at import time so kernels started by nbval inherit it too.
_PROGRESS_DIR = Path(tempfile.mkdtemp(prefix="course-test-progress-"))
os.environ["COURSE_PROGRESS_FILE"] = str(_PROGRESS_DIR / "progress.json")
os.environ["COURSE_MEMO_DIR"] = str(_PROGRESS_DIR)  # memos lesson 07 saves under a bare name

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def output_dir(request: pytest.FixtureRequest) -> Path:
    """A folder under test-output/ named after the test, for files a person may want to look at."""
    path = REPO_ROOT / "test-output" / request.node.name
    path.mkdir(parents=True, exist_ok=True)
    return path
