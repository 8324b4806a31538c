"""Shared by the benchmarks: execute a lesson in a fresh kernel, as nbval does, and time it."""

from __future__ import annotations

import time
from pathlib import Path


def notebook_seconds(notebook: Path) -> float:
    """Execute ``notebook`` top to bottom in a fresh kernel; wall seconds."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    start = time.perf_counter()
    NotebookClient(nb, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(notebook.parent)}}).execute()
    return time.perf_counter() - start
