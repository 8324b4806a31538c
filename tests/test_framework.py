"""Tests of the decision framework: the sources' answers, reachability, bad input."""

from __future__ import annotations

import itertools

import pytest

from course_lib import framework
from course_lib.framework import SOURCE_CASES, TRAITS, load_framework, recommend


@pytest.mark.parametrize(("case", "approach"), [
    ("json_chatbot", "fine_tuning"),
    ("drug_interactions", "rag"),
    ("legal_english", "fine_tuning"),
    ("news_today", "rag"),
    ("support_categories", "fine_tuning"),
])
def test_sources_answers(case: str, approach: str) -> None:
    """Does the framework give each source's own answer?"""
    assert recommend(**SOURCE_CASES[case]).approach == approach


def test_support_bot_starts_with_few_shot_prompting() -> None:
    """Does the 5-category support bot come with the caveat to start with prompting?"""
    rec = recommend(**SOURCE_CASES["support_categories"])
    assert rec.start_with == "prompting"
    assert "prompting_not_tried" in rec.caveats
    assert "fixed_output_format" in rec.criteria


def test_json_chatbot_is_decided_by_format() -> None:
    """Is the JSON chatbot decided by the format criterion, not by knowledge?"""
    rec = recommend(**SOURCE_CASES["json_chatbot"])
    assert rec.criteria[0] == "fixed_output_format"
    assert not {"new_knowledge", "changing_knowledge"} & set(rec.criteria)


def test_drug_interactions_name_changing_knowledge() -> None:
    rec = recommend(**SOURCE_CASES["drug_interactions"])
    assert "changing_knowledge" in rec.criteria
    assert rec.start_with is None


def test_prompting_that_works_wins_below_high_volume() -> None:
    """When prompting was tried and meets the target below high volume, is prompting recommended whatever else holds?"""
    rec = recommend(prompting_tried=True, prompting_meets_target=True, fixed_output_format=True, style_or_persona=True,
                    daily_requests=framework.HIGH_VOLUME_PER_DAY - 1, labelled_examples=5_000)
    assert (rec.approach, rec.criteria) == ("prompting", ("prompting_works",))


def test_prompting_that_works_at_scale_leaves_cost_to_test() -> None:
    """At 5,000,000 requests a day, does a working prompt still leave the article's cost-at-scale case for a fine-tune,
    decided by cost alone (format is already solved)?"""
    rec = recommend(prompting_tried=True, prompting_meets_target=True, fixed_output_format=True,
                    daily_requests=5_000_000, labelled_examples=5_000)
    assert rec.approach == "fine_tuning"
    assert rec.criteria == ("high_volume_cost", "shorter_prompts")
    assert rec.caveats[0] == "cost_case_only" and rec.start_with is None
    blocked = recommend(prompting_tried=True, prompting_meets_target=True, daily_requests=5_000_000,
                        must_be_portable=True)
    assert blocked.approach == "prompting" and {"prompting_works", "needs_portability"} <= set(blocked.criteria)


def test_data_threshold_follows_the_chapter() -> None:
    """Below 50 examples fine-tuning is blocked; 50-99 is allowed with a caveat; 100+ without it."""
    base = dict(fixed_output_format=True, prompting_tried=True)
    assert recommend(**base, labelled_examples=49).approach == "prompting"
    assert "too_little_data" in recommend(**base, labelled_examples=49).criteria
    at_50 = recommend(**base, labelled_examples=framework.MIN_EXAMPLES)
    assert at_50.approach == "fine_tuning" and "too_little_data" in at_50.caveats
    at_100 = recommend(**base, labelled_examples=framework.TARGET_EXAMPLES)
    assert at_100.approach == "fine_tuning" and "too_little_data" not in at_100.caveats


