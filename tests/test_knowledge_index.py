"""The knowledge index with the real embedder: search, the reader, the per-document update and the study."""

from __future__ import annotations

import numpy as np
import pytest

from course_lib.experiment.embed import Embedder
from course_lib.experiment.harness import mean_ci
from course_lib.knowledge import kb
from course_lib.knowledge.index import KnowledgeIndex
from course_lib.knowledge.reader import NO_ANSWER, RetrievalReader, read
from course_lib.knowledge.study import KnowledgeConfig, cost_by_k, run_knowledge_study

RETURNS_Q = "How many days do I have to send back an unused item?"


@pytest.fixture()
def index(embedder: Embedder) -> KnowledgeIndex:
    return KnowledgeIndex(embedder, kb.documents(1), chunk_words=40)


def only_document_changed(doc_id: str) -> list[kb.Document]:
    """Version 1 with one document swapped for its version-2 text."""
    return [new if new.doc_id == doc_id else old for old, new in zip(kb.documents(1), kb.documents(2))]


def test_each_method_finds_the_gold_chunk_of_a_plain_question(index: KnowledgeIndex) -> None:
    """Do dense, lexical and fused retrieval all put the return-window chunk in their top 3?"""
    gold = index.gold_chunks("policy/return_window")
    assert len(gold) == 1
    for method in ("dense", "lexical", "fused"):
        hits = index.search(RETURNS_Q, k=3, method=method)
        assert gold[0] in [h.chunk.chunk_id for h in hits], method


def test_hits_carry_both_scores_and_both_ranks(index: KnowledgeIndex) -> None:
    """Does each fused hit report its dense cosine, its BM25 score and its rank in each list?"""
    hits = index.search(RETURNS_Q, k=5, method="fused")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for hit in hits:
        assert -1 <= hit.dense <= 1 and hit.dense_rank >= 1
        assert (hit.lexical > 0) == (hit.lexical_rank > 0)


def test_search_refuses_an_unknown_method_and_a_bad_k(index: KnowledgeIndex) -> None:
    """Are a misspelt method and k = 0 refused, naming what is allowed?"""
    with pytest.raises(ValueError, match="dense, lexical, fused"):
        index.search(RETURNS_Q, method="hybrid")
    with pytest.raises(ValueError, match="k must be"):
        index.search(RETURNS_Q, k=0)


def test_the_reader_answers_from_the_passages_and_says_where(index: KnowledgeIndex) -> None:
    """Does the reader give "30 days" for the return window, with the sentence and the chunk it came from?"""
    answer, hits = RetrievalReader(index, "fused", 3).answer(RETURNS_Q)
    assert answer.value == "30 days"
    assert "30 days" in answer.sentence and answer.chunk_id in [h.chunk.chunk_id for h in hits]


def test_the_reader_cannot_answer_without_a_passage_that_holds_a_value(index: KnowledgeIndex) -> None:
    """Given only chunks without values, does the reader say it found no answer instead of guessing?"""
    hits = [h for h in index.search("mould tent storing dry", k=40, method="dense")
            if not any(kb.VALUE_PATTERN.search(s) for s in h.chunk.sentences)]
    assert read("How long is the warranty?", hits, index).value == NO_ANSWER


def test_updating_one_document_reembeds_only_its_chunks(index: KnowledgeIndex) -> None:
    """When only the returns policy changes, are only its chunks replaced and every other vector kept?"""
    before = {c.chunk_id: index.vectors[i].copy() for i, c in enumerate(index.chunks)}
    report = index.update(only_document_changed("returns"))
    assert report.changed_documents == ("returns",)
    assert report.chunks_removed == report.chunks_added == sum(c.doc_id == "returns" for c in index.chunks)
    for i, chunk in enumerate(index.chunks):
        if chunk.doc_id != "returns":
            np.testing.assert_array_equal(index.vectors[i], before[chunk.chunk_id])
    assert index.update(only_document_changed("returns")).changed_documents == ()


def test_the_updated_index_answers_the_new_fact(index: KnowledgeIndex) -> None:
    """After the update to version 2, does the same question get the new return window and the new price?"""
    reader = RetrievalReader(index, "fused", 3)
    assert reader.predict([RETURNS_Q, "What is the price of the Ridge 30 daypack?"]) == ["30 days", "$89.00"]
    index.update(kb.documents(2))
    assert reader.predict([RETURNS_Q, "What is the price of the Ridge 30 daypack?"]) == ["14 days", "$95.00"]
    assert reader.predict(["How much does the Nimbus 2 power bank cost?"]) == ["$69.00"]


