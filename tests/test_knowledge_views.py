"""The knowledge lab's figures and explorer, without a browser: traces, layout and widget state."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from course_lib.experiment.embed import Embedder
from course_lib.knowledge import kb
from course_lib.knowledge.index import KnowledgeIndex
from course_lib.knowledge.reader import RetrievalReader
from course_lib.knowledge.study import KnowledgeConfig, run_knowledge_study
from course_lib.views.knowledge_views import (
    KnowledgeExplorer,
    before_after_figure,
    cost_by_k_figure,
    hits_html,
    hits_table,
    paraphrase_figure,
    retrieval_figure,
)


@pytest.fixture(scope="module")
def study(embedder: Embedder):
    return run_knowledge_study(KnowledgeConfig(n_resamples=100, paraphrases=(1, 2)), embedder, write_files=False)


def test_figures_have_one_trace_per_method_or_arm(study) -> None:
    """Do the figures draw one bar trace per retriever, two series before/after, two cost lines and a curve with a band?"""
    fig = retrieval_figure(study.retrieval)
    assert isinstance(fig, go.Figure) and [t.name for t in fig.data] == ["dense", "lexical", "fused"]
    assert all(t.error_y.array is not None for t in fig.data)
    fig = before_after_figure(study.before, study.after)
    assert len(fig.data) == 2 and "closed book, retrained on v2" in fig.layout.yaxis.categoryarray
    fig = cost_by_k_figure(study.costs)
    assert [len(t.x) for t in fig.data] == [len(study.costs)] * 2
    fig = paraphrase_figure(study.curve, 0.97)
    assert fig.layout.xaxis.type == "linear" and "paraphrases" in fig.layout.xaxis.title.text


def test_hits_are_shown_with_scores_the_source_and_no_raw_dollar_signs(embedder: Embedder) -> None:
    """Does the passage view mark the passage the answer came from, show both scores, and escape $ for the browser?"""
    index = KnowledgeIndex(embedder, kb.documents(1))
    answer, hits = RetrievalReader(index, "fused", 3).answer("How much does the Orbit 2 tent cost?")
    table = hits_table(hits, answer)
    assert list(table["used"]).count("yes") == 1 and {"dense cosine", "BM25"} <= set(table.columns)
    page = hits_html(hits, answer)
    assert "the answer came from here" in page and "$" not in page and "&#36;249.00" in page


def test_explorer_answers_switches_version_and_rebuilds_for_a_new_chunk_size(embedder: Embedder) -> None:
    """Does the explorer answer on build, follow the version toggle, and keep one index per chunk size?"""
    explorer = KnowledgeExplorer(embedder, question="What is the price of the Ridge 30 daypack?")
    assert "&#36;89.00" in explorer.answer.value
    explorer.version.value = 2
    assert "&#36;95.00" in explorer.answer.value
    explorer.chunk_words.value = 80
    assert set(explorer._indexes) == {(1, 40), (2, 40), (2, 80)}
    assert all(w.description for w in (explorer.question, explorer.version, explorer.method, explorer.k,
                                       explorer.chunk_words))


def test_explorer_asks_for_a_question_instead_of_failing_on_an_empty_box(embedder: Embedder) -> None:
    """With the question box emptied, does the explorer say what to do rather than raise?"""
    explorer = KnowledgeExplorer(embedder)
    explorer.question.value = "   "
    assert "Type a question first" in explorer.answer.value and explorer.passages.value == ""
