"""The memo's chart: monthly cost of each option against daily volume (returns a ``go.Figure``)."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from course_lib.memo.analysis import CostProjection

#: Line style per approach, so the four approaches read apart even without colour.
DASHES = {"prompting": "solid", "rag": "dot", "fine_tuning": "dash", "hybrid": "dashdot"}


def cost_projection_figure(costs: CostProjection, daily_requests: float) -> go.Figure:
    """Monthly cost (USD) of every option over a range of daily volumes, log scales, the use case's volume marked.

    Args:
        costs: the projection from :func:`course_lib.memo.analysis.project_costs`.
        daily_requests: the use case's own volume, drawn as a dotted vertical line.

    Returns:
        One line per option.
    """
    approach_of = dict(zip(costs.table["option"], costs.table["approach"]))
    fig = go.Figure()
    for option, rows in costs.grid.groupby("option", sort=False):
        fig.add_trace(go.Scatter(
            x=rows["daily_requests"], y=rows["total"], mode="lines", name=option,
            line={"dash": DASHES.get(approach_of.get(option, ""), "solid")},
            hovertemplate="%{x:,.0f} requests a day: %{y:,.2f} USD a month<extra>" + option + "</extra>",
        ))
    fig.add_vline(x=daily_requests, line_dash="dot", line_color="grey")
    fig.add_annotation(x=math.log10(daily_requests), xref="x", y=1, yref="paper", yanchor="bottom", showarrow=False,
                       text=f"your volume: {daily_requests:,.0f} a day")  # log axes place annotations by log10
    fig.update_layout(
        title="Monthly cost against daily volume",
        xaxis={"title": "requests per day", "type": "log"},
        yaxis={"title": "USD per month", "type": "log"},
        legend={"orientation": "h", "y": -0.25},
        margin={"l": 60, "r": 20, "t": 60, "b": 40},
        autosize=True,
    )
    return fig
