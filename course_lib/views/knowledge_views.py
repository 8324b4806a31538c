"""Figures and the "ask the knowledge base" explorer for the knowledge lab (lesson 03b).

Introduced in ``notebooks/03b_knowledge_lab.ipynb``. Figures return ``go.Figure``;
the explorer only wires its controls to :class:`course_lib.knowledge.index.KnowledgeIndex`
and :class:`course_lib.knowledge.reader.RetrievalReader`.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from course_lib.experiment.harness import ExperimentResult, LearningCurve
from course_lib.knowledge import kb
from course_lib.knowledge.index import METHODS, Hit, KnowledgeIndex
from course_lib.knowledge.reader import Answer, RetrievalReader
from course_lib.views import layout
from course_lib.views.experiment_views import COLOURS, learning_curve_figure
from course_lib.views.inputs import NumberField


def retrieval_figure(table: pd.DataFrame) -> go.Figure:
    """Recall@k and MRR of each retrieval method, with 95 % bootstrap intervals.

    Args:
        table: from :func:`course_lib.knowledge.study.retrieval_table`.

    Returns:
        A ``go.Figure``: one bar trace per method, measures on the x axis.
    """
    fig = go.Figure()
    for i, method in enumerate(METHODS):
        t = table[table["method"] == method]
        fig.add_trace(go.Bar(
            x=t["measure"], y=t["estimate"], name=method, marker_color=COLOURS[i],
            error_y={"type": "data", "symmetric": False, "array": t["high"] - t["estimate"],
                     "arrayminus": t["estimate"] - t["low"]},
            hovertemplate=f"{method} %{{x}}: %{{y:.3f}}<extra></extra>",
        ))
    fig.update_layout(title="Is the gold passage retrieved? (95 % intervals)",
                      barmode="group", yaxis={"title": "share of questions / MRR", "range": [0, 1.05]},
                      template="plotly_white", legend={"orientation": "h", "y": -0.2}, margin={"t": 60})
    return fig


def before_after_figure(before: ExperimentResult, after: ExperimentResult) -> go.Figure:
    """Answer accuracy of each candidate on version 1 and on version 2, with 95 % intervals.

    Returns:
        A ``go.Figure`` with two marker traces (before, after) with error bars.
    """
    fig = go.Figure()
    for i, (label, result) in enumerate((("version 1 (before the update)", before),
                                         ("version 2 (after the update)", after))):
        t = result.table
        fig.add_trace(go.Scatter(
            x=t["accuracy"], y=t["candidate"], mode="markers", name=label,
            marker={"size": 11, "color": COLOURS[i], "symbol": ("circle", "diamond")[i]},
            error_x={"type": "data", "symmetric": False, "array": t["accuracy_high"] - t["accuracy"],
                     "arrayminus": t["accuracy"] - t["accuracy_low"]},
            hovertemplate="%{y}: %{x:.3f}<extra>" + label + "</extra>",
        ))
    names = list(dict.fromkeys([*before.table["candidate"], *after.table["candidate"]]))
    fig.update_layout(title="Accuracy before and after the update",
                      xaxis={"title": "share of held-out questions answered right", "range": [0, 1.05]},
                      yaxis={"categoryorder": "array", "categoryarray": names[::-1], "automargin": True},
                      template="plotly_white", legend={"orientation": "h", "y": -0.3},
                      margin={"t": 60}, height=170 + 55 * len(names))
    return fig


def paraphrase_figure(curve: LearningCurve, retrieval_accuracy: float) -> go.Figure:
    """The closed book's accuracy on unseen paraphrases over paraphrases seen per fact, against retrieval.

    Returns:
        The lesson-03 learning-curve figure with a linear x axis of paraphrases per fact.
    """
    fig = learning_curve_figure({"closed book": curve}, {"RAG (fused)": retrieval_accuracy},
                                title="Facts need many paraphrases")
    fig.update_xaxes(type="linear", title="paraphrases of each fact seen in training",
                     tickvals=list(curve.summary["n"]))
    fig.update_yaxes(range=[0, 1.05], title="accuracy on unseen paraphrases")
    return fig


def cost_by_k_figure(costs: pd.DataFrame) -> go.Figure:
    """USD per 1,000 requests for RAG with k passages against the fine-tuned model without context.

    Args:
        costs: from :func:`course_lib.knowledge.study.cost_by_k`.

    Returns:
        A ``go.Figure`` with two lines over k.
    """
    fig = go.Figure([
        go.Scatter(x=costs["k"], y=costs["rag_usd_per_1k"], mode="lines+markers", name="RAG on the base model",
                   line={"color": COLOURS[0]}, customdata=costs["context_tokens"],
                   hovertemplate="k=%{x}: USD %{y:.4f} per 1,000 (%{customdata:.0f} context tokens)<extra></extra>"),
        go.Scatter(x=costs["k"], y=costs["fine_tuned_usd_per_1k"], mode="lines", name="fine-tuned, no passages",
                   line={"color": COLOURS[1], "dash": "dash"}, hovertemplate="USD %{y:.4f} per 1,000<extra></extra>"),
    ])
    fig.update_layout(title="Cost of k passages per request", template="plotly_white",
                      xaxis_title="passages per request (k)", yaxis_title="USD per 1,000 requests",
                      legend={"orientation": "h", "y": -0.25}, margin={"t": 60})
    return fig


def hits_table(hits: list[Hit], answer: Answer | None = None) -> pd.DataFrame:
    """The retrieved passages as a table: rank, chunk, fused/dense/lexical scores and ranks, and the text.

    Args:
        hits: from :meth:`KnowledgeIndex.search`.
        answer: the reader's answer; its passage is marked ``used``.

    Returns:
        One row per hit.
    """
    return pd.DataFrame([{
        "rank": i + 1, "chunk": h.chunk.chunk_id, "score": round(h.score, 4), "dense cosine": round(h.dense, 3),
        "dense rank": h.dense_rank, "BM25": round(h.lexical, 2), "BM25 rank": h.lexical_rank or "-",
        "used": "yes" if answer is not None and answer.chunk_id == h.chunk.chunk_id else "",
        "text": h.chunk.text,
    } for i, h in enumerate(hits)])


def hits_html(hits: list[Hit], answer: Answer | None = None, method: str = "fused") -> str:
    """The retrieved passages as stacked cards (one per hit) that read well at any width.

    Args:
        hits: from :meth:`KnowledgeIndex.search`.
        answer: the reader's answer; its passage is marked.
        method: the ranking the hits came from (names the score).

    Returns:
        An HTML fragment with the dollar signs written as entities (no maths typesetting).
    """
    cards = []
    for i, h in enumerate(hits, start=1):
        used = answer is not None and answer.chunk_id == h.chunk.chunk_id
        lexical = f"BM25 {h.lexical:.2f} (rank {h.lexical_rank})" if h.lexical_rank else "BM25: no shared word"
        border = COLOURS[2] if used else "#ccc"
        cards.append(
            f"<div style='border-left:4px solid {border}; padding:4px 8px; margin:6px 0'>"
            f"<div><b>{i}. {html.escape(h.chunk.chunk_id)}</b>{' &mdash; <b>the answer came from here</b>' if used else ''}"
            f"</div><div style='color:#555; font-size:0.9em'>{html.escape(method)} score {h.score:.4f} &middot; "
            f"dense cosine {h.dense:.3f} (rank {h.dense_rank}) &middot; {lexical}</div>"
            f"<div>{html.escape(h.chunk.text)}</div></div>")
    return "".join(cards).replace("$", "&#36;")


class KnowledgeExplorer(widgets.VBox):
    """Ask your own question: top passages with their scores, the answer and the passage it came from.

    Controls: the question, the knowledge-base version, the method, k and the chunk size.
    An index per (version, chunk size) is built on first use and kept, so switching back is instant.

    Args:
        embedder: the sentence embedder.
        question: the question shown first.
        run_now: answer once when built.
    """

    def __init__(self, embedder: Any, question: str = "How long do I have to return an item?",
                 run_now: bool = True) -> None:
        self.embedder = embedder
        self._indexes: dict[tuple[int, int], KnowledgeIndex] = {}
        style = layout.label_style()
        wide, narrow = layout.control_layout(max_width="640px"), layout.control_layout()
        self.question = widgets.Text(value=question, description="your question", style=style, layout=wide,
                                     continuous_update=False)
        self.version = widgets.Dropdown(options=[("version 1: the shop as first written", 1),
                                                 ("version 2: a season later", 2)], value=1,
                                        description="knowledge", style=style, layout=narrow)
        self.method = widgets.Dropdown(options=list(METHODS), value="fused", description="retrieval",
                                       style=style, layout=narrow)
        self.k = NumberField("k (passages)", 3, kind=int, minimum=1, maximum=10, step=1, description_width="130px")
        self.chunk_words = NumberField("chunk size (words)", 40, kind=int, minimum=10, maximum=120, step=10,
                                       description_width="130px")
        self.button = widgets.Button(description="Ask", button_style="primary", icon="search",
                                     tooltip="retrieve and read (Enter in the question box does the same)")
        self.answer = widgets.HTML()
        self.passages = widgets.HTML()
        self.question.observe(self._rerun, names="value")
        for control in (self.version, self.method, self.k, self.chunk_words):
            control.observe(self._rerun, names="value")
        self.button.on_click(lambda _b: self.run())
        super().__init__([self.question, self.version, self.method, self.k, self.chunk_words, self.button,
                          self.answer, self.passages], layout=layout.fill_layout())
        layout.course_widget(self, "course-knowledge-explorer")
        if run_now:
            self.run()

    def index_for(self, version: int, chunk_words: int) -> KnowledgeIndex:
        """The index of one version at one chunk size, built on first use."""
        key = (version, chunk_words)
        if key not in self._indexes:
            self._indexes[key] = KnowledgeIndex(self.embedder, kb.documents(version), chunk_words)
        return self._indexes[key]

    def run(self) -> tuple[Answer, list[Hit]] | None:
        """Answer the current question with the current settings and show the passages."""
        question = self.question.value.strip()
        if not question:
            self.answer.value = "<b>Type a question first</b>, for example: How much is the Orbit 2 tent?"
            self.passages.value = ""
            return None
        index = self.index_for(self.version.value, self.chunk_words.value)
        reader = RetrievalReader(index, self.method.value, self.k.value)
        answer, hits = reader.answer(question)
        source = (f" &mdash; from <code>{html.escape(answer.chunk_id)}</code>: "
                  f"&ldquo;{html.escape(answer.sentence)}&rdquo;") if answer.chunk_id else ""
        self.answer.value = (f"<p style='font-size:1.1em'>Answer: <b>{html.escape(answer.value)}</b>{source}</p>"
                             .replace("$", "&#36;"))
        self.passages.value = hits_html(hits, answer, self.method.value)
        return answer, hits

    def _rerun(self, _change: dict) -> None:
        self.run()
