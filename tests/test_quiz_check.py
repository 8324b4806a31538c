"""Tests of the pure checking core: every question type, tolerance edges, partial credit."""

from __future__ import annotations

import pytest

from course_lib.quiz.check import (
    SCENARIO_APPROACH_WEIGHT,
    SCENARIO_CRITERIA_WEIGHT,
    CheckResult,
    ScenarioAnswer,
    check,
    normalise_approach,
)
from course_lib.quiz.model import (
    AcceptedApproach,
    Choice,
    ChoiceQuestion,
    NumericMisconception,
    NumericQuestion,
    ScenarioQuestion,
)

# ---- factory helpers ------------------------------------------------------

COMMON = dict(prompt="?", objective="LO1", difficulty="easy", explanation="Because.", hint="Think.")


def single(**kw) -> ChoiceQuestion:
    options = (
        Choice("a", "RAG", False, "RAG adds knowledge, not a format."),
        Choice("b", "Fine-tuning", True, "A format is learned behaviour."),
        Choice("c", "Nothing", False, "Misconception: prompting always fails."),
    )
    return ChoiceQuestion(id="s1", options=options, **{**COMMON, **kw})


def multiple() -> ChoiceQuestion:
    options = (
        Choice("a", "format", True, "fmt ok"),
        Choice("b", "persona", True, "persona ok"),
        Choice("c", "new facts", False, "Misconception: weights are a database."),
        Choice("d", "latency", True, "latency ok"),
    )
    return ChoiceQuestion(id="m1", options=options, multiple=True, **COMMON)


def numeric(answer=35.0, abs_tol=0.0, rel_tol=0.0, misconceptions=()) -> NumericQuestion:
    return NumericQuestion(id="n1", answer=answer, unit="USD per day", abs_tol=abs_tol, rel_tol=rel_tol,
                           misconceptions=tuple(misconceptions), **COMMON)


def scenario() -> ScenarioQuestion:
    return ScenarioQuestion(
        id="sc1",
        traits={"fixed_output_format": True, "stable_task": True},
        accepted=(
            AcceptedApproach("fine_tuning", 1.0, "A fixed label set is a learned format."),
            AcceptedApproach("prompting", 0.5, "Few-shot first is a sensible start.", ("prompting_not_tried",)),
        ),
        criteria=("fixed_output_format", "stable_task"),
        related_criteria=("high_volume_cost",),
        rejected={"rag": "Misconception: RAG does not fix the output format."},
        model_answer="Fine-tune: five fixed categories.",
        **COMMON,
    )


# ---- single choice --------------------------------------------------------

def test_single_choice_right_option_scores_one():
    """Does picking the one correct option give full credit and its feedback?"""
    r = check(single(), "b")
    assert (r.correct, r.score) == (True, 1.0)
    assert "learned behaviour" in r.feedback and r.feedback.startswith("Correct.")
    assert r.explanation == "Because." and r.question_id == "s1"


def test_single_choice_wrong_option_names_the_misconception():
    """Does a wrong option score 0 and show that option's own feedback?"""
    r = check(single(), "c")
    assert (r.correct, r.score) == (False, 0.0)
    assert "Misconception: prompting always fails." in r.feedback
    assert r.verdict == "Incorrect"


@pytest.mark.parametrize("answer", [None, "", [], "z", ["a", "b"]])
def test_single_choice_invalid_answers_score_zero_and_say_why(answer):
    """Do empty, unknown or several answers to a single-choice question score 0 without raising?"""
    r = check(single(), answer)
    assert r.score == 0.0 and not r.correct
    assert any(word in r.feedback for word in ("No option", "Unknown option", "exactly one"))


# ---- multiple choice ------------------------------------------------------

@pytest.mark.parametrize(
    "answer, expected",
    [
        (["a", "b", "d"], 1.0),
        (["a", "b"], 2 / 3),
        (["a", "b", "d", "c"], 2 / 3),   # one wrong pick cancels one hit
        (["a", "c"], 0.0),
        (["c"], 0.0),                    # never below zero
        ("a, d", 2 / 3),                 # comma-separated string works too
    ],
)
def test_multiple_choice_partial_credit(answer, expected):
    """Is multiple-choice credit (hits - wrong picks) / correct options, clamped at 0?"""
    r = check(multiple(), answer)
    assert r.score == pytest.approx(expected, abs=1e-4)
    assert r.correct == (expected == 1.0)


def test_multiple_choice_feedback_covers_picked_and_missed_options():
    """Does the feedback mention each picked option and each missed correct option, in words?"""
    r = check(multiple(), ["a", "c"])
    assert "[a: right]" in r.feedback and "[c: wrong]" in r.feedback
    assert "weights are a database" in r.feedback
    assert "[b: missed]" in r.feedback and "[d: missed]" in r.feedback
    assert r.verdict == "Incorrect"


# ---- numeric --------------------------------------------------------------

@pytest.mark.parametrize(
    "answer, abs_tol, rel_tol, ok",
    [
        (35.0, 0.0, 0.0, True),
        (35.5, 0.5, 0.0, True),        # exactly on the absolute edge: inside
        (34.5, 0.5, 0.0, True),
        (35.51, 0.5, 0.0, False),      # just beyond
        (36.75, 0.0, 0.05, True),      # exactly 5 % of 35: inside
        (36.76, 0.0, 0.05, False),
        (35.9, 0.1, 0.05, True),       # the larger of the two tolerances applies
    ],
)
def test_numeric_tolerance_edges(answer, abs_tol, rel_tol, ok):
    """Is an answer on the tolerance edge accepted and one just past it rejected?"""
    r = check(numeric(abs_tol=abs_tol, rel_tol=rel_tol), answer)
    assert r.correct is ok
    assert r.score == (1.0 if ok else 0.0)


