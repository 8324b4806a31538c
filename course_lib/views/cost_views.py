"""Cost figures and the interactive cost explorer (sliders driving a plotly chart).

Introduced in ``notebooks/02_cost_benefit.ipynb``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

import ipywidgets as widgets
import numpy as np
import plotly.graph_objects as go

from course_lib.costs import (
    Option, Training, Workload, break_even_volume, cost_breakdown, monthly_cost_grid, open_weight_lora,
)
from course_lib.prices import load_prices
from course_lib.views.inputs import NumberField
from course_lib.views import layout

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd")
GRID_POINTS = 200


@dataclass(frozen=True)
class CostSettings:
    """Every setting of the cost explorer, with the lesson's defaults.

    The defaults are the chapter's case (200-token requests, a 500-token system
    prompt cut to 50 by fine-tuning) plus what the chapter leaves out: a 20-token
    answer, a training run of 500 examples x 150 tokens x 3 epochs, monthly
    retraining and USD 50 a month of evaluation and monitoring, charged to every
    option since each one has to be measured and watched. The fixed cost and the
    open-weight option's two prices (training per 1M tokens, endpoint per hour)
    are illustrative assumptions, not list prices: set them to your own quotes.
    """

    max_daily_requests: int = 200_000
    input_tokens: int = 200
    output_tokens: int = 20
    long_prompt_tokens: int = 500
    short_prompt_tokens: int = 50
    large_model: str = "gpt-4o"
    small_model: str = "gpt-4o-mini"
    training_examples: int = 500
    tokens_per_example: int = 150
    epochs: int = 3
    retrain_every_days: int = 30  # 0: never retrain
    fixed_monthly: float = 50.0
    open_weight_training_per_1m: float = 0.50
    endpoint_per_hour: float = 2.00

    def workload(self, daily_requests: float | None = None) -> Workload:
        volume = self.max_daily_requests if daily_requests is None else daily_requests
        return Workload(volume, self.input_tokens, self.output_tokens)

    def options(self) -> list[Option]:
        """The four options compared: large prompted, small prompted (the fair baseline), small fine-tuned
        on the vendor's service, and a LoRA fine-tune of an open-weight model on a dedicated endpoint."""
        training = Training(self.training_examples, self.tokens_per_example, self.epochs,
                            self.retrain_every_days or None)
        watch = {"evaluation and monitoring": self.fixed_monthly}
        return [
            Option(f"{self.large_model}, {self.long_prompt_tokens}-token prompt", self.large_model,
                   system_prompt_tokens=self.long_prompt_tokens, fixed_monthly=watch),
            Option(f"{self.small_model}, {self.long_prompt_tokens}-token prompt", self.small_model,
                   system_prompt_tokens=self.long_prompt_tokens, fixed_monthly=watch),
            Option(f"fine-tuned {self.small_model}, {self.short_prompt_tokens}-token prompt", self.small_model,
                   fine_tuned=True, system_prompt_tokens=self.short_prompt_tokens, training=training,
                   fixed_monthly=watch),
            open_weight_lora(f"LoRA open-weight model, dedicated endpoint, {self.short_prompt_tokens}-token prompt",
                             training=training, training_price_per_1m=self.open_weight_training_per_1m,
                             endpoint_per_hour=self.endpoint_per_hour, system_prompt_tokens=self.short_prompt_tokens,
                             fixed_monthly=watch),
        ]

    def comparisons(self) -> list[tuple[int, int]]:
        """Pairs (prompted option, fine-tuned option) whose break-even the explorer marks, as indexes into
        :meth:`options`: the chapter's comparison (large vs tuned small) and both fine-tunes against the fair
        baseline (the prompted small model)."""
        return [(0, 2), (1, 2), (1, 3)]


@dataclass(frozen=True)
class CostCurves:
    """What the chart shows: monthly cost per option over volumes, and break-even points."""

    volumes: np.ndarray
    totals: dict[str, np.ndarray]
    break_even: dict[tuple[str, str], float | None]  # (prompted, fine-tuned) -> volume where their costs meet


