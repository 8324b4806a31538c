"""Cost models: the chapter's rough comparison, and a full model beside it.

Introduced in ``notebooks/02_cost_benefit.ipynb``. All prices are USD per 1M
tokens from :mod:`course_lib.prices`; a month is 30 days, as in the chapter.

>>> seed = seed_compare_approaches(daily_requests=10_000, tokens_per_request=200)
>>> round(seed.daily_cost_long, 2), round(seed.daily_cost_ft, 2), round(seed.monthly_savings, 2)
(35.0, 0.75, 1027.5)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from course_lib.prices import Price, price_of

if TYPE_CHECKING:  # numpy and pandas are imported by the functions that build tables, not on import
    import pandas as pd

DAYS_PER_MONTH = 30
TOKENS_PER_PRICE_UNIT = 1_000_000
# OpenAI caches a prompt's prefix automatically only from this length up (FACTS.md).
CACHE_MIN_PROMPT_TOKENS = 1_024


# ------------------------------------------------------------ the chapter's model


@dataclass(frozen=True)
class SeedComparison:
    """The chapter's input-only comparison of a prompted GPT-4o and a fine-tuned GPT-4o-mini."""

    daily_requests: int
    tokens_per_request: int
    daily_cost_long: float
    daily_cost_ft: float

    @property
    def monthly_savings(self) -> float:
        """Savings over a 30-day month."""
        return (self.daily_cost_long - self.daily_cost_ft) * DAYS_PER_MONTH

    def report(self) -> str:
        """The four lines the chapter prints."""
        return "\n".join([
            f"Daily requests: {self.daily_requests:,}",
            f"GPT-4o with long prompt: ${self.daily_cost_long:,.2f}/day",
            f"Fine-tuned GPT-4o-mini: ${self.daily_cost_ft:,.2f}/day",
            f"Monthly savings: ${self.monthly_savings:,.2f}",
        ])


def seed_compare_approaches(
    daily_requests: int,
    tokens_per_request: int,
    *,
    long_prompt_tokens: int = 500,
    short_prompt_tokens: int = 50,
    large_input_price: float = 5.00,
    fine_tuned_input_price: float = 0.30,
) -> SeedComparison:
    """The chapter's calculation, reproduced exactly: input tokens only, 2024 launch prices.

    Args:
        daily_requests: requests per day.
        tokens_per_request: the user's tokens per request (the system prompt is added).
        long_prompt_tokens: system prompt of the prompted large model.
        short_prompt_tokens: system prompt left after fine-tuning.
        large_input_price: GPT-4o input price, USD per 1M tokens (5.00 at launch, May 2024).
        fine_tuned_input_price: fine-tuned GPT-4o-mini input price, USD per 1M tokens.
    """
    _check_non_negative(daily_requests=daily_requests, tokens_per_request=tokens_per_request)
    long_cost = daily_requests * (tokens_per_request + long_prompt_tokens) * large_input_price / TOKENS_PER_PRICE_UNIT
    short_cost = daily_requests * (tokens_per_request + short_prompt_tokens) * fine_tuned_input_price / TOKENS_PER_PRICE_UNIT
    return SeedComparison(daily_requests, tokens_per_request, long_cost, short_cost)


# ------------------------------------------------------------------ the full model


def _check_non_negative(**values: float) -> None:
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise ValueError(f"{name} must be a finite number >= 0, not {value!r}.")


@dataclass(frozen=True)
class Workload:
    """What each request looks like. Volume is per day; tokens are per request."""

    daily_requests: float
    input_tokens: float
    output_tokens: float

    def __post_init__(self) -> None:
        _check_non_negative(daily_requests=self.daily_requests, input_tokens=self.input_tokens,
                            output_tokens=self.output_tokens)


@dataclass(frozen=True)
class Training:
    """A fine-tuning run: examples x tokens per example x epochs, at the model's training price."""

    examples: int
    tokens_per_example: int
    epochs: int = 3
    retrain_every_days: float | None = None  # None: trained once

    def __post_init__(self) -> None:
        _check_non_negative(examples=self.examples, tokens_per_example=self.tokens_per_example, epochs=self.epochs)
        if self.retrain_every_days is not None and not self.retrain_every_days > 0:
            raise ValueError(f"retrain_every_days must be > 0 days, or None for no retraining; got {self.retrain_every_days!r}.")

    @property
    def trained_tokens(self) -> int:
        return self.examples * self.tokens_per_example * self.epochs


