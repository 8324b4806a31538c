"""The question bank: YAML/JSON files under data/questions, validated against a schema on load.

Validation runs in two steps so that a lesson's self-check waits neither for
``jsonschema`` (importing it costs seconds of CPU, most of it a grammar it compiles
for URI formats the bank never uses) nor for compiling a validator. Every file is
checked first by :mod:`course_lib.quiz.bank_validator`: plain Python that
``fastjsonschema.compile_to_code`` generated from the schema, committed beside this
module and imported like any other (``make bank-validator`` regenerates it; a test
fails when it is out of date with the schema). Only a file it rejects is checked
again with ``jsonschema``, the reference implementation, which reports every problem
with its path. The test suite checks that both agree on the shipped bank and on
malformed entries. A file that passed is remembered (as JSON, keyed by its text and the
schema's) in the course's cache folder, so later kernels neither parse nor check it again.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml

from course_lib.files import cache_dir, read_yaml
from course_lib.quiz.model import (
    NOTEBOOKS,
    OBJECTIVES,
    ChoiceQuestion,
    Question,
    ScenarioQuestion,
    question_from_dict,
)

# The source texts' own items, which must always be in the bank (COURSE.md).
SOURCE_QUIZ_IDS: tuple[str, ...] = (
    "src-q1-json-chatbot",
    "src-q2-drug-interactions",
    "src-q3-catastrophic-forgetting",
)
SOURCE_SCENARIO_IDS: tuple[str, ...] = (
    "src-ex1-legal-english",
    "src-ex2-news-today",
    "src-ex3-support-categories",
)


class BankError(ValueError):
    """One or more bank entries are malformed; ``problems`` lists each as 'file: entry: reason'."""

    def __init__(self, problems: Sequence[str]):
        self.problems = tuple(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"The question bank has {len(self.problems)} problem(s):\n{listing}")


@dataclass(frozen=True)
class Bank:
    """Every question of the course, in file order, with lookups by id, objective and notebook.

    Attributes:
        questions: All questions, in the order of the files (sorted by name) and entries.
        files: Question id -> the file it came from, for error messages.
    """

    questions: tuple[Question, ...]
    files: dict[str, str]

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return iter(self.questions)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self.files

    def get(self, question_id: str) -> Question:
        """The question with this id.

        Raises:
            KeyError: naming the id and a few similar ones.
        """
        for q in self.questions:
            if q.id == question_id:
                return q
        close = [q.id for q in self.questions if question_id.split("-")[0] in q.id][:5]
        raise KeyError(f"No question {question_id!r} in the bank; similar ids: {close or 'none'}")

    @property
    def scenarios(self) -> tuple[ScenarioQuestion, ...]:
        """The scenario questions."""
        return tuple(q for q in self.questions if isinstance(q, ScenarioQuestion))

    @property
    def quiz_questions(self) -> tuple[Question, ...]:
        """Every question that is not a scenario."""
        return tuple(q for q in self.questions if not isinstance(q, ScenarioQuestion))

    def by_objective(self, objective: str) -> tuple[Question, ...]:
        """Questions assessing one learning objective (``LO1``...)."""
        if objective not in OBJECTIVES:
            raise ValueError(f"Unknown objective {objective!r}; use one of {', '.join(OBJECTIVES)}")
        return tuple(q for q in self.questions if q.objective == objective)

    def for_notebook(self, notebook_id: str) -> tuple[Question, ...]:
        """Questions tagged for a lesson notebook's self-check (``03_empirical_test``)."""
        if notebook_id not in NOTEBOOKS:
            raise ValueError(f"Unknown notebook {notebook_id!r}; use one of {', '.join(NOTEBOOKS)}")
        return tuple(q for q in self.questions if notebook_id in q.notebooks)

    def draw(self, n: int, *, seed: int | None = None, exclude: Iterable[str] = (),
             scenarios: bool | None = False, notebook: str | None = None,
             objectives: Iterable[str] | None = None) -> tuple[Question, ...]:
        """A shuffled draw that spreads over the objectives (round-robin by objective).

        Args:
            n: How many questions to draw (fewer if the bank runs out).
            seed: Seed for a repeatable draw; None for a fresh one.
            exclude: Ids to leave out (for example the source questions already asked).
            scenarios: False for quiz questions only, True for scenarios only, None for both.
            notebook: Only items tagged for this notebook.
            objectives: Only items assessing these objectives.

        Returns:
            Up to ``n`` questions, objectives interleaved, order shuffled.
        """
        rng = random.Random(seed)
        skip = set(exclude)
        pool = self.for_notebook(notebook) if notebook else self.questions
        if scenarios is not None:
            pool = tuple(q for q in pool if isinstance(q, ScenarioQuestion) == scenarios)
        if objectives is not None:
            wanted = set(objectives)
            pool = tuple(q for q in pool if q.objective in wanted)
        groups: dict[str, list[Question]] = {}
        for q in pool:
            if q.id not in skip:
                groups.setdefault(q.objective, []).append(q)
        for items in groups.values():
            rng.shuffle(items)
        picked: list[Question] = []
        objectives = sorted(groups)
        while len(picked) < n and any(groups.values()):
            for objective in objectives:
                if groups[objective] and len(picked) < n:
                    picked.append(groups[objective].pop())
        rng.shuffle(picked)
        return tuple(picked)


