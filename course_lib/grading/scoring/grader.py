"""Grade one submission: plan its cells, run them in a sandboxed child, run the hidden tests here, score each item."""

from __future__ import annotations

import ast
import builtins
import hashlib
import shutil
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from course_lib.grading.execution import sandbox
from course_lib.grading.gradebook import Status
from course_lib.grading.scoring.hidden import AnswerTimeout, InvalidAnswer, StudentError, TestFailure, collect_notes
from course_lib.grading.execution.plain import to_plain
from course_lib.grading.execution.pool import CellOutcome, Session, Zygote
from course_lib.grading.scoring.settings import GRADER_VERSION, GradeSettings
from course_lib.grading.authoring.source import Assignment, Item
from course_lib.grading.authoring.stubs import TEXT_STUB
from course_lib.grading.scoring.submission import InvalidNotebook, Plan, parse_notebook, plan, read_submission



@dataclass(frozen=True)
class ItemResult:
    """One row of grades.csv before manual points are merged."""

    item: str
    objective: str
    kind: str
    points: float
    max_points: float
    status: str
    message: str

    def _repr_html_(self) -> str:
        """The item as a feedback page's table shows it (``_grade_items.html.j2``)."""
        from course_lib.rendering import render

        return render("_grade_items.html.j2", rows=[self], by_instructor={self.item} if self.kind == "manual" else set())


