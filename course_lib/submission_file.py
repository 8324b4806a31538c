"""The submission file a student hands in: the notebook plus a manifest, in one zip; and nbgrader-style cell checksums.

One format, one module: ``course submit`` (and the Submit button) write it, ``course grade``
reads and verifies it, and both compute cell checksums here. Pure standard library, no
imports from the grader or the widgets, so both layers can use it.

A submission file ``<assignment>.submission.zip`` holds exactly two members:

* ``<assignment>.ipynb``: the notebook, byte for byte as the student saved it;
* ``manifest.json``: :data:`FORMAT`, the assignment, the student id, the course version,
  the time (UTC), the notebook's SHA-256 and the checks that passed.

>>> nb = {"cells": [{"cell_type": "code", "source": "check('x')", "metadata": {"nbgrader": {
...     "grade": True, "grade_id": "t1", "locked": True}}}]}
>>> [c.grade_id for c in protected_cells(nb)]
['t1']
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

FORMAT = "prompt-rag-finetune-submission"
FORMAT_VERSION = 1
COURSE = "prompt-rag-finetune"
MANIFEST = "manifest.json"
SUFFIX = ".submission.zip"
STUDENT_ID_PLACEHOLDER = "your-student-id"
#: The largest member a submission file may hold (the grader's own notebook limit is separate).
MAX_MEMBER_BYTES = 50_000_000


class SubmissionFileError(ValueError):
    """A submission file is not one this course wrote, or was changed after it was written."""


def sha256_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as hex."""
    return hashlib.sha256(data).hexdigest()


