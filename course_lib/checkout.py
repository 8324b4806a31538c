"""Where the course's folders are: the checkout of the course repository the user is working in.

Instructor commands (``course assign``, ``course release``, ...) default to the folders of
the checkout that holds the current directory, not to wherever the package happens to be
installed, and they say which folders they used. A checkout is a folder holding
``pyproject.toml``, ``course_lib/`` and ``notebooks/``.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> for part in ("course_lib", "notebooks", "exercises/deep"):
...     (root / part).mkdir(parents=True)
>>> _ = (root / "pyproject.toml").write_text("")
>>> course_root(root / "exercises" / "deep") == root
True
"""

from __future__ import annotations

from pathlib import Path

MARKERS = ("pyproject.toml", "course_lib", "notebooks")


class NotACheckoutError(FileNotFoundError):
    """The current directory is not inside a checkout of the course repository."""


def is_checkout(folder: Path) -> bool:
    """Whether ``folder`` is the top of a course checkout."""
    return all((folder / marker).exists() for marker in MARKERS)


def course_root(start: Path | None = None) -> Path:
    """The top folder of the course checkout that holds ``start`` (default: the current directory).

    Falls back to the checkout the package itself was installed from (an editable install),
    so the commands also work from elsewhere on the instructor's own machine.

    Raises:
        NotACheckoutError: Neither ``start`` nor the package lies in a course checkout.
    """
    start = Path.cwd() if start is None else Path(start)
    for folder in (start.resolve(), *start.resolve().parents):
        if is_checkout(folder):
            return folder
    installed_from = Path(__file__).resolve().parents[1]
    if is_checkout(installed_from):
        return installed_from
    raise NotACheckoutError(
        f"{start} is not inside a checkout of the course repository (a folder with "
        f"{', '.join(MARKERS)}). Run the command from the repository, or name the folders explicitly."
    )
