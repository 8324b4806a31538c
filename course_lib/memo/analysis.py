"""The pure calculations behind a decision memo: costs of each option, what flips the decision, the test plan.

Nothing here draws or prints: every function takes a :class:`~course_lib.memo.usecase.UseCase`
(or its parts) and returns plain data that :mod:`course_lib.memo.document` lays out.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from course_lib.costs import Option, Training, Workload, break_even_volume, cost_per_request, monthly_cost_grid, \
    monthly_total, one_off_cost, open_weight_lora, payback_months
from course_lib.experiment.power import SampleSizePlan, paired_sample_size
from course_lib.framework import HIGH_VOLUME_PER_DAY, LOW_LATENCY_MS, MIN_EXAMPLES, TARGET_EXAMPLES, TRAITS, \
    recommend
from course_lib.memo.usecase import BOOLEAN_TRAITS, CandidateSpec, UseCase
from course_lib.prices import FINE_TUNING_STATUS, Price, price_of

#: A fine-tune cannot be started on models with these statuses.
NO_NEW_FINE_TUNES = ("not_offered", "retired")


# --------------------------------------------------------------------- options


@dataclass(frozen=True)
class PricedModel:
    """A candidate's base and fine-tuned prices, and whether a fine-tune can be started on it."""

    name: str
    base: Price
    fine_tuned: Price | None

    @property
    def status(self) -> str:
        return self.base.fine_tuning

    @property
    def status_text(self) -> str:
        return FINE_TUNING_STATUS.get(self.status, self.status)


def price_candidate(candidate: CandidateSpec) -> PricedModel:
    """Prices of one candidate, from the course's table or the learner's own figures."""
    if candidate.own_prices is None:
        base = price_of(candidate.model)
        try:
            tuned: Price | None = price_of(candidate.model, fine_tuned=True)
        except KeyError:
            tuned = None
        if base.fine_tuning in NO_NEW_FINE_TUNES:
            tuned = None
        return PricedModel(candidate.model, base, tuned)
    own = candidate.own_prices
    as_of, source = str(own["as_of"]), str(own.get("source") or "your own prices")
    training = own.get("training")
    base = Price(model=candidate.model, variant="base", input=float(own["input"]),
                 cached_input=float(own["cached_input"]) if own.get("cached_input") is not None else math.nan,
                 output=float(own["output"]), training=float(training) if training is not None else math.nan,
                 as_of=as_of, source=source, fine_tuning="open" if training is not None else "not_offered",
                 fine_tuning_as_of=as_of)
    tuned = None
    if training is not None:
        tuned = Price(model=candidate.model, variant="fine_tuned",
                      input=float(own.get("fine_tuned_input", own["input"])), cached_input=math.nan,
                      output=float(own.get("fine_tuned_output", own["output"])), training=float(training),
                      as_of=as_of, source=source, fine_tuning="open", fine_tuning_as_of=as_of)
    return PricedModel(candidate.model, base, tuned)


@dataclass(frozen=True)
class CostedOption:
    """One way to serve the use case, with the approach it stands for and the model it runs on."""

    approach: str
    model: PricedModel
    option: Option


def workload_of(use_case: UseCase, daily_requests: float | None = None) -> Workload:
    """The cost model's workload: the user's input tokens and the answer (prompts belong to each option)."""
    w = use_case.workload
    return Workload(w.daily_requests if daily_requests is None else daily_requests, w.input_tokens, w.answer_tokens)


