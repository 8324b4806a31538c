"""Option shuffling: seeded per learner, stable across re-runs, in every choice widget."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from course_lib.quiz.bank import load_bank
from course_lib.quiz.model import ChoiceQuestion
from course_lib.quiz.shuffle import LEARNER_ENV_VAR, learner_key, option_order
from course_lib.views.quiz_widgets import QuestionWidget

BANK = load_bank()
CHOICE = [q for q in BANK.questions if isinstance(q, ChoiceQuestion)]


def test_order_is_a_permutation_of_the_options():
    """Does every learner see every option exactly once?"""
    for q in CHOICE:
        ids = [o.id for o in q.options]
        assert sorted(option_order(q.id, ids, learner="ada")) == sorted(ids)


def test_order_survives_a_new_interpreter():
    """Does a learner see the same order after a kernel restart (no dependence on Python's hash seed)?"""
    code = ("from course_lib.quiz.shuffle import option_order;"
            "print(option_order('fw-latency', 'abcde', learner='ada'))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2)}
    assert runs == {str(option_order("fw-latency", "abcde", learner="ada")) + "\n"}


def test_learners_see_different_orders():
    """Do different learners usually get different orders of the same question?"""
    orders = {option_order("fw-latency", "abcd", learner=f"learner{i}") for i in range(20)}
    assert len(orders) > 5


def test_correct_option_lands_everywhere():
    """Over many learners, does the correct option appear in every position (position gives nothing away)?"""
    q = next(q for q in CHOICE if not q.multiple and len(q.options) == 3)
    (correct,) = q.correct_ids
    positions = Counter(option_order(q.id, [o.id for o in q.options], learner=f"l{i}").index(correct)
                        for i in range(300))
    assert set(positions) == {0, 1, 2} and min(positions.values()) > 60


def test_repeated_ids_are_refused():
    """Is a question with a repeated option id refused with a message naming it?"""
    with pytest.raises(ValueError, match="repeats an option id"):
        option_order("q", ["a", "a"], learner="x")


def test_learner_key_comes_from_the_environment(monkeypatch):
    """Does COURSE_LEARNER set the learner key (for shared accounts)?"""
    monkeypatch.setenv(LEARNER_ENV_VAR, "student-42")
    assert learner_key() == "student-42"


@pytest.mark.parametrize("question", CHOICE, ids=lambda q: q.id)
def test_widget_shows_the_learners_order(question):
    """Does every choice widget show its options in the learner's shuffled order, and still score by option id?"""
    widget = QuestionWidget(question, store=False, learner="ada")
    expected = option_order(question.id, [o.id for o in question.options], learner="ada")
    if question.multiple:
        boxes = widget.control.children[1:]
        assert [b.description for b in boxes] == [question.option(i).text for i in expected]
        widget.set_answer(sorted(question.correct_ids))
    else:
        assert [value for _, value in widget.control.options] == list(expected)
        widget.set_answer(next(iter(question.correct_ids)))
    assert widget.submit().score == 1.0
