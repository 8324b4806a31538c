"""Read a student's notebook defensively and line its cells up with the instructor's source.

Everything a student can do to the file (not JSON, not a notebook, wrong
version, cells deleted, duplicated, reordered, metadata edited, huge, not UTF-8)
ends here as a clear message, never as an exception in the grader.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from course_lib.grading.authoring import stubs
from course_lib.grading.authoring.source import Assignment, cell_text


class InvalidNotebook(ValueError):
    """The file cannot be graded at all; the message says why and how to fix it."""


@dataclass
class Plan:
    """What to run for one submission and what is already known about each answer.

    Attributes:
        cells: Code to run in order: ``{"key": ..., "code": ...}``; keys are
            ``answer:<grade_id>``, ``locked:<n>`` or ``extra:<n>``.
        answers: grade_id -> the student's source of each answer cell found once.
        missing: Answer grade ids not found in the file.
        duplicated: Answer grade ids found more than once.
        untouched: Answer grade ids whose cell equals the student version's stub.
        notes: Per answer grade id, remarks for feedback (matched by cell id, moved).
        general: Remarks about the whole notebook.
    """

    cells: list[dict[str, str]] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)
    missing: set[str] = field(default_factory=set)
    duplicated: set[str] = field(default_factory=set)
    untouched: set[str] = field(default_factory=set)
    notes: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)


def read_submission(path: Path, max_bytes: int) -> bytes:
    """The bytes of a submitted file, read without following symbolic links.

    The grading process often runs as root, so it must never read what a link in a
    student's folder points to (the instructor's source, a classmate's work, a
    root-only file). The folder and the file are opened with ``O_NOFOLLOW``, the
    file is checked with ``fstat`` to be a regular file, and at most ``max_bytes``
    are read.

    Args:
        path: ``SUBMISSIONS/<student>/<assignment>.ipynb``.
        max_bytes: The largest file accepted.

    Returns:
        The file's bytes.

    Raises:
        InvalidNotebook: A link, not a regular file, unreadable, empty or too large.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        folder = os.open(path.parent, flags | os.O_DIRECTORY)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise InvalidNotebook("the submission folder is a symbolic link; submit the notebook itself, "
                                  "not a link to it") from None
        raise InvalidNotebook(f"cannot open the submission folder: {exc.strerror}") from None
    try:
        try:
            fd = os.open(path.name, flags | os.O_NONBLOCK, dir_fd=folder)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise InvalidNotebook("the file is a symbolic link; submit the notebook itself, not a link "
                                      "to it") from None
            raise InvalidNotebook(f"cannot read the file: {exc.strerror}") from None
    finally:
        os.close(folder)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidNotebook("this is not a regular file (a folder, device or pipe); submit the .ipynb "
                                  "file JupyterLab saved")
        if info.st_size == 0:
            raise InvalidNotebook("the file is empty; save the notebook in JupyterLab and submit it again")
        if info.st_size > max_bytes:
            raise InvalidNotebook(_too_large(info.st_size, max_bytes))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise InvalidNotebook(_too_large(len(data), max_bytes))
    return data


def _too_large(size: int, max_bytes: int) -> str:
    return (f"the file is {size / 1e6:.1f} MB, more than the limit of {max_bytes / 1e6:.0f} MB; clear the "
            "outputs (Edit > Clear Outputs of All Cells), save and submit again")


def read_notebook(path: Path, max_bytes: int) -> dict:
    """Read a submission safely (:func:`read_submission`) and parse it (:func:`parse_notebook`)."""
    return parse_notebook(read_submission(path, max_bytes))


