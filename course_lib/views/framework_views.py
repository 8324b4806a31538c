"""The decision tree drawn, the approaches side by side, and the framework explorer widget.

Introduced in ``notebooks/01_decision_framework.ipynb``.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from course_lib.framework import TRAITS, Recommendation, load_framework, recommend
from course_lib.views import layout

# The chapter's tree: (id, label, x, y, leaf approach or None).
_NODES = [
    ("q_prompt", "Can prompting solve it?", 0.0, 3.0, None),
    ("use_prompt", "Use prompting", -1.6, 2.0, "prompting"),
    ("q_style", "Is it a style, format<br>or persona problem?", 1.2, 2.0, None),
    ("fine_tune", "Fine-tune", 0.2, 1.0, "fine_tuning"),
    ("q_knowledge", "Does it need<br>domain knowledge?", 2.2, 1.0, None),
    ("rag", "RAG", 1.3, 0.0, "rag"),
    ("harder", "Prompt-engineer harder", 3.1, 0.0, "prompting"),
]
_EDGES = [("q_prompt", "use_prompt", "yes"), ("q_prompt", "q_style", "no"),
          ("q_style", "fine_tune", "yes"), ("q_style", "q_knowledge", "no"),
          ("q_knowledge", "rag", "yes"), ("q_knowledge", "harder", "no")]


def decision_tree_figure(highlight: str | None = None) -> go.Figure:
    """The chapter's decision tree as a figure.

    Args:
        highlight: an approach id whose leaf(s) to emphasise, e.g. a recommendation's.
    """
    pos = {n: (x, y) for n, _, x, y, _ in _NODES}
    fig = go.Figure()
    for start, end, label in _EDGES:
        (x0, y0), (x1, y1) = pos[start], pos[end]
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", line={"color": "#888", "width": 2},
                                 hoverinfo="skip", showlegend=False))
        fig.add_annotation(x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=f"<i>{label}</i>", showarrow=False,
                           bgcolor="white", font={"size": 12})
    for node, label, x, y, leaf in _NODES:
        chosen = leaf is not None and leaf == highlight
        fig.add_annotation(
            x=x, y=y, text=f"<b>{label}</b>" if leaf else label, showarrow=False,
            bgcolor="#ffd966" if chosen else ("#e8f0fe" if leaf else "#f4f4f4"),
            bordercolor="#c00" if chosen else "#555", borderwidth=3 if chosen else 1, borderpad=6,
            font={"size": 13},
        )
    title = "The chapter's decision tree"
    if highlight in {leaf for *_, leaf in _NODES}:
        title += f" (highlighted: {highlight})"
    elif highlight:
        title += f" ({highlight} is not one of its leaves: follow the trace)"
    fig.update_layout(
        title=title,
        xaxis={"visible": False, "range": [-2.6, 4.0]}, yaxis={"visible": False, "range": [-0.5, 3.5]},
        height=380, margin={"l": 10, "r": 10, "t": 50, "b": 10}, plot_bgcolor="white",
    )
    return fig


def approaches_table() -> pd.DataFrame:
    """The four approaches side by side (best for, cost, time to deploy)."""
    rows = [{"approach": a.name, "best for": a.best_for, "cost": a.cost, "time to deploy": a.time_to_deploy}
            for a in load_framework().approaches.values()]
    return pd.DataFrame(rows).set_index("approach")


def criteria_table(direction: str | None = None) -> pd.DataFrame:
    """Every criterion with its direction, explanation and sources, optionally one direction only."""
    rows = [{"id": c.id, "direction": c.direction, "explanation": c.explanation,
             "sources": ", ".join(c.sources)}
            for c in load_framework().criteria.values() if direction in (None, c.direction)]
    return pd.DataFrame(rows).set_index("id")


def recommendation_html(rec: Recommendation) -> str:
    """The recommendation, its criteria, caveats and trace as HTML (text, not colour alone)."""
    fw = load_framework()
    esc = html.escape

    def items(ids: tuple[str, ...]) -> str:
        return "".join(f"<li><code>{esc(c)}</code>: {esc(fw.criteria[c].explanation)}</li>" for c in ids)

    parts = [f"<h4>Recommendation: {esc(fw.approaches[rec.approach].name)}</h4>"]
    if rec.start_with:
        parts.append(f"<p><b>But start with {esc(fw.approaches[rec.start_with].name.lower())}</b>: "
                     "build and measure the best prompt first.</p>")
    parts.append(f"<p><b>Deciding criteria</b></p><ul>{items(rec.criteria) or '<li>none</li>'}</ul>")
    if rec.caveats:
        parts.append(f"<p><b>Caveats</b></p><ul>{items(rec.caveats)}</ul>")
    steps = "".join(
        f"<li>{esc(s.question)} <b>{esc(s.answer)}</b>" + (f" (<code>{esc(s.criterion)}</code>)" if s.criterion else "") + "</li>"
        for s in rec.trace)
    parts.append(f"<p><b>Trace through the tree</b></p><ol>{steps}</ol>")
    return "\n".join(parts)


class FrameworkExplorer(widgets.VBox):
    """Set a use case's traits; see the recommendation, its criteria and its trace.

    Every control is a labelled native input, so it works from the keyboard (Tab, Space).
    """

    def __init__(self, **initial: Any) -> None:
        self.controls: dict[str, widgets.ValueWidget] = {}
        self.unknown: dict[str, widgets.Checkbox] = {}
        rows = []
        style = {"description_width": "initial"}
        for name, trait in TRAITS.items():
            value = initial.get(name, trait.default)
            if trait.type is bool:
                control = widgets.Checkbox(value=bool(value), description=trait.help, indent=False,
                                           layout=layout.fill_layout())
                rows.append(control)
            else:
                make = widgets.IntText if trait.type is int else widgets.FloatText
                control = make(value=0 if value is None else value, description=f"{name}:", style=style,
                               tooltip=trait.help, layout=layout.control_layout(max_width="20em"))
                unknown = widgets.Checkbox(value=value is None, description="unknown", indent=False,
                                           layout=widgets.Layout(width="auto", flex="none"))
                self.unknown[name] = unknown
                unknown.observe(self._on_change, names="value")
                rows.append(layout.wrap_row([control, unknown, layout.help_text(trait.help)], align_items="center"))
            control.observe(self._on_change, names="value")
            self.controls[name] = control
        self.result = widgets.HTML()
        self.error = widgets.HTML()
        self.tree = layout.figure_widget(decision_tree_figure())
        super().__init__([widgets.HTML("<b>Traits of the use case</b>"), *rows, self.error, self.result, self.tree],
                         layout=layout.fill_layout())
        layout.course_widget(self, "course-framework-explorer")
        self.recommendation: Recommendation | None = None
        self.update()

    def use_case_traits(self) -> dict[str, Any]:
        """The traits as currently set."""
        return {name: (None if name in self.unknown and self.unknown[name].value else control.value)
                for name, control in self.controls.items()}

    def update(self) -> None:
        """Recompute the recommendation from the controls and show it."""
        try:
            self.recommendation = recommend(**self.use_case_traits())
        except (TypeError, ValueError) as exc:
            self.error.value = f"<p><b>Cannot decide:</b> {html.escape(str(exc))}</p>"
            return
        self.error.value = ""
        self.result.value = recommendation_html(self.recommendation)
        fresh = decision_tree_figure(highlight=self.recommendation.approach)
        with self.tree.batch_update():
            self.tree.layout.annotations = fresh.layout.annotations
            self.tree.layout.title = fresh.layout.title

    def _on_change(self, _change: dict) -> None:
        self.update()

