"""Per-student numbers for assignment 04 (the knowledge lab): two rankings per question and a cost case.

Each student gets their own retrieval run: for every test question, the top 10 passage
ids of a dense and of a lexical retriever and the id of the gold passage, plus the
case to decide (the recall target, the candidate values of k, passage length, price
and volume). The gold passage's rank in each list is drawn so that most questions are
easy, some are found by one retriever only, and a few by neither.
"""

from __future__ import annotations

import random
from typing import Any

from course_lib.prices import price_of

#: Models whose input price (from the course's price table) the retrieved passages are billed at.
_MODELS = ("gpt-4o-mini", "gpt-4.1-mini", "gpt-4.1", "gpt-4o")
_PASSAGES = 40
_LIST_LENGTH = 10


def _gold_rank(rng: random.Random, found_first: float) -> int | None:
    """Where the gold passage lands in one list (1-based), or None when it is not in the top 10."""
    draw = rng.random()
    if draw < found_first:
        return 1
    if draw < found_first + 0.22:
        return rng.randint(2, 3)
    if draw < found_first + 0.32:
        return rng.randint(4, _LIST_LENGTH)
    return None


def _ranking(rng: random.Random, gold: str, rank: int | None, pool: list[str]) -> list[str]:
    others = rng.sample([p for p in pool if p != gold], _LIST_LENGTH)
    if rank is not None:
        others[rank - 1] = gold
    return others


def make(rng: random.Random) -> dict[str, Any]:
    """The numbers one student works with in assignment 04: plain data only.

    Args:
        rng: the student's seeded random source.

    Returns:
        ``questions`` (each ``{"gold", "dense", "lexical"}``), ``ks``, ``target_recall``,
        ``passage_tokens``, ``model``, ``input_price_per_1m`` and ``daily_requests``.
    """
    pool = [f"p{i:02d}" for i in range(_PASSAGES)]
    dense_first, lexical_first = rng.uniform(0.45, 0.65), rng.uniform(0.35, 0.6)
    questions = []
    for _ in range(rng.choice([24, 30, 36])):
        gold = rng.choice(pool)
        questions.append({
            "gold": gold,
            "dense": _ranking(rng, gold, _gold_rank(rng, dense_first), pool),
            "lexical": _ranking(rng, gold, _gold_rank(rng, lexical_first), pool),
        })
    model = rng.choice(_MODELS)
    price = float(price_of(model).input)
    return {
        "questions": questions,
        "ks": [1, 3, 5, 10],
        "target_recall": rng.choice([0.8, 0.85, 0.9, 0.95]),
        "passage_tokens": rng.randrange(120, 401, 10),
        "model": model,
        "input_price_per_1m": price,
        "daily_requests": rng.choice([2_000, 5_000, 20_000, 50_000]),
    }
