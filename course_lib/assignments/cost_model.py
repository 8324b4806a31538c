"""Per-student numbers for ``02_cost_model``: a workload, a prompted model and a fine-tuned one.

Prices come from the course's price table (``course_lib/data/prices.csv``) through
:func:`course_lib.prices.price_of`, looked up by model and variant.
"""

from __future__ import annotations

import math
import random
from functools import cache
from typing import Any

from course_lib.prices import Price, price_of

PROMPTED_MODELS = ("gpt-4o", "gpt-4.1", "gpt-4.1-mini")
FINE_TUNED_MODELS = ("gpt-4o-mini", "gpt-4.1-nano")
EPOCHS = 3


@cache
def _price(model: str, fine_tuned: bool) -> Price:
    """One row of the price table (looked up once per process: numbers are drawn for every submission)."""
    return price_of(model, fine_tuned=fine_tuned)


def _plain_price(price: Price) -> dict[str, float | None]:
    """Inference prices as the exercise's plain dict (``None`` where a price is not offered)."""
    cached = float(price.cached_input)
    return {"input": float(price.input), "cached_input": None if math.isnan(cached) else cached,
            "output": float(price.output)}


def make(rng: random.Random) -> dict[str, Any]:
    """One student's workload and prices for the cost assignment.

    Args:
        rng: A generator seeded by the assignment and the student id.

    Returns:
        Plain data: volumes, token counts, both models' prices and the fine-tuning costs.
    """
    prompted = _price(rng.choice(PROMPTED_MODELS), False)
    tuned = _price(rng.choice(FINE_TUNED_MODELS), True)
    examples, tokens_per_example = rng.choice([300, 500, 800, 1200]), rng.randrange(100, 401, 10)
    return {
        "daily_requests": rng.choice([2_000, 5_000, 8_000, 12_000, 20_000, 40_000, 75_000]),
        "input_tokens": rng.randrange(80, 401, 5),
        "output_tokens": rng.randrange(20, 301, 5),
        "prompted_model": prompted.model,
        "prompted_price": _plain_price(prompted),
        "long_system_prompt_tokens": rng.randrange(400, 1601, 50),
        "cached_fraction": rng.choice([0.0, 0.5, 0.9]),
        "fine_tuned_model": f"{tuned.model} (fine-tuned)",
        "fine_tuned_price": _plain_price(tuned),
        "short_system_prompt_tokens": rng.randrange(20, 81, 5),
        "training_usd": round(examples * tokens_per_example * EPOCHS * float(tuned.training) / 1_000_000, 4),
        "retrain_every_days": rng.choice([None, 30, 90]),
        "fixed_monthly_usd": float(rng.randrange(50, 501, 10)),
    }
