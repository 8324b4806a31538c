"""The knowledge index: dense vectors and BM25 over chunks, searched alone or fused, updated per document.

Introduced in ``notebooks/03b_knowledge_lab.ipynb``. The dense side is an exact
numpy scan over unit vectors (cosine = dot product); at a few hundred chunks that
takes microseconds, and exact means no recall is lost to an approximate index.
:meth:`KnowledgeIndex.update` compares each document with the indexed one and
re-chunks and re-embeds only the documents whose text changed: the other rows of
the vector matrix are kept as they are. Sentences are embedded too, for the reader.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from course_lib.knowledge.kb import Document
from course_lib.knowledge.retrieval import BM25, Chunk, chunk_document, rank, reciprocal_rank_fusion, tokenize

if TYPE_CHECKING:
    from course_lib.experiment.embed import Embedder

METHODS: tuple[str, ...] = ("dense", "lexical", "fused")


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with its place and score in each ranking (rank 0 = not ranked)."""

    chunk: Chunk
    score: float
    dense: float
    lexical: float
    dense_rank: int
    lexical_rank: int


@dataclass(frozen=True)
class UpdateReport:
    """What :meth:`KnowledgeIndex.update` did."""

    changed_documents: tuple[str, ...]
    chunks_removed: int
    chunks_added: int
    texts_embedded: int
    milliseconds: float


def _digest(document: Document) -> str:
    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


class KnowledgeIndex:
    """Chunks of a set of documents, searchable by dense, lexical (BM25) or fused retrieval.

    Args:
        embedder: the sentence embedder (see :mod:`course_lib.experiment.embed`).
        documents: the documents to index.
        chunk_words: the most words per chunk.
    """

    def __init__(self, embedder: Embedder, documents: Sequence[Document], chunk_words: int = 40) -> None:
        self.embedder = embedder
        self.chunk_words = chunk_words
        self._digests: dict[str, str] = {}
        self.chunks: list[Chunk] = []
        self.vectors = np.zeros((0, 0), dtype=np.float32)
        self.sentence_vectors: dict[str, np.ndarray] = {}
        self.update(documents)

    # ---- building and updating ---------------------------------------------
    def update(self, documents: Sequence[Document]) -> UpdateReport:
        """Bring the index in line with ``documents``: re-index changed or new ones, drop missing ones.

        Args:
            documents: the full current set of documents.

        Returns:
            An :class:`UpdateReport` (which documents changed, chunks swapped, texts embedded, time).
        """
        start = time.perf_counter()
        ids = [d.doc_id for d in documents]
        if len(set(ids)) != len(ids):
            raise ValueError(f"Document ids must be unique; got {ids!r}.")
        current = {d.doc_id: d for d in documents}
        changed = [d for d in documents if self._digests.get(d.doc_id) != _digest(d)]
        gone = set(self._digests) - set(current)
        touched = {d.doc_id for d in changed} | gone
        keep = [i for i, c in enumerate(self.chunks) if c.doc_id not in touched]
        new_chunks = [c for d in changed for c in chunk_document(d, self.chunk_words)]
        new_sentences = sorted({s for c in new_chunks for s in c.sentences} - set(self.sentence_vectors))
        vectors = self.embedder.embed([c.text for c in new_chunks] + new_sentences)
        dense_new, sentence_new = vectors[: len(new_chunks)], vectors[len(new_chunks):]
        old_vectors = self.vectors[keep] if len(keep) else np.zeros((0, vectors.shape[1]), dtype=np.float32)
        removed = len(self.chunks) - len(keep)
        self.chunks = [self.chunks[i] for i in keep] + new_chunks
        self.vectors = np.vstack([old_vectors, dense_new]).astype(np.float32)
        self.sentence_vectors.update(zip(new_sentences, sentence_new))
        live = {s for c in self.chunks for s in c.sentences}
        self.sentence_vectors = {s: v for s, v in self.sentence_vectors.items() if s in live}
        for d in changed:
            self._digests[d.doc_id] = _digest(d)
        for doc_id in gone:
            del self._digests[doc_id]
        # BM25's idf depends on every passage, so its statistics are recounted; at this size that is
        # far below a millisecond, and only the changed chunks were tokenized from new text.
        self._bm25 = BM25({c.chunk_id: tokenize(c.text) for c in self.chunks})
        self._position = {c.chunk_id: i for i, c in enumerate(self.chunks)}
        return UpdateReport(tuple(sorted(touched)), removed, len(new_chunks), len(vectors),
                            (time.perf_counter() - start) * 1000)

    # ---- searching ---------------------------------------------------------
    def chunk(self, chunk_id: str) -> Chunk:
        """The chunk with this id."""
        try:
            return self.chunks[self._position[chunk_id]]
        except KeyError:
            raise KeyError(f"No chunk {chunk_id!r} in the index.") from None

    def gold_chunks(self, fact_id: str) -> tuple[str, ...]:
        """The ids of the chunks that state a fact (one, unless a sentence states several facts)."""
        return tuple(c.chunk_id for c in self.chunks if fact_id in c.fact_ids)

    def _score_all(self, question: str, query_vector: np.ndarray | None) -> dict[str, dict[str, float]]:
        """Each method's score of every chunk it retrieves; lexical keeps only chunks sharing a word."""
        if query_vector is None:
            query_vector = self.embedder.embed([question])[0]
        dense = {c.chunk_id: float(s) for c, s in zip(self.chunks, self.vectors @ query_vector)}
        lexical = {pid: s for pid, s in self._bm25.scores(tokenize(question)).items() if s > 0}
        fused = reciprocal_rank_fusion([rank(dense), rank(lexical)])
        return {"dense": dense, "lexical": lexical, "fused": fused}

    def rankings(self, question: str, query_vector: np.ndarray | None = None) -> dict[str, list[str]]:
        """Chunk ids ranked by each method, best first: ``{"dense": [...], "lexical": [...], "fused": [...]}``.

        Dense and fused rank every chunk; lexical only the chunks that share a word with the question.
        """
        return {method: rank(scores) for method, scores in self._score_all(question, query_vector).items()}

    def search(self, question: str, k: int = 3, method: str = "fused",
               query_vector: np.ndarray | None = None) -> list[Hit]:
        """The top ``k`` chunks for a question, with both raw scores and both ranks.

        Args:
            question: the question.
            k: how many chunks.
            method: ``"dense"``, ``"lexical"`` or ``"fused"``.
            query_vector: the question's embedding, if already computed.

        Returns:
            Up to ``k`` :class:`Hit` objects, best first (fewer when lexical finds fewer).
        """
        if method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise ValueError(f"k must be a whole number >= 1, got {k!r}.")
        scores = self._score_all(question, query_vector)
        positions = {m: {pid: i + 1 for i, pid in enumerate(rank(s))} for m, s in scores.items()}
        return [Hit(self.chunk(pid), scores[method][pid], scores["dense"][pid], scores["lexical"].get(pid, 0.0),
                    positions["dense"][pid], positions["lexical"].get(pid, 0))
                for pid in rank(scores[method])[:k]]

    def mean_chunk_tokens(self) -> float:
        """The mean length of a chunk in tokens (MiniLM word pieces, a stand-in for an LLM's tokens)."""
        return float(np.mean([self.embedder.count_tokens(c.text) for c in self.chunks]))