def build_options(use_case: UseCase) -> list[CostedOption]:
    """Every option to price: each candidate prompted and with retrieval; fine-tuned (and hybrid) where offered.

    The fine-tune trains on the labelled examples the learner has (at least the
    framework's target of 100 when the count is unknown or smaller), drops the long
    prompt to ``fine_tuning.prompt_tokens`` and keeps retrieval's context only in
    the hybrid. Hybrid options are priced when the use case needs knowledge; an
    ``open_weight`` quote adds a LoRA fine-tune on a dedicated endpoint
    (:func:`course_lib.costs.open_weight_lora`), the path that stays open when a
    vendor stops fine-tuning.
    """
    w, ft, rag = use_case.workload, use_case.fine_tuning, use_case.retrieval
    needs_knowledge = use_case.traits.get("needs_new_knowledge", False) or use_case.traits.get(
        "knowledge_changes_often", False)
    examples = max(w.labelled_examples or 0, TARGET_EXAMPLES)
    per_example = ft.tokens_per_example or (ft.prompt_tokens + w.input_tokens + w.answer_tokens)
    training = Training(examples, per_example, ft.epochs, ft.retrain_every_days)
    options: list[CostedOption] = []
    for spec in use_case.candidates:
        model = price_candidate(spec)
        options.append(CostedOption("prompting", model, Option(
            f"{model.name}, prompted", model.name, system_prompt_tokens=w.prompt_tokens, price=model.base)))
        options.append(CostedOption("rag", model, Option(
            f"{model.name} + retrieval (k={rag.passages})", model.name,
            system_prompt_tokens=w.prompt_tokens + rag.context_tokens, price=model.base)))
        if model.fine_tuned is None:
            continue
        options.append(CostedOption("fine_tuning", model, Option(
            f"{model.name}, fine-tuned", model.name, fine_tuned=True, system_prompt_tokens=ft.prompt_tokens,
            training=training, price=model.fine_tuned)))
        if needs_knowledge:
            options.append(CostedOption("hybrid", model, Option(
                f"{model.name}, fine-tuned + retrieval", model.name, fine_tuned=True,
                system_prompt_tokens=ft.prompt_tokens + rag.context_tokens, training=training,
                price=model.fine_tuned)))
    if use_case.open_weight is not None:
        ow = use_case.open_weight
        lora = open_weight_lora(ow.name, training=training, training_price_per_1m=ow.training_price_per_1m,
                                endpoint_per_hour=ow.endpoint_per_hour, endpoint_hours_per_day=ow.endpoint_hours_per_day,
                                system_prompt_tokens=ft.prompt_tokens)
        quote = replace(lora.price, as_of="your quote", fine_tuning="open", fine_tuning_as_of="your quote")
        options.append(CostedOption("fine_tuning", PricedModel(ow.name, quote, quote), replace(lora, price=quote)))
    return options


@dataclass(frozen=True)
class CostProjection:
    """Monthly cost of each option at the use case's volume, across volumes, and where fine-tunes pay off."""

    table: pd.DataFrame  # option, approach, model, per_request, per_month, one_off
    grid: pd.DataFrame  # daily_requests, option, total (USD per month)
    baseline: str
    break_even: pd.DataFrame  # option, cheaper_from_daily_requests, payback_months
    context_tokens: int
    vendor_status: pd.DataFrame  # model, price_as_of, fine_tuning, status, status_as_of


def cheaper_from(option: Option, baseline: Option, workload: Workload) -> float | None:
    """The daily volume from which ``option`` costs less per month than ``baseline`` (its break-even volume).

    Returns:
        0 when it is cheaper at every volume, ``None`` when it never becomes
        cheaper as volume grows (its per-request cost is not lower).
    """
    if cost_per_request(option, workload) >= cost_per_request(baseline, workload):
        return None
    volume = break_even_volume(option, baseline, workload)
    return 0.0 if volume is None or volume <= 0 else volume


def volume_grid(daily_requests: int, points: int = 41) -> np.ndarray:
    """Daily volumes from a hundredth to a hundred times the use case's, evenly spaced on a log scale."""
    return np.unique(np.round(np.geomspace(max(daily_requests / 100, 1), daily_requests * 100, points)))