def test_a_removed_document_disappears_from_search(index: KnowledgeIndex) -> None:
    """When a document is no longer in the set, are its chunks (and their sentence vectors) gone?"""
    report = index.update([d for d in kb.documents(1) if d.doc_id != "kitchen"])
    assert report.changed_documents == ("kitchen",) and report.chunks_added == 0
    assert all(c.doc_id != "kitchen" for c in index.chunks)
    assert len(index.vectors) == len(index.chunks)
    assert not any("stove" in s.lower() and "costs" in s for s in index.sentence_vectors)


def test_duplicate_document_ids_are_refused(index: KnowledgeIndex) -> None:
    """Are two documents with one id refused before the index is touched?"""
    docs = list(kb.documents(1))
    with pytest.raises(ValueError, match="unique"):
        index.update(docs + [docs[0]])


def test_retrieval_adds_context_tokens_and_cost_with_k(index: KnowledgeIndex) -> None:
    """Does each extra chunk add the mean chunk length to the prompt and cost more per request?"""
    table = cost_by_k(index, question_tokens=12, ks=(0, 1, 3))
    steps = table["context_tokens"].diff().dropna().to_numpy()
    assert steps == pytest.approx([index.mean_chunk_tokens(), 2 * index.mean_chunk_tokens()])
    assert table["rag_usd_per_1k"].is_monotonic_increasing
    assert table["fine_tuned_usd_per_1k"].nunique() == 1


def test_mean_ci_brackets_the_mean() -> None:
    """Is the bootstrap interval of a mean around the mean, and exact when every value is the same?"""
    ci = mean_ci([0.0, 1.0] * 20, n_resamples=300)
    assert ci.low < 0.5 < ci.high and ci.estimate == 0.5
    assert mean_ci([1.0] * 5).low == 1.0
    with pytest.raises(ValueError, match="empty"):
        mean_ci([])


@pytest.fixture(scope="module")
def study(embedder: Embedder):
    return run_knowledge_study(KnowledgeConfig(n_resamples=200, paraphrases=(1, 4)), embedder, write_files=False)


def test_the_study_shows_staleness_and_the_paraphrase_curve(study) -> None:
    """After the update, is the closed book worse than before while retrieval stays ahead, and does it learn with paraphrases?"""
    before = study.before.table.set_index("candidate")["accuracy"]
    after = study.after.table.set_index("candidate")["accuracy"]
    closed = "closed book (fine-tuned on facts)"
    assert after[closed] < before[closed]
    assert after["RAG (fused, k=3)"] > after[closed]
    assert after["closed book, retrained on v2"] > after[closed]
    means = study.curve.summary.set_index("n")["mean"]
    assert means[4] > means[1]


def test_the_study_measures_retrieval_updates_and_the_hybrid(study) -> None:
    """Does the study report recall with intervals, a one-document update, both upkeep costs and the joint metric?"""
    r = study.retrieval
    assert set(r["method"]) == {"dense", "lexical", "fused"}
    assert ((r["low"] <= r["estimate"]) & (r["estimate"] <= r["high"])).all()
    assert study.one_document_update.changed_documents == ("returns",)
    assert study.upkeep["usd"].iloc[1] > 0 == study.upkeep["usd"].iloc[0]
    joint = study.hybrid.table.set_index("candidate")["accuracy"]
    assert joint["hybrid (trained category + RAG fact)"] == joint.max()


def test_the_cli_runs_the_lab_and_refuses_a_bad_setting(embedder, capsys) -> None:
    """Does `course knowledge` print the lab's measurements, and exit 2 with the reason for a chunk size of 5?"""
    from course_lib.cli import main

    # The command uses the shared embedder, which is the session's (conftest): the texts are embedded already.
    assert main(["knowledge", "--resamples", "50"]) == 0
    out = capsys.readouterr().out
    assert "knowledge base version 2" in out and "re-index the changed document" in out and "recall@3" in out
    assert main(["knowledge", "--chunk-words", "5", "--resamples", "50"]) == 2
    assert "chunk_words must be" in capsys.readouterr().out
