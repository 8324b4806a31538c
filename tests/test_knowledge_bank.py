"""The retrieval items of the question bank: are their numbers the ones the course's own code computes?"""

from __future__ import annotations

import pytest

from course_lib.costs import Option, Workload, cost_per_request
from course_lib.knowledge.retrieval import recall_at_k, reciprocal_rank
from course_lib.prices import Price
from course_lib.quiz.bank import load_bank

# The gold passage "g" at ranks 1, 4, 2, not retrieved, 1 (the table in the items' prompts).
RANKINGS = [["g", "x", "y"], ["x", "y", "z", "g"], ["x", "g"], ["x", "y", "z"], ["g"]]


def answer_of(item_id: str) -> float:
    return float(next(q for q in load_bank().questions if q.id == item_id).answer)


def test_recall_and_mrr_items_match_the_retrieval_functions() -> None:
    """Do the recall@3 and MRR items hold what recall_at_k and reciprocal_rank compute for their table?"""
    assert answer_of("ret-recall-from-table") == pytest.approx(recall_at_k(RANKINGS, ["g"] * 5, 3))
    mrr = sum(reciprocal_rank(r, "g") for r in RANKINGS) / len(RANKINGS)
    assert answer_of("ret-mrr-from-table") == pytest.approx(mrr)


def passage_cost(k: int, tokens: int, input_price: float, requests: float) -> float:
    """USD the passages add to ``requests`` requests, by the cost model: with minus without the context."""
    price = Price("any", "base", input_price, float("nan"), 0.0, float("nan"), "2026-11", "the item")
    workload = Workload(daily_requests=requests, input_tokens=20, output_tokens=0)
    with_context = Option("rag", "any", system_prompt_tokens=k * tokens, price=price)
    without = Option("plain", "any", price=price)
    return (cost_per_request(with_context, workload) - cost_per_request(without, workload)) * requests


def test_cost_items_match_the_cost_model() -> None:
    """Do the per-1,000-requests and per-month context costs match course_lib.costs?"""
    assert answer_of("ret-cost-of-k") == pytest.approx(passage_cost(5, 200, 0.15, 1000))
    assert answer_of("ret-cost-per-month") == pytest.approx(passage_cost(3, 150, 2.50, 10_000 * 30))


def test_the_lesson_has_a_self_check_on_lo7() -> None:
    """Does the knowledge lab's self-check draw at least ten LO7 items, numeric ones included?"""
    items = load_bank().for_notebook("03b_knowledge_lab")
    assert len(items) >= 10 and {q.objective for q in items} == {"LO7"}
    assert sum(q.type == "numeric" for q in items) >= 2
