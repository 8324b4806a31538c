"""The experiment harness: metrics, bootstrap intervals, the 5 % rule, plug-in candidates, learning curves."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import f1_score

from course_lib.costs import Option, Workload
from course_lib.experiment.candidates import FunctionCandidate
from course_lib.experiment.harness import (
    Decision,
    Interval,
    bootstrap_ci,
    gain,
    learning_curve,
    meets_threshold,
    paired_difference,
    run_experiment,
    score,
)
from course_lib.prices import Price

TRUE = ["a", "a", "a", "b", "b", "c"]
PRED = ["a", "a", "b", "b", "c", "c"]


def fixed(name: str, answers: list[str]) -> FunctionCandidate:
    """A candidate that returns the given answers whatever it is asked."""
    return FunctionCandidate(name, lambda texts: answers[: len(texts)])


def test_accuracy_and_macro_f1_match_hand_computed_values() -> None:
    """Do accuracy and macro-F1 equal the values worked out by hand?"""
    assert score(TRUE, PRED) == pytest.approx(4 / 6)
    # per class F1: a = 2*2/(2*2+0+1) = 0.8; b = 2/(2+1+1) = 0.5; c = 2/(2+1+0) = 2/3
    assert score(TRUE, PRED, "macro_f1") == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)


def test_macro_f1_agrees_with_scikit_learn_on_random_labels() -> None:
    """Does our vectorised macro-F1 agree with scikit-learn's on messy data, including a never-predicted class?"""
    rng = np.random.default_rng(1)
    y_true = list(rng.choice(list("abcde"), 200))
    y_pred = list(rng.choice(list("abcd"), 200))  # 'e' is never predicted
    assert score(y_true, y_pred, "macro_f1") == pytest.approx(
        f1_score(y_true, y_pred, average="macro", zero_division=0))


def test_metric_errors_name_the_problem() -> None:
    """Are mismatched lengths, an empty set and an unknown metric refused with a clear message?"""
    with pytest.raises(ValueError, match="one prediction per item"):
        score(["a", "b"], ["a"])
    with pytest.raises(ValueError, match="empty"):
        score([], [])
    with pytest.raises(ValueError, match="metric must be one of"):
        score(TRUE, PRED, "recall")


def test_bootstrap_interval_of_a_perfect_classifier_is_a_point() -> None:
    """Is the interval [1, 1] when every prediction is right, whatever the resample?"""
    ci = bootstrap_ci(TRUE, TRUE, n_resamples=200)
    assert (ci.estimate, ci.low, ci.high) == (1.0, 1.0, 1.0)


def test_bootstrap_interval_width_matches_the_binomial_formula() -> None:
    """For 400 items at 80 % accuracy, is the 95 % interval about +-1.96 * sqrt(p(1-p)/n) wide?"""
    y_true = ["x"] * 400
    y_pred = ["x"] * 320 + ["y"] * 80
    ci = bootstrap_ci(y_true, y_pred, n_resamples=4000, seed=3)
    half_width = 1.96 * math.sqrt(0.8 * 0.2 / 400)  # 0.0392
    assert ci.estimate == pytest.approx(0.8)
    assert ci.low < 0.8 < ci.high
    assert (ci.high - ci.low) / 2 == pytest.approx(half_width, rel=0.15)


def test_paired_difference_of_identical_predictions_is_zero() -> None:
    """Does comparing a candidate with itself give exactly [0, 0]?"""
    d = paired_difference(TRUE, PRED, PRED, n_resamples=300)
    assert (d.estimate, d.low, d.high) == (0.0, 0.0, 0.0)


def test_paired_difference_counts_extra_correct_items() -> None:
    """If the candidate fixes 30 of 300 items and breaks none, is the gain 10 points with an interval above zero?"""
    y_true = ["a"] * 300
    base = ["a"] * 240 + ["b"] * 60
    cand = ["a"] * 270 + ["b"] * 30
    d = paired_difference(y_true, base, cand, n_resamples=2000, seed=0)
    assert d.estimate == pytest.approx(0.10)
    assert 0 < d.low < 0.10 < d.high
    # paired: narrower than the sum of the two separate half-widths
    a = bootstrap_ci(y_true, base, n_resamples=2000)
    b = bootstrap_ci(y_true, cand, n_resamples=2000)
    assert (d.high - d.low) < (a.high - a.low) + (b.high - b.low)


