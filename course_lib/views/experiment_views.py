"""Figures and the experiment explorer for the head-to-head lab (lesson 03).

Introduced in ``notebooks/03_empirical_test.ipynb``. Figures return ``go.Figure``;
the explorer only wires its controls to :func:`course_lib.experiment.study.run_study`.
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from course_lib.experiment.harness import ExperimentResult, LearningCurve
from course_lib.experiment.study import STUDY_STAGES, StudyConfig, StudyResult, run_study
from course_lib.views import layout
from course_lib.views.inputs import NumberField
from course_lib.views.tables import show_table

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")
BASELINE_DASH = ("dash", "dot", "dashdot")


def _band_colour(hex_colour: str, alpha: float = 0.18) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def learning_curve_figure(curves: LearningCurve | dict[str, LearningCurve],
                          baselines: dict[str, float] | None = None,
                          title: str = "Learning curve: the trained arm against the prompt-style baselines") -> go.Figure:
    """Accuracy of the trained arm over N, with its 95 % band, each draw, and baselines as lines.

    Args:
        curves: one learning curve, or several by name (e.g. clean and noisy labels).
        baselines: name -> score of each prompt-style arm (horizontal lines).
        title: the chart title.

    Returns:
        A ``go.Figure`` with, per curve, a band trace, a mean line and a marker trace of draws.
    """
    if isinstance(curves, LearningCurve):
        curves = {"trained arm": curves}
    fig = go.Figure()
    for i, (name, curve) in enumerate(curves.items()):
        colour = COLOURS[i % len(COLOURS)]
        s = curve.summary
        fig.add_trace(go.Scatter(
            x=list(s["n"]) + list(s["n"])[::-1], y=list(s["high"]) + list(s["low"])[::-1],
            fill="toself", fillcolor=_band_colour(colour), line={"width": 0}, hoverinfo="skip",
            name=f"{name}: 95 % band", legendgroup=name,
        ))
        fig.add_trace(go.Scatter(
            x=s["n"], y=s["mean"], mode="lines+markers", line={"color": colour}, name=f"{name}: mean",
            legendgroup=name, hovertemplate="N=%{x}: %{y:.3f}<extra></extra>",
        ))
        p = curve.points
        fig.add_trace(go.Scatter(
            x=p["n"], y=p[curve.metric], mode="markers", marker={"color": colour, "size": 5, "opacity": 0.45},
            name=f"{name}: each draw", legendgroup=name, showlegend=False,
            hovertemplate="N=%{x}, one draw: %{y:.3f}<extra></extra>",
        ))
    for j, (name, value) in enumerate((baselines or {}).items()):
        fig.add_hline(y=value, line={"dash": BASELINE_DASH[j % len(BASELINE_DASH)], "color": "#555"},
                      annotation_text=f"{name}: {value:.3f}", annotation_position="bottom right")
    metric = next(iter(curves.values())).metric if curves else "accuracy"
    fig.update_layout(title=title, xaxis_title="labelled training examples N (log scale)",
                      yaxis_title=f"held-out {metric.replace('_', '-')}", template="plotly_white",
                      legend={"orientation": "h", "y": -0.25}, margin={"t": 60})
    fig.update_xaxes(type="log", tickvals=sorted({n for c in curves.values() for n in c.summary["n"]}))
    return fig


def comparison_figure(result: ExperimentResult, metric: str | None = None) -> go.Figure:
    """Each candidate's score with its 95 % interval, best at the top.

    Args:
        result: from :func:`course_lib.experiment.harness.run_experiment`.
        metric: ``"accuracy"`` or ``"macro_f1"``; default the primary metric.

    Returns:
        A ``go.Figure`` with one marker trace with error bars.
    """
    metric = metric or result.primary_metric
    t = result.table.sort_values(metric)
    fig = go.Figure(go.Scatter(
        x=t[metric], y=t["candidate"], mode="markers", marker={"size": 11, "color": COLOURS[0]},
        error_x={"type": "data", "symmetric": False, "array": t[f"{metric}_high"] - t[metric],
                 "arrayminus": t[metric] - t[f"{metric}_low"]},
        hovertemplate="%{y}: %{x:.3f}<extra></extra>", name=metric,
    ))
    fig.update_layout(title=f"Held-out {metric.replace('_', '-')} with 95 % bootstrap intervals",
                      xaxis_title=metric.replace("_", "-"), template="plotly_white", margin={"l": 220, "t": 60},
                      height=120 + 60 * len(t))
    return fig


def difference_figure(result: ExperimentResult) -> go.Figure:
    """Each candidate minus the baseline (points), with the paired interval and the 5 % bar.

    Returns:
        A ``go.Figure``: one marker with error bar per candidate, a line at zero and, per
        candidate, a marker at the gain the rule demands.
    """
    c = result.comparisons
    fig = go.Figure()
    if c.empty:
        return fig
    fig.add_trace(go.Scatter(
        x=c["absolute_gain"] * 100, y=c["candidate"], mode="markers", marker={"size": 11, "color": COLOURS[0]},
        error_x={"type": "data", "symmetric": False, "array": (c["diff_high"] - c["absolute_gain"]) * 100,
                 "arrayminus": (c["absolute_gain"] - c["diff_low"]) * 100},
        name="gain over the baseline (95 % paired interval)",
        hovertemplate="%{y}: %{x:+.1f} points<extra></extra>",
    ))
    needed = []
    for d in result.decisions:
        needed.append(d.threshold * (d.baseline_score if d.rule == "relative" else 1) * 100)
    fig.add_trace(go.Scatter(
        x=needed, y=c["candidate"], mode="markers", marker={"symbol": "line-ns-open", "size": 22, "color": COLOURS[1]},
        name="gain the 5 % rule demands", hovertemplate="needs %{x:+.1f} points<extra></extra>",
    ))
    fig.add_vline(x=0, line={"color": "#555", "dash": "dot"})
    fig.update_layout(title=f"Better than {result.baseline}? ({result.primary_metric.replace('_', '-')}, points)",
                      xaxis_title="candidate minus baseline, percentage points", template="plotly_white",
                      margin={"l": 220, "t": 60}, legend={"orientation": "h", "y": -0.35},
                      height=200 + 60 * len(c))
    return fig


def results_table(result: ExperimentResult) -> pd.DataFrame:
    """The results as a readable table: intervals written out, latency and cost rounded."""
    t = result.table
    out = pd.DataFrame({
        "candidate": t["candidate"],
        "accuracy [95 % CI]": [f"{a:.3f} [{lo:.3f}, {hi:.3f}]" for a, lo, hi in
                               zip(t["accuracy"], t["accuracy_low"], t["accuracy_high"])],
        "macro-F1 [95 % CI]": [f"{a:.3f} [{lo:.3f}, {hi:.3f}]" for a, lo, hi in
                               zip(t["macro_f1"], t["macro_f1_low"], t["macro_f1_high"])],
        "ms per query (here)": t["ms_per_query"].round(3),
        "USD per 1,000 queries (LLM it stands for)": t["usd_per_1k_queries"].round(4),
        "one-off training USD": t["one_off_usd"].round(3),
    })
    return out


def decision_html(result: StudyResult) -> str:
    """The 5 % decision of a study as a short HTML paragraph."""
    d = result.decision
    colour = "#2ca02c" if d.adopt else "#d62728"
    verdict = "fine-tune (adopt the trained arm)" if d.adopt else "keep prompting"
    return (f"<p><b style='color:{colour}'>Decision: {html.escape(verdict)}</b><br>"
            f"{html.escape(d.explain())}</p>")


class ExperimentExplorer(widgets.VBox):
    """Controls for N, k, label noise and seed; **Run** reruns the study and redraws.

    Args:
        config: the starting settings.
        embedder: passed to :func:`run_study` (default: the shared embedder).
        run_now: run once when built, so the explorer opens with results.
    """

    def __init__(self, config: StudyConfig | None = None, embedder: Any = None, run_now: bool = True) -> None:
        self.config = config or StudyConfig()
        self.embedder = embedder
        style = layout.label_style()
        width = layout.LABEL_WIDTH
        self.controls: dict[str, widgets.Widget] = {
            "n": widgets.Dropdown(options=list(self.config.sizes), value=self.config.n,
                                  description="N (trained arm)", style=style, layout=layout.control_layout()),
            "k": NumberField("k (few-shot)", self.config.k, kind=int, minimum=0, maximum=20, step=1,
                             description_width=width),
            "label_noise": NumberField("label noise", self.config.label_noise, minimum=0.0, maximum=0.5, step=0.05,
                                       description_width=width),
            "seed": NumberField("seed", self.config.seed, kind=int, minimum=0, maximum=10_000,
                                description_width=width),
        }
        self.button = widgets.Button(description="Run the experiment", button_style="primary", icon="play",
                                     layout=layout.button_layout())
        self.button.on_click(self._on_click)
        self.progress = widgets.IntProgress(value=0, min=0, max=len(STUDY_STAGES), description="progress",
                                            layout=widgets.Layout(visibility="hidden"))
        self.status = widgets.HTML()
        self.summary = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = layout.figure_widget(learning_curve_figure({}, {}, title=self._waiting_title(run_now)))
        self.result: StudyResult | None = None
        controls = layout.panel([*self.controls.values(), self.button, self.progress, self.status])
        super().__init__([layout.wrap_row([controls, layout.panel([self.summary])]), self.table, self.chart],
                         layout=layout.fill_layout())
        layout.course_widget(self, "course-experiment-explorer")
        if run_now:
            self.run()

    @property
    def figure(self) -> go.Figure:
        """The learning-curve chart on screen now."""
        return self.chart.figure

    @staticmethod
    def _waiting_title(run_now: bool) -> str:
        return "Learning curve: running the study..." if run_now else "Learning curve: press Run the experiment"

    def settings(self) -> StudyConfig:
        """The study settings the controls show now."""
        return replace(self.config, **{name: control.value for name, control in self.controls.items()})

    def run(self) -> StudyResult:
        """Run the study with the current settings and show its results."""
        config = self.settings()
        self.status.value = ("<i>running: about 15 s on a 2-core machine; a new seed first embeds its new "
                             "tickets (up to a minute more)</i>")
        self.button.disabled = True
        self.progress.value, self.progress.layout.visibility = 0, "visible"

        def step(stage: str, done: int) -> None:
            self.progress.value = done
            following = STUDY_STAGES[done] if done < len(STUDY_STAGES) else "drawing"
            self.status.value = f"<i>{html.escape(stage)} done; now: {html.escape(following)}...</i>"

        try:
            result = run_study(config, embedder=self.embedder, progress=step)
        except (ValueError, TypeError) as exc:  # a setting the study refuses: say which, and drop the old result
            self.status.value = f"<b role='alert' style='color:#d62728'>{html.escape(str(exc))}</b>"
            self.result, self.summary.value, self.table.value = None, "", ""
            self.chart.show(learning_curve_figure({}, {}, title="No result: change the setting named above"))
            raise
        finally:
            self.button.disabled = False
            self.progress.layout.visibility = "hidden"
        self.result = result
        self.summary.value = decision_html(result)
        self.table.value = show_table(results_table(result.experiment)).to_html()
        self.chart.show(learning_curve_figure(result.curve, result.baseline_scores))
        self.status.value = f"<i>done in {sum(result.timings.values()):.1f} s</i>"
        return result

    def _on_click(self, _button: widgets.Button) -> None:
        try:
            self.run()
        except (ValueError, TypeError):
            pass  # already shown in the status line


def forgetting_figure(runs: pd.DataFrame) -> go.Figure:
    """Accuracy on the narrow task and on the held-out general tasks over training epochs.

    Args:
        runs: rows from :func:`course_lib.experiment.pitfalls.forgetting_demo`, one
            block per ``replay`` value (concatenate several runs to compare them).

    Returns:
        A ``go.Figure`` with two lines (narrow, general) per replay value.
    """
    fig = go.Figure()
    for i, (replay, block) in enumerate(runs.groupby("replay", sort=True)):
        colour = COLOURS[i % len(COLOURS)]
        label = "no replay" if replay == 0 else f"replay {replay:g}x"
        fig.add_trace(go.Scatter(x=block["epoch"], y=block["narrow_accuracy"], mode="lines+markers",
                                 line={"color": colour, "dash": "dot"}, name=f"narrow task, {label}"))
        fig.add_trace(go.Scatter(x=block["epoch"], y=block["general_accuracy"], mode="lines+markers",
                                 line={"color": colour}, name=f"general hold-out, {label}"))
    fig.update_layout(title="Training further on a narrow task: the hold-out set of other tasks shows the cost",
                      xaxis_title="epochs on the narrow task (0 = before)", yaxis_title="held-out accuracy",
                      yaxis_range=[0, 1.02], template="plotly_white", legend={"orientation": "h", "y": -0.3})
    return fig
