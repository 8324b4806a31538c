"""Read the instructor's source notebooks (nbgrader metadata, schema 3) into assignments and graded items."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from course_lib.checkout import NotACheckoutError, course_root
from course_lib.grading.authoring import stubs
from course_lib.quiz.model import OBJECTIVES as _OBJECTIVE_NAMES

OBJECTIVES = tuple(_OBJECTIVE_NAMES)  # one list of objectives for the bank and the graded items
ROLES = ("plain", "locked", "answer", "manual", "test")


class SourceError(ValueError):
    """The instructor's notebook is malformed; the message names the file, the cell and the fix."""


@dataclass(frozen=True)
class SourceCell:
    """One cell of the instructor's notebook and its nbgrader role.

    Attributes:
        index: Position in the notebook.
        cell_type: ``code`` or ``markdown`` (raw cells are kept as markdown).
        source: The instructor's source.
        cell_id: nbformat cell id.
        grade_id: nbgrader grade id, or ``""`` for unmarked cells.
        role: ``plain``, ``locked``, ``answer`` (autograded answer), ``manual``
            (answer graded by hand) or ``test`` (autograder test).
        points: Points of a test or manual cell.
        objective: Learning objective of a graded cell.
        answers: For a test, the grade ids of the answer cells it grades.
        stub: What the student version holds instead (answers), or the visible part (tests).
    """

    index: int
    cell_type: str
    source: str
    cell_id: str
    grade_id: str
    role: str
    points: float
    objective: str
    answers: tuple[str, ...]
    stub: str


@dataclass(frozen=True)
class Item:
    """One graded item: a test cell (auto) or a manually graded answer cell (manual)."""

    grade_id: str
    kind: str
    points: float
    objective: str
    answers: tuple[str, ...]
    code: str


@dataclass(frozen=True)
class Assignment:
    """One graded assignment, read from ``<source>/<name>.ipynb``."""

    name: str
    path: Path
    digest: str
    notebook: dict
    cells: tuple[SourceCell, ...]
    items: tuple[Item, ...]

    @property
    def max_points(self) -> float:
        """Every item's points, hand-graded ones included."""
        return float(sum(item.points for item in self.items))

    @property
    def auto_points(self) -> float:
        """The points the hidden tests award (what an autograder such as Gradescope's declares)."""
        return float(sum(item.points for item in self.items if item.kind != "manual"))

    def cell(self, grade_id: str) -> SourceCell:
        for cell in self.cells:
            if cell.grade_id == grade_id:
                return cell
        raise KeyError(grade_id)


