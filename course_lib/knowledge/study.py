"""The knowledge-lab study in one call: retrieval quality, answers before and after the update, costs, the hybrid.

Introduced in ``notebooks/03b_knowledge_lab.ipynb``; ``course knowledge`` runs it from
a terminal. Pure: no widgets, no plotting. Every answer-accuracy table comes from
the lesson-03 harness (:func:`course_lib.experiment.harness.run_experiment`), so the
intervals and paired differences mean the same as there.

Costs: the offline arms cost nothing to run, so each is priced as the LLM set-up it
stands for: retrieval as a base model whose prompt carries the k retrieved chunks,
the closed book as the same model fine-tuned on the question -> answer pairs, with
the question alone in its prompt. Token counts come from the MiniLM tokenizer.
"""

from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from course_lib.experiment.study import Laps
from course_lib.experiment.harness import ExperimentResult, LearningCurve, learning_curve, mean_ci, run_experiment
from course_lib.knowledge import kb
from course_lib.experiment.candidates import TrainedHead
from course_lib.knowledge.index import METHODS, KnowledgeIndex, UpdateReport
from course_lib.knowledge.questions import generate_questions, with_paraphrases
from course_lib.knowledge.reader import RetrievalReader
from course_lib.knowledge.retrieval import hit_at_k, reciprocal_rank

if TYPE_CHECKING:
    from course_lib.costs import Option
    from course_lib.experiment.embed import Embedder

#: The instruction a RAG prompt carries besides the passages; about 15 tokens.
RAG_INSTRUCTION = "Answer the customer's question using only the passages below."
#: An answer is a value: a few tokens.
ANSWER_TOKENS = 5
CLOSED_BOOK = "closed book (fine-tuned on facts)"


@dataclass(frozen=True)
class KnowledgeConfig:
    """Settings of one run; the lesson's widgets change ``chunk_words`` and ``k``.

    Args:
        seed: the question template split and the bootstrap.
        chunk_words: the most words per chunk.
        k: chunks given to the reader.
        recall_ks: the cut-offs of the retrieval table.
        paraphrases: paraphrases per fact on the closed book's curve.
        n_resamples: bootstrap resamples.
        model: the LLM whose prices the cost tables use (it must offer fine-tuning).
        daily_requests: volume for the cost tables.
        epochs: training epochs of a (re)training run.
    """

    seed: int = 0
    chunk_words: int = 40
    k: int = 3
    recall_ks: tuple[int, ...] = (1, 3, 5)
    paraphrases: tuple[int, ...] = (1, 2, 3, 4)
    n_resamples: int = 1000
    model: str = "gpt-4o-mini"
    daily_requests: int = 10_000
    epochs: int = 3


@dataclass(frozen=True)
class KnowledgeResult:
    """What one :func:`run_knowledge_study` measured, plus the seconds each stage took."""

    config: KnowledgeConfig
    folders: dict[int, Path]
    questions: dict[int, pd.DataFrame]
    retrieval: pd.DataFrame
    before: ExperimentResult
    after: ExperimentResult
    curve: LearningCurve
    one_document_update: UpdateReport
    full_update: UpdateReport
    retrain_seconds: float
    costs: pd.DataFrame
    upkeep: pd.DataFrame
    hybrid: ExperimentResult
    timings: dict[str, float] = field(default_factory=dict)


def test_questions(questions: pd.DataFrame) -> pd.DataFrame:
    """The held-out questions (unseen paraphrase templates)."""
    return questions[questions["split"] == "test"]


