"""Chunking, BM25, reciprocal rank fusion and the retrieval measures (recall@k, reciprocal rank).

Introduced in ``notebooks/03b_knowledge_lab.ipynb``. Pure functions over plain
Python and numpy; the index that uses them is :mod:`course_lib.knowledge.index`.

Why no library here: at a few hundred passages an exact numpy scan of the dense
vectors takes microseconds, and BM25 is a dozen lines a learner can read. What a
learner would use next, at scale, is named in the lesson (bm25s or a search engine
for the lexical side, sqlite-vec or FAISS for the vectors).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from course_lib.knowledge.kb import Document

#: The constant of reciprocal rank fusion (Cormack, Clarke & Buettcher, SIGIR 2009).
RRF_K = 60

_WORD = re.compile(r"[a-z0-9]+(?:[.'][a-z0-9]+)*")
_STOPWORDS = frozenset(
    "a an and are as at be by can do does for from how i if in is it its my of on or our the to we what "
    "when which with you your".split()
)


@dataclass(frozen=True)
class Chunk:
    """A passage: consecutive sentences of one document, with the facts they state."""

    chunk_id: str
    doc_id: str
    title: str
    sentences: tuple[str, ...]
    fact_ids: tuple[str, ...]

    @property
    def text(self) -> str:
        """What is indexed and shown: the document title, then the sentences."""
        return f"{self.title}: " + " ".join(self.sentences)


def chunk_document(document: Document, chunk_words: int = 40) -> list[Chunk]:
    """Cut a document into chunks of whole sentences, each at most ``chunk_words`` words.

    A sentence longer than the limit becomes a chunk of its own (never cut mid-sentence).

    Args:
        document: the document.
        chunk_words: the most words per chunk (10 or more).

    Returns:
        The chunks, ids ``<doc_id>#0``, ``<doc_id>#1`` ...
    """
    if isinstance(chunk_words, bool) or not isinstance(chunk_words, int) or chunk_words < 10:
        raise ValueError(f"chunk_words must be a whole number >= 10, got {chunk_words!r}.")
    groups: list[list[tuple[str, tuple[str, ...]]]] = [[]]
    words = 0
    for sentence, fact_ids in document.sentences:
        n = len(sentence.split())
        if groups[-1] and words + n > chunk_words:
            groups.append([])
            words = 0
        groups[-1].append((sentence, fact_ids))
        words += n
    return [Chunk(f"{document.doc_id}#{i}", document.doc_id, document.title, tuple(s for s, _ in g),
                  tuple(f for _, ids in g for f in ids)) for i, g in enumerate(groups) if g]


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens without common function words, for BM25.

    >>> tokenize("How much does the Ridge 30 daypack cost? $89.00")
    ['much', 'ridge', '30', 'daypack', 'cost', '89.00']
    """
    return [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]


class BM25:
    """Okapi BM25 over tokenized passages (Robertson & Zaragoza 2009), with Lucene's non-negative idf.

    ``idf(t) = ln(1 + (N - n_t + 0.5) / (n_t + 0.5))`` and a term scores
    ``idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg_len))``.

    Args:
        passages: passage id -> its tokens.
        k1: term-frequency saturation.
        b: length normalisation (0 = none, 1 = full).
    """

    def __init__(self, passages: Mapping[str, Sequence[str]], k1: float = 1.5, b: float = 0.75) -> None:
        if k1 < 0 or not 0 <= b <= 1:
            raise ValueError(f"BM25 needs k1 >= 0 and 0 <= b <= 1; got k1={k1!r}, b={b!r}.")
        self.k1, self.b = k1, b
        self.counts = {pid: Counter(tokens) for pid, tokens in passages.items()}
        self.lengths = {pid: len(tokens) for pid, tokens in passages.items()}
        self.avg_length = sum(self.lengths.values()) / len(self.lengths) if self.lengths else 0.0
        df: Counter[str] = Counter()
        for counts in self.counts.values():
            df.update(counts.keys())
        n = len(self.counts)
        self.idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}

    def scores(self, query_tokens: Iterable[str]) -> dict[str, float]:
        """The BM25 score of every passage for the query (0 for a passage sharing no term).

        Args:
            query_tokens: the query's tokens (a repeated term counts once per repeat).

        Returns:
            passage id -> score.
        """
        out = dict.fromkeys(self.counts, 0.0)
        for term in query_tokens:
            idf = self.idf.get(term)
            if idf is None:
                continue
            for pid, counts in self.counts.items():
                tf = counts.get(term, 0)
                if tf:
                    norm = self.k1 * (1 - self.b + self.b * self.lengths[pid] / self.avg_length)
                    out[pid] += idf * tf * (self.k1 + 1) / (tf + norm)
        return out


