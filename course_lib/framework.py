"""The decision framework: prompting, RAG, fine-tuning or a hybrid, with its reasons.

Both source texts are encoded here: the chapter's decision tree and its lists of
when fine-tuning helps and when it does not, and the article's "consider" and
"don't" conditions. The criteria themselves are data (``data/framework.yaml``);
this module walks a use case's traits through the tree and records every step.

Introduced in ``notebooks/01_decision_framework.ipynb``.

>>> rec = recommend(knowledge_changes_often=True, needs_new_knowledge=True)
>>> rec.approach
'rag'
>>> rec.criteria
('new_knowledge', 'changing_knowledge')
>>> recommend(prompting_tried=True, prompting_meets_target=True, daily_requests=5_000_000).approach
'fine_tuning'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

# Where the sources disagree on data size, the course follows the chapter (and the
# vendors, see FACTS.md): below 50 examples fine-tuning rarely helps; 50-99 is
# enough to try; 100-500+ is the target. The article's "fewer than 500 risks
# overfitting" is taught as a caution, not used as the threshold.
MIN_EXAMPLES = 50
TARGET_EXAMPLES = 100
ARTICLE_OVERFIT_WARNING = 500
# "Thousands of queries per day" (article) / "millions of calls" (chapter).
HIGH_VOLUME_PER_DAY = 10_000
# "Sub-second for user-facing applications" (article).
LOW_LATENCY_MS = 1_000

APPROACH_IDS = ("prompting", "rag", "fine_tuning", "hybrid")
DIRECTIONS = ("for", "against", "caveat", "hybrid")
SOURCES = {
    "chapter": 'Course chapter "9.1 When to Fine-Tune vs Prompt"',
    "article": 'Article "When Fine-Tuning Beats Prompting (And When It Doesn\'t)", 20 Nov 2024',
}


@dataclass(frozen=True)
class Criterion:
    """One reason for or against fine-tuning, as named by a source."""

    id: str
    direction: str
    sources: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Approach:
    """One of the four ways to adapt an LLM to a task."""

    id: str
    name: str
    best_for: str
    cost: str
    time_to_deploy: str


@dataclass(frozen=True)
class Framework:
    """The approaches and criteria of both sources."""

    approaches: dict[str, Approach]
    criteria: dict[str, Criterion]


class FrameworkDataError(ValueError):
    """The framework data file is malformed."""


@cache
def load_framework() -> Framework:
    """Load and check ``data/framework.yaml``.

    Returns:
        The approaches and criteria, keyed by id.

    Raises:
        FrameworkDataError: naming the entry and what is wrong with it.
    """
    from importlib import resources  # here: importing the module stays cheap

    from course_lib.files import read_yaml

    path = resources.files("course_lib") / "data" / "framework.yaml"
    raw = read_yaml(path.read_text(encoding="utf-8"))
    approaches = {a["id"]: Approach(**a) for a in raw["approaches"]}
    if tuple(approaches) != APPROACH_IDS:
        raise FrameworkDataError(f"{path}: approaches must be {APPROACH_IDS}, found {tuple(approaches)}")
    criteria: dict[str, Criterion] = {}
    for entry in raw["criteria"]:
        where = f"{path}: criterion {entry.get('id', '?')!r}"
        if entry.get("id") in criteria:
            raise FrameworkDataError(f"{where}: duplicate id")
        if entry.get("direction") not in DIRECTIONS:
            raise FrameworkDataError(f"{where}: direction must be one of {DIRECTIONS}")
        unknown = set(entry.get("sources", ())) - set(SOURCES)
        if unknown or not entry.get("sources"):
            raise FrameworkDataError(f"{where}: sources must be a non-empty list from {sorted(SOURCES)}")
        if not entry.get("explanation"):
            raise FrameworkDataError(f"{where}: needs a one-line explanation")
        criteria[entry["id"]] = Criterion(
            id=entry["id"], direction=entry["direction"],
            sources=tuple(entry["sources"]), explanation=entry["explanation"].strip(),
        )
    return Framework(approaches=approaches, criteria=criteria)


# --------------------------------------------------------------------------- traits


@dataclass(frozen=True)
class Trait:
    """One fact about a use case that the framework asks about."""

    name: str
    type: type
    default: Any
    help: str
    optional: bool = False  # None allowed, meaning "unknown"
    positive: bool = False  # 0 is not a meaningful value (a 0 ms latency budget cannot be met)

    def allowed(self) -> str:
        """The allowed values, in words, for error messages."""
        kinds = {bool: "True or False", int: "a whole number >= 0", float: "a number >= 0"}
        text = kinds[self.type].replace(">= 0", "> 0") if self.positive else kinds[self.type]
        return f"{text}, or None if unknown" if self.optional else text

    def validate(self, value: Any) -> Any:
        """Return ``value`` if it suits this trait; raise a message naming the trait if not."""
        if value is None and self.optional:
            return None
        ok_types = (int, float) if self.type is float else (self.type,)
        if isinstance(value, bool) and self.type is not bool or not isinstance(value, ok_types):
            raise TypeError(
                f"Trait {self.name!r} must be {self.allowed()}, not {value!r} ({type(value).__name__})."
            )
        if self.type is not bool and (value < 0 or self.positive and value == 0):
            raise ValueError(f"Trait {self.name!r} must be {self.allowed()}; got {value!r}.")
        return value


_TRAIT_LIST = [
    Trait("prompting_tried", bool, False, "Has a serious prompting baseline (instructions, few-shot examples, RAG) been built and measured?"),
    Trait("prompting_meets_target", bool, False, "Did that prompting baseline meet the quality target on held-out data?"),
    Trait("one_off", bool, False, "Is this a one-off or rare task, rather than a repeated production workload?"),
    Trait("fixed_output_format", bool, False, "Must every output follow one structure (JSON schema, fixed label set)?"),
    Trait("style_or_persona", bool, False, "Must every answer carry a particular style, tone or persona?"),
    Trait("domain_language", bool, False, "Does the domain use terminology or conventions the base model handles poorly?"),
    Trait("needs_new_knowledge", bool, False, "Does the model need facts it does not know (private, specialised or recent)?"),
    Trait("knowledge_changes_often", bool, False, "Do those facts change often (daily or weekly)?"),
    Trait("reasoning_over_new_info", bool, False, "Must the model reason over unfamiliar content it sees for the first time?"),
    Trait("stable_task", bool, False, "Does the task have a clear correct answer that does not shift over time?"),
    Trait("must_be_portable", bool, False, "Must you be able to switch model or vendor without retraining?"),
    Trait("labelled_examples", int, None, f"How many high-quality labelled examples exist? (under {MIN_EXAMPLES} is too few)", optional=True),
    Trait("daily_requests", int, None, f"Requests per day in production (from {HIGH_VOLUME_PER_DAY:,} counts as high volume)", optional=True),
    Trait("latency_budget_ms", float, None, f"Latency budget per response in ms (under {LOW_LATENCY_MS:,} counts as latency-sensitive)", optional=True, positive=True),
]
TRAITS: dict[str, Trait] = {t.name: t for t in _TRAIT_LIST}
"""Every trait :func:`recommend` accepts, with its type, default and meaning."""


def validate_traits(traits: dict[str, Any]) -> dict[str, Any]:
    """Fill in defaults and check every trait; unknown names raise ``ValueError``."""
    unknown = sorted(set(traits) - set(TRAITS))
    if unknown:
        raise ValueError(
            f"Unknown trait(s) {', '.join(map(repr, unknown))}. Allowed traits: {', '.join(TRAITS)}."
        )
    return {name: trait.validate(traits.get(name, trait.default)) for name, trait in TRAITS.items()}


# ---------------------------------------------------------------------- recommend


@dataclass(frozen=True)
class TraceStep:
    """One question of the decision tree, the answer for this use case, and the criterion it invokes."""

    question: str
    answer: str
    criterion: str | None = None


@dataclass(frozen=True)
class Recommendation:
    """What to do, why (criteria ids), what to watch (caveats), and how we got there."""

    approach: str
    criteria: tuple[str, ...]
    caveats: tuple[str, ...] = ()
    start_with: str | None = None
    trace: tuple[TraceStep, ...] = ()

    def explain(self) -> str:
        """The recommendation in plain words, with its trace."""
        framework = load_framework()
        lines = [f"Recommendation: {framework.approaches[self.approach].name}"]
        if self.start_with:
            lines.append(f"Start with: {framework.approaches[self.start_with].name} (measure it first)")
        lines.append("Deciding criteria:")
        lines += [f"  - {c}: {framework.criteria[c].explanation}" for c in self.criteria]
        if self.caveats:
            lines.append("Caveats:")
            lines += [f"  - {c}: {framework.criteria[c].explanation}" for c in self.caveats]
        lines.append("Trace:")
        for i, step in enumerate(self.trace, 1):
            tag = f"  [{step.criterion}]" if step.criterion else ""
            lines.append(f"  {i}. {step.question} -> {step.answer}{tag}")
        return "\n".join(lines)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def recommend(**traits: Any) -> Recommendation:
    """Walk a use case through the decision tree.

    The order follows both sources: rule out the cases where fine-tuning cannot
    pay (one-off task; prompting already works, unless the volume is high enough
    for the article's cost-at-scale condition), separate knowledge problems
    (retrieval) from behaviour problems (fine-tuning), check what blocks
    fine-tuning (portability, reasoning, data), and combine retrieval with a
    fine-tune (hybrid) only at high volume, where the article says it pays.

    Args:
        **traits: any of :data:`TRAITS`; missing ones take their defaults.

    Returns:
        The recommendation, its deciding criteria, caveats and trace.

    Raises:
        ValueError: for an unknown trait or a negative number, naming it.
        TypeError: for a value of the wrong type, naming the trait.
    """
    t = validate_traits(traits)
    trace: list[TraceStep] = []

    def step(question: str, answer: str, criterion: str | None = None) -> None:
        trace.append(TraceStep(question, answer, criterion))

    step("Is this a one-off task?", _yes(t["one_off"]), "one_off_task" if t["one_off"] else None)
    if t["one_off"]:
        return Recommendation("prompting", ("one_off_task",), trace=tuple(trace))

    high_volume = t["daily_requests"] is not None and t["daily_requests"] >= HIGH_VOLUME_PER_DAY
    low_latency = t["latency_budget_ms"] is not None and t["latency_budget_ms"] < LOW_LATENCY_MS
    solved = t["prompting_tried"] and t["prompting_meets_target"]
    step("Can prompting solve it (tried and meets the target)?",
         "yes" if solved else ("tried, falls short" if t["prompting_tried"] else "not tried yet"),
         "prompting_works" if solved else None)
    if solved and not high_volume:
        return Recommendation("prompting", ("prompting_works",), trace=tuple(trace))
    if solved:
        # The article's "cost at scale" condition: a prompt that works can still be
        # too expensive at high volume. Quality is settled, so only cost is left to test.
        step("It works, but at high volume: could a fine-tuned smaller model match it for less?",
             f"{t['daily_requests']:,} requests a day", "high_volume_cost")

    # Knowledge problems: the model lacks facts, or they move.
    knowledge = [c for c, flag in (("new_knowledge", t["needs_new_knowledge"]),
                                   ("changing_knowledge", t["knowledge_changes_often"])) if flag]
    step("Does it need knowledge the model lacks, or that changes often?",
         _yes(bool(knowledge)), knowledge[0] if knowledge else None)

    # Behaviour problems: what fine-tuning can learn. When prompting already meets the
    # target, format, style and language are solved; only speed and cost remain.
    behaviour = [c for c, flag in (
        ("fixed_output_format", t["fixed_output_format"] and not solved),
        ("style_or_persona", t["style_or_persona"] and not solved),
        ("domain_language", t["domain_language"] and not solved),
        ("low_latency", low_latency),
        ("high_volume_cost", high_volume),
    ) if flag]
    step("Is it a format, style, persona, domain-language, latency or volume problem?",
         ", ".join(behaviour) if behaviour else "no", behaviour[0] if behaviour else None)
    if behaviour and (high_volume or low_latency):
        behaviour.append("shorter_prompts")  # how fine-tuning delivers speed and cost
    if behaviour and t["stable_task"]:
        behaviour.append("stable_task")

    if not behaviour:
        if knowledge:
            return Recommendation("rag", tuple(knowledge), trace=tuple(trace))
        reasons = ("reasoning_over_new_info",) if t["reasoning_over_new_info"] else ()
        step("Nothing fine-tuning fixes: engineer the prompt harder (better instructions, few-shot examples).", "prompting",
             reasons[0] if reasons else None)
        return Recommendation("prompting", reasons, caveats=("empirical_test",), trace=tuple(trace))

    # Behaviour problem: check what blocks fine-tuning.
    blockers: list[str] = []
    step("Must the solution stay portable across models or vendors?", _yes(t["must_be_portable"]),
         "needs_portability" if t["must_be_portable"] else None)
    if t["must_be_portable"]:
        blockers.append("needs_portability")
    step("Does the task hinge on reasoning over new information?", _yes(t["reasoning_over_new_info"]),
         "reasoning_over_new_info" if t["reasoning_over_new_info"] else None)
    if t["reasoning_over_new_info"]:
        blockers.append("reasoning_over_new_info")
    n = t["labelled_examples"]
    if n is None:
        step(f"Are there at least {MIN_EXAMPLES} labelled examples?", "unknown: count them before training")
    else:
        step(f"Are there at least {MIN_EXAMPLES} labelled examples?", f"{n:,}",
             "too_little_data" if n < MIN_EXAMPLES else None)
        if n < MIN_EXAMPLES:
            blockers.append("too_little_data")

    if blockers:
        fallback = "rag" if knowledge else "prompting"
        step("Fine-tuning is blocked; fall back to", fallback)
        settled = ("prompting_works",) if solved else ()
        return Recommendation(fallback, tuple(knowledge) + settled + tuple(blockers), caveats=("empirical_test",),
                              trace=tuple(trace))

    caveats = ["empirical_test", "catastrophic_forgetting"]
    if solved:
        caveats.insert(0, "cost_case_only")
    if n is None or n < TARGET_EXAMPLES:
        caveats.append("too_little_data")  # aim for 100-500+
    start_with = None
    if not t["prompting_tried"]:
        caveats.insert(0, "prompting_not_tried")
        start_with = "prompting"
    if knowledge and not high_volume:
        # The article: a hybrid's extra complexity pays for high-volume, critical systems.
        step("Both knowledge and behaviour, but not at high volume: does a second pipeline pay?",
             "no: retrieve, and prompt for the behaviour", "hybrid_below_scale")
        return Recommendation("rag", tuple(knowledge) + ("hybrid_below_scale",), ("empirical_test",),
                              start_with, tuple(trace))
    if knowledge:
        step("Both knowledge and behaviour: combine retrieval with a fine-tuned model", "hybrid", "knowledge_and_behaviour")
        return Recommendation("hybrid", tuple(knowledge) + tuple(behaviour) + ("knowledge_and_behaviour",),
                              tuple(caveats), start_with, tuple(trace))
    step("Fine-tune, and keep it only if it beats the best prompt by at least 5 %", "fine_tuning")
    return Recommendation("fine_tuning", tuple(behaviour), tuple(caveats), start_with, tuple(trace))


# The sources' own cases, as traits. Lessons, tests and the question bank use them.
SOURCE_CASES: dict[str, dict[str, Any]] = {
    "json_chatbot": {"fixed_output_format": True},
    "drug_interactions": {"needs_new_knowledge": True, "knowledge_changes_often": True},
    "legal_english": {"style_or_persona": True, "domain_language": True},
    "news_today": {"needs_new_knowledge": True, "knowledge_changes_often": True, "reasoning_over_new_info": True},
    "support_categories": {"fixed_output_format": True, "stable_task": True},
}

# Graded assignment 01's use cases, as traits (solutions/01_justify_the_approach.ipynb). None of
# them is a source case or a bank scenario: no lesson answers a graded case (tests/test_answer_keys.py).
# Each case's answer key is recommend(**traits); tests/test_answer_keys.py checks the
# notebook's keys against it.
ASSIGNMENT_01_CASES: dict[str, dict[str, Any]] = {
    "mascot_voice": {"style_or_persona": True, "daily_requests": 30_000, "labelled_examples": 1_200,
                     "latency_budget_ms": 800},
    "handbook_questions": {"needs_new_knowledge": True, "daily_requests": 200},
    "invoice_fields": {"fixed_output_format": True, "labelled_examples": 25, "daily_requests": 500},
    "one_off_migration": {"one_off": True, "fixed_output_format": True, "labelled_examples": 0},
    "clinic_hybrid": {"fixed_output_format": True, "needs_new_knowledge": True, "knowledge_changes_often": True,
                      "daily_requests": 2_000_000, "latency_budget_ms": 300},
    "contract_review_portable": {"domain_language": True, "reasoning_over_new_info": True, "must_be_portable": True,
                                 "labelled_examples": 40},
}
