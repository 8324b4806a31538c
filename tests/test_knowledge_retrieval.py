"""BM25, reciprocal rank fusion and the retrieval measures, against values computed by hand."""

from __future__ import annotations

import math

import pytest

from course_lib.knowledge.kb import Document
from course_lib.knowledge.retrieval import (
    BM25,
    chunk_document,
    hit_at_k,
    rank,
    recall_at_k,
    reciprocal_rank,
    reciprocal_rank_fusion,
    tokenize,
)


def test_bm25_matches_the_formula_worked_by_hand() -> None:
    """Is a one-term BM25 score idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avg)), with Lucene's idf?"""
    bm25 = BM25({"a": ["tent", "tent", "pole"], "b": ["stove"], "c": ["tent", "stove", "gas", "can"]}, k1=1.5, b=0.75)
    idf = math.log(1 + (3 - 2 + 0.5) / (2 + 0.5))  # "tent" is in 2 of 3 passages
    avg = (3 + 1 + 4) / 3
    expected_a = idf * 2 * 2.5 / (2 + 1.5 * (1 - 0.75 + 0.75 * 3 / avg))
    expected_c = idf * 1 * 2.5 / (1 + 1.5 * (1 - 0.75 + 0.75 * 4 / avg))
    scores = bm25.scores(["tent"])
    assert scores["a"] == pytest.approx(expected_a)
    assert scores["c"] == pytest.approx(expected_c)
    assert scores["b"] == 0.0


def test_bm25_rewards_rare_terms_more_than_common_ones() -> None:
    """Does a term found in one passage count for more than a term found in all of them?"""
    bm25 = BM25({"a": ["price", "tent"], "b": ["price", "stove"], "c": ["price", "lamp"]})
    assert bm25.idf["tent"] > bm25.idf["price"] > 0
    assert bm25.scores(["unknown"]) == {"a": 0.0, "b": 0.0, "c": 0.0}


def test_bm25_refuses_impossible_parameters() -> None:
    """Is b outside [0, 1] refused with the parameter named?"""
    with pytest.raises(ValueError, match="b <= 1"):
        BM25({"a": ["x"]}, b=1.5)


def test_rrf_sums_one_over_k_plus_rank() -> None:
    """Does fusion give each passage the sum of 1/(k + rank) over the rankings it appears in?"""
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "a"]], k=60)
    assert fused["a"] == pytest.approx(1 / 61 + 1 / 62)
    assert fused["b"] == pytest.approx(1 / 62)
    assert fused["c"] == pytest.approx(1 / 63 + 1 / 61)
    assert rank(fused) == ["a", "c", "b"]


def test_rrf_of_one_ranking_keeps_its_order_and_of_none_is_empty() -> None:
    """At its edges: does one ranking come back unchanged, and do no rankings (or empty ones) give nothing?"""
    assert rank(reciprocal_rank_fusion([["z", "y", "x"]])) == ["z", "y", "x"]
    assert reciprocal_rank_fusion([]) == {}
    assert reciprocal_rank_fusion([[], []]) == {}


def test_rrf_with_k_zero_lets_a_first_place_beat_two_middling_places() -> None:
    """With k = 0, is rank 1 in one list (1.0) worth more than rank 2 and 3 in two lists (0.83)?"""
    fused = reciprocal_rank_fusion([["top", "mid"], ["x", "y", "mid"]], k=0)
    assert fused["top"] == 1.0 and fused["mid"] == pytest.approx(1 / 2 + 1 / 3)
    assert rank(fused)[0] == "top"


def test_rrf_refuses_a_ranking_that_repeats_a_passage_and_a_negative_k() -> None:
    """Are a duplicated passage and k < 0 refused with a message that says what to fix?"""
    with pytest.raises(ValueError, match="same passage twice"):
        reciprocal_rank_fusion([["a", "a"]])
    with pytest.raises(ValueError, match="k must be"):
        reciprocal_rank_fusion([["a"]], k=-1)


def test_recall_and_reciprocal_rank_match_a_table_worked_by_hand() -> None:
    """For gold at ranks 1, 3 and 'not found': is recall@1 1/3, recall@3 2/3 and MRR (1 + 1/3 + 0) / 3?"""
    rankings = [["g", "x", "y"], ["x", "y", "g"], ["x", "y", "z"]]
    golds = ["g", "g", "g"]
    assert recall_at_k(rankings, golds, 1) == pytest.approx(1 / 3)
    assert recall_at_k(rankings, golds, 3) == pytest.approx(2 / 3)
    assert sum(reciprocal_rank(r, "g") for r in rankings) / 3 == pytest.approx((1 + 1 / 3) / 3)
    assert hit_at_k(["x", "g"], {"g", "h"}, 2) and not hit_at_k(["x", "g"], ("h",), 2)


def test_recall_refuses_mismatched_inputs_and_a_zero_cut_off() -> None:
    """Are a missing gold passage, an empty set and k = 0 refused with clear messages?"""
    with pytest.raises(ValueError, match="one per question"):
        recall_at_k([["a"]], [], 1)
    with pytest.raises(ValueError, match="empty"):
        recall_at_k([], [], 1)
    with pytest.raises(ValueError, match="k must be"):
        hit_at_k(["a"], "a", 0)


def test_chunks_hold_whole_sentences_within_the_word_limit() -> None:
    """Are chunks made of whole sentences, at most chunk_words words unless one sentence is longer?"""
    sentences = (("one two three four five.", ("f1",)), ("six seven eight nine ten.", ()),
                 ("a b c d e f g h i j k l.", ("f2",)), ("end.", ()))
    chunks = chunk_document(Document("doc", "Doc", sentences), chunk_words=10)
    assert [c.sentences for c in chunks] == [(sentences[0][0], sentences[1][0]), (sentences[2][0],), ("end.",)]
    assert [c.fact_ids for c in chunks] == [("f1",), ("f2",), ()]
    assert [c.chunk_id for c in chunks] == ["doc#0", "doc#1", "doc#2"]
    with pytest.raises(ValueError, match="chunk_words"):
        chunk_document(Document("doc", "Doc", sentences), chunk_words=5)


def test_tokenize_keeps_prices_and_names_and_drops_function_words() -> None:
    """Does the BM25 tokenizer keep '89.00' and '30' as terms and drop 'the' and 'how'?"""
    assert tokenize("How much is the Ridge 30? It costs $89.00.") == ["much", "ridge", "30", "costs", "89.00"]
