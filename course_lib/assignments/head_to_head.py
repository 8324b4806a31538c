"""Per-student numbers for ``03_head_to_head``: one head-to-head test of prompting against a fine-tuned model."""

from __future__ import annotations

import random
from typing import Any

# How big the fine-tuned model's relative gain is, and the test-set sizes that go with it.
_TEST_SIZES = {"clear_gain": [600, 800, 1000], "small_gain": [300, 500, 800], "uncertain_gain": [100, 150, 200]}
_GAINS = {"clear_gain": (0.10, 0.18), "small_gain": (-0.02, 0.035), "uncertain_gain": (0.06, 0.09)}


def make(rng: random.Random) -> dict[str, Any]:
    """One student's head-to-head result.

    Args:
        rng: A generator seeded by the assignment and the student id.

    Returns:
        Plain data: test-set size, correct answers of each candidate and their latencies.
    """
    kind = rng.choice(["clear_gain", "small_gain", "uncertain_gain"])
    # One draw per kind, whichever is used, so the sequence of draws (and every student's numbers) is stable.
    n = {k: rng.choice(sizes) for k, sizes in _TEST_SIZES.items()}[kind]
    acc_prompting = rng.uniform(0.62, 0.80)
    gain = {k: rng.uniform(*span) for k, span in _GAINS.items()}[kind]
    return {
        "n": n,
        "correct_prompting": round(acc_prompting * n),
        "correct_fine_tuned": min(n, round(acc_prompting * (1 + gain) * n)),
        "latency_ms_prompting": rng.randrange(600, 1500, 10),
        "latency_ms_fine_tuned": rng.randrange(200, 700, 10),
    }
