"""The synthetic ticket data: deterministic, split by template, optional label noise."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from course_lib.experiment.tickets import LABELS, TEMPLATES, generate_tickets, sample_train, write_tickets


def test_same_seed_gives_the_same_tickets() -> None:
    """Is the generator deterministic per seed, and does another seed give other tickets?"""
    a, b = generate_tickets(seed=7), generate_tickets(seed=7)
    pd.testing.assert_frame_equal(a.train, b.train)
    pd.testing.assert_frame_equal(a.test, b.test)
    c = generate_tickets(seed=8)
    assert not a.test["text"].equals(c.test["text"])


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 11])
def test_no_template_is_shared_between_train_and_test(seed: int) -> None:
    """Does every test ticket come from a template no training ticket used (and no text repeat)?"""
    data = generate_tickets(seed=seed)
    assert not set(data.train["template_id"]) & set(data.test["template_id"])
    assert not set(data.train["text"]) & set(data.test["text"])
    for split in (data.train, data.test):
        assert split["text"].is_unique


def test_every_category_is_represented_in_both_splits() -> None:
    """Do both splits hold the requested number of tickets for each of the 5 categories?"""
    data = generate_tickets(seed=0, train_per_class=40, test_per_class=12)
    assert data.train["label"].value_counts().to_dict() == {c: 40 for c in LABELS}
    assert data.test["label"].value_counts().to_dict() == {c: 12 for c in LABELS}
    assert all(len(TEMPLATES[c]) >= 12 for c in LABELS)


def test_label_noise_flips_training_labels_only() -> None:
    """Does label noise change about the asked share of training labels, each to a different category, and no test label?"""
    clean, noisy = generate_tickets(seed=4), generate_tickets(seed=4, label_noise=0.3)
    pd.testing.assert_series_equal(clean.train["text"], noisy.train["text"])
    flipped = noisy.train["label"] != noisy.train["true_label"]
    assert 0.24 < flipped.mean() < 0.36
    assert (noisy.train.loc[flipped, "label"] != noisy.train.loc[flipped, "true_label"]).all()
    assert (noisy.test["label"] == noisy.test["true_label"]).all()
    assert (clean.train["label"] == clean.train["true_label"]).all()


def test_sample_train_is_balanced_and_checked() -> None:
    """Does sample_train draw N examples spread evenly over categories, and refuse impossible N?"""
    data = generate_tickets(seed=0)
    rows = sample_train(data, 50, seed=1)
    assert len(rows) == 50 and rows["label"].value_counts().to_dict() == {c: 10 for c in LABELS}
    assert rows.index.is_unique
    assert sample_train(data, 12, seed=1)["label"].value_counts().max() == 3
    with pytest.raises(ValueError, match="one example per category"):
        sample_train(data, 3)
    with pytest.raises(ValueError, match="train_per_class"):
        sample_train(data, 10_000)


def test_generator_refuses_bad_settings() -> None:
    """Are bad settings refused with the setting's name?"""
    with pytest.raises(ValueError, match="label_noise"):
        generate_tickets(label_noise=1.5)
    with pytest.raises(ValueError, match="train_per_class"):
        generate_tickets(train_per_class=0)
    with pytest.raises(ValueError, match="test_template_fraction"):
        generate_tickets(test_template_fraction=1.0)


def test_written_file_holds_both_splits(tmp_path: Path) -> None:
    """Can a learner open the written CSV and find every ticket with its split and label?"""
    data = generate_tickets(seed=2, label_noise=0.1)
    path = write_tickets(data, tmp_path / "tickets.csv")
    back = pd.read_csv(path)
    assert len(back) == len(data.train) + len(data.test)
    assert set(back["split"]) == {"train", "test"}
    assert list(back.columns) == ["id", "split", "text", "label", "true_label", "template_id"]
    assert back["text"].tolist() == data.to_frame()["text"].tolist()