def cost_curves(settings: CostSettings) -> CostCurves:
    """Compute the explorer's curves (pure; the widget and the static figure share it)."""
    options = settings.options()
    volumes = np.linspace(0, settings.max_daily_requests, GRID_POINTS)
    workload = settings.workload()
    grid = monthly_cost_grid(options, workload, volumes)
    totals = {name: group["total"].to_numpy() for name, group in grid.groupby("option", sort=False)}
    break_even = {(options[a].name, options[b].name): break_even_volume(options[a], options[b], workload)
                  for a, b in settings.comparisons()}
    return CostCurves(volumes, totals, break_even)


def _short(name: str) -> str:
    return name.split(",")[0]


def _break_even_shapes(curves: CostCurves) -> tuple[list[dict], list[dict]]:
    shapes, notes = [], []
    top = max(float(t.max()) for t in curves.totals.values()) or 1.0
    for i, ((prompted, tuned), volume) in enumerate(curves.break_even.items()):
        if volume is None or volume > curves.volumes[-1]:
            continue
        shapes.append({"type": "line", "x0": volume, "x1": volume, "y0": 0, "y1": top, "xref": "x", "yref": "y",
                       "line": {"dash": "dot", "color": COLOURS[i], "width": 2}})
        notes.append({"x": volume, "y": top * (0.95 - 0.1 * i), "xref": "x", "yref": "y", "showarrow": False,
                      "xanchor": "left", "text": f"{_short(tuned)} = {_short(prompted)}: {volume:,.0f}/day",
                      "bgcolor": "rgba(255,255,255,0.8)"})
    return shapes, notes


def cost_curve_figure(settings: CostSettings | None = None) -> go.Figure:
    """Monthly cost against daily volume for each option, break-even points marked."""
    return _curves_figure(cost_curves(settings or CostSettings()))


def _curves_figure(curves: CostCurves, log_scale: bool = False) -> go.Figure:
    fig = go.Figure()
    for i, (name, total) in enumerate(curves.totals.items()):
        fig.add_trace(go.Scatter(x=curves.volumes, y=total, name=name, mode="lines",
                                 line={"color": COLOURS[i], "width": 3,
                                       "dash": ["solid", "dash", "dashdot", "dot"][i % 4]}))
    shapes, notes = _break_even_shapes(curves)
    fig.update_layout(
        title="Monthly cost (USD) against requests per day", xaxis_title="requests per day",
        yaxis_title="USD per month", hovermode="x unified", shapes=shapes, annotations=notes,
        legend={"orientation": "h", "y": -0.2}, height=460, margin={"t": 50},
        yaxis_type="log" if log_scale else "linear",
    )
    return fig


def breakdown_figure(settings: CostSettings | None = None, daily_requests: float = 10_000) -> go.Figure:
    """Stacked bars: each option's monthly cost by component at one volume."""
    settings = settings or CostSettings()
    workload = settings.workload(daily_requests)
    fig = go.Figure()
    tables = {o.name: cost_breakdown(o, workload) for o in settings.options()}
    components = list(dict.fromkeys(c for t in tables.values() for c in t["component"]))
    for component in components:
        fig.add_trace(go.Bar(
            name=component, x=list(tables),
            y=[float(t.loc[t["component"] == component, "per_month"].sum()) for t in tables.values()],
        ))
    fig.update_layout(barmode="stack", title=f"Monthly cost by component at {daily_requests:,.0f} requests a day",
                      yaxis_title="USD per month", height=420, legend={"orientation": "h", "y": -0.25})
    return fig


def price_table():
    """The price table for display: newest rows first, with dates and sources."""
    return load_prices().sort_values(["as_of", "model", "variant"], ascending=[False, True, True]).reset_index(drop=True)


