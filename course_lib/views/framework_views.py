"""The decision tree drawn, the approaches side by side, and the framework explorer widget.

Introduced in ``notebooks/01_decision_framework.ipynb``.
"""

from __future__ import annotations

import html
from typing import Any, Callable

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from course_lib.framework import TRAITS, Recommendation, Trait, load_framework, recommend
from course_lib.views import layout
from course_lib.views.inputs import NumberField

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


def tree_leaf(rec: Recommendation) -> str | None:
    """The node of the chapter's tree where a recommendation ends, or None when it has no leaf there.

    The tree has two prompting leaves: "Use prompting" (a one-off task, or a prompt that
    already works) and "Prompt-engineer harder" (nothing fine-tuning fixes, or fine-tuning
    is blocked). A hybrid is not in the chapter's tree at all.

    >>> tree_leaf(recommend(one_off=True))
    'use_prompt'
    >>> tree_leaf(recommend()) , tree_leaf(recommend(knowledge_changes_often=True))
    ('harder', 'rag')
    """
    if rec.approach == "prompting":
        return "use_prompt" if {"one_off_task", "prompting_works"} & set(rec.criteria) and \
            "high_volume_cost" not in rec.criteria else "harder"
    return {"rag": "rag", "fine_tuning": "fine_tune"}.get(rec.approach)


def decision_tree_figure(rec: Recommendation | None = None) -> go.Figure:
    """The chapter's decision tree as a figure, with the leaf a recommendation ends at emphasised.

    Args:
        rec: a recommendation whose leaf to emphasise (see :func:`tree_leaf`), or None for the bare tree.
    """
    pos = {n: (x, y) for n, _, x, y, _ in _NODES}
    labels = {n: label.replace("<br>", " ") for n, label, *_ in _NODES}
    leaf = tree_leaf(rec) if rec is not None else None
    fig = go.Figure()
    for start, end, label in _EDGES:
        (x0, y0), (x1, y1) = pos[start], pos[end]
        fig.add_trace(go.Scatter(x=[x0, x1], y=[y0, y1], mode="lines", line={"color": "#888", "width": 2},
                                 hoverinfo="skip", showlegend=False))
        fig.add_annotation(x=(x0 + x1) / 2, y=(y0 + y1) / 2, text=f"<i>{label}</i>", showarrow=False,
                           bgcolor="white", font={"size": 12})
    for node, label, x, y, approach in _NODES:
        chosen = node == leaf
        fig.add_annotation(
            x=x, y=y, text=f"<b>{label}</b>" if approach else label, showarrow=False,
            bgcolor="#ffd966" if chosen else ("#e8f0fe" if approach else "#f4f4f4"),
            bordercolor="#c00" if chosen else "#555", borderwidth=3 if chosen else 1, borderpad=6,
            font={"size": 13},
        )
    title = "The chapter's decision tree"
    if leaf is not None:
        title += f": this case ends at \u201c{labels[leaf]}\u201d"
    elif rec is not None:
        name = load_framework().approaches[rec.approach].name
        title += f": {name} is not one of its leaves (read the trace)"
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


def _trait_rule(trait: Trait) -> Callable[[float], str]:
    """The trait's own rule (framework.Trait.validate) as a message, for :class:`NumberField`."""
    def problem(value: float) -> str:
        try:
            trait.validate(trait.type(value))
        except (TypeError, ValueError) as exc:
            # In the box, unknown is an empty box, not None.
            return str(exc).split("; got")[0].rstrip(".").replace("or None if unknown", "or left empty if unknown")
        return ""
    return problem


class FrameworkExplorer(widgets.VBox):
    """Set a use case's traits; see the recommendation, its criteria and its trace.

    Every control is a labelled native input, so it works from the keyboard (Tab, Space).
    A number is typed as text and read exactly (an empty box means unknown); a number the
    framework cannot use is refused beside its box, and the recommendation says so.
    """

    def __init__(self, **initial: Any) -> None:
        self.controls: dict[str, widgets.Widget] = {}
        rows = []
        for name, trait in TRAITS.items():
            value = initial.get(name, trait.default)
            if trait.type is bool:
                control = widgets.Checkbox(value=bool(value), description=trait.help, indent=False,
                                           layout=layout.fill_layout())
                rows.append(control)
            else:
                control = NumberField(f"{name}:", value, kind=trait.type, minimum=0, allow_empty=True,
                                      placeholder="unknown", check=_trait_rule(trait))
                control.text.tooltip = trait.help
                control.message.observe(self._on_change, names="value")  # a refusal keeps the value: say so
                rows.append(widgets.VBox([layout.help_text(trait.help), control], layout=layout.fill_layout()))
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
        """The traits in use now (None: unknown)."""
        return {name: control.value for name, control in self.controls.items()}

    def refused_inputs(self) -> dict[str, str]:
        """Trait name -> why the number typed for it was refused (empty when every box is read as typed)."""
        return {name: control.refusal for name, control in self.controls.items()
                if isinstance(control, NumberField) and control.refusal}

    def update(self) -> None:
        """Recompute the recommendation from the controls and show it.

        When it cannot be computed, the old answer is cleared (never left under the error);
        when a typed number was refused, the answer says which value it used instead.
        """
        try:
            self.recommendation = recommend(**self.use_case_traits())
        except (TypeError, ValueError) as exc:
            self.recommendation = None
            self.error.value = f"<p role='alert'><b>Cannot decide:</b> {html.escape(str(exc))}</p>"
            self.result.value = ""
            self.tree.show(decision_tree_figure())
            return
        refused = self.refused_inputs()
        self.error.value = "" if not refused else (
            "<p role='alert'><b>Not what you typed:</b> this recommendation uses "
            + ", ".join(f"<code>{html.escape(n)}</code> = {self._shown(n)}" for n in refused)
            + " (see the message beside each box).</p>")
        answer = recommendation_html(self.recommendation)
        self.result.value = answer if not refused else f"<div class='course-stale' style='opacity:0.6'>{answer}</div>"
        self.tree.show(decision_tree_figure(self.recommendation))

    def _shown(self, name: str) -> str:
        value = self.controls[name].value
        return "unknown" if value is None else f"{value:,}"

    def _on_change(self, _change: dict) -> None:
        self.update()