@pytest.mark.parametrize(
    ("baseline", "candidate", "rule", "expected"),
    [
        (0.80, 0.84, "relative", True),     # exactly 5 % better: counts ("at least")
        (0.80, 0.8399, "relative", False),  # just short
        (0.80, 0.85, "absolute", True),     # exactly 5 points
        (0.80, 0.8499, "absolute", False),
        (0.80, 0.84, "absolute", False),    # 5 % relative is only 4 points
        (0.20, 0.21, "relative", True),     # low baselines: 1 point is 5 %
        (0.0, 0.01, "relative", True),      # any gain over zero is infinitely relative
        (0.0, 0.0, "relative", False),
        (0.90, 0.85, "relative", False),    # worse never passes
    ],
)
def test_five_percent_rule_at_its_edges(baseline: float, candidate: float, rule: str, expected: bool) -> None:
    """Does the 5 % rule accept exactly-5 % gains and reject anything short, for both readings?"""
    assert meets_threshold(baseline, candidate, 0.05, rule) is expected


def test_gain_reports_both_readings() -> None:
    """Are relative and absolute gains computed as the lesson defines them?"""
    assert gain(0.80, 0.88) == pytest.approx(0.10)
    assert gain(0.80, 0.88, "absolute") == pytest.approx(0.08)
    with pytest.raises(ValueError, match="rule must be one of"):
        gain(0.8, 0.9, "percent")
    with pytest.raises(ValueError, match="threshold must be >= 0"):
        meets_threshold(0.8, 0.9, -0.1)


def test_decision_needs_the_interval_above_zero_when_asked() -> None:
    """Is a 6 % gain whose interval includes zero rejected, unless significance is not required?"""
    noisy = Interval(0.05, -0.01, 0.11)
    d = Decision("prompt", "tuned", "accuracy", 0.80, 0.85, 0.05, "relative", noisy)
    assert d.meets_threshold and not d.significant and not d.adopt
    relaxed = Decision("prompt", "tuned", "accuracy", 0.80, 0.85, 0.05, "relative", noisy, require_significance=False)
    assert relaxed.adopt
    assert "keep the baseline" in d.explain() and "adopt the candidate" in relaxed.explain()


def test_a_plugged_in_candidate_runs_through_the_harness() -> None:
    """Can a learner's own function be compared with no change to the harness, and is the table right?"""
    texts = [f"ticket {i}" for i in range(6)]

    def my_llm(batch: list[str]) -> list[str]:  # stands in for an API call
        return [PRED[int(t.split()[1])] for t in batch]

    result = run_experiment([fixed("baseline", ["a"] * 6), FunctionCandidate("my llm", my_llm)], texts, TRUE,
                            baseline="baseline", n_resamples=200)
    row = result.table.set_index("candidate").loc["my llm"]
    assert row["accuracy"] == pytest.approx(4 / 6)
    assert row["accuracy_low"] <= row["accuracy"] <= row["accuracy_high"]
    assert row["ms_per_query"] >= 0
    assert math.isnan(row["usd_per_1k_queries"])  # no cost_option given
    assert result.predictions["my llm"] == tuple(PRED)
    d = result.decision_for("my llm")
    assert d.baseline_score == pytest.approx(0.5) and d.relative_gain == pytest.approx(1 / 3)


def test_baseline_list_picks_the_best_prompting_arm() -> None:
    """Given several prompting arms, is the strongest one the baseline to beat?"""
    weak, strong = fixed("weak", ["c"] * 6), fixed("strong", ["a", "a", "a", "b", "b", "b"])
    result = run_experiment([weak, strong, fixed("tuned", TRUE)], list("uvwxyz"), TRUE,
                            baseline=["weak", "strong"], n_resamples=100)
    assert result.baseline == "strong"
    assert set(result.comparisons["candidate"]) == {"weak", "tuned"}


