"""The lesson-03 study in one call: ticket data, the three arms, the learning curve and the decision.

Introduced in ``notebooks/03_empirical_test.ipynb``; the lesson's widgets call
:func:`run_study` with the learner's settings. Pure: no widgets, no plotting.

Costs: the offline arms cost nothing to run, so each is priced as the LLM set-up it
stands for, with today's list prices from :mod:`course_lib.prices`: the prompt-style
arms as a prompted base model whose prompt holds the category descriptions (and,
few-shot, the k examples per category); the trained arm as the same model
fine-tuned, with a one-line prompt and a training run on the N examples. Token
counts come from the MiniLM tokenizer, a rough stand-in for the LLM's own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import numpy as np
import pandas as pd

from course_lib.experiment.candidates import FewShot, TrainedHead, ZeroShot
from course_lib.experiment.harness import Decision, ExperimentResult, LearningCurve, learning_curve, run_experiment
from course_lib.experiment.tickets import LABEL_DESCRIPTIONS, TicketDataset, generate_tickets, sample_train, write_tickets

if TYPE_CHECKING:
    from course_lib.experiment.embed import Embedder

#: The instruction a fine-tuned model still gets; about 10 tokens.
FINE_TUNED_PROMPT = "Classify this support ticket into its category."
#: A label is a word or two; about 3 output tokens.
OUTPUT_TOKENS = 3
ZERO_SHOT = "zero-shot (instructions only)"


@dataclass(frozen=True)
class StudyConfig:
    """Settings of one run; every one is a widget in the lesson.

    Args:
        seed: data set, example draws and bootstrap.
        label_noise: share of training labels flipped (0 = clean).
        k: examples per category in the few-shot arm.
        n: labelled examples for the trained arm in the head-to-head table.
        sizes: the learning curve's training-set sizes.
        repeats: draws of the training set per size.
        n_resamples: bootstrap resamples (kept small so the lesson stays fast).
        model: the LLM whose prices the cost column uses (a row of the price table).
        daily_requests: volume for the cost column (cost per 1,000 queries does not
            depend on it, but the workload needs one).
        threshold, rule: the 5 % rule.
    """

    seed: int = 0
    label_noise: float = 0.0
    k: int = 5
    n: int = 500
    sizes: tuple[int, ...] = (10, 50, 100, 500)
    repeats: int = 3
    n_resamples: int = 1000
    model: str = "gpt-4o-mini"
    daily_requests: int = 10_000
    threshold: float = 0.05
    rule: str = "relative"
    train_per_class: int = 120
    test_per_class: int = 60


@dataclass(frozen=True)
class StudyResult:
    """What one :func:`run_study` produced, plus the time each stage took (seconds)."""

    config: StudyConfig
    dataset: TicketDataset
    data_path: Path | None
    experiment: ExperimentResult
    curve: LearningCurve
    baseline_scores: dict[str, float]
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def decision(self) -> Decision:
        """The trained arm against the best prompt-style arm."""
        return self.experiment.decision_for(f"trained (N={self.config.n})")


class Laps:
    """Seconds per stage of a run: call ``lap(stage)`` at the end of each stage; read ``timings``."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._clock = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = now - self._clock
        self._clock = now


def cost_options(embedder: Embedder, k: int, n: int, model: str = "gpt-4o-mini",
                 mean_ticket_tokens: float = 25.0) -> dict[str, object]:
    """The LLM set-up each arm stands for, as :class:`course_lib.costs.Option` objects.

    Args:
        embedder: used to count prompt tokens.
        k: few-shot examples per category.
        n: training examples of the trained arm.
        model: a model in the price table that offers fine-tuning.
        mean_ticket_tokens: tokens in a typical ticket (for the few-shot prompt and training).

    Returns:
        ``{"zero-shot": Option, "few-shot": Option, "trained": Option}``.
    """
    from course_lib.costs import Option, Training

    instructions = "Classify the support ticket into exactly one category.\n" + "\n".join(LABEL_DESCRIPTIONS.values())
    instruction_tokens = embedder.count_tokens(instructions)
    few_shot_tokens = instruction_tokens + len(LABEL_DESCRIPTIONS) * k * (mean_ticket_tokens + OUTPUT_TOKENS + 2)
    tuned_tokens = embedder.count_tokens(FINE_TUNED_PROMPT)
    per_example = tuned_tokens + mean_ticket_tokens + OUTPUT_TOKENS
    return {
        "zero-shot": Option("prompted (zero-shot)", model, system_prompt_tokens=instruction_tokens),
        "few-shot": Option(f"prompted (few-shot, k={k})", model, system_prompt_tokens=few_shot_tokens),
        "trained": Option(f"fine-tuned (N={n})", model, fine_tuned=True, system_prompt_tokens=tuned_tokens,
                          training=Training(examples=n, tokens_per_example=int(round(per_example)), epochs=3)),
    }


