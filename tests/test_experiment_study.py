"""The lesson-level pieces: the offline arms, the study, the pitfall demonstrations, the figures and the explorer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from course_lib.experiment.candidates import FewShot, TrainedHead, ZeroShot
from course_lib.experiment.embed import Embedder
from course_lib.experiment.harness import LearningCurve
from course_lib.experiment.pitfalls import forgetting_demo, new_category_demo
from course_lib.experiment.study import STUDY_STAGES, StudyConfig, compare_to_prompting, run_study
from course_lib.experiment.tickets import LABEL_DESCRIPTIONS, LABELS, generate_tickets
from course_lib.views.experiment_views import (
    ExperimentExplorer,
    comparison_figure,
    difference_figure,
    forgetting_figure,
    learning_curve_figure,
    results_table,
)

# One small data set for every test here, so its ~210 tickets are embedded once per run.
SEED, TRAIN, TEST = 3, 30, 12
SMALL = StudyConfig(seed=SEED, n=50, sizes=(10, 50), repeats=2, n_resamples=200, train_per_class=TRAIN,
                    test_per_class=TEST)


@pytest.fixture(scope="module")
def data():
    return generate_tickets(seed=SEED, train_per_class=TRAIN, test_per_class=TEST)


@pytest.fixture(scope="module")
def study(embedder: Embedder) -> object:
    return run_study(SMALL, embedder=embedder, write_data=False)


def test_offline_arms_beat_chance_and_the_trained_arm_learns(embedder: Embedder, data) -> None:
    """Do all three arms predict valid labels well above chance (20 %) on unseen phrasings?"""
    texts, truth = list(data.test["text"]), np.array(data.test["label"])
    arms = [
        ZeroShot(embedder, LABEL_DESCRIPTIONS),
        FewShot(embedder, LABEL_DESCRIPTIONS, list(data.train["text"]), list(data.train["label"]), k=3),
        TrainedHead(embedder, list(data.train["text"]), list(data.train["label"])),
    ]
    for arm in arms:
        predicted = np.array(arm.predict(texts))
        assert set(predicted) <= set(LABELS)
        assert (predicted == truth).mean() > 0.6, arm.name
    assert len(arms[1].examples) == 3 * len(LABELS)


def test_few_shot_with_k_zero_is_the_zero_shot_arm(embedder: Embedder, data) -> None:
    """Does few-shot with no examples predict exactly what zero-shot predicts?"""
    texts = list(data.test["text"])
    few = FewShot(embedder, LABEL_DESCRIPTIONS, list(data.train["text"]), list(data.train["label"]), k=0)
    assert few.predict(texts) == ZeroShot(embedder, LABEL_DESCRIPTIONS).predict(texts)
    with pytest.raises(ValueError, match="k must be"):
        FewShot(embedder, LABEL_DESCRIPTIONS, [], [], k=-1)


def test_study_compares_the_trained_arm_with_the_best_prompt(study) -> None:
    """Does the study score three arms, compare the trained one with the better prompt-style arm, and time each stage?"""
    table = study.experiment.table.set_index("candidate")
    assert len(table) == 3 and "trained (N=50)" in table.index
    assert study.experiment.baseline == max(study.baseline_scores, key=study.baseline_scores.get)
    assert study.decision.candidate == "trained (N=50)"
    assert (table["usd_per_1k_queries"] > 0).all()
    # the few-shot prompt carries examples, so it costs more per query than the zero-shot one
    assert table.loc["few-shot (k=5)", "usd_per_1k_queries"] > table.loc["zero-shot (instructions only)", "usd_per_1k_queries"]
    assert table.loc["trained (N=50)", "one_off_usd"] > 0
    assert set(study.timings) == {"load model", "generate data", "embed", "head-to-head", "learning curve"}
    assert list(study.curve.summary["n"]) == [10, 50]


def test_compare_to_prompting_reads_the_band() -> None:
    """Is a band wholly below the baseline 'loses', one containing it 'matches', one above it 'wins'?"""
    summary = pd.DataFrame({"n": [10, 50, 500], "mean": [0.6, 0.8, 0.95], "low": [0.55, 0.75, 0.9],
                            "high": [0.65, 0.85, 0.97], "min": [0.6, 0.8, 0.95], "max": [0.6, 0.8, 0.95]})
    curve = LearningCurve(pd.DataFrame(columns=["n", "repeat", "accuracy", "macro_f1"]), summary, "accuracy")
    assert list(compare_to_prompting(curve, 0.83)["verdict"]) == ["loses", "matches", "wins"]


def test_narrow_training_forgets_and_replay_limits_it(embedder: Embedder, data) -> None:
    """Does training on two categories only erode the other three, and does replay keep more of them?"""
    plain = forgetting_demo(embedder, data, narrow=("billing", "returns"), epochs=8)
    replayed = forgetting_demo(embedder, data, narrow=("billing", "returns"), epochs=8, replay=1.0)
    assert plain["general_accuracy"].iloc[-1] < plain["general_accuracy"].iloc[0] - 0.2
    assert plain["narrow_accuracy"].iloc[-1] >= plain["narrow_accuracy"].iloc[0]
    assert replayed["general_accuracy"].iloc[-1] > plain["general_accuracy"].iloc[-1] + 0.2
    with pytest.raises(ValueError, match="subset"):
        forgetting_demo(embedder, data, narrow=("refunds",))
    fig = forgetting_figure(pd.concat([plain, replayed]))
    assert isinstance(fig, go.Figure) and len(fig.data) == 4


def test_a_new_category_defeats_the_trained_model_but_not_the_prompt(embedder: Embedder, data) -> None:
    """After a category is added, does the trained model score zero on it while the updated prompt handles it?"""
    table = new_category_demo(embedder, data, new_label="returns", n=100).set_index("arm")
    assert table.loc["trained before the change", "accuracy_new_category"] == 0
    assert table.loc["prompt-style, one description added", "accuracy_new_category"] > 0.5


def test_figures_show_what_the_results_hold(study) -> None:
    """Do the figures carry one band, mean and draw trace per curve, a line per baseline and the right error bars?"""
    fig = learning_curve_figure({"clean": study.curve, "again": study.curve}, study.baseline_scores)
    assert isinstance(fig, go.Figure) and len(fig.data) == 6
    assert len(fig.layout.shapes) == len(study.baseline_scores)
    assert fig.layout.xaxis.type == "log"
    comp = comparison_figure(study.experiment)
    table = study.experiment.table.sort_values("accuracy")
    np.testing.assert_allclose(comp.data[0].error_x.array, table["accuracy_high"] - table["accuracy"])
    diff = difference_figure(study.experiment)
    decision = study.experiment.decisions[0]
    assert diff.data[1].x[0] == pytest.approx(decision.threshold * decision.baseline_score * 100)
    readable = results_table(study.experiment)
    assert readable["accuracy [95 % CI]"].str.match(r"^\d\.\d{3} \[\d\.\d{3}, \d\.\d{3}\]$").all()


def test_explorer_reruns_with_the_new_settings(embedder: Embedder, monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    """Does changing the noise and clicking Run rerun the study with that noise and redraw the chart?"""
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    explorer = ExperimentExplorer(SMALL, embedder=embedder, run_now=False)
    assert explorer.result is None and len(explorer.figure.data) == 0
    explorer.controls["label_noise"].value = 0.2
    explorer.controls["k"].value = 2
    explorer.button.click()
    assert explorer.result is not None
    assert explorer.result.config.label_noise == 0.2 and explorer.result.config.k == 2
    assert "Decision" in explorer.summary.value and "few-shot (k=2)" in explorer.table.value
    assert len(explorer.figure.data) == 3
    assert list(tmp_path.glob("data/tickets-seed3-noise0.20.csv"))  # the learner can open the data
    assert explorer.progress.value == explorer.progress.max  # every stage of the run was reported
    assert "done in" in explorer.status.value


@pytest.mark.parametrize("typed, why", [("abc", "not a number"), ("-50", "below the smallest allowed value, 0"),
                                        ("999999", "above the largest allowed value, 10,000"),
                                        ("2.5", "not a whole number")])
def test_explorer_seed_box_refuses_what_is_not_a_seed(embedder: Embedder, typed: str, why: str) -> None:
    """Is a seed that is not a whole number in range refused beside the box, keeping the old seed?"""
    explorer = ExperimentExplorer(SMALL, embedder=embedder, run_now=False)
    explorer.controls["seed"].text.value = typed
    assert why in explorer.controls["seed"].message.value and f"kept {SMALL.seed}" in explorer.controls["seed"].message.value
    assert explorer.settings().seed == SMALL.seed


def test_run_study_reports_each_stage(embedder: Embedder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Does run_study tell a progress callback about every stage, in order?"""
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    seen: list[tuple[str, int]] = []
    run_study(SMALL, embedder=embedder, write_data=False, progress=lambda stage, done: seen.append((stage, done)))
    assert seen == [(stage, i) for i, stage in enumerate(STUDY_STAGES, 1)]


def test_explorer_reports_a_refused_setting(embedder: Embedder, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:
    """Is a setting the study refuses shown in the status line, with the previous result cleared, not crashing?"""
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    explorer = ExperimentExplorer(SMALL, embedder=embedder, run_now=False)
    explorer.button.click()
    assert explorer.result is not None and explorer.table.value
    explorer.config = replace(SMALL, sizes=(10, 50, 500))  # more than the 150 training tickets of this data set
    explorer.button.click()
    assert explorer.result is None
    assert "train_per_class" in explorer.status.value
    assert not explorer.button.disabled
    # the previous run's answer is gone, not left beside the error
    assert explorer.summary.value == "" and explorer.table.value == "" and len(explorer.figure.data) == 0


def test_cli_refuses_a_bad_setting_with_its_name(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Does `course experiment --noise 2` stop with exit code 2 and a message naming the setting?"""
    from course_lib.cli import main

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    assert main(["experiment", "--noise", "2"]) == 2
    assert "label_noise must be a share between 0 and 0.9" in capsys.readouterr().out