@pytest.mark.parametrize("text", ["$35", "\\$35.00", "35 USD per day", "  35.0", "3.5e1"])
def test_numeric_parses_written_amounts(text):
    """Are amounts written with a dollar sign, an escaped dollar, a unit or an exponent understood?"""
    assert check(numeric(), text).correct


def test_numeric_parses_thousands_separators():
    """Is '1,027.50' read as 1027.5, not as 1?"""
    assert check(numeric(answer=1027.5, abs_tol=0.01), "$1,027.50").correct


@pytest.mark.parametrize("bad", [None, True, "", "about thirty", float("nan"), float("inf")])
def test_numeric_rejects_non_numbers_with_the_unit_named(bad):
    """Does a non-number score 0 with feedback that names the unit expected?"""
    r = check(numeric(), bad)
    assert r.score == 0.0 and "USD per day" in r.feedback


def test_numeric_misconception_is_named():
    """Does a known wrong value get the feedback naming the slip that produces it?"""
    q = numeric(answer=1700.0, rel_tol=0.01, misconceptions=[NumericMisconception(2500.0, "input tokens only")])
    r = check(q, 2500)
    assert not r.correct and "input tokens only" in r.feedback


def test_numeric_says_high_or_low():
    """Does a plain wrong number say whether it is too high or too low?"""
    assert "too high" in check(numeric(), 70).feedback
    assert "too low" in check(numeric(), 1).feedback


# ---- scenario -------------------------------------------------------------

def test_scenario_full_credit():
    """Do the best approach and all deciding criteria give full credit?"""
    r = check(scenario(), ScenarioAnswer("fine_tuning", ("fixed_output_format", "stable_task")))
    assert r.correct and r.score == 1.0
    assert dict(r.parts) == {"approach": 1.0, "criteria": 1.0}
    assert "Model answer: Fine-tune" in r.explanation


def test_scenario_partial_approach_uses_its_own_criteria():
    """Is 'few-shot prompting first' partial credit, judged on its own deciding criterion?"""
    r = check(scenario(), {"approach": "few-shot prompting", "criteria": ["prompting_not_tried"]})
    assert not r.correct
    assert r.score == pytest.approx(SCENARIO_APPROACH_WEIGHT * 0.5 + SCENARIO_CRITERIA_WEIGHT * 1.0)
    assert "partial credit (50%)" in r.feedback and "Few-shot first" in r.feedback


def test_scenario_wrong_approach_names_misconception_and_keeps_criteria_credit():
    """Does a rejected approach score only its criteria share and show why it is wrong?"""
    r = check(scenario(), {"approach": "RAG", "criteria": "fixed_output_format"})
    assert r.score == pytest.approx(SCENARIO_CRITERIA_WEIGHT * 0.5)
    assert "no credit" in r.feedback and "does not fix the output format" in r.feedback
    assert "missed: stable_task" in r.feedback


def test_scenario_wrong_criteria_cost_and_related_ones_do_not():
    """Does a non-deciding criterion cost a hit while a merely related one costs nothing?"""
    base = check(scenario(), ScenarioAnswer("fine_tuning", ("fixed_output_format", "stable_task", "high_volume_cost")))
    assert base.score == 1.0
    r = check(scenario(), ScenarioAnswer("fine_tuning", ("fixed_output_format", "stable_task", "new_knowledge")))
    assert r.score == pytest.approx(SCENARIO_APPROACH_WEIGHT + SCENARIO_CRITERIA_WEIGHT * 0.5)
    assert "new_knowledge" in r.feedback


@pytest.mark.parametrize("answer", ["", "telepathy", 42, {"approach": "rag", "colour": "red"}])
def test_scenario_malformed_answers_score_zero_without_raising(answer):
    """Does a missing, unknown or malformed scenario answer score 0 and say what is valid?"""
    r = check(scenario(), answer)
    assert r.score == 0.0
    assert isinstance(r, CheckResult) and r.feedback


def test_scenario_justification_is_acknowledged_not_scored():
    """Is a justification acknowledged in the feedback without changing the score?"""
    a = check(scenario(), ScenarioAnswer("fine_tuning", ("fixed_output_format",)))
    b = check(scenario(), ScenarioAnswer("fine_tuning", ("fixed_output_format",), "Because the labels are fixed."))
    assert a.score == b.score
    assert "justification" in b.feedback and "justification" not in a.feedback


@pytest.mark.parametrize(
    "text, expected",
    [("Fine-tuning", "fine_tuning"), ("RAG", "rag"), ("prompt engineering", "prompting"),
     ("hybrid", "hybrid"), ("RAG and fine-tuning", "hybrid"), ("magic", "")],
)
def test_normalise_approach(text, expected):
    """Are common spellings of an approach mapped to its id, and nonsense to ''?"""
    assert normalise_approach(text) == expected


def test_check_rejects_non_questions():
    """Does passing something that is not a question raise a TypeError that says what to pass?"""
    with pytest.raises(TypeError, match="load_bank"):
        check({"id": "x"}, "a")


def test_result_is_frozen():
    """Can a result be changed after the fact (it must not)?"""
    r = check(single(), "b")
    with pytest.raises(AttributeError):
        r.score = 0.0  # type: ignore[misc]


