"""The reader: take the answer from the retrieved passages, and the retrieval candidates built on it.

Introduced in ``notebooks/03b_knowledge_lab.ipynb``. The reader stands in for an LLM
reading its context. It looks only at the sentences of the retrieved chunks that
carry a value (a price, a number of days or years, "discontinued"), picks the one
closest to the question (cosine of the embeddings plus the share of the question's
words it contains) and returns that value. It cannot answer from a passage it was
not given, so its mistakes are retrieval's mistakes or the pick of the wrong
sentence among those it was given. A real LLM would also paraphrase, combine
passages and sometimes answer from memory instead of the context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from course_lib.knowledge.index import Hit, KnowledgeIndex
from course_lib.knowledge.kb import VALUE_PATTERN
from course_lib.knowledge.retrieval import tokenize

if TYPE_CHECKING:
    from course_lib.costs import Option

#: What the reader answers when no retrieved sentence carries a value.
NO_ANSWER = "(no answer in the passages)"
#: Weight of word overlap against cosine when the reader picks a sentence.
OVERLAP_WEIGHT = 0.5


@dataclass(frozen=True)
class Answer:
    """The reader's answer, the sentence it came from and that sentence's chunk."""

    value: str
    sentence: str
    chunk_id: str
    score: float


def read(question: str, hits: Sequence[Hit], index: KnowledgeIndex,
         query_vector: np.ndarray | None = None) -> Answer:
    """Answer a question from retrieved chunks only.

    Args:
        question: the question.
        hits: the retrieved chunks (from :meth:`KnowledgeIndex.search`).
        index: the index the hits came from (it holds the sentence vectors).
        query_vector: the question's embedding, if already computed.

    Returns:
        An :class:`Answer`; its value is :data:`NO_ANSWER` when no sentence carries one.
    """
    if query_vector is None:
        query_vector = index.embedder.embed([question])[0]
    words = set(tokenize(question))
    best = Answer(NO_ANSWER, "", "", -np.inf)
    for hit in hits:
        for sentence in hit.chunk.sentences:
            match = VALUE_PATTERN.search(sentence)
            if match is None:
                continue
            overlap = len(words & set(tokenize(sentence))) / max(1, len(words))
            score = float(index.sentence_vectors[sentence] @ query_vector) + OVERLAP_WEIGHT * overlap
            if score > best.score:
                best = Answer(match.group(0), sentence, hit.chunk.chunk_id, score)
    return best


@dataclass
class RetrievalReader:
    """A retrieval candidate for the harness: search the index, then read the top ``k`` chunks.

    Args:
        index: the knowledge index (switch ``index`` to change what it knows).
        method: ``"dense"``, ``"lexical"`` or ``"fused"``.
        k: chunks put in front of the reader.
        name: shown in the results table; default ``RAG (<method>, k=<k>)``.
        cost_option: what the LLM set-up it stands for would cost (optional).
    """

    index: KnowledgeIndex
    method: str = "fused"
    k: int = 3
    name: str = ""
    cost_option: Option | None = None

    def __post_init__(self) -> None:
        self.name = self.name or f"RAG ({self.method}, k={self.k})"

    def answer(self, question: str, query_vector: np.ndarray | None = None) -> tuple[Answer, list[Hit]]:
        """The answer to one question and the hits it was read from."""
        if query_vector is None:
            query_vector = self.index.embedder.embed([question])[0]
        hits = self.index.search(question, self.k, self.method, query_vector)
        return read(question, hits, self.index, query_vector), hits

    def predict(self, texts: Sequence[str]) -> list[str]:
        vectors = self.index.embedder.embed(list(texts))
        return [self.answer(t, v)[0].value for t, v in zip(texts, vectors)]
