"""Reference answers for the cost and head-to-head assignments, computed in the grading process.

The cost references go through :mod:`course_lib.costs`, so the exercise is graded
against the same semantics the course teaches (30-day month, prompt caching only
from 1,024 prompt tokens, break-even where two monthly cost lines cross); the 5 %
rule is the experiment harness's own (:func:`course_lib.experiment.harness.meets_threshold`).
"""

from __future__ import annotations

import math
from typing import Any

from course_lib import costs
from course_lib.experiment.harness import meets_threshold
from course_lib.prices import Price

_NAN = float("nan")


def _price(price: dict[str, Any]) -> Price:
    cached = price.get("cached_input")
    return Price(model="exercise", variant="base", input=float(price["input"]),
                 cached_input=_NAN if cached is None else float(cached), output=float(price["output"]),
                 training=_NAN, as_of="", source="exercise")


def cost_per_request(input_tokens: float, output_tokens: float, system_prompt_tokens: float,
                     price: dict[str, Any], cached_fraction: float = 0.0) -> float:
    """USD for one request (as ``course_lib.costs.cost_per_request``)."""
    option = costs.Option(name="exercise", model="exercise", system_prompt_tokens=system_prompt_tokens,
                          cached_fraction=cached_fraction, price=_price(price))
    return costs.cost_per_request(option, costs.Workload(1, input_tokens, output_tokens))


def _line(per_request: float, overhead: float) -> costs.Option:
    price = Price(model="line", variant="base", input=per_request * costs.TOKENS_PER_PRICE_UNIT, cached_input=_NAN,
                  output=0.0, training=_NAN, as_of="", source="exercise")
    return costs.Option(name="line", model="line", price=price, fixed_monthly={"overhead": overhead})


def monthly_cost(daily_requests: float, per_request: float, fixed_monthly: float = 0.0, training_usd: float = 0.0,
                 retrain_every_days: float | None = None) -> float:
    """USD per 30-day month: usage plus fixed costs plus retraining spread over the month."""
    retrain = training_usd * costs.DAYS_PER_MONTH / retrain_every_days if retrain_every_days else 0.0
    option = _line(per_request, fixed_monthly + retrain)
    return costs.monthly_total(option, costs.Workload(daily_requests, 1, 0))


def break_even_volume(per_request_a: float, overhead_a: float, per_request_b: float, overhead_b: float) -> float | None:
    """Daily requests at which a and b cost the same per month, or None (as ``costs.break_even_volume``)."""
    return costs.break_even_volume(_line(per_request_a, overhead_a), _line(per_request_b, overhead_b),
                                   costs.Workload(1, 1, 0))


def cost_answers(n: dict[str, Any]) -> dict[str, Any]:
    """A student's three numbers for their workload (assignment 02)."""
    prompted = cost_per_request(n["input_tokens"], n["output_tokens"], n["long_system_prompt_tokens"],
                                n["prompted_price"], n["cached_fraction"])
    tuned = cost_per_request(n["input_tokens"], n["output_tokens"], n["short_system_prompt_tokens"],
                             n["fine_tuned_price"])
    retrain = n["retrain_every_days"]
    overhead_tuned = n["fixed_monthly_usd"] + (n["training_usd"] * 30 / retrain if retrain else 0.0)
    return {
        "my_prompted_monthly": monthly_cost(n["daily_requests"], prompted),
        "my_fine_tuned_monthly": monthly_cost(n["daily_requests"], tuned, n["fixed_monthly_usd"], n["training_usd"],
                                              retrain),
        "my_break_even": break_even_volume(prompted, 0.0, tuned, overhead_tuned),
    }


# ---- head-to-head ---------------------------------------------------------------

def diff_with_ci(correct_a: int, correct_b: int, n: int, z: float = 1.96) -> list[float]:
    """Accuracy of b minus accuracy of a with a normal-approximation (Wald) interval: [diff, low, high]."""
    pa, pb = correct_a / n, correct_b / n
    diff = pb - pa
    half = z * math.sqrt(pa * (1 - pa) / n + pb * (1 - pb) / n)
    return [diff, diff - half, diff + half]


def decide(acc_a: float, acc_b: float, ci_low: float, min_gain: float = 0.05) -> str:
    """The 5 % rule: fine-tune only for a relative gain of at least ``min_gain`` that the interval supports."""
    if not meets_threshold(acc_a, acc_b, min_gain, rule="relative"):
        return "keep_prompting"
    return "fine_tune" if ci_low > 0 else "need_more_data"


def head_to_head_answers(n: dict[str, Any]) -> dict[str, Any]:
    """A student's results for their numbers (assignment 03)."""
    diff, low, high = diff_with_ci(n["correct_prompting"], n["correct_fine_tuned"], n["n"])
    acc_a, acc_b = n["correct_prompting"] / n["n"], n["correct_fine_tuned"] / n["n"]
    return {"my_diff": diff, "my_low": low, "my_high": high, "my_decision": decide(acc_a, acc_b, low)}