# A typed number's allowed range and the slider's step, per setting: (kind, minimum, maximum, step, label).
_NUMBER_SPECS: dict[str, tuple[type, float, float, float, str]] = {
    "input_tokens": (int, 0, 2_000, 10, "User tokens/request"),
    "output_tokens": (int, 0, 2_000, 10, "Output tokens/request"),
    "long_prompt_tokens": (int, 0, 4_000, 50, "Long system prompt"),
    "short_prompt_tokens": (int, 0, 1_000, 10, "Prompt after fine-tune"),
    "training_examples": (int, 0, 5_000, 50, "Training examples"),
    "tokens_per_example": (int, 10, 2_000, 10, "Tokens/example"),
    "epochs": (int, 1, 10, 1, "Epochs"),
    "fixed_monthly": (float, 0, 2_000, 10, "Evaluation USD/month"),
    "open_weight_training_per_1m": (float, 0, 10, 0.1, "LoRA train USD/1M tok"),
    "endpoint_per_hour": (float, 0, 10, 0.1, "Endpoint USD/hour"),
}


def _choice_specs() -> dict[str, tuple[type, dict[str, Any]]]:
    prices = load_prices()
    base_models = sorted(prices.loc[prices["variant"] == "base", "model"])
    tunable = sorted(prices.loc[prices["variant"] == "fine_tuned", "model"])
    return {
        "max_daily_requests": (widgets.SelectionSlider, {"options": [10_000, 50_000, 100_000, 200_000, 500_000, 1_000_000],
                                                          "description": "Max requests/day", "continuous_update": False}),
        "large_model": (widgets.Dropdown, {"options": base_models, "description": "Large model"}),
        "small_model": (widgets.Dropdown, {"options": tunable, "description": "Small model (tuned)"}),
        "retrain_every_days": (widgets.SelectionSlider, {"options": [("never", 0), ("7 d", 7), ("30 d", 30), ("90 d", 90), ("365 d", 365)],
                                                          "description": "Retrain every", "continuous_update": False}),
    }


def _control(name: str, value: Any) -> widgets.Widget:
    """The control for one setting: a choice widget, or a typed number read exactly (with a slider)."""
    if name in _NUMBER_SPECS:
        kind, low, high, step, label = _NUMBER_SPECS[name]
        return NumberField(label, value, kind=kind, minimum=low, maximum=high, step=step,
                           description_width=layout.LABEL_WIDTH)
    kind, kwargs = _choice_specs()[name]
    return kind(value=value, style=layout.label_style(), layout=layout.control_layout(), **kwargs)


class CostExplorer(widgets.VBox):
    """Sliders for every :class:`CostSettings` field, driving the cost curve chart."""

    def __init__(self, settings: CostSettings | None = None) -> None:
        self.settings = settings or CostSettings()
        self.controls: dict[str, widgets.Widget] = {}
        for f in fields(CostSettings):
            control = _control(f.name, getattr(self.settings, f.name))
            control.observe(self._on_change, names="value")
            self.controls[f.name] = control
        self.chart = layout.figure_widget(cost_curve_figure(self.settings))
        self.summary = widgets.HTML()
        # A view choice, not a cost setting: a log axis keeps the cheap options readable.
        self.log_scale = widgets.Checkbox(value=False, description="Logarithmic cost axis", indent=False)
        self.log_scale.observe(self._on_log_scale, names="value")
        controls = layout.panel([*self.controls.values(), self.log_scale])
        super().__init__([layout.wrap_row([controls, layout.panel([self.summary])]), self.chart],
                         layout=layout.fill_layout())
        layout.course_widget(self, "course-cost-explorer")
        self.update()

    @property
    def figure(self) -> go.Figure:
        """The chart on screen now."""
        return self.chart.figure

    def update(self) -> None:
        """Recompute the curves for the current settings and redraw the whole chart."""
        self.settings = replace(self.settings, **{k: c.value for k, c in self.controls.items()})
        curves = cost_curves(self.settings)
        self.chart.show(_curves_figure(curves, self.log_scale.value))
        lines = [f"<li>{_short(tuned)} vs {_short(prompted)}: "
                 + (f"break-even at <b>{v:,.0f}</b> requests/day" if v is not None else "<b>no break-even</b> (one is always cheaper)")
                 + "</li>" for (prompted, tuned), v in curves.break_even.items()]
        self.summary.value = "<b>Where fine-tuning starts to pay</b><ul>" + "".join(lines) + "</ul>"

    def _on_change(self, _change: dict) -> None:
        self.update()

    def _on_log_scale(self, change: dict) -> None:
        self.chart.show(_curves_figure(cost_curves(self.settings), change["new"]))