def retrieval_table(index: KnowledgeIndex, questions: pd.DataFrame, ks: tuple[int, ...] = (1, 3, 5),
                    n_resamples: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Recall@k and mean reciprocal rank of the gold chunk, per method, with bootstrap intervals.

    Args:
        index: the index to search.
        questions: questions with a ``fact_id`` column (each fact's chunk is its gold passage).
        ks: the cut-offs.
        n_resamples, seed: the bootstrap.

    Returns:
        One row per method and measure: ``method``, ``measure``, ``estimate``, ``low``, ``high``.
    """
    vectors = index.embedder.embed(list(questions["question"]))
    rankings = [index.rankings(q, v) for q, v in zip(questions["question"], vectors)]
    golds = [index.gold_chunks(f) for f in questions["fact_id"]]
    rows = []
    for method in METHODS:
        lists = [r[method] for r in rankings]
        measures = {f"recall@{k}": [float(hit_at_k(r, g, k)) for r, g in zip(lists, golds)] for k in ks}
        measures["MRR"] = [reciprocal_rank(r, g) for r, g in zip(lists, golds)]
        for measure, values in measures.items():
            ci = mean_ci(values, n_resamples=n_resamples, seed=seed)
            rows.append({"method": method, "measure": measure, "estimate": ci.estimate, "low": ci.low,
                         "high": ci.high})
    return pd.DataFrame(rows)


def cost_options(index: KnowledgeIndex, k: int, training_examples: int, model: str = "gpt-4o-mini",
                 epochs: int = 3) -> dict[str, Option]:
    """The LLM set-up each arm stands for: RAG with k chunks in the prompt, and the fine-tuned closed book.

    Args:
        index: used to count the tokens of an average chunk and of the instruction.
        k: chunks per request.
        training_examples: question -> answer pairs the closed book is trained on.
        model: a model in the price table that offers fine-tuning.
        epochs: training epochs.

    Returns:
        ``{"rag": Option, "closed book": Option}``.
    """
    from course_lib.costs import Option, Training

    context = index.embedder.count_tokens(RAG_INSTRUCTION) + k * index.mean_chunk_tokens()
    return {
        "rag": Option(f"RAG (k={k})", model, system_prompt_tokens=context),
        "closed book": Option("fine-tuned on facts", model, fine_tuned=True,
                              training=Training(training_examples, 25 + ANSWER_TOKENS, epochs)),
    }


def cost_by_k(index: KnowledgeIndex, question_tokens: float, ks: tuple[int, ...] = (0, 1, 3, 5, 10),
              model: str = "gpt-4o-mini", daily_requests: int = 10_000) -> pd.DataFrame:
    """USD per 1,000 requests for RAG with k chunks, against the fine-tuned model with no context.

    Args:
        index: the index (its mean chunk length prices a chunk).
        question_tokens: tokens in a typical question.
        ks: the numbers of chunks to price.
        model: the model of the price table.
        daily_requests: volume (per-request cost does not depend on it).

    Returns:
        One row per k: ``k``, ``context_tokens``, ``rag_usd_per_1k``, ``fine_tuned_usd_per_1k``.
    """
    from course_lib.costs import Workload, cost_per_request

    workload = Workload(daily_requests, question_tokens, ANSWER_TOKENS)
    fine_tuned = cost_options(index, 0, 1, model)["closed book"]
    rows = []
    for k in ks:
        rag = cost_options(index, k, 1, model)["rag"]
        rows.append({"k": k, "context_tokens": rag.system_prompt_tokens,
                     "rag_usd_per_1k": cost_per_request(rag, workload) * 1000,
                     "fine_tuned_usd_per_1k": cost_per_request(fine_tuned, workload) * 1000})
    return pd.DataFrame(rows)


def fit_closed_book(embedder: Embedder, rows: pd.DataFrame, label: str = "answer",
                    name: str = CLOSED_BOOK) -> tuple[TrainedHead, float]:
    """The closed-book arm, "fine-tuned for facts": lesson 03's trained head, fitted on question -> answer pairs.

    Its classes are the answers it saw in training, so it can never give an answer that appeared
    after it was trained: it stays stale until it is retrained.

    Args:
        embedder: the sentence embedder.
        rows: training questions with a ``question`` column and the label column.
        label: the column to learn (``answer``; ``category`` or a joint label for the hybrid).
        name: shown in the results table.

    Returns:
        The candidate and the seconds its training took (the questions' embeddings not included).
    """
    from threadpoolctl import threadpool_limits

    embedder.embed(list(rows["question"]))  # outside the limit below: the model keeps its own threads
    start = time.perf_counter()
    # One BLAS thread: at 140 examples threads only fight over the cores (5x slower measured on 2 busy cores).
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore", UserWarning)  # many classes with few examples each is the point here
        head = TrainedHead(embedder, list(rows["question"]), list(rows[label]), name=name)
    return head, time.perf_counter() - start


def run_knowledge_study(config: KnowledgeConfig = KnowledgeConfig(), embedder: Embedder | None = None,
                        write_files: bool = True) -> KnowledgeResult:
    """Build the index on version 1, measure, update it to version 2 and measure again.

    Args:
        config: the settings.
        embedder: default: the shared :func:`course_lib.experiment.embed.get_embedder`.
        write_files: also write both versions as Markdown files (paths in ``folders``).

    Returns:
        A :class:`KnowledgeResult`.
    """
    from course_lib.costs import Workload, training_cost
    from course_lib.experiment.candidates import FunctionCandidate, ZeroShot
    from course_lib.experiment.embed import get_embedder
    from course_lib.experiment.tickets import LABEL_DESCRIPTIONS

    laps = Laps()
    lap, timings = laps.lap, laps.timings
    embedder = embedder or get_embedder()
    folders = {v: kb.write_knowledge_base(v) for v in kb.VERSIONS} if write_files else {}
    questions = {v: generate_questions(v, config.seed) for v in kb.VERSIONS}
    test = {v: test_questions(questions[v]) for v in kb.VERSIONS}
    embedder.embed(pd.concat(questions.values())["question"].drop_duplicates().tolist())  # once; cached after
    lap("questions")

    index = KnowledgeIndex(embedder, kb.documents(1), config.chunk_words)
    lap("index")
    retrieval = retrieval_table(index, test[1], config.recall_ks, config.n_resamples, config.seed)
    lap("retrieval")

    most = max(config.paraphrases)
    train_v1 = with_paraphrases(questions[1], most)
    closed, _ = fit_closed_book(embedder, train_v1)
    options = cost_options(index, config.k, len(train_v1), config.model, config.epochs)
    closed.cost_option = options["closed book"]
    readers = [RetrievalReader(index, m, config.k, cost_option=options["rag"]) for m in METHODS]
    question_tokens = float(test[1]["question"].head(50).map(embedder.count_tokens).mean())
    workload = Workload(config.daily_requests, question_tokens, ANSWER_TOKENS)
    common = dict(baseline=CLOSED_BOOK, n_resamples=config.n_resamples, seed=config.seed, workload=workload)
    before = run_experiment([closed, *readers], list(test[1]["question"]), list(test[1]["answer"]), **common)
    curve = learning_curve(lambda t, y: fit_closed_book(embedder, pd.DataFrame({"question": t, "answer": y}))[0],
                           lambda m, _r: (list(with_paraphrases(questions[1], m)["question"]),
                                          list(with_paraphrases(questions[1], m)["answer"])),
                           config.paraphrases, list(test[1]["question"]), list(test[1]["answer"]), repeats=1,
                           n_resamples=config.n_resamples, seed=config.seed)
    lap("before update")

    v1_docs, v2_docs = kb.documents(1), kb.documents(2)
    one_doc = [v2 if v2.doc_id == "returns" else v1 for v1, v2 in zip(v1_docs, v2_docs)]
    single = KnowledgeIndex(embedder, v1_docs, config.chunk_words).update(one_doc)
    full = index.update(v2_docs)
    train_v2 = with_paraphrases(questions[2], most)
    retrained, retrain_seconds = fit_closed_book(embedder, train_v2, name="closed book, retrained on v2")
    retrained.cost_option = replace(options["closed book"], name="fine-tuned on facts, retrained")
    after = run_experiment([closed, retrained, *readers], list(test[2]["question"]), list(test[2]["answer"]), **common)
    lap("after update")

    costs = cost_by_k(index, question_tokens, model=config.model, daily_requests=config.daily_requests)
    upkeep = pd.DataFrame([
        {"way to stay current": "re-index the changed document", "seconds": single.milliseconds / 1000,
         "usd": 0.0, "what it touches": f"{single.chunks_added} chunks of 1 document"},
        {"way to stay current": "retrain the closed book", "seconds": retrain_seconds,
         "usd": training_cost(options["closed book"]),
         "what it touches": f"{len(train_v2)} question -> answer pairs, {config.epochs} epochs"},
    ])

    # The hybrid task: the support category (a fixed label set) and the current answer, both right.
    joint = test[2]["category"] + " | " + test[2]["answer"]
    head, _ = fit_closed_book(embedder, train_v1, label="category", name="category head")
    zero = ZeroShot(embedder, LABEL_DESCRIPTIONS)
    both = train_v1.assign(joint=train_v1["category"] + " | " + train_v1["answer"])
    closed_joint, _ = fit_closed_book(embedder, both, label="joint", name="fine-tuned only (category + fact)")
    fused = RetrievalReader(index, "fused", config.k)

    def combine(categories: list[str], texts: list[str]) -> list[str]:
        return [f"{c} | {a}" for c, a in zip(categories, fused.predict(texts))]

    hybrid = run_experiment([
        closed_joint,
        FunctionCandidate("RAG only (category from instructions)", lambda t: combine(zero.predict(t), t)),
        FunctionCandidate("hybrid (trained category + RAG fact)", lambda t: combine(head.predict(t), t)),
    ], list(test[2]["question"]), list(joint), n_resamples=config.n_resamples, seed=config.seed)
    lap("costs and hybrid")
    return KnowledgeResult(config, folders, questions, retrieval, before, after, curve, single, full,
                           retrain_seconds, costs, upkeep, hybrid, timings)
