"""The question model: frozen dataclasses for every question type and for scenario answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Union

# The course's learning objectives (COURSE.md), short form for feedback and charts.
OBJECTIVES: dict[str, str] = {
    "LO1": "Apply the decision framework and name the deciding criteria",
    "LO2": "Tell what fine-tuning solves from what it does not",
    "LO3": "Estimate and compare costs, find the break-even, critique a cost model",
    "LO4": "Design and read an empirical head-to-head test",
    "LO5": "Recognise the common mistakes and risks",
    "LO6": "Say when a hybrid of RAG and fine-tuning earns its complexity",
    "LO7": "Build and measure a minimal retrieval step and the cost of keeping knowledge current",
}

# Where each objective is taught, for "revisit" advice.
OBJECTIVE_NOTEBOOKS: dict[str, tuple[str, ...]] = {
    "LO1": ("01_decision_framework", "06_scenarios"),
    "LO2": ("01_decision_framework",),
    "LO3": ("02_cost_benefit",),
    "LO4": ("03_empirical_test", "07_your_decision"),
    "LO5": ("04_hybrid_and_pitfalls",),
    "LO6": ("04_hybrid_and_pitfalls",),
    "LO7": ("03b_knowledge_lab",),
}


# Below this mean score on an objective's answered items, suggest revisiting it.
REVISIT_BELOW = 0.75

DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")

# Approach ids, as in course_lib/data/framework.yaml.
APPROACHES: tuple[str, ...] = ("prompting", "rag", "fine_tuning", "hybrid")

# Lesson notebooks a question can belong to (its self-check).
NOTEBOOKS: tuple[str, ...] = (
    "00_start_here",
    "01_decision_framework",
    "02_cost_benefit",
    "03_empirical_test",
    "03b_knowledge_lab",
    "04_hybrid_and_pitfalls",
    "05_quiz",
    "06_scenarios",
    "07_your_decision",
)

QUESTION_TYPES: tuple[str, ...] = ("single", "multiple", "numeric", "scenario")


def objectives_taught_by(notebook_id: str) -> tuple[str, ...]:
    """Objectives taught in this notebook or an earlier one (what its self-check may ask about).

    >>> objectives_taught_by("00_start_here")
    ()
    >>> objectives_taught_by("02_cost_benefit")
    ('LO1', 'LO2', 'LO3')
    """
    position = NOTEBOOKS.index(notebook_id)
    return tuple(o for o, where in OBJECTIVE_NOTEBOOKS.items()
                 if min(NOTEBOOKS.index(nb) for nb in where) <= position)


@dataclass(frozen=True, kw_only=True)
class QuestionBase:
    """What every question carries, whatever its type.

    Attributes:
        id: Stable id, unique across the bank (``src-q1-json-chatbot``).
        prompt: The question as the learner reads it (Markdown allowed).
        objective: Learning objective id, ``LO1`` to ``LO7``.
        difficulty: One of ``easy``, ``medium``, ``hard``.
        explanation: Shown after the first attempt, right or wrong.
        hint: Shown only when the learner asks for it.
        notebooks: Lesson notebooks whose self-check includes this question.
        source: Where the item comes from (``chapter quiz Q1``), or ``""`` for our own.
        concepts: Free-form tags for the concepts it covers.
        title: A short label for lists and charts (the id when empty).
    """

    id: str
    prompt: str
    objective: str
    difficulty: str
    explanation: str
    hint: str
    notebooks: tuple[str, ...] = ()
    source: str = ""
    concepts: tuple[str, ...] = ()
    title: str = ""

    @property
    def label(self) -> str:
        """The title, or the id when there is none."""
        return self.title or self.id

    @property
    def type(self) -> str:
        """The question type as written in the bank files."""
        raise NotImplementedError


@dataclass(frozen=True)
class Choice:
    """One option of a choice question, with the feedback shown when it is picked (or missed)."""

    id: str
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(QuestionBase):
    """Single choice (exactly one correct option) or multiple choice (any number correct).

    Attributes:
        options: The options in display order.
        multiple: True when the learner may pick several options.
    """

    options: tuple[Choice, ...]
    multiple: bool = False

    @property
    def type(self) -> str:
        return "multiple" if self.multiple else "single"

    @property
    def correct_ids(self) -> frozenset[str]:
        """Ids of the correct options."""
        return frozenset(o.id for o in self.options if o.correct)

    def option(self, option_id: str) -> Choice | None:
        """The option with this id, or None."""
        for o in self.options:
            if o.id == option_id:
                return o
        return None


@dataclass(frozen=True)
class NumericMisconception:
    """A wrong number a learner is likely to give, with the mistake that produces it."""

    value: float
    feedback: str


@dataclass(frozen=True, kw_only=True)
class NumericQuestion(QuestionBase):
    """A number with a unit, accepted within an absolute and/or relative tolerance.

    An answer ``x`` is accepted when ``|x - answer| <= max(abs_tol, rel_tol * |answer|)``
    (the edge itself counts as inside).

    Attributes:
        answer: The expected value.
        unit: The unit the learner answers in (``USD per day``).
        abs_tol: Absolute tolerance, in ``unit``.
        rel_tol: Relative tolerance (0.01 = 1 %).
        misconceptions: Likely wrong values, each matched with the same tolerance.
    """

    answer: float
    unit: str
    abs_tol: float = 0.0
    rel_tol: float = 0.0
    misconceptions: tuple[NumericMisconception, ...] = ()

    @property
    def type(self) -> str:
        return "numeric"

    @property
    def tolerance(self) -> float:
        """The accepted distance from the expected value."""
        return max(self.abs_tol, self.rel_tol * abs(self.answer))


@dataclass(frozen=True)
class AcceptedApproach:
    """An approach that earns credit for a scenario, how much, and why.

    Attributes:
        approach: Approach id (``fine_tuning``).
        credit: 1.0 for the best answer; less for a defensible but weaker one.
        why: Shown when the learner picks it.
        criteria: Criterion ids that decide for this approach; empty means the
            scenario's own ``criteria``.
    """

    approach: str
    credit: float
    why: str
    criteria: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ScenarioQuestion(QuestionBase):
    """A described use case: pick an approach and the criteria that decide it.

    Attributes:
        traits: The use case's traits, named as in ``course_lib.framework.TRAITS``,
            so ``recommend(**traits)`` can be walked through in the feedback.
        accepted: Approaches that earn credit (at least one with credit 1.0).
        criteria: Criterion ids that decide the full-credit answer.
        related_criteria: Criterion ids that are relevant but not deciding; naming
            them costs nothing.
        rejected: Feedback for approaches that earn nothing, keyed by approach id
            (names the misconception).
        model_answer: A short model justification.
        key_note: Why this item's key deliberately differs from ``recommend(**traits)``;
            empty when the key is the framework's own answer (a test checks it is).
    """

    traits: Mapping[str, Any] = field(default_factory=dict, hash=False)
    accepted: tuple[AcceptedApproach, ...]
    criteria: tuple[str, ...]
    related_criteria: tuple[str, ...] = ()
    rejected: Mapping[str, str] = field(default_factory=dict, hash=False)
    model_answer: str = ""
    key_note: str = ""

    @property
    def type(self) -> str:
        return "scenario"

    @property
    def best(self) -> AcceptedApproach:
        """The accepted approach with the highest credit."""
        return max(self.accepted, key=lambda a: a.credit)

    def accepted_for(self, approach: str) -> AcceptedApproach | None:
        """The accepted entry for this approach id, or None."""
        for a in self.accepted:
            if a.approach == approach:
                return a
        return None

    def deciding_criteria(self, approach: str | None = None) -> tuple[str, ...]:
        """Criteria that decide for ``approach`` (the best one when not accepted or None)."""
        entry = self.accepted_for(approach) if approach else None
        if entry is None:
            entry = self.best
        return entry.criteria or self.criteria


Question = Union[ChoiceQuestion, NumericQuestion, ScenarioQuestion]


@dataclass(frozen=True)
class ScenarioAnswer:
    """A learner's (or student's) answer to a scenario.

    Attributes:
        approach: Approach id; common spellings (``fine-tune``, ``RAG``) are normalised.
        criteria: Criterion ids the learner says decide it.
        justification: Optional free text; shown back, never scored automatically.
    """

    approach: str
    criteria: tuple[str, ...] = ()
    justification: str = ""

    @classmethod
    def from_value(cls, value: Any) -> "ScenarioAnswer":
        """Build an answer from a ScenarioAnswer, a mapping or a bare approach string.

        Args:
            value: ``ScenarioAnswer``, ``{"approach": ..., "criteria": [...],
                "justification": ...}`` or ``"fine_tuning"``.

        Returns:
            The answer; criteria given as one string are split on commas.

        Raises:
            TypeError: When the value has none of these shapes.
        """
        if isinstance(value, ScenarioAnswer):
            return value
        if isinstance(value, str):
            return cls(approach=value)
        if isinstance(value, Mapping):
            unknown = set(value) - {"approach", "criteria", "justification"}
            if unknown:
                raise TypeError(
                    f"scenario answer has unknown key(s) {sorted(unknown)}; "
                    "use 'approach', 'criteria' and 'justification'"
                )
            criteria = value.get("criteria") or ()
            if isinstance(criteria, str):
                criteria = [c for c in criteria.split(",")]
            return cls(
                approach=str(value.get("approach") or ""),
                criteria=tuple(str(c).strip() for c in criteria if str(c).strip()),
                justification=str(value.get("justification") or ""),
            )
        raise TypeError(
            "a scenario answer must be a ScenarioAnswer, a dict with 'approach', 'criteria' "
            f"and 'justification', or an approach id string; got {type(value).__name__}"
        )


def question_from_dict(entry: Mapping[str, Any]) -> Question:
    """Build a question from one bank entry (already schema-validated).

    Args:
        entry: One item of a bank file, as loaded from YAML or JSON.

    Returns:
        The matching question dataclass.

    Raises:
        ValueError: When the entry's ``type`` is not a known question type.
    """
    common = dict(
        id=entry["id"],
        prompt=entry["prompt"],
        objective=entry["objective"],
        difficulty=entry["difficulty"],
        explanation=entry["explanation"],
        hint=entry["hint"],
        notebooks=tuple(entry.get("notebooks", ())),
        source=entry.get("source", ""),
        concepts=tuple(entry.get("concepts", ())),
        title=entry.get("title", ""),
    )
    kind = entry.get("type")
    if kind in ("single", "multiple"):
        options = tuple(
            Choice(id=o["id"], text=o["text"], correct=bool(o.get("correct", False)), feedback=o["feedback"])
            for o in entry["options"]
        )
        return ChoiceQuestion(options=options, multiple=kind == "multiple", **common)
    if kind == "numeric":
        return NumericQuestion(
            answer=float(entry["answer"]),
            unit=entry["unit"],
            abs_tol=float(entry.get("abs_tol", 0.0)),
            rel_tol=float(entry.get("rel_tol", 0.0)),
            misconceptions=tuple(
                NumericMisconception(float(m["value"]), m["feedback"]) for m in entry.get("misconceptions", ())
            ),
            **common,
        )
    if kind == "scenario":
        return ScenarioQuestion(
            traits=dict(entry.get("traits", {})),
            accepted=tuple(
                AcceptedApproach(
                    approach=a["approach"],
                    credit=float(a["credit"]),
                    why=a["why"],
                    criteria=tuple(a.get("criteria", ())),
                )
                for a in entry["accepted"]
            ),
            criteria=tuple(entry["criteria"]),
            related_criteria=tuple(entry.get("related_criteria", ())),
            rejected=dict(entry.get("rejected", {})),
            model_answer=entry.get("model_answer", ""),
            key_note=entry.get("key_note", ""),
            **common,
        )
    raise ValueError(f"question {entry.get('id')!r}: unknown type {kind!r}; use one of {QUESTION_TYPES}")


def objectives_to_revisit(scores: Iterable[tuple[str, float]], below: float = REVISIT_BELOW) -> list[tuple[str, float]]:
    """Objectives whose mean score is under ``below``, weakest first.

    Args:
        scores: ``(objective, score)`` pairs, one per answered question.
        below: The threshold mean score.

    Returns:
        ``(objective, mean score)`` pairs to revisit, lowest mean first.

    >>> objectives_to_revisit([("LO1", 1.0), ("LO3", 0.0), ("LO3", 1.0), ("LO5", 0.2)])
    [('LO5', 0.2), ('LO3', 0.5)]
    """
    totals: dict[str, list[float]] = {}
    for objective, score in scores:
        totals.setdefault(objective, []).append(float(score))
    means = [(o, sum(v) / len(v)) for o, v in totals.items()]
    return sorted([(o, m) for o, m in means if m < below], key=lambda pair: (pair[1], pair[0]))
