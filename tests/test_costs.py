"""Tests of the cost models: the chapter's numbers to the cent, the full model, break-even, payback."""

from __future__ import annotations

import math

import numpy as np
import pytest

from course_lib.costs import (
    DAYS_PER_MONTH, Option, Training, Workload, break_even_volume, compare_options, cost_breakdown,
    cost_per_request, monthly_cost_grid, monthly_total, payback_months, seed_compare_approaches, training_cost,
)
from course_lib.prices import Price


def flat_price(input=1.0, cached=0.5, output=4.0, training=10.0, model="m") -> Price:
    return Price(model, "base", input, cached, output, training, "2026-11", "test")


def test_seed_numbers_to_the_cent() -> None:
    """Does the chapter's own calculation give $35.00, $0.75 and $1,027.50?"""
    seed = seed_compare_approaches(daily_requests=10_000, tokens_per_request=200)
    assert round(seed.daily_cost_long, 2) == 35.00
    assert round(seed.daily_cost_ft, 2) == 0.75
    assert round(seed.monthly_savings, 2) == 1027.50
    assert seed.report().splitlines() == [
        "Daily requests: 10,000",
        "GPT-4o with long prompt: $35.00/day",
        "Fine-tuned GPT-4o-mini: $0.75/day",
        "Monthly savings: $1,027.50",
    ]


def test_seed_rejects_negative_volume() -> None:
    with pytest.raises(ValueError, match="daily_requests"):
        seed_compare_approaches(daily_requests=-1, tokens_per_request=200)


@pytest.mark.parametrize(("model", "fine_tuned", "prompt", "expected"), [
    ("gpt-4o-2024-05-13", False, 500, 3300.0),  # launch price
    ("gpt-4o", False, 500, 1700.0),             # today's price
    ("gpt-4o-mini", False, 500, 102.0),         # the fair baseline
    ("gpt-4o-mini", True, 50, 69.0),            # fine-tuned
])
def test_facts_worked_example(model, fine_tuned, prompt, expected) -> None:
    """Does the full model reproduce FACTS.md's worked example (1M requests, 100-token ticket, 20-token answer)?"""
    option = Option("x", model, fine_tuned=fine_tuned, system_prompt_tokens=prompt)
    assert cost_per_request(option, Workload(1, 100, 20)) * 1_000_000 == pytest.approx(expected, abs=1e-6)


def test_training_cost_of_the_worked_example() -> None:
    """500 examples x 150 tokens x 3 epochs at $3/1M is about $0.68."""
    option = Option("ft", "gpt-4o-mini", fine_tuned=True, training=Training(500, 150, 3))
    assert training_cost(option) == pytest.approx(0.675)


def test_cached_input_applies_only_to_long_prompts() -> None:
    """Caching discounts the system prompt only when the prompt reaches 1,024 tokens."""
    price = flat_price()
    short = Option("s", "m", system_prompt_tokens=500, cached_fraction=1.0, price=price)
    long = Option("l", "m", system_prompt_tokens=1000, cached_fraction=1.0, price=price)
    w = Workload(1, 100, 0)
    assert cost_per_request(short, w) == pytest.approx(600 * 1.0 / 1e6)
    assert cost_per_request(long, w) == pytest.approx((100 * 1.0 + 1000 * 0.5) / 1e6)


def test_breakdown_adds_up() -> None:
    option = Option("ft", "m", system_prompt_tokens=50, price=flat_price(),
                    training=Training(100, 100, 2, retrain_every_days=10),
                    fixed_monthly={"hosting": 90.0}, one_off={"labelling": 200.0})
    w = Workload(1_000, 100, 10)
    table = cost_breakdown(option, w).set_index("component")
    assert table.loc["output tokens", "per_day"] == pytest.approx(1_000 * 10 * 4.0 / 1e6)
    assert table.loc["training", "one_off"] == pytest.approx(20_000 * 10.0 / 1e6)
    assert table.loc["training", "per_month"] == pytest.approx(0.2 * 3)  # retrained 3 times a month
    assert table.loc["hosting", "per_month"] == pytest.approx(90.0)
    assert table["per_month"].sum() == pytest.approx(monthly_total(option, w))
    assert table["one_off"].sum() == pytest.approx(200.2)


def test_grid_is_linear_in_volume() -> None:
    option = Option("a", "m", system_prompt_tokens=10, price=flat_price(), fixed_monthly={"f": 5.0})
    grid = monthly_cost_grid([option], Workload(0, 90, 0), np.array([0, 1_000, 2_000]))
    assert list(grid["total"]) == pytest.approx([5.0, 5.0 + 3.0, 5.0 + 6.0])


def brute_force_break_even(a: Option, b: Option, w: Workload, hi: int) -> int | None:
    """The first whole daily volume at which a's monthly cost reaches b's, by trying them all."""
    sign0 = monthly_total(a, Workload(0, w.input_tokens, w.output_tokens)) - monthly_total(b, Workload(0, w.input_tokens, w.output_tokens))
    for v in range(hi):
        diff = monthly_total(a, Workload(v, w.input_tokens, w.output_tokens)) - monthly_total(b, Workload(v, w.input_tokens, w.output_tokens))
        if diff == 0 or (diff > 0) != (sign0 > 0):
            return v
    return None


