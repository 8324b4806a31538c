"""Files the course writes: the user's folders for the course, and the single atomic write.

Every file the course writes for someone else to read (generated exercises, feedback
pages, gradebooks, reports, the progress file, the embedding cache) goes through
:func:`write_atomic`. The new file gets the permissions an ordinary ``open(path, "w")``
would give it (``0o666`` less the umask: ``-rw-r--r--`` under the usual ``022``), not the
owner-only mode of :func:`tempfile.mkstemp`.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "sub" / "hello.txt"
>>> write_atomic(target, "hello\\n")
>>> target.read_text()
'hello\\n'
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

import platformdirs

APP_NAME = "prompt-rag-finetune"
"""The course's name for its folders in the user's data and cache locations."""


def user_data_dir() -> Path:
    """The user's data folder for the course (``~/.local/share/prompt-rag-finetune`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


def user_cache_dir() -> Path:
    """The user's cache folder for the course (``~/.cache/prompt-rag-finetune`` on Linux)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


CACHE_ENV = "COURSE_CACHE_DIR"
"""Names another cache folder (the tests give every session its own)."""


def cache_dir() -> Path:
    """Where the course caches what it can recompute (embeddings, generated data, the checked question bank):
    ``$COURSE_CACHE_DIR`` if set, else :func:`user_cache_dir`."""
    override = os.environ.get(CACHE_ENV)
    return Path(override).expanduser() if override else user_cache_dir()


TEMPORARY_GLOB = ".*.tmp"
"""The names :func:`write_atomic` gives its temporary files (for cleaning up after a crash)."""


def write_atomic(path: Path, data: str | bytes, *, fsync: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    Readers see the old file or the new one, never a mix; on any failure the temporary
    file is removed and the old file is left as it was. Text is written as UTF-8, byte for
    byte (no newline translation). Missing parent folders are created.

    Args:
        path: The file to create or replace.
        data: Its new contents.
        fsync: Flush the data to disk before the rename (for files that must survive a
            power cut, like the learner's progress).

    Raises:
        OSError: When the folder cannot be written (full disk, read-only, permissions).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    # O_EXCL: never reuse a name; mode 0o666 lets the kernel apply the umask, as open() does.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def remove_temporary_files(folder: Path) -> int:
    """Delete the temporary files an interrupted :func:`write_atomic` left under ``folder``.

    Returns:
        How many were removed.
    """
    removed = 0
    if Path(folder).is_dir():
        for leftover in Path(folder).rglob(TEMPORARY_GLOB):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed += 1
    return removed


def read_yaml(text: str) -> object:
    """Parse YAML safely, with libyaml's C parser when PyYAML was built with it (same result, several times faster).

    >>> read_yaml("a: [1, 2]")
    {'a': [1, 2]}
    """
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