def default_bank_dir() -> Path:
    """The folder of bank files shipped with the package."""
    return Path(str(resources.files("course_lib") / "data" / "questions"))


def schema_path() -> Path:
    """The JSON Schema every bank file is validated against."""
    return Path(str(resources.files("course_lib") / "data" / "schemas" / "question.schema.json"))


@cache
def _schema_text() -> str:
    return schema_path().read_text(encoding="utf-8")


@cache
def _schema() -> dict[str, Any]:
    return json.loads(_schema_text())


def _file_schema() -> dict[str, Any]:
    """The schema of a whole file: a mapping with a non-empty ``questions`` list (entries checked one by one)."""
    schema = _schema()
    return {k: v for k, v in schema.items() if k not in ("properties", "$defs")} | {
        "properties": {"title": {"type": "string"}, "questions": {"type": "array", "minItems": 1}}}


def _entry_schema() -> dict[str, Any]:
    """The schema of one bank entry."""
    return {"$defs": _schema()["$defs"], "$ref": "#/$defs/question"}


VALIDATOR_MODULE = Path(__file__).with_name("bank_validator.py")


def _fast_schema() -> dict[str, Any]:
    """The whole file's schema, entries included, in the draft-07 keywords fastjsonschema compiles."""
    schema = _file_schema()
    schema["properties"]["questions"]["items"] = {"$ref": "#/$defs/question"}
    schema["$defs"] = _schema()["$defs"]
    return {k: v for k, v in schema.items() if k not in ("$schema", "$id")}


def validator_code() -> str:
    """The source of :data:`VALIDATOR_MODULE`: the schema compiled to Python by ``fastjsonschema.compile_to_code``."""
    import fastjsonschema

    code = fastjsonschema.compile_to_code(_fast_schema(), use_formats=False)
    return (f'"""Generated from {schema_path().name} by fastjsonschema {fastjsonschema.VERSION}; do not edit.\n\n'
            f"Regenerate with `make bank-validator` after changing the schema (a test fails until you do).\n"
            f'"""\n# flake8: noqa\n# fmt: off\n{code}')


def write_validator() -> Path:
    """Rewrite :data:`VALIDATOR_MODULE` from the schema (``make bank-validator``)."""
    from course_lib.files import write_atomic

    write_atomic(VALIDATOR_MODULE, validator_code())
    return VALIDATOR_MODULE


def _passes_fast_check(data: Any) -> bool:
    """True when the file and every entry in it pass the schema (the generated validator)."""
    from course_lib.quiz import bank_validator

    try:
        bank_validator.validate(data)
    except bank_validator.JsonSchemaValueException:
        return False
    return True


def _parse(path: Path, text: str) -> Any:
    return json.loads(text) if path.suffix == ".json" else read_yaml(text)


CHECKED_CACHE = "checked-bank"
"""The folder, under :func:`course_lib.files.cache_dir`, of bank files already parsed and checked."""


