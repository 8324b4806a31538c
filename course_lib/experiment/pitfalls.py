"""Small, offline demonstrations of the common fine-tuning mistakes (lesson 04).

Introduced in ``notebooks/04_hybrid_and_pitfalls.ipynb``. Both run in about a
second on the lesson-03 ticket data and its cached embeddings. They are analogies
on a small classifier, not LLM experiments; the lesson pairs each with research
results on real LLMs.

- :func:`forgetting_demo`: a classifier that knows all five categories is trained
  further on two of them only. It gets better at those two and loses the others:
  catastrophic forgetting in miniature, caught only by a held-out set of the
  *other* tasks. Mixing old examples back in ("replay") limits the damage.
- :func:`new_category_demo`: the business adds a category. The prompt-style arm
  handles it as soon as its description is added; the trained arm cannot predict a
  label it never saw until it is relabelled and retrained: knowledge that changes
  belongs in the prompt or the retrieval index, not in the weights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from course_lib.experiment.candidates import TrainedHead, ZeroShot
from course_lib.experiment.tickets import LABEL_DESCRIPTIONS, TicketDataset, sample_train

if TYPE_CHECKING:
    from course_lib.experiment.embed import Embedder


def forgetting_demo(
    embedder: Embedder,
    data: TicketDataset,
    narrow: Sequence[str] = ("billing", "returns"),
    epochs: int = 10,
    replay: float = 0.0,
    seed: int = 0,
    warmup_epochs: int = 5,
) -> pd.DataFrame:
    """Train on all categories, then keep training on ``narrow`` ones only; track both kinds of accuracy.

    Args:
        embedder: the sentence embedder.
        data: the ticket data (train for training, test for scoring).
        narrow: the categories of the narrow "fine-tuning" task.
        epochs: passes over the narrow data after the general training.
        replay: old examples from the other categories mixed into each narrow pass,
            as a share of the narrow examples (0 = none, 1 = as many).
        seed: shuffling.
        warmup_epochs: passes over all categories before the narrow training.

    Returns:
        One row per epoch (0 = before the narrow training) with ``narrow_accuracy``
        (held-out tickets of the narrow categories) and ``general_accuracy`` (the
        other categories: the "hold-out set of general tasks").
    """
    from sklearn.linear_model import SGDClassifier

    unknown = [c for c in narrow if c not in data.labels]
    if unknown or not narrow:
        raise ValueError(f"narrow must be a non-empty subset of {data.labels}; unknown: {unknown}.")
    if len(narrow) >= len(data.labels):
        raise ValueError("narrow must leave at least one category out, or nothing can be forgotten.")
    if not 0 <= replay <= 5:
        raise ValueError(f"replay must be between 0 and 5 (share of the narrow examples), got {replay!r}.")
    rng = np.random.default_rng(seed)
    x_train = embedder.embed(list(data.train["text"]))
    y_train = data.train["label"].to_numpy(dtype=object)
    x_test = embedder.embed(list(data.test["text"]))
    y_test = data.test["label"].to_numpy(dtype=object)
    model = SGDClassifier(loss="log_loss", alpha=1e-4, learning_rate="constant", eta0=0.05, random_state=seed)
    classes = np.array(data.labels, dtype=object)
    for _ in range(warmup_epochs):
        order = rng.permutation(len(x_train))
        model.partial_fit(x_train[order], y_train[order], classes=classes)
    in_narrow_test = np.isin(y_test, list(narrow))
    in_narrow_train = np.isin(y_train, list(narrow))
    narrow_rows, other_rows = np.flatnonzero(in_narrow_train), np.flatnonzero(~in_narrow_train)
    n_replay = min(len(other_rows), int(round(replay * len(narrow_rows))))

    def scores(epoch: int) -> dict[str, float]:
        predicted = model.predict(x_test)
        return {"epoch": epoch, "replay": replay,
                "narrow_accuracy": float(np.mean(predicted[in_narrow_test] == y_test[in_narrow_test])),
                "general_accuracy": float(np.mean(predicted[~in_narrow_test] == y_test[~in_narrow_test]))}

    rows = [scores(0)]
    for epoch in range(1, epochs + 1):
        batch = narrow_rows
        if n_replay:
            batch = np.concatenate([batch, rng.choice(other_rows, size=n_replay, replace=False)])
        batch = rng.permutation(batch)
        model.partial_fit(x_train[batch], y_train[batch])
        rows.append(scores(epoch))
    return pd.DataFrame(rows)


def new_category_demo(
    embedder: Embedder,
    data: TicketDataset,
    new_label: str = "returns",
    n: int = 400,
    seed: int = 0,
) -> pd.DataFrame:
    """A category is added after training: compare a trained model with a prompt-style one.

    Args:
        embedder: the sentence embedder.
        data: the ticket data.
        new_label: the category that did not exist when the model was trained.
        n: training examples of the trained arm (from the old categories only).
        seed: which examples.

    Returns:
        One row per arm with accuracy on the new category's tickets, on the old ones,
        and what it takes to handle the new category.
    """
    if new_label not in data.labels:
        raise ValueError(f"new_label must be one of {data.labels}, got {new_label!r}.")
    old_labels = [c for c in data.labels if c != new_label]
    old_train = data.train[data.train["label"] != new_label]
    old_data = TicketDataset(old_train.reset_index(drop=True), data.test, data.seed, data.label_noise,
                             tuple(old_labels))
    chosen = sample_train(old_data, min(n, len(old_train)), seed=seed)
    trained = TrainedHead(embedder, list(chosen["text"]), list(chosen["label"]),
                          name="trained before the change")
    zero_old = ZeroShot(embedder, {c: LABEL_DESCRIPTIONS[c] for c in old_labels},
                        name="prompt-style, old instructions")
    zero_new = ZeroShot(embedder, {c: LABEL_DESCRIPTIONS[c] for c in data.labels},
                        name="prompt-style, one description added")
    texts = list(data.test["text"])
    truth = data.test["label"].to_numpy(dtype=object)
    is_new = truth == new_label
    rows = []
    fixes = ("label examples of the new category and retrain", "add one sentence to the instructions",
             "nothing more: done")
    for arm, fix in zip((trained, zero_old, zero_new), fixes):
        predicted = np.asarray(arm.predict(texts), dtype=object)
        rows.append({"arm": arm.name,
                     "accuracy_new_category": float(np.mean(predicted[is_new] == truth[is_new])),
                     "accuracy_old_categories": float(np.mean(predicted[~is_new] == truth[~is_new])),
                     "to handle the new category": fix})
    return pd.DataFrame(rows)