@pytest.mark.parametrize("fixed", [0.0, 5.0, 50.0, 123.0])
def test_break_even_matches_brute_force(fixed: float) -> None:
    """Is the analytic break-even volume where a brute-force search finds the costs cross?"""
    prompted = Option("prompted", "m", system_prompt_tokens=500, price=flat_price())
    tuned = Option("tuned", "m", system_prompt_tokens=50, price=flat_price(input=1.5, output=6.0), fixed_monthly={"eval": fixed})
    w = Workload(0, 100, 20)
    volume = break_even_volume(prompted, tuned, w)
    found = brute_force_break_even(prompted, tuned, w, hi=100_000)
    if fixed == 0.0:
        assert volume == 0.0
    else:
        assert found is not None and math.ceil(volume - 1e-9) == found


def test_break_even_none_when_lines_never_cross() -> None:
    cheap = Option("cheap", "m", price=flat_price(input=0.1))
    dear = Option("dear", "m", price=flat_price(input=1.0), fixed_monthly={"x": 10.0})
    assert break_even_volume(cheap, dear, Workload(0, 100, 0)) is None
    assert break_even_volume(cheap, cheap, Workload(0, 100, 0)) is None


def test_payback_months() -> None:
    baseline = Option("base", "m", system_prompt_tokens=900, price=flat_price())
    tuned = Option("ft", "m", system_prompt_tokens=0, price=flat_price(), training=Training(1000, 1000, 1))
    w = Workload(1_000, 100, 0)  # saves 900 tokens x 1,000/day = $0.90/day = $27/month
    assert payback_months(tuned, baseline, w) == pytest.approx(10.0 / 27.0)
    assert payback_months(tuned, baseline, Workload(0, 100, 0)) is None  # never pays back


def test_compare_options_columns() -> None:
    table = compare_options([Option("a", "gpt-4o"), Option("b", "gpt-4o-mini")], Workload(100, 10, 10))
    assert list(table.columns) == ["option", "per_request", "per_1M_requests", "per_month", "one_off"]
    assert table.loc[0, "per_month"] == pytest.approx(table.loc[0, "per_request"] * 100 * DAYS_PER_MONTH)


@pytest.mark.parametrize("kwargs", [
    dict(daily_requests=-5, input_tokens=1, output_tokens=1),
    dict(daily_requests=1, input_tokens=float("nan"), output_tokens=1),
    dict(daily_requests=1, input_tokens=1, output_tokens="ten"),
])
def test_workload_rejects_bad_numbers(kwargs) -> None:
    with pytest.raises(ValueError, match="must be a finite number >= 0"):
        Workload(**kwargs)


def test_training_needs_a_training_price() -> None:
    """Fine-tuning a model with no training price fails with a message naming the model."""
    option = Option("x", "gpt-5", training=Training(10, 10))
    with pytest.raises(ValueError, match="gpt-5"):
        training_cost(option)


def test_open_weight_lora_pays_by_the_hour_not_by_the_token() -> None:
    """Does a LoRA fine-tune on a dedicated endpoint cost a flat monthly amount (endpoint + retraining) whatever the
    volume, and break even with a prompted model where its flat cost equals the prompted token bill?"""
    from course_lib.costs import monthly_total, open_weight_lora

    training = Training(500, 150, 3, retrain_every_days=30)
    lora = open_weight_lora("lora", training=training, training_price_per_1m=0.5, endpoint_per_hour=2.0,
                            endpoint_hours_per_day=12)
    small = Option("mini, long prompt", "gpt-4o-mini", system_prompt_tokens=500)
    quiet, busy = Workload(100, 200, 20), Workload(1_000_000, 200, 20)
    assert monthly_total(lora, quiet) == monthly_total(lora, busy) == pytest.approx(2.0 * 12 * 30 + 0.1125)
    volume = break_even_volume(small, lora, busy)
    assert monthly_total(small, Workload(volume, 200, 20)) == pytest.approx(monthly_total(lora, busy))
    assert "dedicated endpoint" in set(cost_breakdown(lora, busy)["component"])


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"endpoint_per_hour": -1.0}, "endpoint_per_hour must be a finite number >= 0"),
    ({"endpoint_hours_per_day": 25.0}, "at most 24 hours"),
])
def test_open_weight_lora_rejects_impossible_inputs(kwargs, words) -> None:
    """Is a negative hourly price or a 25-hour day refused with a message naming the setting?"""
    from course_lib.costs import open_weight_lora

    settings = {"training": Training(10, 10), "training_price_per_1m": 0.5, "endpoint_per_hour": 2.0, **kwargs}
    with pytest.raises(ValueError, match=words):
        open_weight_lora("lora", **settings)
