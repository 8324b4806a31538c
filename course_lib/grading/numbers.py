"""Per-student numbers for the cost and head-to-head assignments, seeded by the student id.

A classmate's answer (or the one in solutions/) is computed from other numbers and
so is wrong for you. When ``course grade`` runs a submission it sets
``COURSE_STUDENT_ID`` to the id of the submission's folder, so the numbers always
belong to the student whose work is graded, whatever id the notebook typed.

>>> student_numbers("03_head_to_head", "ada") == student_numbers("03_head_to_head", "ada")
True
>>> student_numbers("03_head_to_head", "ada") != student_numbers("03_head_to_head", "bob")
True
"""

from __future__ import annotations

import hashlib
import os
import random
from typing import Any

from course_lib.assignments.knowledge_lab import knowledge_lab_numbers

ENV_STUDENT_ID = "COURSE_STUDENT_ID"

# (model, input, cached input, output) in USD per 1M tokens, FACTS.md, 2026-11.
_PROMPTED_MODELS = [("gpt-4o", 2.50, 1.25, 10.00), ("gpt-4.1", 2.00, 0.50, 8.00), ("gpt-4.1-mini", 0.40, 0.10, 1.60)]
_FINE_TUNED_MODELS = [("gpt-4o-mini (fine-tuned)", 0.30, 0.15, 1.20, 3.00), ("gpt-4.1-nano (fine-tuned)", 0.20, 0.05, 0.80, 1.50)]


def _rng(assignment: str, student_id: str) -> random.Random:
    seed = hashlib.sha256(f"{assignment}\0{student_id}".encode()).hexdigest()
    return random.Random(int(seed[:16], 16))


def _cost_numbers(rng: random.Random) -> dict[str, Any]:
    model, p_in, p_cached, p_out = rng.choice(_PROMPTED_MODELS)
    ft_model, f_in, f_cached, f_out, f_train = rng.choice(_FINE_TUNED_MODELS)
    examples, tokens_per_example, epochs = rng.choice([300, 500, 800, 1200]), rng.randrange(100, 401, 10), 3
    return {
        "daily_requests": rng.choice([2_000, 5_000, 8_000, 12_000, 20_000, 40_000, 75_000]),
        "input_tokens": rng.randrange(80, 401, 5),
        "output_tokens": rng.randrange(20, 301, 5),
        "prompted_model": model,
        "prompted_price": {"input": p_in, "cached_input": p_cached, "output": p_out},
        "long_system_prompt_tokens": rng.randrange(400, 1601, 50),
        "cached_fraction": rng.choice([0.0, 0.5, 0.9]),
        "fine_tuned_model": ft_model,
        "fine_tuned_price": {"input": f_in, "cached_input": f_cached, "output": f_out},
        "short_system_prompt_tokens": rng.randrange(20, 81, 5),
        "training_usd": round(examples * tokens_per_example * epochs * f_train / 1_000_000, 4),
        "retrain_every_days": rng.choice([None, 30, 90]),
        "fixed_monthly_usd": float(rng.randrange(50, 501, 10)),
    }


def _head_to_head_numbers(rng: random.Random) -> dict[str, Any]:
    kind = rng.choice(["clear_gain", "small_gain", "uncertain_gain"])
    n = {"clear_gain": rng.choice([600, 800, 1000]), "small_gain": rng.choice([300, 500, 800]),
         "uncertain_gain": rng.choice([100, 150, 200])}[kind]
    acc_prompting = rng.uniform(0.62, 0.80)
    gain = {"clear_gain": rng.uniform(0.10, 0.18), "small_gain": rng.uniform(-0.02, 0.035),
            "uncertain_gain": rng.uniform(0.06, 0.09)}[kind]
    correct_prompting = round(acc_prompting * n)
    correct_fine_tuned = min(n, round(acc_prompting * (1 + gain) * n))
    return {
        "n": n,
        "correct_prompting": correct_prompting,
        "correct_fine_tuned": correct_fine_tuned,
        "latency_ms_prompting": rng.randrange(600, 1500, 10),
        "latency_ms_fine_tuned": rng.randrange(200, 700, 10),
    }


_MAKERS = {"02_cost_model": _cost_numbers, "03_head_to_head": _head_to_head_numbers,
           "04_knowledge_lab": knowledge_lab_numbers}


def student_numbers(assignment: str, student_id: str) -> dict[str, Any]:
    """The numbers one student works with in one assignment (a plain dict, the same on every call).

    Args:
        assignment: ``02_cost_model`` or ``03_head_to_head``.
        student_id: The student's id, as in the submission folder name.

    Raises:
        ValueError: For an assignment without per-student numbers or an empty id.
    """
    if assignment not in _MAKERS:
        raise ValueError(f"no per-student numbers for assignment {assignment!r}; use one of {', '.join(_MAKERS)}")
    if not str(student_id).strip():
        raise ValueError("student_id is empty; set STUDENT_ID to the id your instructor gave you")
    return _MAKERS[assignment](_rng(assignment, str(student_id).strip()))


def my_numbers(assignment: str, student_id: str) -> dict[str, Any]:
    """Your numbers for an assignment (when graded, the id of your submission folder is used).

    Args:
        assignment: The assignment name.
        student_id: The id your instructor gave you (the name of your submission folder).
    """
    return student_numbers(assignment, os.environ.get(ENV_STUDENT_ID) or student_id)
