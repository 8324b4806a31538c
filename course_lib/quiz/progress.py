"""The learner's progress: every checked answer, kept in a local JSON file outside the repository.

The file lives in the user's data folder (``~/.local/share/prompt-rag-finetune/progress.json``
on Linux), or wherever the environment variable ``COURSE_PROGRESS_FILE`` points. Every
write re-reads the file under a lock and replaces it atomically, so answers from two
notebooks open at once, a re-run or a kernel restart are never lost. A file that cannot
be read or parsed is renamed aside (``progress.json.corrupt-<time>``) with a warning, never
silently overwritten.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from course_lib.quiz.check import CheckResult
from course_lib.quiz.model import NOTEBOOKS, OBJECTIVES, Question, ScenarioAnswer
from course_lib.files import user_data_dir, write_atomic

if TYPE_CHECKING:  # pandas is imported only when a summary is asked for
    import pandas as pd

    from course_lib.quiz.bank import Bank

ENV_VAR = "COURSE_PROGRESS_FILE"
FORMAT_VERSION = 1
LESSONS: tuple[str, ...] = tuple(n for n in NOTEBOOKS if n not in ("05_quiz", "06_scenarios"))


class ProgressWarning(UserWarning):
    """Something is wrong with the progress file; the message says what was done about it."""


def default_progress_path() -> Path:
    """Where progress is kept: ``$COURSE_PROGRESS_FILE`` if set, else the user's data folder.

    Returns:
        The path of the progress file (it may not exist yet).
    """
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    return user_data_dir() / "progress.json"


@dataclass(frozen=True)
class Attempt:
    """One checked answer.

    Attributes:
        question_id: The bank id.
        objective: The question's learning objective.
        notebook: The notebook it was answered in (``""`` when unknown).
        score: Credit from 0 to 1.
        correct: Full credit or not.
        answer: The answer as plain JSON data.
        time: Seconds since the epoch.
    """

    question_id: str
    objective: str
    notebook: str
    score: float
    correct: bool
    answer: Any
    time: float


def _plain(answer: Any) -> Any:
    """The answer as JSON-safe data."""
    if isinstance(answer, ScenarioAnswer):
        return {"approach": answer.approach, "criteria": list(answer.criteria), "justification": answer.justification}
    if isinstance(answer, (list, tuple, set, frozenset)):
        return [_plain(a) for a in answer]
    if isinstance(answer, dict):
        return {str(k): _plain(v) for k, v in answer.items()}
    if answer is None or isinstance(answer, (bool, int, float, str)):
        return answer
    return str(answer)


_FIELD_TYPES: dict[str, tuple[type, ...]] = {
    "question_id": (str,), "objective": (str,), "notebook": (str,),
    "score": (int, float), "correct": (bool,), "time": (int, float),
}


def _attempt_from(entry: Any, index: int) -> Attempt:
    """One stored attempt, checked field by field; ValueError names the entry and the field."""
    if not isinstance(entry, dict):
        raise ValueError(f"attempt #{index + 1} is not an object")
    expected = set(_FIELD_TYPES) | {"answer"}
    if set(entry) != expected:
        raise ValueError(f"attempt #{index + 1} has fields {sorted(entry)}, expected {sorted(expected)}")
    for name, types in _FIELD_TYPES.items():
        value = entry[name]
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            raise ValueError(f"attempt #{index + 1}: {name} has the wrong type ({type(value).__name__})")
    if not 0.0 <= entry["score"] <= 1.0:
        raise ValueError(f"attempt #{index + 1}: score {entry['score']} is outside 0..1")
    return Attempt(**entry)


class ProgressStore:
    """Reads and appends attempts to one progress file.

    Args:
        path: The progress file; :func:`default_progress_path` when None.
    """

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_progress_path()
        # False after a read error we could not resolve: then we keep answers in
        # memory only rather than overwrite a file we could not read.
        self.writable = True
        self._memory: list[Attempt] = []

    # ---- reading -----------------------------------------------------------

    def attempts(self) -> list[Attempt]:
        """Every recorded attempt, oldest first (from the file, plus any kept in memory)."""
        with self._lock():
            return self._read() + list(self._memory)

    def _read(self) -> list[Attempt]:
        if not self.path.exists():
            return []
        if self.path.is_dir():
            self.writable = False
            warnings.warn(
                f"Cannot read the progress file {self.path}: it is a folder. It was left alone; answers from "
                f"this session are kept in memory only. Set {ENV_VAR} to a file path, such as {self.path / 'progress.json'}.",
                ProgressWarning, stacklevel=3)
            return []
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:  # unreadable: keep it under another name, start a new file
            self._set_aside(exc, what="could not be read")
            return []
        try:
            data = json.loads(text) if text.strip() else {"version": FORMAT_VERSION, "attempts": []}
            if not isinstance(data, dict) or not isinstance(data.get("attempts"), list):
                raise ValueError("expected an object with an 'attempts' list")
            return [_attempt_from(a, i) for i, a in enumerate(data["attempts"])]
        except (ValueError, TypeError) as exc:
            self._set_aside(exc, what="was damaged")
            return []

    def _set_aside(self, reason: Exception, what: str) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            n += 1
        try:
            os.replace(self.path, target)
        except OSError as exc:
            self.writable = False
            warnings.warn(
                f"The progress file {self.path} {what} ({reason}) and could not be moved aside ({exc}). "
                f"It was left untouched; answers are kept in memory only. Move it yourself or set {ENV_VAR}.",
                ProgressWarning, stacklevel=4)
            return
        warnings.warn(
            f"The progress file {self.path} {what} ({reason}). It was kept as {target.name} "
            "and a new one was started; nothing was overwritten.",
            ProgressWarning, stacklevel=4)

    # ---- writing -----------------------------------------------------------

    def record(self, question: Question, result: CheckResult, answer: Any = None, notebook: str = "") -> Attempt:
        """Append one checked answer and save it at once.

        Args:
            question: The question answered.
            result: Its check result.
            answer: The learner's answer (stored as plain data).
            notebook: The notebook it was answered in.

        Returns:
            The attempt as stored.
        """
        attempt = Attempt(question_id=question.id, objective=question.objective, notebook=notebook,
                          score=float(result.score), correct=bool(result.correct), answer=_plain(answer),
                          time=time.time())
        with self._lock():
            existing = self._read()
            if not self.writable:
                self._memory.append(attempt)
                return attempt
            payload = {"version": FORMAT_VERSION,
                       "attempts": [asdict(a) for a in existing + list(self._memory) + [attempt]]}
            try:
                self._write(payload)
                self._memory.clear()
            except OSError as exc:
                self.writable = False
                self._memory.append(attempt)
                warnings.warn(f"Cannot write the progress file {self.path} ({exc}); answers are kept in "
                              f"memory only. Set {ENV_VAR} to a writable path.", ProgressWarning, stacklevel=2)
        return attempt

    def _write(self, payload: dict[str, Any]) -> None:
        write_atomic(self.path, json.dumps(payload, indent=1), fsync=True)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """An exclusive lock on a side file, so two kernels do not interleave read-modify-write."""
        try:
            import fcntl
        except ImportError:  # Windows: os.replace still keeps each write whole
            yield
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(self.path.with_name(self.path.name + ".lock"), "a")
        except OSError:
            yield
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # ---- summaries ---------------------------------------------------------

    def best_scores(self) -> dict[str, float]:
        """Best score per question id over all attempts."""
        best: dict[str, float] = {}
        for a in self.attempts():
            best[a.question_id] = max(best.get(a.question_id, 0.0), a.score)
        return best


@dataclass(frozen=True)
class ProgressSummary:
    """Progress per learning objective and per lesson notebook.

    Both tables have columns ``group``, ``label``, ``items`` (in the bank),
    ``attempted``, ``correct`` (best attempt had full credit) and ``mastery``
    (mean best score over all items, 0 to 1).
    """

    by_objective: "pd.DataFrame"
    by_notebook: "pd.DataFrame"
    attempts: int

    def to_text(self) -> str:
        """The summary as plain text (for screen readers and terminals)."""
        lines = [f"{answers_text(self.attempts)} recorded."]
        for title, table in (("By objective", self.by_objective), ("By notebook", self.by_notebook)):
            lines.append(f"{title}:")
            for row in table.itertuples():
                lines.append(f"  {row.group} ({row.label}): {row.correct} of {row.items} correct, "
                             f"{row.attempted} attempted, mastery {row.mastery:.0%}")
        return "\n".join(lines)


def answers_text(n: int) -> str:
    """``"1 answer"``, ``"3 answers"``."""
    return f"{n} answer" if n == 1 else f"{n} answers"


def summarise(store: ProgressStore | None = None, bank: "Bank | None" = None) -> ProgressSummary:
    """Summarise progress against the bank: per objective, and per lesson via the notebook tags.

    Args:
        store: The progress store; the default file when None.
        bank: The question bank; the package's bank when None.

    Returns:
        The two tables and the number of recorded attempts.
    """
    import pandas as pd

    from course_lib.quiz.bank import load_bank

    store = store or ProgressStore()
    bank = bank or load_bank()
    attempts = store.attempts()
    best: dict[str, float] = {}
    for a in attempts:
        best[a.question_id] = max(best.get(a.question_id, 0.0), a.score)

    def row(group: str, label: str, ids: list[str]) -> dict[str, Any]:
        scores = [best[i] for i in ids if i in best]
        return {"group": group, "label": label, "items": len(ids), "attempted": len(scores),
                "correct": sum(s >= 1.0 for s in scores),
                "mastery": (sum(scores) / len(ids)) if ids else 0.0}

    by_objective = pd.DataFrame([row(o, OBJECTIVES[o], [q.id for q in bank if q.objective == o]) for o in OBJECTIVES])
    by_notebook = pd.DataFrame([row(n, n.split("_", 1)[1].replace("_", " "), [q.id for q in bank if n in q.notebooks])
                                for n in NOTEBOOKS])
    return ProgressSummary(by_objective=by_objective, by_notebook=by_notebook, attempts=len(attempts))
