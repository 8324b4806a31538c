"""Per-student numbers for ``03_head_to_head``: one paired head-to-head test of prompting against a fine-tuned model.

Both candidates are scored on the same items, so the numbers include the discordant
counts (items only one of them got right), from which the paired interval is built.
"""

from __future__ import annotations

import random
from typing import Any

# How big the fine-tuned model's relative gain is, the test-set sizes that go with it, and the share
# of items that only the prompted model gets right (the candidates disagree on more items than that).
_TEST_SIZES = {"clear_gain": [600, 800, 1000], "small_gain": [300, 500, 800], "uncertain_gain": [100, 150, 200]}
_GAINS = {"clear_gain": (0.10, 0.18), "small_gain": (-0.02, 0.035), "uncertain_gain": (0.06, 0.09)}
_ONLY_PROMPTING_SHARE = {"clear_gain": (0.02, 0.06), "small_gain": (0.03, 0.08), "uncertain_gain": (0.08, 0.12)}


def make(rng: random.Random) -> dict[str, Any]:
    """One student's head-to-head result.

    Args:
        rng: A generator seeded by the assignment and the student id.

    Returns:
        Plain data: test-set size, correct answers of each candidate, the discordant counts
        (``only_prompting``: items only the prompted model got right; ``only_fine_tuned``: the
        other way round) and the latencies.
    """
    kind = rng.choice(["clear_gain", "small_gain", "uncertain_gain"])
    # One draw per kind, whichever is used, so the sequence of draws (and every student's numbers) is stable.
    n = {k: rng.choice(sizes) for k, sizes in _TEST_SIZES.items()}[kind]
    acc_prompting = rng.uniform(0.62, 0.80)
    gain = {k: rng.uniform(*span) for k, span in _GAINS.items()}[kind]
    correct_prompting = round(acc_prompting * n)
    correct_fine_tuned = min(n, round(acc_prompting * (1 + gain) * n))
    latencies = rng.randrange(600, 1500, 10), rng.randrange(200, 700, 10)
    # Items only a gets right: at most what a gets right, and few enough that b's extra items fit among a's misses.
    only_prompting = round(rng.uniform(*_ONLY_PROMPTING_SHARE[kind]) * n)
    only_prompting = max(0, min(only_prompting, correct_prompting, n - correct_fine_tuned))
    return {
        "n": n,
        "correct_prompting": correct_prompting,
        "correct_fine_tuned": correct_fine_tuned,
        "only_prompting": only_prompting,
        "only_fine_tuned": only_prompting + correct_fine_tuned - correct_prompting,
        "latency_ms_prompting": latencies[0],
        "latency_ms_fine_tuned": latencies[1],
    }
