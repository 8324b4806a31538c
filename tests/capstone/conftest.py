"""Set-up for the capstone's tests: the ``--update-goldens`` flag that rewrites the memo golden files."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite golden files from the current output instead of comparing with them")