def project_costs(use_case: UseCase, options: list[CostedOption] | None = None) -> CostProjection:
    """Price every option; the baseline for break-even and payback is the first candidate, prompted.

    Returns:
        A :class:`CostProjection`.
    """
    options = build_options(use_case) if options is None else options
    workload = workload_of(use_case)
    rows = [{"option": o.option.name, "approach": o.approach, "model": o.model.name,
             "per_request": cost_per_request(o.option, workload),
             "per_month": monthly_total(o.option, workload), "one_off": one_off_cost(o.option)} for o in options]
    baseline = options[0].option
    tuned = [o.option for o in options if o.approach in ("fine_tuning", "hybrid")]
    break_even = pd.DataFrame(
        [{"option": t.name, "cheaper_from_daily_requests": cheaper_from(t, baseline, workload),
          "payback_months": payback_months(t, baseline, workload)} for t in tuned],
        columns=["option", "cheaper_from_daily_requests", "payback_months"], dtype=object)
    grid = monthly_cost_grid([o.option for o in options], workload, volume_grid(use_case.workload.daily_requests))
    models = {o.model.name: o.model for o in options}
    status = pd.DataFrame([{"model": m.name, "price_as_of": m.base.as_of, "price_source": m.base.source,
                            "fine_tuning": m.status, "status": m.status_text, "status_as_of": m.base.fine_tuning_as_of}
                           for m in models.values()])
    return CostProjection(pd.DataFrame(rows), grid[["daily_requests", "option", "total"]], baseline.name, break_even,
                          use_case.retrieval.context_tokens, status)


# ----------------------------------------------------------- what would flip it


@dataclass(frozen=True)
class Segment:
    """A range of one numeric trait over which the recommendation stays the same."""

    low: float
    high: float | None  # None: no upper end
    approach: str


@dataclass(frozen=True)
class Sensitivity:
    """How the recommendation depends on one trait, all else held as described."""

    trait: str
    current: Any
    segments: tuple[Segment, ...] = ()  # numeric traits
    flipped_to: str | None = None  # yes/no traits: the approach if this answer were the other way

    def nearest_flip(self) -> Segment | None:
        """The closest range of a numeric trait with a different recommendation than now."""
        now = self._approach_now()
        others = [s for s in self.segments if s.approach != now]
        if not others or self.current is None:
            return others[0] if others else None
        return min(others, key=lambda s: abs(math.log((max(s.low, 1)) / max(self.current, 1))))

    def _approach_now(self) -> str | None:
        if self.current is None:
            return None
        for s in self.segments:
            if s.low <= self.current and (s.high is None or self.current <= s.high):
                return s.approach
        return None


#: The numeric traits searched, with the values tried (the bisection then finds the exact boundary).
NUMERIC_SEARCH: dict[str, tuple[float, ...]] = {
    "daily_requests": tuple(sorted({0, HIGH_VOLUME_PER_DAY, *(m * 10**e for e in range(0, 9) for m in (1, 2, 5))})),
    "latency_budget_ms": tuple(sorted({LOW_LATENCY_MS, *(m * 10**e for e in range(1, 5) for m in (1, 2, 5))})),
    "labelled_examples": tuple(sorted({0, MIN_EXAMPLES, TARGET_EXAMPLES, *(m * 10**e for e in range(0, 6)
                                                                          for m in (1, 2, 5))})),
}


def _segments(approach_at: Callable[[float], str], values: tuple[float, ...]) -> tuple[Segment, ...]:
    """Runs of equal recommendations over ``values``, each boundary found exactly by bisection on whole numbers."""
    segments: list[Segment] = []
    low, current = values[0], approach_at(values[0])
    for previous, value in zip(values, values[1:]):
        approach = approach_at(value)
        if approach == current:
            continue
        a, b = int(previous), int(value)  # approach_at(a) == current, approach_at(b) != current
        while b - a > 1:
            middle = (a + b) // 2
            a, b = (middle, b) if approach_at(middle) == current else (a, middle)
        segments.append(Segment(low, b - 1, current))
        low, current = b, approach
    segments.append(Segment(low, None, current))
    return tuple(segments)