@dataclass(frozen=True)
class Option:
    """One way to serve the workload: a model, a prompt, and what it costs besides tokens.

    Args:
        name: label shown in tables and charts.
        model: model name in the price table.
        fine_tuned: use the fine-tuned variant's inference prices.
        system_prompt_tokens: instructions sent with every request.
        cached_fraction: share of the system prompt billed at the cached-input
            price (applies only when the whole prompt reaches
            :data:`CACHE_MIN_PROMPT_TOKENS`).
        training: the fine-tuning run, if any (one-off, repeated if it retrains).
        fixed_monthly: other monthly costs by name (labelling, evaluation, hosting).
        one_off: other one-off costs by name (e.g. labelling the training set).
        price: prices to use instead of looking ``model`` up.
    """

    name: str
    model: str
    fine_tuned: bool = False
    system_prompt_tokens: float = 0
    cached_fraction: float = 0.0
    training: Training | None = None
    fixed_monthly: Mapping[str, float] = field(default_factory=dict)
    one_off: Mapping[str, float] = field(default_factory=dict)
    price: Price | None = None

    def __post_init__(self) -> None:
        _check_non_negative(system_prompt_tokens=self.system_prompt_tokens, **dict(self.fixed_monthly), **dict(self.one_off))
        if not 0 <= self.cached_fraction <= 1:
            raise ValueError(f"cached_fraction must be between 0 and 1; got {self.cached_fraction!r}.")

    def prices(self) -> Price:
        return self.price if self.price is not None else price_of(self.model, fine_tuned=self.fine_tuned)


def _usage_per_request(option: Option, workload: Workload) -> dict[str, float]:
    """USD per request for input, cached input and output tokens."""
    p = option.prices()
    prompt = option.system_prompt_tokens + workload.input_tokens
    cached = option.cached_fraction * option.system_prompt_tokens if prompt >= CACHE_MIN_PROMPT_TOKENS else 0.0
    return {
        "input tokens": (prompt - cached) * p.input / TOKENS_PER_PRICE_UNIT,
        "cached input tokens": cached * p.cached_or_input / TOKENS_PER_PRICE_UNIT,
        "output tokens": workload.output_tokens * p.output / TOKENS_PER_PRICE_UNIT,
    }


def cost_per_request(option: Option, workload: Workload) -> float:
    """Token cost of one request in USD (input, cached input and output)."""
    return sum(_usage_per_request(option, workload).values())


def training_cost(option: Option) -> float:
    """One fine-tuning run in USD: examples x tokens x epochs x training price."""
    if option.training is None:
        return 0.0
    price = option.prices().training
    if math.isnan(price):
        raise ValueError(f"{option.name}: the price table has no training price for {option.model}; "
                         "this vendor does not offer fine-tuning, or add the price to the table.")
    return option.training.trained_tokens * price / TOKENS_PER_PRICE_UNIT


def one_off_cost(option: Option) -> float:
    """Everything paid once before the option serves: first training plus other one-off costs."""
    return training_cost(option) + sum(option.one_off.values())


def monthly_overhead(option: Option) -> float:
    """Monthly cost that does not depend on volume: retraining plus fixed costs."""
    retrain = 0.0
    if option.training is not None and option.training.retrain_every_days:
        retrain = training_cost(option) * DAYS_PER_MONTH / option.training.retrain_every_days
    return retrain + sum(option.fixed_monthly.values())


def monthly_total(option: Option, workload: Workload) -> float:
    """Everything the option costs in a 30-day month at the workload's volume (USD)."""
    return cost_per_request(option, workload) * workload.daily_requests * DAYS_PER_MONTH + monthly_overhead(option)


def cost_breakdown(option: Option, workload: Workload) -> pd.DataFrame:
    """Cost by component, per day and per month, plus one-off costs.

    Returns:
        Columns ``component``, ``per_day``, ``per_month``, ``one_off`` (USD).
    """
    import pandas as pd

    rows = [(name, usd * workload.daily_requests, 0.0) for name, usd in _usage_per_request(option, workload).items()]
    if option.training is not None:
        every = option.training.retrain_every_days
        retrain_daily = training_cost(option) / every if every else 0.0
        rows.append(("training", retrain_daily, training_cost(option)))
    rows += [(name, usd / DAYS_PER_MONTH, 0.0) for name, usd in option.fixed_monthly.items()]
    rows += [(name, 0.0, usd) for name, usd in option.one_off.items()]
    frame = pd.DataFrame(rows, columns=["component", "per_day", "one_off"])
    frame.insert(2, "per_month", frame["per_day"] * DAYS_PER_MONTH)
    return frame


def monthly_cost_grid(options: Sequence[Option], workload: Workload, volumes: Iterable[float]) -> pd.DataFrame:
    """Monthly cost of each option over a grid of daily volumes (vectorised).

    Returns:
        Long table: ``daily_requests``, ``option``, ``usage``, ``overhead``, ``total`` (USD per month).
    """
    import numpy as np
    import pandas as pd

    volumes = np.asarray(list(volumes) if not isinstance(volumes, np.ndarray) else volumes, dtype=float)
    if volumes.size and (volumes.min() < 0 or not np.isfinite(volumes).all()):
        raise ValueError("volumes must be finite numbers of requests per day >= 0.")
    frames = []
    for option in options:
        usage = volumes * cost_per_request(option, workload) * DAYS_PER_MONTH
        overhead = np.full_like(volumes, monthly_overhead(option))
        frames.append(pd.DataFrame({"daily_requests": volumes, "option": option.name,
                                    "usage": usage, "overhead": overhead, "total": usage + overhead}))
    return pd.concat(frames, ignore_index=True)


