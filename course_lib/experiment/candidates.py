"""Candidates for the head-to-head test: anything with ``name`` and ``predict(texts)``.

Introduced in ``notebooks/03_empirical_test.ipynb``. Three offline arms run on the
CPU over frozen MiniLM embeddings:

- :class:`ZeroShot` ("instructions only"): each ticket goes to the category whose
  description it is closest to; no labelled examples at all.
- :class:`FewShot`: each category is the average of its description and ``k``
  labelled examples, the way a few-shot prompt shows k examples per class.
- :class:`TrainedHead` (the "fine-tuning" arm): a logistic-regression classifier
  trained on N labelled examples.

The first two stand in for prompting an LLM; they are not an LLM. Wrap any other
function, for example one that calls a real LLM API, with :class:`FunctionCandidate`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:  # only for type hints; the harness never needs these at import time
    from course_lib.costs import Option
    from course_lib.experiment.embed import Embedder


@runtime_checkable
class Candidate(Protocol):
    """What the harness needs: a name and ``predict(texts) -> labels`` (one label per text).

    A candidate may also have ``cost_option`` (a :class:`course_lib.costs.Option`) so
    the harness can price 1,000 queries.
    """

    name: str

    def predict(self, texts: Sequence[str]) -> Sequence[str]: ...


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.clip(np.linalg.norm(rows, axis=-1, keepdims=True), 1e-12, None)


@dataclass
class FunctionCandidate:
    """Any function ``texts -> labels`` as a candidate (e.g. a call to a real LLM API).

    Args:
        name: shown in the results table.
        fn: takes a list of texts, returns one label per text.
        cost_option: what serving it costs, for the cost column (optional).
    """

    name: str
    fn: Callable[[list[str]], Sequence[str]]
    cost_option: Option | None = None

    def predict(self, texts: Sequence[str]) -> list[str]:
        return list(self.fn(list(texts)))


@dataclass
class _PrototypeClassifier:
    """Nearest prototype by cosine similarity: the shared core of the prompt-style arms."""

    name: str
    embedder: Embedder
    labels: tuple[str, ...] = ()
    prototypes: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    cost_option: Option | None = None
    examples: tuple[str, ...] = ()  # the labelled examples "shown in the prompt" (few-shot)

    def predict(self, texts: Sequence[str]) -> list[str]:
        scores = self.embedder.embed(list(texts)) @ self.prototypes.T
        return [self.labels[i] for i in scores.argmax(axis=1)]


def ZeroShot(  # noqa: N802 - reads as a class at the call site
    embedder: Embedder,
    descriptions: dict[str, str],
    name: str = "zero-shot (instructions only)",
    cost_option: Option | None = None,
) -> _PrototypeClassifier:
    """The "instructions only" arm: match each text to the closest category description.

    Args:
        embedder: the sentence embedder.
        descriptions: category -> a one-sentence description (the "prompt").
        name: shown in the results table.
        cost_option: what the prompted LLM it stands for would cost (optional).

    Returns:
        A candidate.
    """
    if not descriptions:
        raise ValueError("descriptions is empty: give one description per category.")
    labels = tuple(descriptions)
    prototypes = embedder.embed([descriptions[c] for c in labels])
    return _PrototypeClassifier(name, embedder, labels, prototypes, cost_option)


def FewShot(  # noqa: N802
    embedder: Embedder,
    descriptions: dict[str, str],
    texts: Sequence[str],
    labels: Sequence[str],
    k: int,
    seed: int = 0,
    name: str | None = None,
    cost_option: Option | None = None,
) -> _PrototypeClassifier:
    """The few-shot arm: each category's prototype joins its description with the centre of k examples.

    Args:
        embedder: the sentence embedder.
        descriptions: category -> description.
        texts, labels: the labelled pool to take examples from.
        k: examples per category (0 gives the zero-shot arm).
        seed: which examples are drawn.
        name: shown in the results table; default ``few-shot (k=..)``.
        cost_option: what the prompted LLM it stands for would cost (optional).

    Returns:
        A candidate.
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
        raise ValueError(f"k must be a whole number >= 0 (examples per category), got {k!r}.")
    if len(texts) != len(labels):
        raise ValueError(f"texts ({len(texts)}) and labels ({len(labels)}) must have the same length.")
    cats = tuple(descriptions)
    rng = np.random.default_rng([seed, k])
    label_array = np.asarray(labels, dtype=object)
    chosen: list[int] = []
    for c in cats:
        pool = np.flatnonzero(label_array == c)
        chosen.extend(rng.choice(pool, size=min(k, len(pool)), replace=False).tolist())
    example_vectors = embedder.embed([texts[i] for i in chosen]) if chosen else np.zeros((0, 1))
    description_vectors = embedder.embed([descriptions[c] for c in cats])
    chosen_labels = label_array[chosen] if chosen else np.array([], dtype=object)
    prototypes = []
    for row, c in enumerate(cats):
        members = example_vectors[chosen_labels == c]
        # Half the weight on the instruction, half on the examples' centre: the examples
        # refine the description instead of drowning it (k=1 would otherwise lose to k=0).
        prototype = description_vectors[row] + (_unit(members.mean(axis=0)) if len(members) else 0)
        prototypes.append(prototype)
    return _PrototypeClassifier(name or f"few-shot (k={k})", embedder, cats, _unit(np.array(prototypes)),
                                cost_option, tuple(texts[i] for i in chosen))


@dataclass
class TrainedHead:
    """The "fine-tuning" arm: logistic regression on frozen embeddings of N labelled examples.

    Args:
        embedder: the sentence embedder.
        texts, labels: the training examples.
        name: shown in the results table; default ``trained (N=..)``.
        c: inverse regularisation strength of the logistic regression.
        cost_option: what the fine-tuned LLM it stands for would cost (optional).
    """

    embedder: Embedder
    texts: Sequence[str]
    labels: Sequence[str]
    name: str = ""
    c: float = 1.0
    cost_option: Option | None = None
    model: Any = None

    def __post_init__(self) -> None:
        from sklearn.linear_model import LogisticRegression

        if len(self.texts) != len(self.labels):
            raise ValueError(f"texts ({len(self.texts)}) and labels ({len(self.labels)}) must have the same length.")
        if len(set(self.labels)) < 2:
            raise ValueError("The training examples need at least two different labels.")
        self.name = self.name or f"trained (N={len(self.texts)})"
        self.model = LogisticRegression(C=self.c, max_iter=1000)
        self.model.fit(self.embedder.embed(list(self.texts)), np.asarray(self.labels, dtype=object))

    def predict(self, texts: Sequence[str]) -> list[str]:
        return list(self.model.predict(self.embedder.embed(list(texts))))