def _checked_cache_path(path: Path, text: str) -> Path:
    """Where the entries of this exact file text, once checked against this exact schema, are kept as JSON."""
    key = hashlib.sha256(f"{path.suffix}\0{_schema_text()}\0{text}".encode()).hexdigest()
    return cache_dir() / CHECKED_CACHE / f"{key[:32]}.json"


def _checked_before(path: Path, text: str) -> list[dict[str, Any]] | None:
    """The entries of a file whose exact text passed the schema check before, or None (parse and check it)."""
    try:
        entries = json.loads(_checked_cache_path(path, text).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return entries if isinstance(entries, list) else None


def _remember_checked(path: Path, text: str, entries: list[dict[str, Any]]) -> None:
    """Keep a checked file's entries, so the next kernel neither parses its YAML nor checks it again.

    Only entries that JSON gives back unchanged are kept (YAML can hold what JSON cannot, such as a
    number as a mapping key), so reading the cache is always the same as parsing the file. Best effort:
    a read-only or full disk only means the next load parses the file again.
    """
    from course_lib.files import write_atomic

    try:
        encoded = json.dumps(entries, ensure_ascii=False)
        if json.loads(encoded) == entries:
            write_atomic(_checked_cache_path(path, text), encoded)
    except (OSError, TypeError, ValueError):
        pass


# Fields that only one kind of question may carry (the schema forbids the others).
_TYPE_FIELDS: dict[str, set[str]] = {
    "single": {"options"},
    "multiple": {"options"},
    "numeric": {"answer", "unit", "abs_tol", "rel_tol", "misconceptions"},
    "scenario": {"traits", "accepted", "criteria", "related_criteria", "rejected", "model_answer", "key_note"},
}


def _foreign_fields(entry: dict[str, Any]) -> list[str]:
    """Problems for fields that belong to another question type (the schema reports these without a path)."""
    kind = entry.get("type")
    if kind not in _TYPE_FIELDS:
        return []
    others = set().union(*_TYPE_FIELDS.values()) - _TYPE_FIELDS[kind]
    return [f"at {key}: field {key!r} is not used by {kind} questions; remove it "
            f"(their own fields: {', '.join(sorted(_TYPE_FIELDS[kind]))})"
            for key in sorted(others & set(entry))]


def _where(error: Any) -> str:
    parts = []
    for p in error.absolute_path:
        parts.append(f"[{p}]" if isinstance(p, int) else f".{p}")
    return "".join(parts).lstrip(".") or "(entry)"


def validate_file(path: Path, *, reference: bool = False) -> tuple[list[dict[str, Any]], list[str]]:
    """Schema-check one bank file, entry by entry.

    Args:
        path: A ``.yaml``, ``.yml`` or ``.json`` bank file.
        reference: Check with ``jsonschema`` even when the fast validator accepts the
            file (the tests use this to keep the two in agreement).

    Returns:
        The entries that passed, and one problem string per failure, each naming
        the file, the entry id (or index) and the reason. A file whose exact text
        passed before is read from the cache of checked files instead (a JSON copy of
        its entries, keyed by the file's and the schema's text), so a lesson's
        self-check parses no YAML after the first time.
    """
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
        if not reference and (entries := _checked_before(path, text)) is not None:
            return entries, []
        data = _parse(path, text)
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        return [], [f"{name}: cannot be parsed ({exc}); fix the syntax."]
    if not reference and _passes_fast_check(data):
        _remember_checked(path, text, data["questions"])
        return list(data["questions"]), []
    return _reference_check(name, data)


def _reference_check(name: str, data: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Every schema problem of a parsed file, with its path, from ``jsonschema`` (slow to import, so only here)."""
    from jsonschema import Draft202012Validator

    top_errors = sorted(Draft202012Validator(_file_schema()).iter_errors(data), key=lambda e: list(e.absolute_path))
    if top_errors:
        return [], [f"{name}: {e.message} (a bank file is a mapping with a 'questions' list)" for e in top_errors]
    entry_validator = Draft202012Validator(_entry_schema())
    good, problems = [], []
    for index, entry in enumerate(data["questions"]):
        ident = entry.get("id") if isinstance(entry, dict) else None
        label = f"entry {ident!r}" if ident else f"entry #{index + 1}"
        errors = sorted(entry_validator.iter_errors(entry), key=lambda e: (list(e.absolute_path), e.message))
        foreign = _foreign_fields(entry) if isinstance(entry, dict) else []
        if foreign:  # reported by name here, so drop the schema's pathless "False schema" errors
            errors = [e for e in errors if e.validator is not None]
        messages = foreign + [f"at {_where(e)}: {e.message}" for e in errors]
        if messages:
            problems += [f"{name}: {label}: {m}" for m in messages]
        else:
            good.append(entry)
    return good, problems


def _known_criteria() -> set[str]:
    from course_lib.framework import load_framework
    return set(load_framework().criteria)


def _check_entry(q: Question, name: str) -> list[str]:
    """Cross-reference checks a schema cannot express."""
    label = f"{name}: entry {q.id!r}"
    problems: list[str] = []
    if isinstance(q, ChoiceQuestion):
        ids = [o.id for o in q.options]
        if len(set(ids)) != len(ids):
            problems.append(f"{label}: option ids repeat ({ids}); make each unique.")
        n_correct = len(q.correct_ids)
        if not q.multiple and n_correct != 1:
            problems.append(f"{label}: a single-choice question needs exactly one correct option, has {n_correct}.")
        if q.multiple and n_correct < 1:
            problems.append(f"{label}: a multiple-choice question needs at least one correct option.")
    if isinstance(q, ScenarioQuestion):
        from course_lib.framework import TRAITS
        known = _known_criteria()
        named = set(q.criteria) | set(q.related_criteria)
        for a in q.accepted:
            named |= set(a.criteria)
        for c in sorted(named - known):
            problems.append(f"{label}: unknown criterion {c!r}; use ids from course_lib/data/framework.yaml.")
        for trait, value in q.traits.items():
            if trait not in TRAITS:
                problems.append(f"{label}: unknown trait {trait!r}; allowed: {', '.join(TRAITS)}.")
                continue
            try:
                TRAITS[trait].validate(value)
            except (TypeError, ValueError) as exc:
                problems.append(f"{label}: {exc}")
        approaches = [a.approach for a in q.accepted]
        if len(set(approaches)) != len(approaches):
            problems.append(f"{label}: an approach is listed twice under 'accepted'.")
        if not any(a.credit >= 1.0 for a in q.accepted):
            problems.append(f"{label}: no accepted approach has full credit (1.0).")
        for approach in q.rejected:
            if approach in approaches:
                problems.append(f"{label}: {approach!r} is both accepted and rejected.")
    return problems


def load_bank(directory: str | Path | None = None, *, reference: bool = False) -> Bank:
    """Load, validate and cross-check every bank file in a folder.

    Args:
        directory: Folder of ``*.yaml`` / ``*.yml`` / ``*.json`` files; the
            package's own bank when None (cached).
        reference: Also check files the fast validator accepts with ``jsonschema``
            (``course doctor`` does; it takes seconds to import).

    Returns:
        The bank.

    Raises:
        BankError: listing every malformed entry with its file, id and reason.
    """
    if directory is None and not reference:
        return _default_bank()
    return _load(Path(directory) if directory is not None else default_bank_dir(), reference=reference)


@cache
def _default_bank() -> Bank:
    return _load(default_bank_dir())


def _load(directory: Path, *, reference: bool = False) -> Bank:
    if not directory.is_dir():
        raise BankError([f"{directory}: no such folder of question files."])
    paths = sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml", ".json"))
    if not paths:
        raise BankError([f"{directory}: no .yaml or .json question files in it."])
    questions: list[Question] = []
    files: dict[str, str] = {}
    problems: list[str] = []
    for path in paths:
        entries, file_problems = validate_file(path, reference=reference)
        problems += file_problems
        for entry in entries:
            q = question_from_dict(entry)
            if q.id in files:
                problems.append(f"{path.name}: entry {q.id!r}: id already used in {files[q.id]}; ids must be unique.")
                continue
            problems += _check_entry(q, path.name)
            files[q.id] = path.name
            questions.append(q)
    if problems:
        raise BankError(problems)
    return Bank(questions=tuple(questions), files=files)