def cell_text(cell: dict) -> str:
    """A cell's source as one string (nbformat allows a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _role(meta: dict, where: str) -> str:
    if not meta:
        return "plain"
    if meta.get("task"):
        raise SourceError(f"{where}: nbgrader 'task' cells are not supported; use a markdown answer cell graded by hand.")
    solution, grade, locked = bool(meta.get("solution")), bool(meta.get("grade")), bool(meta.get("locked"))
    if solution and grade:
        return "manual"
    if solution:
        return "answer"
    if grade:
        return "test"
    return "locked" if locked else "plain"


def parse_cells(notebook: dict, where: str) -> tuple[SourceCell, ...]:
    """Classify the cells of an instructor notebook and check their metadata.

    Args:
        notebook: The notebook as JSON.
        where: The file name, for messages.

    Returns:
        The cells with their roles.

    Raises:
        SourceError: On missing or repeated grade ids, missing points or objectives,
            a test naming an unknown answer, or broken markers.
    """
    cells: list[SourceCell] = []
    seen: set[str] = set()
    for index, raw in enumerate(notebook.get("cells", [])):
        cell_type = "code" if raw.get("cell_type") == "code" else "markdown"
        meta = raw.get("metadata", {}).get("nbgrader") or {}
        course_meta = raw.get("metadata", {}).get("course") or {}
        here = f"{where}, cell {index + 1}"
        role = _role(meta, here)
        grade_id = str(meta.get("grade_id", ""))
        if role != "plain":
            if not grade_id:
                raise SourceError(f"{here}: nbgrader cell without grade_id; add metadata.nbgrader.grade_id.")
            if meta.get("schema_version") != 3:
                raise SourceError(f"{here} ({grade_id}): nbgrader schema_version must be 3.")
            if grade_id in seen:
                raise SourceError(f"{here}: grade_id '{grade_id}' is used twice; grade ids must be unique.")
            seen.add(grade_id)
        points = float(meta.get("points", 0) or 0)
        objective = str(course_meta.get("objective", ""))
        if role in ("manual", "test"):
            if points <= 0:
                raise SourceError(f"{here} ({grade_id}): a graded cell needs points > 0 in metadata.nbgrader.points.")
            if objective not in OBJECTIVES:
                raise SourceError(f"{here} ({grade_id}): metadata.course.objective must be one of {', '.join(OBJECTIVES)}, "
                                  f"not {objective!r}.")
        text = cell_text(raw)
        try:
            if role == "answer" and cell_type == "code":
                stub = stubs.code_stub(text, here)
            elif role in ("answer", "manual"):
                stub = stubs.text_stub(text, here) if cell_type == "markdown" else stubs.code_stub(text, here)
            elif role == "test":
                stub = stubs.remove_hidden_tests(text, here)
            else:
                stub = text
        except stubs.MarkerError as exc:
            raise SourceError(str(exc)) from None
        if role == "test" and cell_type != "code":
            raise SourceError(f"{here} ({grade_id}): a test cell must be a code cell.")
        cells.append(SourceCell(index, cell_type, text, str(raw.get("id", "")), grade_id, role, points, objective,
                                tuple(course_meta.get("answers", ())), stub))
    answers = {c.grade_id for c in cells if c.role == "answer"}
    for cell in cells:
        for answer in cell.answers:
            if answer not in answers:
                raise SourceError(f"{where}: test '{cell.grade_id}' names answer cell '{answer}', which is not an "
                                  f"answer cell; fix metadata.course.answers.")
    return tuple(cells)


def load_assignment(path: Path) -> Assignment:
    """Read one instructor notebook.

    Args:
        path: ``<source>/<assignment>.ipynb``.

    Returns:
        The assignment with its graded items in notebook order.

    Raises:
        SourceError: When the file is not a notebook or its metadata is wrong.
    """
    data = path.read_bytes()
    try:
        notebook = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(f"{path}: not a JSON notebook ({exc}).") from None
    if not isinstance(notebook, dict) or notebook.get("nbformat") != 4:
        raise SourceError(f"{path}: not an nbformat 4 notebook.")
    cells = parse_cells(notebook, path.name)
    items = []
    for cell in cells:
        if cell.role == "test":
            items.append(Item(cell.grade_id, "auto", cell.points, cell.objective, cell.answers, cell.source))
        elif cell.role == "manual":
            items.append(Item(cell.grade_id, "manual", cell.points, cell.objective, (cell.grade_id,), ""))
    if not items:
        raise SourceError(f"{path}: no graded cells (nbgrader test or manual cells with points).")
    digest = hashlib.sha256(data).hexdigest()
    return Assignment(path.stem, path, digest, notebook, cells, tuple(items))


def load_source(directory: Path, only: tuple[str, ...] = ()) -> dict[str, Assignment]:
    """Every assignment in a source folder, by name (the notebook stem).

    Args:
        directory: The instructor's source folder (``solutions/`` or a private copy).
        only: Restrict to these assignment names.

    Raises:
        SourceError: When the folder holds no notebook or a named assignment is not there.
    """
    if not directory.is_dir():
        raise SourceError(f"source folder {directory} does not exist; pass --source with the instructor's notebooks.")
    paths = sorted(p for p in directory.glob("*.ipynb") if not p.name.startswith("."))
    found = {p.stem: load_assignment(p) for p in paths if not only or p.stem in only}
    missing = [name for name in only if name not in found]
    if missing:
        raise SourceError(f"{directory}: no notebook for assignment(s) {', '.join(missing)}; "
                          f"found {', '.join(p.stem for p in paths) or 'none'}.")
    if not found:
        raise SourceError(f"{directory}: no .ipynb notebooks found.")
    return found


def default_source_dir() -> Path:
    """``solutions/`` of the course checkout that holds the current directory.

    Falls back to the checkout the package was installed from (see :mod:`course_lib.checkout`).

    Raises:
        SourceError: Outside any checkout; pass ``--source``.
    """
    try:
        return course_root() / "solutions"
    except NotACheckoutError as err:
        raise SourceError(f"{err} Or pass --source with the instructor's notebooks.") from None