@dataclass(frozen=True)
class SubmissionResult:
    """Every item of one student's assignment, plus remarks about the whole notebook."""

    student: str
    assignment: str
    file: str
    items: tuple[ItemResult, ...]
    notes: tuple[str, ...] = ()

    def _repr_html_(self) -> str:
        """The submission as its feedback page shows it (``_submission.html.j2``), before manual points."""
        from course_lib.rendering import render

        return render("_submission.html.j2", student=self.student, assignment=self.assignment,
                      rows=list(self.items), notes=list(self.notes),
                      by_instructor={item.item for item in self.items if item.kind == "manual"})

    def to_json(self) -> dict[str, Any]:
        """The result as stored under ``results/`` (see :meth:`from_json`)."""
        return {"student": self.student, "assignment": self.assignment, "file": self.file,
                "items": [asdict(i) for i in self.items], "notes": list(self.notes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "SubmissionResult":
        """Read a result stored by :meth:`to_json`."""
        return cls(data["student"], data["assignment"], data["file"],
                   tuple(ItemResult(**i) for i in data["items"]), tuple(data.get("notes", ())))


def cache_key(assignment: Assignment, student: str, name: str, content: bytes | str, settings: GradeSettings) -> str:
    """Identifies a result: same grader, settings, source, student, file name and content -> same result.

    Args:
        content: The file's bytes, or the reason it could not be read (so a fixed file is regraded).
    """
    h = hashlib.sha256()
    for part in (GRADER_VERSION, settings.key(), assignment.digest, student, name or "-"):
        h.update(part.encode() + b"\0")
    h.update(content if isinstance(content, bytes) else b"unreadable:" + content.encode())
    return h.hexdigest()


def same_for_all(assignment: Assignment, status: str, message: str) -> tuple[ItemResult, ...]:
    """Every item of an assignment with the same status and message and no points."""
    return tuple(ItemResult(i.grade_id, i.objective, i.kind, 0.0, i.points, status, message) for i in assignment.items)


def missing_result(assignment: Assignment, student: str, message: str) -> SubmissionResult:
    """Every item ``missing``: the student submitted no file for this assignment."""
    return SubmissionResult(student, assignment.name, "", same_for_all(assignment, Status.MISSING, message))


def invalid_result(assignment: Assignment, student: str, name: str, message: str) -> SubmissionResult:
    """Every item ``invalid``: the file cannot be graded at all (the message says why)."""
    return SubmissionResult(student, assignment.name, name, same_for_all(assignment, Status.INVALID, message))


class RemoteFunction:
    """Stands for a student's function in a hidden test: calls it in the sandbox, returns plain data."""

    def __init__(self, session: Session, name: str) -> None:
        self._session, self._name = session, name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._session.call(self._name, to_plain(list(args)), to_plain(kwargs))

    def __repr__(self) -> str:
        return f"<student function {self._name}>"


def free_names(code: str) -> set[str]:
    """Names a test reads but never binds (the student's answers it needs)."""
    tree = ast.parse(code)
    loaded, bound = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return loaded - bound - set(dir(builtins))


def run_test(item: Item, session: Session, student: str) -> tuple[float, str, list[str]]:
    """Run one hidden test in this process against the student's plain answers.

    Returns:
        (points, status, notes).
    """
    owned: dict[str, Any] = {"__builtins__": builtins, "__name__": "__grader__", "STUDENT_ID": student,
                             "check": lambda *a, **k: None}
    names = sorted(free_names(item.code) - set(owned))
    reply = session.get(names) if names else {}
    provided: dict[str, Any] = {}
    for name in names:  # only the names the test asked for, whatever else the reply holds
        desc = reply.get(name)
        kind = desc.get("kind") if isinstance(desc, dict) else None
        if kind == "function":
            provided[name] = RemoteFunction(session, name)
        elif kind == "value":
            provided[name] = desc.get("value")
        elif kind == "invalid":
            # A fixed text: the child's own description could carry what it saw of another test's inputs.
            raise InvalidAnswer(f"{name} is not plain data; use a number, str, bool, None, or a list or dict of those")
    provided.update(owned)  # the grader's own names are set last, so no reply can replace them
    tree = ast.parse(item.code)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    with collect_notes() as notes:
        exec(compile(tree, f"<test {item.grade_id}>", "exec"), provided)
        value = eval(compile(ast.Expression(last.value), f"<test {item.grade_id}>", "eval"), provided) if last else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        score = min(max(float(value), 0.0), item.points)
    else:
        score = item.points
    return score, (Status.PASSED if score >= item.points - 1e-9 else Status.FAILED), list(notes)


def _sentences(parts: list[str]) -> str:
    """Parts of a message as sentences: each ends with a full stop."""
    return " ".join(p if p.endswith(".") else p + "." for p in (q.strip() for q in parts) if p)


def _grade_auto(item: Item, plan_: Plan, outcomes: dict[str, CellOutcome], session: Session | None,
                student: str) -> ItemResult:
    def result(points: float, status: str, message: str) -> ItemResult:
        return ItemResult(item.grade_id, item.objective, "auto", round(points, 4), item.points, status, message)

    remarks = [n for a in item.answers for n in plan_.notes.get(a, [])]
    for answer in item.answers:
        if answer in plan_.missing:
            return result(0, Status.MISSING, f"the answer cell '{answer}' was deleted; copy it back from the exercise "
                                        "notebook and answer it")
        if answer in plan_.duplicated:
            return result(0, Status.INVALID, f"the answer cell '{answer}' appears more than once; delete the copies "
                                        "and keep one")
    if item.answers and all(a in plan_.untouched for a in item.answers):
        return result(0, Status.MISSING, "not answered yet (the answer cell is unchanged from the exercise)")
    for answer in item.answers:
        outcome = outcomes.get(f"answer:{answer}")
        if outcome and outcome.state == "timeout":
            return result(0, Status.TIMEOUT, f"answer cell '{answer}' {outcome.message}")
        if outcome and outcome.state in ("crashed", "not_run"):
            return result(0, Status.ERROR, f"answer cell '{answer}': {outcome.message}")
        if outcome and outcome.state == "error":
            remarks.append(f"answer cell '{answer}' raised {outcome.message}")
    if session is None:
        return result(0, Status.ERROR, "the notebook could not be run")
    try:
        points, status, notes = run_test(item, session, student)
    except AnswerTimeout as exc:
        return result(0, Status.TIMEOUT, _sentences(remarks + [str(exc)]))
    except InvalidAnswer as exc:
        return result(0, Status.INVALID, _sentences(remarks + [f"not plain data: {exc}"]))
    except StudentError as exc:
        return result(0, Status.ERROR, _sentences(remarks + [str(exc)]))
    except TestFailure as exc:
        return result(0, Status.FAILED, _sentences(remarks + [str(exc)]))
    except AssertionError:
        return result(0, Status.FAILED, _sentences(remarks + ["a hidden test did not pass"]))
    except NameError as exc:
        return result(0, Status.ERROR, _sentences(remarks + [f"{exc} (run your answer cells; keep the names the exercise uses)"]))
    except Exception as exc:  # anything else a broken answer provokes in a hidden test
        return result(0, Status.ERROR, _sentences(remarks + [f"{type(exc).__name__}: {exc}"[:500]]))
    return result(points, status, _sentences(remarks + [n.strip().lstrip("- ") for n in notes]))


def _grade_manual(item: Item, plan_: Plan, settings: GradeSettings) -> ItemResult:
    def result(status: str, message: str) -> ItemResult:
        return ItemResult(item.grade_id, item.objective, "manual", 0.0, item.points, status, message)

    gid = item.grade_id
    if gid in plan_.missing:
        return result(Status.MISSING, "the justification cell was deleted; copy it back from the exercise notebook")
    if gid in plan_.duplicated:
        return result(Status.INVALID, "the justification cell appears more than once; keep one")
    text = plan_.answers.get(gid, "").replace(TEXT_STUB, "").strip()
    words = len(text.split())
    if gid in plan_.untouched or not words:
        return result(Status.MISSING, "no justification written yet")
    if words < settings.justification_min_words:
        return result(Status.FAILED, f"justification has {words} words; write at least "
                                f"{settings.justification_min_words} (points are awarded by the instructor)")
    return result(Status.PASSED, f"justification present ({words} words); points are awarded by the instructor")


def grade_submission(assignment: Assignment, student: str, path: Path, zygote: Zygote, settings: GradeSettings,
                     support: sandbox.SandboxSupport, scratch_base: Path, data: bytes | None = None) -> SubmissionResult:
    """Grade one student's notebook for one assignment.

    Args:
        assignment: The instructor's source.
        student: The student id (the submission folder's name).
        path: The submitted notebook.
        zygote: A warm zygote for running the cells.
        settings: Limits.
        support: What sandboxing is available.
        scratch_base: A private folder for scratch directories.
        data: The file's bytes when the caller has read them already (with :func:`read_submission`).

    Returns:
        One result per graded item; never raises for anything a student can put in the file.
    """
    try:
        nb = parse_notebook(data if data is not None else read_submission(path, settings.max_file_bytes))
    except InvalidNotebook as exc:
        return invalid_result(assignment, student, path.name, str(exc))
    plan_ = plan(assignment, nb)
    auto = [i for i in assignment.items if i.kind == "auto"]
    needs_run = any(not any(a in plan_.missing or a in plan_.duplicated for a in i.answers)
                    and not all(a in plan_.untouched for a in i.answers) for i in auto)
    session = None
    scratch = Path(tempfile.mkdtemp(prefix="sub-", dir=scratch_base))
    try:
        if needs_run:
            session = Session(zygote, plan_.cells, student, settings, support, scratch)
            session.run_cells()
        outcomes = session.outcomes if session else {}
        items = []
        for item in assignment.items:
            if item.kind == "manual":
                items.append(_grade_manual(item, plan_, settings))
            else:
                items.append(_grade_auto(item, plan_, outcomes, session, student))
    finally:
        if session is not None:
            session.close()
        shutil.rmtree(scratch, ignore_errors=True)
    notes = list(plan_.general)
    if session is not None:  # what the sandbox could not provide, and a process that ended outside a cell
        notes += [str(n)[:200] for n in session.notes[:3]]
    extra_errors = [f"your cell {k.split(':')[1]} raised {o.message}" for k, o in (outcomes.items())
                    if k.startswith("extra:") and o.state != "ok"]
    notes += extra_errors[:3]
    return SubmissionResult(student, assignment.name, path.name, tuple(items), tuple(notes))
