"""Per-student numbers for ``02_cost_model``: a workload, a model prompted and the same model fine-tuned.

The comparison is like with like (lesson 02): the prompted and the fine-tuned model are of
the same family. A colleague's unfair comparison (a bigger prompted model against the small
fine-tune) and an open-weight LoRA fine-tune on a dedicated endpoint, the path that stays
open after OpenAI stops new fine-tuning jobs, come with it. Prices come from the course's
price table (``course_lib/data/prices.csv``) through :func:`course_lib.prices.price_of`,
looked up by model and variant; the open-weight quotes are drawn from ranges, since the
course has no list price for them.
"""

from __future__ import annotations

import math
import random
from typing import Any

from course_lib.prices import Price, price_of

# Small models offered both prompted and fine-tuned, and the bigger model a colleague compares them with.
FAMILIES = ("gpt-4o-mini", "gpt-4.1-mini", "gpt-4.1-nano")
BIG_MODELS = ("gpt-4o", "gpt-4.1")
EPOCHS = 3


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
        Plain data: volumes, token counts, the family's prices prompted and fine-tuned, the
        fine-tuning costs, the colleague's bigger model, and the open-weight quote.
    """
    family = rng.choice(FAMILIES)
    prompted, tuned, big = price_of(family), price_of(family, fine_tuned=True), price_of(rng.choice(BIG_MODELS))
    examples, tokens_per_example = rng.choice([300, 500, 800, 1200]), rng.randrange(100, 401, 10)
    trained_tokens = examples * tokens_per_example * EPOCHS
    numbers = {
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
        "training_usd": round(trained_tokens * float(tuned.training) / 1_000_000, 4),
        "retrain_every_days": rng.choice([None, 30, 90]),
        "fixed_monthly_usd": float(rng.randrange(50, 501, 10)),
        "big_model": big.model,
        "big_model_price": _plain_price(big),
    }
    numbers["open_weight"] = {
        "model": "llama-3.1-8b (LoRA, dedicated endpoint)",
        "training_usd": round(trained_tokens * rng.choice([0.48, 0.50, 0.55]) / 1_000_000, 4),
        "endpoint_usd_per_hour": rng.choice([1.50, 2.00, 2.50, 3.00]),
        "endpoint_hours_per_day": rng.choice([12, 24]),
    }
    return numbers
