"""The experiment plan's sample size: McNemar's paired design (Connor 1987), by hand and by simulation."""

from __future__ import annotations

import math

import pytest

from course_lib.experiment.power import independent_discordance, mcnemar_z, paired_sample_size, simulated_power


def test_matches_connors_formula_worked_by_hand() -> None:
    """Does the size match Connor's formula computed by hand for a 10-point gain with 40 % discordant pairs?

    Connor, R. J. (1987), "Sample size for testing differences in proportions for the
    paired-sample design", Biometrics 43(1), 207-211, eq. (3):
    n = (z_{a/2} sqrt(psi) + z_b sqrt(psi - delta^2))^2 / delta^2.
    With delta = 0.60 - 0.50 = 0.10, psi = 0.40, alpha = 0.05 (z = 1.959964) and power
    0.80 (z = 0.841621): (1.959964 x 0.632456 + 0.841621 x 0.624500)^2 / 0.01
    = (1.239596 + 0.525592)^2 / 0.01 = 311.59, so 312 pairs.
    """
    plan = paired_sample_size(0.50, relative_gain=0.20, discordant_fraction=0.40)
    assert plan.candidate_accuracy == pytest.approx(0.60)
    assert plan.items == 312


def test_independent_errors_give_the_textbook_discordance() -> None:
    """With independent errors, is the discordant share p1(1-p2) + p2(1-p1), and is it used by default?"""
    assert independent_discordance(0.80, 0.84) == pytest.approx(0.8 * 0.16 + 0.84 * 0.2)
    plan = paired_sample_size(0.80)
    assert plan.discordance_assumed_independent
    assert plan.discordant_fraction == pytest.approx(0.296)


def test_fewer_disagreements_need_fewer_items() -> None:
    """Do correlated models (fewer discordant pairs) need a smaller test set than independent ones?"""
    independent = paired_sample_size(0.80)
    correlated = paired_sample_size(0.80, discordant_fraction=0.10)
    assert correlated.items < independent.items


@pytest.mark.parametrize("baseline, discordant", [(0.80, None), (0.60, 0.25), (0.88, None)])
def test_the_planned_size_detects_the_gain_at_the_stated_power(baseline: float, discordant: float | None) -> None:
    """Simulated at the planned size, does McNemar's test detect the 5 % gain about 80 % of the time?

    4,000 seeded trials give a standard error of sqrt(0.8 x 0.2 / 4000) = 0.0063; the
    tolerance of 0.03 is almost five of them, plus the rounding up of the size.
    """
    plan = paired_sample_size(baseline, 0.05, discordant_fraction=discordant)
    assert simulated_power(plan, trials=4000, seed=1) == pytest.approx(0.80, abs=0.03)


def test_half_the_planned_size_is_underpowered() -> None:
    """Does the simulation tell a too-small test apart (so the power check above can fail)?"""
    plan = paired_sample_size(0.80)
    half = type(plan)(**{**plan.__dict__, "items": plan.items // 2})
    assert simulated_power(half, trials=4000, seed=1) < 0.6


def test_mcnemar_z_is_signed_and_safe_without_disagreements() -> None:
    """Is the statistic positive when the candidate wins more discordant pairs, and 0 when there are none?"""
    assert mcnemar_z(10, 30) == pytest.approx(20 / math.sqrt(40))
    assert mcnemar_z(0, 0) == 0.0


@pytest.mark.parametrize("kwargs, words", [
    ({"baseline_accuracy": 0.97}, "choose a lower baseline"),
    ({"baseline_accuracy": 1.2}, "baseline_accuracy"),
    ({"baseline_accuracy": 0.8, "power": 1.0}, "power"),
    ({"baseline_accuracy": 0.8, "relative_gain": 0}, "relative_gain"),
    ({"baseline_accuracy": 0.8, "discordant_fraction": 0.02}, "disagree on more than"),
])
def test_impossible_plans_are_explained(kwargs: dict, words: str) -> None:
    """Does an impossible request say which input is wrong instead of returning a nonsense size?"""
    with pytest.raises(ValueError, match=words):
        paired_sample_size(**kwargs)