def sensitivities(traits: dict[str, Any]) -> tuple[Sensitivity, ...]:
    """Vary one trait at a time and record where the recommendation changes.

    Args:
        traits: the framework traits of the use case (as :func:`course_lib.framework.recommend` takes them).

    Returns:
        One :class:`Sensitivity` per numeric trait (its ranges), then one per yes/no
        trait whose other answer changes the recommendation.

    >>> s = sensitivities({"prompting_tried": True, "prompting_meets_target": True, "daily_requests": 500})
    >>> [(seg.low, seg.high, seg.approach) for seg in s[0].segments]
    [(0, 9999, 'prompting'), (10000, None, 'fine_tuning')]
    """
    out: list[Sensitivity] = []
    for name, values in NUMERIC_SEARCH.items():
        def approach_at(value: float, name: str = name) -> str:
            return recommend(**{**traits, name: TRAITS[name].type(value)}).approach
        out.append(Sensitivity(name, traits.get(name), segments=_segments(approach_at, values)))
    now = recommend(**traits).approach
    for name in BOOLEAN_TRAITS:
        other = recommend(**{**traits, name: not traits.get(name, False)}).approach
        if other != now:
            out.append(Sensitivity(name, bool(traits.get(name, False)), flipped_to=other))
    return tuple(out)


# ------------------------------------------------------------ the experiment plan


@dataclass(frozen=True)
class ExperimentPlan:
    """The head-to-head test that settles the decision, as a checklist."""

    sample_size: SampleSizePlan
    relative_gain: float
    training_examples_to_try: int
    training_examples_target: int
    labelled_examples: int | None
    checklist: tuple[str, ...]

    @property
    def labelled_needed(self) -> int:
        """Held-out items plus the target training set: labelled examples to collect before the test."""
        return self.sample_size.items + self.training_examples_target

    @property
    def labelled_missing(self) -> int | None:
        """How many more labelled examples are needed (0 when there are enough; None when the count is unknown)."""
        if self.labelled_examples is None:
            return None
        return max(0, self.labelled_needed - self.labelled_examples)


def plan_experiment(use_case: UseCase) -> ExperimentPlan:
    """The held-out size, the training data and the decision rule for the use case's head-to-head test."""
    e = use_case.experiment
    size = paired_sample_size(e.baseline_accuracy, e.relative_gain, power=e.power, significance=e.significance,
                              discordant_fraction=e.discordant_fraction)
    gain = f"{e.relative_gain:.0%}"
    assumption = ("the two models' errors are assumed independent"
                  if size.discordance_assumed_independent else "as you stated")
    checklist = (
        f"Label a held-out test set of {size.items:,} items that no candidate (and no prompt's few-shot examples) "
        f"has seen; freeze it before the first run.",
        f"Label {MIN_EXAMPLES}-{TARGET_EXAMPLES} further examples to try fine-tuning, and aim for "
        f"{TARGET_EXAMPLES}-500 or more if the first run looks promising; keep them apart from the test set.",
        "Build the strongest prompting baseline first (instructions, few-shot examples, retrieval if facts are "
        "missing) and score it.",
        "Score every candidate on the same items with the same metric: accuracy as the primary metric, plus "
        "latency (median and 95th percentile) and cost per 1,000 requests at current prices.",
        f"Compare paired: count the items only the baseline gets right and those only the candidate gets right, "
        f"and test the difference with McNemar's test at a {size.significance:.0%} significance level.",
        f"Decision rule: adopt the candidate only if its accuracy is at least {gain} higher than the baseline's "
        f"(relative: {size.baseline_accuracy:.1%} -> {size.candidate_accuracy:.1%} or better) and the paired "
        f"test says the gain is not noise; otherwise keep the baseline.",
        f"Record the assumption behind the size: {size.discordant_fraction:.1%} of the items discordant "
        f"({assumption}); if the pilot shows fewer disagreements, the test needs fewer items.",
    )
    return ExperimentPlan(size, e.relative_gain, MIN_EXAMPLES, TARGET_EXAMPLES,
                          use_case.workload.labelled_examples, checklist)