def rank(scores: Mapping[str, float]) -> list[str]:
    """Passage ids from the highest score down; ties keep id order, so a ranking never depends on luck.

    >>> rank({"b": 1.0, "a": 1.0, "c": 2.0})
    ['c', 'a', 'b']
    """
    return sorted(scores, key=lambda pid: (-scores[pid], pid))


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], k: int = RRF_K) -> dict[str, float]:
    """Fuse rankings: each passage scores the sum of ``1 / (k + rank)`` over the lists it is in (rank 1 first).

    Only ranks count, never the raw scores, so a dense cosine and a BM25 score
    need no common scale.

    Args:
        rankings: ranked lists of passage ids (a list may be empty or partial).
        k: the damping constant (60 in the original paper); must be >= 0.

    Returns:
        passage id -> fused score; rank it with :func:`rank`.

    >>> fused = reciprocal_rank_fusion([["a", "b"], ["b", "c"]], k=0)
    >>> rank(fused), fused["b"]
    (['b', 'a', 'c'], 1.5)
    """
    if isinstance(k, bool) or not isinstance(k, (int, float)) or k < 0:
        raise ValueError(f"k must be a number >= 0, got {k!r}.")
    fused: dict[str, float] = {}
    for ranking in rankings:
        if len(set(ranking)) != len(ranking):
            raise ValueError("A ranking lists the same passage twice; give each passage once per ranking.")
        for position, pid in enumerate(ranking, start=1):
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (k + position)
    return fused


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number >= 1, got {k!r}.")


def hit_at_k(ranking: Sequence[str], gold: str | Iterable[str], k: int) -> bool:
    """Is a gold passage among the first ``k`` of the ranking?

    >>> hit_at_k(["c", "a", "b"], "a", 1), hit_at_k(["c", "a", "b"], "a", 2)
    (False, True)
    """
    _check_k(k)
    golds = {gold} if isinstance(gold, str) else set(gold)
    return any(pid in golds for pid in ranking[:k])


def reciprocal_rank(ranking: Sequence[str], gold: str | Iterable[str]) -> float:
    """1 / the rank of the first gold passage (rank 1 first); 0 when it was not retrieved.

    >>> reciprocal_rank(["c", "a", "b"], "a"), reciprocal_rank(["c"], "a")
    (0.5, 0.0)
    """
    golds = {gold} if isinstance(gold, str) else set(gold)
    for position, pid in enumerate(ranking, start=1):
        if pid in golds:
            return 1.0 / position
    return 0.0


def recall_at_k(rankings: Sequence[Sequence[str]], golds: Sequence[str | Iterable[str]], k: int) -> float:
    """Share of questions whose gold passage is in the top ``k`` (one gold passage per question).

    Args:
        rankings: one ranked list of passage ids per question.
        golds: the gold passage id (or ids) of each question.
        k: the cut-off.

    Returns:
        A share between 0 and 1.

    >>> recall_at_k([["a", "b"], ["b", "a"], ["c", "d"]], ["a", "a", "a"], 1)
    0.3333333333333333
    """
    if len(rankings) != len(golds):
        raise ValueError(f"{len(rankings)} rankings but {len(golds)} gold passages; give one per question.")
    if not rankings:
        raise ValueError("No questions: recall@k of an empty set is undefined.")
    return sum(hit_at_k(r, g, k) for r, g in zip(rankings, golds)) / len(rankings)