def test_cost_column_uses_the_cost_model() -> None:
    """Is the cost per 1,000 queries (prompt + input + output tokens) x price, as worked out by hand?"""
    price = Price("toy", "base", input=1.0, cached_input=float("nan"), output=2.0, training=float("nan"),
                  as_of="2026-11", source="test")
    option = Option("toy prompt", "toy", system_prompt_tokens=100, price=price)
    cand = FunctionCandidate("priced", lambda texts: ["a"] * len(texts), cost_option=option)
    result = run_experiment([cand], ["t"] * 6, TRUE, n_resamples=50,
                            workload=Workload(daily_requests=1000, input_tokens=50, output_tokens=10))
    # (100 + 50) input tokens x $1/M + 10 output x $2/M = $0.00017 per request
    assert result.table.loc[0, "usd_per_1k_queries"] == pytest.approx(0.17)
    assert result.table.loc[0, "one_off_usd"] == 0


def test_misbehaving_candidates_get_clear_errors() -> None:
    """Are a wrong number of predictions, a nameless candidate, duplicate names and an unknown baseline refused?"""
    with pytest.raises(ValueError, match="'short' returned 2 predictions for 6 texts"):
        run_experiment([fixed("short", ["a", "b"])], list("uvwxyz"), TRUE)

    class NoName:
        def predict(self, texts):
            return ["a"] * len(texts)

    with pytest.raises(TypeError, match="has no `name`"):
        run_experiment([NoName()], list("uvwxyz"), TRUE)
    with pytest.raises(ValueError, match="unique"):
        run_experiment([fixed("x", TRUE), fixed("x", TRUE)], list("uvwxyz"), TRUE)
    with pytest.raises(ValueError, match="not a candidate"):
        run_experiment([fixed("x", TRUE)], list("uvwxyz"), TRUE, baseline="prompting")


def test_learning_curve_summarises_repeats_and_bands() -> None:
    """Does the curve average the draws at each N, with a band around the mean?"""
    labels = ["a"] * 100

    def fit(texts: list[str], ys: list[str]) -> FunctionCandidate:
        # right on the first len(texts) items, wrong on the rest: accuracy = N / 100
        n = len(texts)
        return FunctionCandidate(f"N={n}", lambda batch: ["a"] * n + ["b"] * (len(batch) - n))

    def sample(n: int, repeat: int) -> tuple[list[str], list[str]]:
        return [f"x{i}" for i in range(n + repeat)], ["a"] * (n + repeat)

    curve = learning_curve(fit, sample, [10, 50], [f"t{i}" for i in range(100)], labels, repeats=3, n_resamples=300)
    assert len(curve.points) == 6
    summary = curve.summary.set_index("n")
    assert summary.loc[10, "mean"] == pytest.approx((0.10 + 0.11 + 0.12) / 3)
    assert summary.loc[50, "min"] == pytest.approx(0.50) and summary.loc[50, "max"] == pytest.approx(0.52)
    for n in (10, 50):
        assert summary.loc[n, "low"] <= summary.loc[n, "mean"] <= summary.loc[n, "high"]


def test_pairwise_differences_cover_every_pair() -> None:
    """Does the result give every pair's difference, consistent with the comparison against the baseline?"""
    result = run_experiment([fixed("p", ["a"] * 6), fixed("q", PRED), fixed("r", TRUE)], list("uvwxyz"), TRUE,
                            baseline="p", n_resamples=300)
    pairs = result.pairwise().set_index(["a", "b"])
    assert list(pairs.index) == [("p", "q"), ("p", "r"), ("q", "r")]
    assert pairs.loc[("q", "r"), "difference"] == pytest.approx(1 - 4 / 6)
    vs_baseline = result.comparisons.set_index("candidate")
    assert pairs.loc[("p", "r"), "low"] == pytest.approx(vs_baseline.loc["r", "diff_low"])
