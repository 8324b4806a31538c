"""Plotly figures of the class report; each returns a ``go.Figure`` and never shows it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from course_lib.grading.gradebook import STATUSES
from course_lib.classroom.class_report import ClassReport

STATUS_COLOURS: dict[str, str] = {
    "passed": "#2e7d32",
    "failed": "#c62828",
    "error": "#ef6c00",
    "timeout": "#6a1b9a",
    "missing": "#9e9e9e",
    "invalid": "#5d4037",
}
BIN_PERCENT = 5.0  # width of a band of the score distribution, in percentage points
_PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f")


def score_bins(percents: pd.Series | list[float], size: float = BIN_PERCENT) -> tuple[list[float], list[int]]:
    """Students per score band of ``size`` points from 0 to 100; the last band includes 100 %.

    >>> score_bins([0, 42, 95, 100, 100], size=50)
    ([0.0, 50.0], [2, 3])
    """
    edges = np.arange(0.0, 100.0 + size / 2, size)
    counts, _ = np.histogram(np.clip(np.asarray(percents, dtype=float), 0, 100), bins=edges)  # numpy's last bin is closed
    return edges[:-1].tolist(), counts.tolist()


def score_distribution(report: ClassReport) -> go.Figure:
    """Students per 5-point score band, one bar trace per assignment (a 100 % score counts in 95-100).

    Args:
        report: the computed class report.

    Returns:
        A figure with one ``go.Bar`` per assignment, bars covering 0 to 100.
    """
    fig = go.Figure()
    for k, (assignment, rows) in enumerate(report.scores.groupby("assignment", sort=True)):
        starts, counts = score_bins(rows["percent"])
        fig.add_trace(go.Bar(
            x=[start + BIN_PERCENT / 2 for start in starts], y=counts, width=BIN_PERCENT, name=assignment,
            opacity=0.65, marker_color=_PALETTE[k % len(_PALETTE)],
            customdata=[[start, start + BIN_PERCENT] for start in starts],
            hovertemplate=f"{assignment}<br>%{{customdata[0]:g}}-%{{customdata[1]:g}} %%: %{{y}} student(s)<extra></extra>",
        ))
    fig.update_layout(
        title="Score distribution per assignment", barmode="overlay", bargap=0,
        xaxis={"title": "score (% of the assignment's points)", "range": [0, 100], "dtick": 10},
        yaxis={"title": "students"}, legend_title_text="assignment",
    )
    return fig


def item_results(report: ClassReport) -> go.Figure:
    """Stacked horizontal bars: for every item, how many students got each status.

    Args:
        report: the computed class report.

    Returns:
        A figure with one ``go.Bar`` per status (all six, in the grader's order).
    """
    items = report.items
    labels = (items["assignment"] + " / " + items["item"] + " (" + items["objective"] + ")").tolist()
    fig = go.Figure()
    for status in STATUSES:
        fig.add_trace(go.Bar(
            y=labels, x=items[status], name=status, orientation="h",
            marker_color=STATUS_COLOURS[status],
            hovertemplate="%{y}<br>" + status + ": %{x}<extra></extra>",
        ))
    fig.update_layout(
        title="Results per item", barmode="stack",
        xaxis={"title": "students"}, yaxis={"autorange": "reversed"},
        height=max(320, 28 * len(labels) + 140), legend_title_text="status",
    )
    return fig


def objective_results(report: ClassReport) -> go.Figure:
    """Bar per learning objective: the share of its points the class earned.

    Args:
        report: the computed class report.

    Returns:
        A figure with one ``go.Bar`` (class percent) and the flagging threshold as a line.
    """
    table = report.objectives
    fig = go.Figure(go.Bar(
        x=table["objective"], y=table["class_percent"], name="class",
        text=table["class_percent"].map("{:.0f} %".format), textposition="outside",
        customdata=table[["items", "students_below"]],
        hovertemplate="%{x}: %{y:.1f} % of points earned<br>items: %{customdata[0]}"
                      "<br>students below the bar: %{customdata[1]}<extra></extra>",
        marker_color="#1f77b4",
    ))
    fig.add_hline(y=report.settings.weak_objective_percent, line_dash="dash", line_color="#c62828",
                  annotation_text=f"flag below {report.settings.weak_objective_percent:g} %")
    fig.update_layout(title="Results per learning objective",
                      yaxis={"title": "% of the objective's points earned", "range": [0, 110]})
    return fig


def all_figures(report: ClassReport) -> dict[str, go.Figure]:
    """The report's figures, by section id."""
    return {
        "distribution": score_distribution(report),
        "items": item_results(report),
        "objectives": objective_results(report),
    }
