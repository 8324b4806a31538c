"""Shared test set-up: keep every test, and every notebook kernel nbval starts, away from the
learner's real progress file and embedding cache, and embed each text once per session.

Both locations are set in the environment at import time, so kernels started by nbval,
the grader's workers and ``course`` subprocesses inherit them too. The embedding cache is
one temporary folder for the whole session: the first test (or lesson) that embeds a text
computes it, every later one reads it, and :func:`embedder` is the one in-process
:class:`~course_lib.experiment.embed.Embedder` the tests share.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from typing import Callable

import pytest

# Set at import time so kernels started by nbval inherit them too.
_PROGRESS_DIR = Path(tempfile.mkdtemp(prefix="course-test-progress-"))
os.environ["COURSE_PROGRESS_FILE"] = str(_PROGRESS_DIR / "progress.json")
SESSION_CACHE_DIR = Path(tempfile.mkdtemp(prefix="course-test-cache-"))
os.environ["COURSE_CACHE_DIR"] = str(SESSION_CACHE_DIR)  # = course_lib.files.CACHE_ENV
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


def pytest_unconfigure(config: pytest.Config) -> None:
    """Remove the session's progress and cache folders (every kernel and worker is gone by now)."""
    for folder in (_PROGRESS_DIR, SESSION_CACHE_DIR):
        shutil.rmtree(folder, ignore_errors=True)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite the golden files under tests/goldens/ from what the code writes now (then review the diff)")


@pytest.fixture(scope="session")
def embedder():
    """The session's one embedder (the library's shared one), caching in the session's cache folder."""
    from course_lib.experiment.embed import get_embedder

    shared = get_embedder()
    assert shared.cache_dir is not None and SESSION_CACHE_DIR in shared.cache_dir.parents
    return shared


GOLDENS = Path(__file__).resolve().parent / "goldens"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare a text with ``tests/goldens/<name>``, or rewrite the file under ``--update-goldens``."""
    update = request.config.getoption("--update-goldens")

    def compare(name: str, text: str) -> None:
        path = GOLDENS / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(text.encode("utf-8"))
            return
        assert path.exists(), f"no golden file {path}; write it with: pytest --update-goldens (then review it)"
        assert text == path.read_bytes().decode("utf-8"), (
            f"{name} differs from its golden file; if the change is intended, rerun the test with --update-goldens "
            "and review the diff")

    return compare

