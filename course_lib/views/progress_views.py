"""The learner's progress, per objective and per notebook: a plotly chart and a refreshable widget.

Shown in ``notebooks/00_start_here.ipynb``; the data comes from course_lib.quiz.progress.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from course_lib.quiz.progress import ProgressStore, ProgressSummary, answers_text, summarise

if TYPE_CHECKING:
    import ipywidgets as widgets

    from course_lib.quiz.bank import Bank

# Each status has a colour AND a fill pattern AND a text label, so the chart reads without colour.
_STATUSES = (
    ("correct", "Correct", "#2e7d32", ""),
    ("tried", "Tried, not yet correct", "#f9a825", "/"),
    ("open", "Not tried yet", "#cfd8dc", "."),
)


def _counts(table) -> dict[str, list[int]]:
    return {
        "correct": [int(v) for v in table["correct"]],
        "tried": [int(a - c) for a, c in zip(table["attempted"], table["correct"])],
        "open": [int(i - a) for i, a in zip(table["items"], table["attempted"])],
    }


def progress_figure(summary: ProgressSummary) -> go.Figure:
    """Stacked bars of bank items per objective (left) and per notebook (right): correct, tried, not tried.

    Args:
        summary: From :func:`course_lib.quiz.progress.summarise`.

    Returns:
        The figure (six bar traces: three statuses x two panels).
    """
    fig = make_subplots(rows=1, cols=2, subplot_titles=("By learning objective", "By notebook"),
                        horizontal_spacing=0.22)
    panels = ((summary.by_objective, 1), (summary.by_notebook, 2))
    for table, col in panels:
        counts = _counts(table)
        labels = list(table["group"])
        hover = [f"{g}: {html.escape(str(lbl))}" for g, lbl in zip(table["group"], table["label"])]
        for key, name, colour, pattern in _STATUSES:
            fig.add_trace(
                go.Bar(
                    y=labels, x=counts[key], name=name, orientation="h", legendgroup=key, showlegend=col == 1,
                    marker={"color": colour, "pattern": {"shape": pattern}, "line": {"color": "#333", "width": 0.5}},
                    text=[str(v) if v else "" for v in counts[key]], textposition="inside",
                    customdata=hover, hovertemplate="%{customdata}<br>" + name + ": %{x}<extra></extra>",
                ),
                row=1, col=col,
            )
    fig.update_layout(
        barmode="stack", height=380, margin={"l": 10, "r": 10, "t": 60, "b": 40},
        title=f"Your progress: {answers_text(summary.attempts)} recorded",
        legend={"orientation": "h", "y": -0.15},
    )
    fig.update_xaxes(title_text="questions in the bank")
    fig.update_yaxes(autorange="reversed")
    return fig


def progress_table_html(summary: ProgressSummary) -> str:
    """The same numbers as a text table, for screen readers and for reading exact values."""
    rows = []
    for title, table in (("Objective", summary.by_objective), ("Notebook", summary.by_notebook)):
        rows.append(f"<tr><th>{title}</th><th>correct</th><th>answered</th><th>items</th><th>mastery</th></tr>")
        for r in table.itertuples():
            rows.append(f"<tr><td>{html.escape(r.group)}: {html.escape(str(r.label))}</td><td>{r.correct}</td>"
                        f"<td>{r.attempted}</td><td>{r.items}</td><td>{r.mastery:.0%}</td></tr>")
    return f'<table class="course-progress-table">{"".join(rows)}</table>'


def progress_summary(store: ProgressStore | None = None, bank: "Bank | None" = None) -> "widgets.VBox":
    """A widget with the progress chart, the table and a Refresh button.

    Args:
        store: The progress store (the default file when None).
        bank: The bank (the package's own when None).

    Returns:
        A VBox to display as a cell's last expression.
    """
    import ipywidgets as widgets

    from course_lib.views import layout

    store = store or ProgressStore()
    summary = summarise(store, bank)
    chart = layout.figure_widget(progress_figure(summary))
    where = widgets.HTML(f"<p>Your answers are saved in <code>{html.escape(str(store.path))}</code> "
                         "(set <code>COURSE_PROGRESS_FILE</code> to keep them elsewhere).</p>")
    table = widgets.HTML(progress_table_html(summary))
    button = widgets.Button(description="Refresh", icon="refresh", tooltip="Re-read your progress file")

    def refresh(_=None) -> None:
        new = summarise(store, bank)
        chart.show(progress_figure(new))
        table.value = progress_table_html(new)

    button.on_click(refresh)
    box = widgets.VBox([where, button, chart, table], layout=layout.fill_layout())
    layout.course_widget(box, "course-progress")
    box.refresh = refresh  # type: ignore[attr-defined]  # for tests and notebooks
    return box