def break_even_volume(a: Option, b: Option, workload: Workload) -> float | None:
    """Daily volume at which ``a`` and ``b`` cost the same per month.

    Each option's monthly cost is a straight line in volume (per-request cost x
    volume x 30 + overhead), so the break-even point is where the lines cross.

    Returns:
        Requests per day, or ``None`` when the lines never cross at a volume >= 0
        (one option is cheaper at every volume, or they cost the same everywhere).
    """
    slope_a = cost_per_request(a, workload) * DAYS_PER_MONTH
    slope_b = cost_per_request(b, workload) * DAYS_PER_MONTH
    if math.isclose(slope_a, slope_b, rel_tol=1e-12, abs_tol=0.0):
        return None
    volume = (monthly_overhead(b) - monthly_overhead(a)) / (slope_a - slope_b)
    return volume if volume >= 0 else None


def payback_months(fine_tune: Option, baseline: Option, workload: Workload) -> float | None:
    """Months until a fine-tune's one-off costs are paid back by its monthly savings.

    Returns:
        Months (0 when there is nothing to pay back), or ``None`` when the
        fine-tune never saves money at this workload.
    """
    savings = monthly_total(baseline, workload) - monthly_total(fine_tune, workload)
    upfront = one_off_cost(fine_tune) - one_off_cost(baseline)
    if upfront <= 0:
        return 0.0 if savings >= 0 else None
    return upfront / savings if savings > 0 else None


def compare_options(options: Sequence[Option], workload: Workload) -> pd.DataFrame:
    """One row per option: cost per request, per 1M requests, per month, one-off."""
    import pandas as pd

    rows = []
    for option in options:
        per_request = cost_per_request(option, workload)
        rows.append({
            "option": option.name,
            "per_request": per_request,
            "per_1M_requests": per_request * 1_000_000,
            "per_month": monthly_total(option, workload),
            "one_off": one_off_cost(option),
        })
    return pd.DataFrame(rows)


# ------------------------------------------------------- the open-weight path


def open_weight_lora(
    name: str,
    *,
    training: Training,
    training_price_per_1m: float,
    endpoint_per_hour: float,
    endpoint_hours_per_day: float = 24.0,
    system_prompt_tokens: float = 50,
    base_model: str = "llama-3.1-8b-together",
    fixed_monthly: Mapping[str, float] | None = None,
    one_off: Mapping[str, float] | None = None,
) -> Option:
    """A LoRA fine-tune of an open-weight model, served from a dedicated endpoint.

    This path stays open when a closed vendor stops fine-tuning (FACTS.md: OpenAI
    takes no new jobs after 2027-01-06). It is billed differently from a hosted
    fine-tune: training per token processed, then an endpoint by the hour that
    serves any number of requests it can keep up with, so tokens cost nothing
    extra and the endpoint is a fixed monthly cost. The course has no list prices
    for either: pass your provider's quote.

    Args:
        name: label shown in tables and charts.
        training: the LoRA run (examples x tokens x epochs; retraining if any).
        training_price_per_1m: USD per 1M training tokens processed.
        endpoint_per_hour: USD per hour for one dedicated endpoint.
        endpoint_hours_per_day: hours a day the endpoint runs (24 for always on).
        system_prompt_tokens: instructions still sent with every request.
        base_model: the open model, for labels (a row of the price table if you
            want its serverless prices beside it).
        fixed_monthly: other monthly costs (evaluation and monitoring, ...).
        one_off: other one-off costs (labelling, ...).

    Returns:
        An :class:`Option` usable with every function of this module.

    >>> lora = open_weight_lora("LoRA Llama 3.1 8B", training=Training(500, 150, 3),
    ...                         training_price_per_1m=0.50, endpoint_per_hour=2.00)
    >>> round(training_cost(lora), 4), monthly_overhead(lora), cost_per_request(lora, Workload(1e6, 100, 20))
    (0.1125, 1440.0, 0.0)
    """
    _check_non_negative(training_price_per_1m=training_price_per_1m, endpoint_per_hour=endpoint_per_hour,
                        endpoint_hours_per_day=endpoint_hours_per_day)
    if endpoint_hours_per_day > 24:
        raise ValueError(f"endpoint_hours_per_day is {endpoint_hours_per_day}; a day has at most 24 hours.")
    price = Price(model=base_model, variant="fine_tuned", input=0.0, cached_input=math.nan, output=0.0,
                  training=training_price_per_1m, as_of="", source="your provider's quote",
                  fine_tuning="open", fine_tuning_as_of="")
    endpoint = endpoint_per_hour * endpoint_hours_per_day * DAYS_PER_MONTH
    return Option(name, base_model, fine_tuned=True, system_prompt_tokens=system_prompt_tokens, training=training,
                  fixed_monthly={"dedicated endpoint": endpoint, **dict(fixed_monthly or {})},
                  one_off=dict(one_off or {}), price=price)