def test_volume_and_latency_thresholds() -> None:
    """Are high volume and a sub-second budget reasons for fine-tuning exactly at their thresholds?"""
    just_below = recommend(daily_requests=framework.HIGH_VOLUME_PER_DAY - 1, prompting_tried=True)
    at = recommend(daily_requests=framework.HIGH_VOLUME_PER_DAY, prompting_tried=True)
    assert just_below.approach == "prompting"
    assert at.approach == "fine_tuning" and "high_volume_cost" in at.criteria and "shorter_prompts" in at.criteria
    assert recommend(latency_budget_ms=999.0, prompting_tried=True).approach == "fine_tuning"
    assert recommend(latency_budget_ms=1000.0, prompting_tried=True).approach == "prompting"


def test_hybrid_when_knowledge_and_behaviour_at_high_volume() -> None:
    """Is knowledge plus behaviour a hybrid from the high-volume threshold up?"""
    rec = recommend(knowledge_changes_often=True, fixed_output_format=True,
                    daily_requests=framework.HIGH_VOLUME_PER_DAY, labelled_examples=300)
    assert rec.approach == "hybrid"
    assert {"changing_knowledge", "fixed_output_format", "knowledge_and_behaviour"} <= set(rec.criteria)


@pytest.mark.parametrize("daily_requests", [None, 50, framework.HIGH_VOLUME_PER_DAY - 1])
def test_no_hybrid_below_high_volume(daily_requests) -> None:
    """At 50 requests a day (or an unknown volume), does knowledge plus behaviour get retrieval, not two pipelines?"""
    rec = recommend(knowledge_changes_often=True, style_or_persona=True, prompting_tried=True,
                    daily_requests=daily_requests, labelled_examples=300)
    assert rec.approach == "rag"
    assert rec.criteria == ("changing_knowledge", "hybrid_below_scale")


def test_portability_blocks_fine_tuning() -> None:
    rec = recommend(style_or_persona=True, must_be_portable=True)
    assert rec.approach == "prompting" and "needs_portability" in rec.criteria


def test_every_criterion_is_reachable() -> None:
    """Does some combination of traits reach every criterion of both sources?"""
    bool_traits = [n for n, t in TRAITS.items() if t.type is bool]
    seen: set[str] = set()
    numeric = [dict(), dict(daily_requests=100_000, latency_budget_ms=200.0), dict(labelled_examples=10)]
    for values in itertools.product([False, True], repeat=len(bool_traits)):
        for extra in numeric:
            rec = recommend(**dict(zip(bool_traits, values)), **extra)
            seen |= set(rec.criteria) | set(rec.caveats) | {s.criterion for s in rec.trace if s.criterion}
    assert seen == set(load_framework().criteria)


def test_trace_ends_in_the_recommended_approach() -> None:
    rec = recommend(**SOURCE_CASES["legal_english"])
    assert rec.trace[0].question.startswith("Is this a one-off")
    assert rec.trace[-1].answer == rec.approach
    assert "Recommendation: Fine-tuning" in rec.explain()


def test_every_criterion_names_its_sources() -> None:
    fw = load_framework()
    for criterion in fw.criteria.values():
        assert criterion.sources and set(criterion.sources) <= set(framework.SOURCES)
        assert criterion.explanation and "\n" not in criterion.explanation
    assert {"chapter", "article"} <= {s for c in fw.criteria.values() for s in c.sources}


@pytest.mark.parametrize(("traits", "error", "words"), [
    ({"fixed_format": True}, ValueError, ["'fixed_format'", "fixed_output_format"]),
    ({"daily_requests": -1}, ValueError, ["'daily_requests'", ">= 0"]),
    ({"daily_requests": "many"}, TypeError, ["'daily_requests'", "whole number"]),
    ({"labelled_examples": 12.5}, TypeError, ["'labelled_examples'", "whole number"]),
    ({"fixed_output_format": "yes"}, TypeError, ["'fixed_output_format'", "True or False"]),
    ({"prompting_tried": 1}, TypeError, ["'prompting_tried'", "True or False"]),
    ({"latency_budget_ms": True}, TypeError, ["'latency_budget_ms'", "a number"]),
])
def test_bad_input_names_the_trait_and_allowed_values(traits, error, words) -> None:
    """Does bad input raise an error that names the trait and what is allowed?"""
    with pytest.raises(error) as info:
        recommend(**traits)
    for word in words:
        assert word in str(info.value)
