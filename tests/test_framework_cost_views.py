"""Widget and figure tests without a browser: set values, fire handlers, check what is shown."""

from __future__ import annotations

from dataclasses import fields

import pytest

from course_lib.costs import break_even_volume
from course_lib.framework import SOURCE_CASES, recommend
from course_lib.views.cost_views import CostExplorer, CostSettings, breakdown_figure, cost_curve_figure, cost_curves
from course_lib.views.framework_views import (
    FrameworkExplorer, approaches_table, criteria_table, decision_tree_figure, recommendation_html,
)


def test_explorer_shows_the_recommendation_for_the_traits_set() -> None:
    """Ticking traits in the explorer changes the recommendation shown, with criteria and trace."""
    explorer = FrameworkExplorer()
    explorer.controls["fixed_output_format"].value = True
    assert "Recommendation: Fine-tuning" in explorer.result.value
    assert "fixed_output_format" in explorer.result.value
    assert "start with prompting" in explorer.result.value.lower()
    explorer.controls["knowledge_changes_often"].value = True
    assert explorer.recommendation.approach == "rag"  # volume unknown: no second pipeline
    assert "hybrid_below_scale" in explorer.result.value
    explorer.unknown["daily_requests"].value = False
    explorer.controls["daily_requests"].value = 50_000
    assert explorer.recommendation.approach == "hybrid"
    assert "Recommendation: Hybrid" in explorer.result.value
    assert "<ol>" in explorer.result.value  # the trace, step by step


def test_explorer_numbers_and_unknown() -> None:
    explorer = FrameworkExplorer(style_or_persona=True)
    explorer.unknown["labelled_examples"].value = False
    explorer.controls["labelled_examples"].value = 20
    assert explorer.recommendation.approach == "prompting"
    assert "too_little_data" in explorer.result.value
    explorer.controls["labelled_examples"].value = -3
    assert "labelled_examples" in explorer.error.value and "Cannot decide" in explorer.error.value


def test_explorer_highlights_the_leaf_in_the_tree() -> None:
    explorer = FrameworkExplorer(**SOURCE_CASES["news_today"])
    assert "highlighted: rag" in explorer.tree.layout.title.text
    highlighted = [a for a in explorer.tree.layout.annotations if a.borderwidth == 3]
    assert [a.text for a in highlighted] == ["<b>RAG</b>"]


def test_tree_figure_has_all_nodes_and_edges() -> None:
    fig = decision_tree_figure()
    texts = " ".join(a.text for a in fig.layout.annotations)
    for label in ["Can prompting solve it?", "Use prompting", "Fine-tune", "RAG", "Prompt-engineer harder"]:
        assert label in texts
    assert len(fig.data) == 6  # one line per edge


def test_tables() -> None:
    assert list(approaches_table().index) == ["Prompting", "Retrieval (RAG)", "Fine-tuning", "Hybrid (RAG + fine-tuning)"]
    against = criteria_table("against")
    assert "changing_knowledge" in against.index and (against["direction"] == "against").all()


def test_recommendation_html_escapes_and_lists_caveats() -> None:
    html = recommendation_html(recommend(**SOURCE_CASES["support_categories"]))
    assert "Caveats" in html and "empirical_test" in html


def test_cost_explorer_has_a_control_for_every_setting() -> None:
    assert set(CostExplorer().controls) == {f.name for f in fields(CostSettings)}


def test_cost_explorer_slider_updates_figure_and_break_even() -> None:
    """Moving a slider redraws the curves and moves the break-even line and text."""
    explorer = CostExplorer()
    before = [list(trace.y) for trace in explorer.figure.data]
    explorer.controls["fixed_monthly"].value = 500.0
    after = [list(trace.y) for trace in explorer.figure.data]
    for b, a in zip(before, after):  # every option is evaluated and monitored: each overhead grew by $450
        assert a[0] == pytest.approx(b[0] + 450.0)
    explorer.controls["endpoint_per_hour"].value = 3.0  # only the open-weight option pays for an endpoint
    assert explorer.figure.data[3].y[0] == pytest.approx(after[3][0] + 720.0)
    assert list(explorer.figure.data[2].y) == pytest.approx(after[2])
    settings = explorer.settings
    options = settings.options()
    expected = break_even_volume(options[0], options[2], settings.workload())
    lines = [s for s in explorer.figure.layout.shapes if s.type == "line"]
    assert lines[0].x0 == pytest.approx(expected)
    assert f"{expected:,.0f}" in explorer.summary.value


def test_cost_curves_no_break_even_beyond_range() -> None:
    settings = CostSettings(max_daily_requests=10_000)
    curves = cost_curves(settings)
    fig = cost_curve_figure(settings)
    visible = [v for v in curves.break_even.values() if v is not None and v <= 10_000]
    assert len(fig.layout.shapes) == len(visible)
    assert len(fig.data) == 4 and fig.data[0].x[-1] == 10_000


def test_breakdown_figure_stacks_components() -> None:
    fig = breakdown_figure(daily_requests=10_000)
    names = {trace.name for trace in fig.data}
    assert {"input tokens", "output tokens", "training", "evaluation and monitoring"} <= names
    assert fig.layout.barmode == "stack"


def test_cost_explorer_log_scale_toggle() -> None:
    explorer = CostExplorer()
    explorer.log_scale.value = True
    assert explorer.figure.layout.yaxis.type == "log"
    explorer.log_scale.value = False
    assert explorer.figure.layout.yaxis.type == "linear"
