"""How many held-out items a paired head-to-head needs: McNemar's test and its sample size.

Lesson 03 scores every candidate on the *same* held-out items, so the comparison is
paired: only the items where the two models disagree (the discordant pairs) carry
information about which is better. For accuracy that is McNemar's test, and its
sample size follows Connor (1987), "Sample size for testing differences in
proportions for the paired-sample design", Biometrics 43(1), 207-211:

    n = (z_{1-alpha/2} * sqrt(psi) + z_{power} * sqrt(psi - delta**2))**2 / delta**2

where ``delta`` is the difference in accuracy to detect and ``psi`` the share of
items on which the two models disagree. ``psi`` is an assumption the plan must
state: by default the course assumes the two models err independently
(``psi = p1 (1 - p2) + p2 (1 - p1)``), which overstates the disagreement of two
models that find the same items hard, so the planned size errs on the safe side.

Used by the decision memo's experiment plan (``notebooks/07_your_decision.ipynb``).

>>> plan = paired_sample_size(baseline_accuracy=0.80, relative_gain=0.05)
>>> plan.candidate_accuracy, plan.items
(0.84, 1450)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

_NORMAL = NormalDist()


def _check_probability(name: str, value: float, *, open_interval: bool = True) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number between 0 and 1, not {value!r}.")
    if not (0 < value < 1 if open_interval else 0 <= value <= 1):
        raise ValueError(f"{name} must lie strictly between 0 and 1; got {value!r}.")


def independent_discordance(p_baseline: float, p_candidate: float) -> float:
    """Share of items the two models disagree on if their errors are independent.

    >>> round(independent_discordance(0.8, 0.84), 4)
    0.296
    """
    return p_baseline * (1 - p_candidate) + p_candidate * (1 - p_baseline)


@dataclass(frozen=True)
class SampleSizePlan:
    """The held-out size a paired test needs, with every assumption behind it."""

    baseline_accuracy: float
    candidate_accuracy: float
    discordant_fraction: float
    discordance_assumed_independent: bool
    significance: float
    power: float
    items: int

    @property
    def difference(self) -> float:
        """Candidate minus baseline accuracy (0.04 = 4 points)."""
        return self.candidate_accuracy - self.baseline_accuracy

    @property
    def expected_discordant_items(self) -> float:
        """How many of the planned items the two models are expected to disagree on."""
        return self.items * self.discordant_fraction


def paired_sample_size(baseline_accuracy: float, relative_gain: float = 0.05, *, power: float = 0.8,
                       significance: float = 0.05, discordant_fraction: float | None = None) -> SampleSizePlan:
    """Held-out items needed to detect a relative gain in accuracy with a paired (McNemar) test.

    Args:
        baseline_accuracy: the accuracy you expect from the best prompting solution (0-1).
        relative_gain: the gain to detect, relative to the baseline (0.05 = the 5 % rule).
        power: chance of detecting the gain if it is real (0.8 is the usual choice).
        significance: two-sided false-alarm rate (0.05 is the usual choice).
        discordant_fraction: share of items on which the two models disagree; ``None``
            assumes independent errors (see the module docstring).

    Returns:
        The plan, with ``items`` rounded up to a whole item.

    Raises:
        ValueError: for a probability out of range, a gain that would push the
            candidate's accuracy to 1 or beyond, or a discordant share too small to
            produce the difference.
    """
    _check_probability("baseline_accuracy", baseline_accuracy)
    _check_probability("power", power)
    _check_probability("significance", significance)
    if isinstance(relative_gain, bool) or not isinstance(relative_gain, (int, float)) or not relative_gain > 0:
        raise ValueError(f"relative_gain must be a number > 0 (0.05 for 5 %); got {relative_gain!r}.")
    candidate = baseline_accuracy * (1 + relative_gain)
    if candidate >= 1:
        raise ValueError(f"A {relative_gain:.0%} gain on {baseline_accuracy:.0%} would need an accuracy of "
                         f"{candidate:.1%}; choose a lower baseline or a smaller gain.")
    candidate = round(candidate, 12)
    delta = candidate - baseline_accuracy
    assumed = discordant_fraction is None
    psi = independent_discordance(baseline_accuracy, candidate) if assumed else float(discordant_fraction)
    if not assumed:
        _check_probability("discordant_fraction", psi)
    if psi <= delta:
        raise ValueError(f"discordant_fraction is {psi:.3f}, but a difference of {delta:.3f} needs the models to "
                         f"disagree on more than {delta:.3f} of the items.")
    z_alpha = _NORMAL.inv_cdf(1 - significance / 2)
    z_power = _NORMAL.inv_cdf(power)
    n = (z_alpha * math.sqrt(psi) + z_power * math.sqrt(psi - delta**2)) ** 2 / delta**2
    return SampleSizePlan(baseline_accuracy, candidate, psi, assumed, significance, power, math.ceil(n - 1e-9))


def mcnemar_z(baseline_only: np.ndarray | int, candidate_only: np.ndarray | int) -> np.ndarray | float:
    """McNemar's statistic as a signed z score (no continuity correction), the test Connor's size is for.

    Args:
        baseline_only: items only the baseline got right (counts; arrays work element-wise).
        candidate_only: items only the candidate got right.

    Returns:
        ``(candidate_only - baseline_only) / sqrt(candidate_only + baseline_only)``; 0 where both are 0.
    """
    b = np.asarray(baseline_only, dtype=float)
    c = np.asarray(candidate_only, dtype=float)
    total = b + c
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(total > 0, (c - b) / np.sqrt(np.where(total > 0, total, 1)), 0.0)
    return float(z) if z.ndim == 0 else z


def simulated_power(plan: SampleSizePlan, *, trials: int = 4000, seed: int = 0) -> float:
    """Share of simulated paired experiments of ``plan.items`` items in which McNemar's test detects the gain.

    Each trial draws, per item, one of: only the baseline right, only the candidate
    right, or both the same, with the plan's accuracies and discordant share.

    Args:
        plan: a plan from :func:`paired_sample_size`.
        trials: simulated experiments.
        seed: random seed.

    Returns:
        The rejection rate of the two-sided test at the plan's significance.
    """
    p_candidate_only = (plan.discordant_fraction + plan.difference) / 2
    p_baseline_only = (plan.discordant_fraction - plan.difference) / 2
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(plan.items, [p_baseline_only, p_candidate_only, 1 - plan.discordant_fraction], size=trials)
    z = mcnemar_z(counts[:, 0], counts[:, 1])
    return float(np.mean(np.abs(z) > _NORMAL.inv_cdf(1 - plan.significance / 2)))