def parse_notebook(data: bytes) -> dict:
    """Load a submission's bytes as an nbformat 4 notebook, or say exactly why not.

    Raises:
        InvalidNotebook: Empty, not UTF-8, not JSON, not a notebook, or not nbformat 4.
    """
    if not data:
        raise InvalidNotebook("the file is empty; save the notebook in JupyterLab and submit it again")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidNotebook(f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                              "submit the .ipynb file JupyterLab saved, not a converted copy") from None
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidNotebook(f"the file is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
                              "download the notebook again from JupyterLab (File > Download)") from None
    except RecursionError:
        raise InvalidNotebook("the file is not a notebook (JSON nested too deeply)") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise InvalidNotebook("the file is JSON but not a Jupyter notebook (no list of cells)")
    if nb.get("nbformat") != 4:
        raise InvalidNotebook(f"the notebook is nbformat {nb.get('nbformat')!r}; this course needs nbformat 4 "
                              "(open it in JupyterLab 4 and save it again)")
    for index, cell in enumerate(nb["cells"]):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("code", "markdown", "raw"):
            raise InvalidNotebook(f"cell {index + 1} is not a notebook cell (no valid cell_type)")
        source = cell.get("source", "")
        if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
            raise InvalidNotebook(f"cell {index + 1} has a source that is not text")
        if not isinstance(cell.get("metadata", {}), dict):
            raise InvalidNotebook(f"cell {index + 1} has metadata that is not a JSON object")
    return nb


def _grade_id(cell: dict) -> str:
    meta = cell.get("metadata", {}).get("nbgrader")
    return str(meta.get("grade_id", "")) if isinstance(meta, dict) else ""


def plan(assignment: Assignment, nb: dict) -> Plan:
    """Line a submission up with the source: which code runs, in which order, and what is missing.

    Locked and test cells always come from the source (edits to them are ignored).
    Answer cells are matched by nbgrader grade_id, else by cell id. The student's
    own extra code cells run after the known cell they follow. Cells run in the
    source's order, so moving answer cells around changes nothing.
    """
    result = Plan()
    by_grade = {c.grade_id: c for c in assignment.cells if c.grade_id}
    by_id = {c.cell_id: c for c in assignment.cells if c.cell_id}
    answer_roles = ("answer", "manual")
    found: dict[str, list[str]] = {}
    extras: dict[int, list[str]] = {}
    anchor = -1
    order: list[int] = []
    for cell in nb["cells"]:
        text = cell_text(cell)
        gid = _grade_id(cell)
        source_cell = by_grade.get(gid) if gid else None
        if source_cell is None and cell.get("id") in by_id:
            source_cell = by_id[cell.get("id")]
            if source_cell.role in answer_roles and source_cell.grade_id:
                result.notes.setdefault(source_cell.grade_id, []).append(
                    "the cell's nbgrader metadata was changed; it was matched by its cell id")
        if source_cell is not None:
            anchor = source_cell.index
            order.append(source_cell.index)
            if source_cell.role in answer_roles:
                found.setdefault(source_cell.grade_id, []).append(text)
            continue
        if cell.get("cell_type") == "code" and text.strip():
            extras.setdefault(anchor, []).append(text)
    if order != sorted(order):
        result.general.append("cells were moved; the notebook was run in the assignment's original order")
    for gid, texts in found.items():
        if len(texts) > 1:
            result.duplicated.add(gid)
        else:
            result.answers[gid] = texts[0]
    n_extra = 0

    def add_extras(index: int) -> None:
        nonlocal n_extra
        for code in extras.get(index, []):
            n_extra += 1
            result.cells.append({"key": f"extra:{n_extra}", "code": code})

    add_extras(-1)
    for cell in assignment.cells:
        if cell.role in answer_roles:
            if cell.grade_id not in found:
                result.missing.add(cell.grade_id)
            elif stubs.normalise(found[cell.grade_id][0]) == stubs.normalise(cell.stub) and \
                    cell.grade_id not in result.duplicated:
                result.untouched.add(cell.grade_id)
            if cell.cell_type == "code":
                for n, code in enumerate(found.get(cell.grade_id, [])):
                    result.cells.append({"key": f"answer:{cell.grade_id}" + (f"#{n + 1}" if n else ""), "code": code})
        elif cell.cell_type == "code" and cell.role in ("locked", "plain"):
            result.cells.append({"key": f"locked:{cell.index}", "code": cell.source})
        add_extras(cell.index)
    if n_extra:
        result.general.append(f"{n_extra} code cell(s) you added were run too")
    return result