def course_version() -> str:
    """The installed course package's version (``unknown`` outside an installed checkout)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("course-lib")
    except PackageNotFoundError:
        return "unknown"


# ------------------------------------------------------------------ checksums


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _nbgrader(cell: dict) -> dict:
    meta = cell.get("metadata", {}) if isinstance(cell.get("metadata"), dict) else {}
    value = meta.get("nbgrader")
    return value if isinstance(value, dict) else {}


def cell_checksum(cell: dict) -> str:
    """A cell's checksum over what a student must not change: its type, grade id and source.

    As nbgrader does, trailing whitespace at the end of the cell does not count.
    """
    payload = json.dumps({"cell_type": cell.get("cell_type"), "grade_id": str(_nbgrader(cell).get("grade_id", "")),
                          "source": _text(cell).rstrip()}, sort_keys=True)
    return sha256_hex(payload.encode("utf-8"))


@dataclass(frozen=True)
class ProtectedCell:
    """A read-only or test cell of an exercise (nbgrader ``locked`` or ``grade`` without ``solution``)."""

    index: int
    grade_id: str
    cell_id: str
    checksum: str


def protected_cells(notebook: dict) -> list[ProtectedCell]:
    """Every cell a student must leave as it is, with its checksum."""
    out = []
    for index, cell in enumerate(notebook.get("cells", [])):
        meta = _nbgrader(cell) if isinstance(cell, dict) else {}
        if (meta.get("locked") or meta.get("grade")) and not meta.get("solution") and meta.get("grade_id"):
            out.append(ProtectedCell(index, str(meta["grade_id"]), str(cell.get("id", "")), cell_checksum(cell)))
    return out


def changed_protected_cells(reference: dict, submitted: dict) -> list[str]:
    """Read-only and test cells of ``reference`` that ``submitted`` changed or removed, in words.

    Cells are matched by nbgrader grade id, then by cell id.

    Returns:
        One line per problem (empty when every protected cell is intact).
    """
    by_grade: dict[str, dict] = {}
    by_id: dict[str, dict] = {}
    for cell in submitted.get("cells", []):
        if isinstance(cell, dict):
            gid = str(_nbgrader(cell).get("grade_id", ""))
            if gid:
                by_grade.setdefault(gid, cell)
            if cell.get("id"):
                by_id.setdefault(str(cell["id"]), cell)
    problems = []
    for ref in protected_cells(reference):
        cell = by_grade.get(ref.grade_id) or by_id.get(ref.cell_id)
        if cell is None:
            problems.append(f"cell {ref.index + 1} ({ref.grade_id}) was deleted; copy it back from the original "
                            "exercise notebook")
        elif cell_checksum(cell) != ref.checksum:
            problems.append(f"cell {ref.index + 1} ({ref.grade_id}) is read-only or a test but was changed; undo "
                            "the change (or copy the cell back from the original exercise notebook)")
    return problems


# ---------------------------------------------------------------- student id


def student_id_in(notebook: dict) -> str | None:
    """The ``STUDENT_ID = "..."`` a notebook sets, read without running it (``None`` if it sets none)."""
    for cell in notebook.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        try:
            tree = ast.parse(_text(cell))
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "STUDENT_ID"
                                                    for t in node.targets):
                value = node.value
                return value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
    return None


# --------------------------------------------------------------- the zip file


def write_submission(path: Path, notebook_bytes: bytes, *, assignment: str, student_id: str,
                     checks: list[str], now: datetime | None = None) -> dict[str, Any]:
    """Write a submission file atomically.

    Args:
        path: the zip to write (conventionally ``<assignment>.submission.zip``).
        notebook_bytes: the notebook exactly as saved.
        assignment: the assignment name (notebook stem).
        student_id: the id the student set.
        checks: the checks that passed, in words, recorded for the instructor.
        now: the time to record (default: now, UTC).

    Returns:
        The manifest written.
    """
    from course_lib.files import write_atomic

    manifest = {
        "format": FORMAT, "format_version": FORMAT_VERSION, "course": COURSE, "course_version": course_version(),
        "assignment": assignment, "student_id": student_id, "notebook": f"{assignment}.ipynb",
        "created": (now or datetime.now(timezone.utc)).isoformat(timespec="seconds"),
        "sha256": sha256_hex(notebook_bytes), "checks": list(checks),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        archive.writestr(manifest["notebook"], notebook_bytes)
    write_atomic(path, buffer.getvalue())
    return manifest


def read_submission_file(data: bytes, expected_assignment: str | None = None) -> tuple[dict[str, Any], bytes]:
    """Open a submission file's bytes and verify its manifest and the notebook's hash.

    Args:
        data: the zip's bytes.
        expected_assignment: refuse a file for another assignment.

    Returns:
        The manifest and the notebook's bytes.

    Raises:
        SubmissionFileError: not a zip, not this course's format, unexpected members, or a
            notebook whose hash differs from the manifest's (changed after submitting).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise SubmissionFileError("not a zip file; hand in the .submission.zip that `course submit` wrote") from None
    with archive:
        names = archive.namelist()
        if MANIFEST not in names:
            raise SubmissionFileError(f"no {MANIFEST} inside; this zip was not written by `course submit`")
        for info in archive.infolist():
            if info.file_size > MAX_MEMBER_BYTES:
                raise SubmissionFileError(f"{info.filename} inside is {info.file_size / 1e6:.0f} MB, more than "
                                          f"{MAX_MEMBER_BYTES / 1e6:.0f} MB")
        try:
            manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise SubmissionFileError(f"{MANIFEST} is not valid JSON; submit again with `course submit`") from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise SubmissionFileError(f"{MANIFEST} is not a submission manifest of this course "
                                      f"(format {manifest.get('format') if isinstance(manifest, dict) else None!r})")
        if manifest.get("format_version") != FORMAT_VERSION:
            raise SubmissionFileError(f"submission format version {manifest.get('format_version')!r} is not "
                                      f"{FORMAT_VERSION}; submit again with this course's `course submit`")
        notebook_name = manifest.get("notebook")
        if sorted(names) != sorted([MANIFEST, notebook_name]):
            raise SubmissionFileError(f"the zip holds {', '.join(sorted(names))}; expected exactly {MANIFEST} and "
                                      f"{notebook_name}")
        if expected_assignment is not None and manifest.get("assignment") != expected_assignment:
            raise SubmissionFileError(f"this is a submission for {manifest.get('assignment')!r}, not "
                                      f"{expected_assignment!r}")
        notebook_bytes = archive.read(notebook_name)
    if sha256_hex(notebook_bytes) != manifest.get("sha256"):
        raise SubmissionFileError("the notebook inside does not match the hash in the manifest: the file was "
                                  "changed after `course submit` wrote it; submit again")
    return manifest, notebook_bytes