# The stages of run_study, in order, as a progress callback names them.
STUDY_STAGES: tuple[str, ...] = ("load model", "generate data", "embed", "head-to-head", "learning curve")


def run_study(config: StudyConfig = StudyConfig(), embedder: Embedder | None = None,
              write_data: bool = True, progress: Callable[[str, int], None] | None = None) -> StudyResult:
    """Generate the data, embed it once, and run the baselines, the learning curve and the head-to-head.

    Args:
        config: the settings.
        embedder: default: the shared :func:`course_lib.experiment.embed.get_embedder`.
        write_data: also write the data set to a CSV file (path in ``data_path``).
        progress: called as ``progress(stage, done)`` when each of :data:`STUDY_STAGES` ends
            (``done`` counts the stages finished so far), e.g. to move a progress bar.

    Returns:
        A :class:`StudyResult`.
    """
    from course_lib.costs import Workload
    from course_lib.experiment.embed import get_embedder

    laps = Laps()
    timings = laps.timings

    def lap(stage: str) -> None:
        laps.lap(stage)
        if progress is not None:
            progress(stage, len(timings))
    embedder = embedder or get_embedder()
    lap("load model")
    data = generate_tickets(config.seed, config.train_per_class, config.test_per_class,
                            label_noise=config.label_noise)
    path = write_tickets(data) if write_data else None
    lap("generate data")
    train_texts, train_labels = list(data.train["text"]), list(data.train["label"])
    test_texts, test_labels = list(data.test["text"]), list(data.test["label"])
    embedder.embed(train_texts + test_texts + list(LABEL_DESCRIPTIONS.values()))  # once; cached after
    lap("embed")

    mean_tokens = float(np.mean([embedder.count_tokens(t) for t in test_texts[:100]]))
    options = cost_options(embedder, config.k, config.n, config.model, mean_tokens)
    workload = Workload(config.daily_requests, mean_tokens, OUTPUT_TOKENS)
    zero = ZeroShot(embedder, LABEL_DESCRIPTIONS, name=ZERO_SHOT, cost_option=options["zero-shot"])
    few = FewShot(embedder, LABEL_DESCRIPTIONS, train_texts, train_labels, config.k, seed=config.seed,
                  cost_option=options["few-shot"])
    chosen = sample_train(data, config.n, seed=config.seed)
    trained = TrainedHead(embedder, list(chosen["text"]), list(chosen["label"]), cost_option=options["trained"])
    experiment = run_experiment(
        [zero, few, trained], test_texts, test_labels, baseline=[zero.name, few.name],
        threshold=config.threshold, rule=config.rule, n_resamples=config.n_resamples, seed=config.seed,
        workload=workload,
    )
    lap("head-to-head")

    def sample(n: int, repeat: int) -> tuple[list[str], list[str]]:
        rows = sample_train(data, n, seed=config.seed * 1000 + repeat)
        return list(rows["text"]), list(rows["label"])

    curve = learning_curve(lambda t, y: TrainedHead(embedder, t, y), sample, config.sizes, test_texts, test_labels,
                           repeats=config.repeats, n_resamples=config.n_resamples, seed=config.seed)
    lap("learning curve")
    baselines = dict(zip(experiment.table["candidate"], experiment.table["accuracy"]))
    baselines = {name: baselines[name] for name in (zero.name, few.name)}
    return StudyResult(config, data, path, experiment, curve, baselines, timings)


def compare_to_prompting(curve: LearningCurve, baseline_score: float) -> pd.DataFrame:
    """For each N: does the trained arm lose to, match, or beat the best prompt-style arm?

    "Loses" when the whole 95 % band lies below the baseline, "wins" when it lies
    above, "matches" when the band contains it.

    Args:
        curve: the learning curve.
        baseline_score: the best prompt-style arm's score on the same metric.

    Returns:
        One row per N: ``n``, ``mean``, ``low``, ``high``, ``baseline`` and ``verdict``.
    """
    s = curve.summary[["n", "mean", "low", "high"]].copy()
    s["baseline"] = baseline_score
    s["verdict"] = ["loses" if hi < baseline_score else "wins" if lo > baseline_score else "matches"
                    for lo, hi in zip(s["low"], s["high"])]
    return s
