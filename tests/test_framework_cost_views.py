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
    explorer.controls["daily_requests"].text.value = "50,000"
    assert explorer.recommendation.approach == "hybrid"
    assert "Recommendation: Hybrid" in explorer.result.value
    assert "<ol>" in explorer.result.value  # the trace, step by step


def test_explorer_numbers_and_unknown() -> None:
    """Is a typed number used as typed, and an empty box read as unknown?"""
    explorer = FrameworkExplorer(style_or_persona=True)
    explorer.controls["labelled_examples"].text.value = "20"
    assert explorer.recommendation.approach == "prompting"
    assert "too_little_data" in explorer.result.value
    explorer.controls["labelled_examples"].text.value = ""
    assert explorer.use_case_traits()["labelled_examples"] is None
    assert "unknown: count them" in explorer.result.value


@pytest.mark.parametrize("typed, why", [("2.5", "not a whole number"), ("-3", "below the smallest"),
                                        ("abc", "not a number"), ("1e6x", "not a number")])
def test_explorer_refuses_a_number_it_cannot_use_and_says_so(typed: str, why: str) -> None:
    """Does a number the framework cannot use get refused beside its box, with the value used instead?"""
    explorer = FrameworkExplorer(style_or_persona=True, labelled_examples=200)
    explorer.controls["labelled_examples"].text.value = typed
    field = explorer.controls["labelled_examples"]
    assert why in field.message.value and "kept 200" in field.message.value
    assert field.value == 200
    assert "Not what you typed" in explorer.error.value and "labelled_examples</code> = 200" in explorer.error.value
    assert "course-stale" in explorer.result.value  # the answer is greyed, not shown as if for the typed value


def test_explorer_reads_exponents_and_thousands_as_typed() -> None:
    """Is 1e6 read as a million (not 16) and 2,000 as two thousand?"""
    explorer = FrameworkExplorer()
    explorer.controls["daily_requests"].text.value = "1e6"
    explorer.controls["labelled_examples"].text.value = "2,000"
    assert explorer.use_case_traits()["daily_requests"] == 1_000_000
    assert explorer.use_case_traits()["labelled_examples"] == 2_000
    assert "read as 1,000,000" in explorer.controls["daily_requests"].message.value
    assert explorer.error.value == ""


def test_explorer_refuses_a_zero_latency_budget() -> None:
    """Is a 0 ms latency budget refused rather than counted as latency-sensitive?"""
    explorer = FrameworkExplorer(fixed_output_format=True)
    explorer.controls["latency_budget_ms"].text.value = "0"
    assert "must be a number &gt; 0" in explorer.controls["latency_budget_ms"].message.value
    assert "low_latency" not in explorer.recommendation.criteria
    explorer.controls["latency_budget_ms"].text.value = "300"
    assert "low_latency" in explorer.recommendation.criteria


def test_explorer_error_clears_the_old_answer() -> None:
    """When the explorer cannot decide, is the previous recommendation (and tree highlight) gone?"""
    explorer = FrameworkExplorer(fixed_output_format=True)
    assert "Recommendation" in explorer.result.value
    explorer.controls["labelled_examples"].value = -3  # only code can set a value the box would refuse
    assert "Cannot decide" in explorer.error.value and "labelled_examples" in explorer.error.value
    assert explorer.result.value == ""
    assert not [a for a in explorer.tree.figure.layout.annotations if a.borderwidth == 3]
    explorer.controls["labelled_examples"].value = 300
    assert explorer.error.value == "" and "Recommendation" in explorer.result.value


def test_explorer_highlights_the_leaf_in_the_tree() -> None:
    """Is exactly one leaf highlighted, and does the title name it in words?"""
    explorer = FrameworkExplorer(**SOURCE_CASES["news_today"])
    assert explorer.tree.figure.layout.title.text.endswith("ends at \u201cRAG\u201d")
    highlighted = [a for a in explorer.tree.figure.layout.annotations if a.borderwidth == 3]
    assert [a.text for a in highlighted] == ["<b>RAG</b>"]


@pytest.mark.parametrize("traits, leaf", [({"one_off": True}, "<b>Use prompting</b>"),
                                          ({}, "<b>Prompt-engineer harder</b>"),
                                          ({"fixed_output_format": True}, "<b>Fine-tune</b>")])
def test_tree_highlights_one_prompting_leaf_not_both(traits: dict, leaf: str) -> None:
    """Does a prompting answer highlight the one prompting leaf it ends at, never both?"""
    fig = decision_tree_figure(recommend(**traits))
    assert [a.text for a in fig.layout.annotations if a.borderwidth == 3] == [leaf]
    assert "None" not in fig.layout.title.text and "_" not in fig.layout.title.text


def test_tree_title_for_a_hybrid_names_it_in_words() -> None:
    """Does the tree say in words that a hybrid is not one of its leaves (no raw id)?"""
    fig = decision_tree_figure(recommend(**SOURCE_CASES["json_chatbot"], needs_new_knowledge=True,
                                         daily_requests=100_000, prompting_tried=True))
    assert "Hybrid (RAG + fine-tuning) is not one of its leaves" in fig.layout.title.text
    assert not [a for a in fig.layout.annotations if a.borderwidth == 3]


def test_explorer_chart_has_its_data_before_any_update() -> None:
    """Does each explorer's chart carry complete figure data in its widget state from the start?"""
    for chart in (FrameworkExplorer().tree, CostExplorer().chart):
        (output,) = chart.outputs
        figure = output["data"]["application/vnd.plotly.v1+json"]
        assert figure["data"], "the chart would render as empty axes"


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
    explorer.controls["fixed_monthly"].text.value = "500"
    after = [list(trace.y) for trace in explorer.figure.data]
    for b, a in zip(before, after):  # every option is evaluated and monitored: each overhead grew by $450
        assert a[0] == pytest.approx(b[0] + 450.0)
    explorer.controls["endpoint_per_hour"].text.value = "3"  # only the open-weight option pays for an endpoint
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


@pytest.mark.parametrize("typed, why", [("abc", "not a number"), ("-50", "below the smallest allowed value, 0"),
                                        ("999999", "above the largest allowed value, 2,000")])
def test_cost_explorer_says_why_a_typed_number_is_refused(typed: str, why: str) -> None:
    """Is a number outside a slider's range refused beside its box instead of silently becoming 0 or 2,000?"""
    explorer = CostExplorer()
    field = explorer.controls["input_tokens"]
    field.text.value = typed
    assert why in field.message.value and "kept 200" in field.message.value
    assert explorer.settings.input_tokens == 200 and field.slider.value == 200


def test_cost_explorer_slider_and_box_agree() -> None:
    """Does moving the slider show its value in the box, and typing move the slider?"""
    field = CostExplorer().controls["output_tokens"]
    field.slider.value = 120
    assert field.text.value == "120" and field.value == 120
    field.text.value = "1,500"
    assert field.slider.value == 1_500 and field.message.value == ""
