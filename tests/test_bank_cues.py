"""Fair questions: the bank as written gives no answer away by position, length, count or hint.

These run over every file in course_lib/data/questions/, so a new item (or a new
file) cannot bring the cues back.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from course_lib.quiz.bank import load_bank
from course_lib.quiz.model import ChoiceQuestion, objectives_taught_by

BANK = load_bank()
SINGLE = [q for q in BANK.questions if isinstance(q, ChoiceQuestion) and not q.multiple]
MULTIPLE = [q for q in BANK.questions if isinstance(q, ChoiceQuestion) and q.multiple]
MAX_POSITION_SHARE = 0.40
MAX_LONGEST_SHARE = 0.50
# Words that, in a multiple-choice hint, tell how many options are right.
_COUNT_WORDS = re.compile(r"\b(one|two|three|four|five|six|both|all|none|only|\d+)\b\s+(of|options?|are|is|answers?|"
                          r"statements?|items?|steps?|correct|right|wrong|mistakes?)\b", re.I)


def _correct_is_longest(q: ChoiceQuestion) -> bool:
    longest = max(len(o.text) for o in q.options)
    return any(len(o.text) == longest for o in q.options if o.correct)


def test_no_position_holds_too_many_keys():
    """Does no option position hold more than 40 % of the single-choice keys, as the bank is written?"""
    positions = Counter(next(i for i, o in enumerate(q.options) if o.correct) for q in SINGLE)
    worst, count = positions.most_common(1)[0]
    assert count <= MAX_POSITION_SHARE * len(SINGLE), (
        f"position {worst} holds {count} of {len(SINGLE)} keys: {dict(positions)}; move some keys elsewhere")


def test_correct_option_is_not_usually_the_longest():
    """Is the correct option the longest (or tied longest) in at most half of the single-choice items?"""
    longest = [q.id for q in SINGLE if _correct_is_longest(q)]
    assert len(longest) <= MAX_LONGEST_SHARE * len(SINGLE), (
        f"the key is the longest option in {len(longest)} of {len(SINGLE)} items: {longest}")


@pytest.mark.parametrize("question", MULTIPLE, ids=lambda q: q.id)
def test_multiple_choice_has_two_wrong_options(question):
    """Does every multiple-choice item have at least two wrong options, so ticking everything scores well below 1?"""
    wrong = [o.id for o in question.options if not o.correct]
    assert len(wrong) >= 2, f"{question.id}: only {len(wrong)} wrong option(s); add a real misconception"


@pytest.mark.parametrize("question", MULTIPLE, ids=lambda q: q.id)
def test_hint_does_not_count_the_answers(question):
    """Does no multiple-choice hint say how many options are right (or wrong)?"""
    match = _COUNT_WORDS.search(question.hint)
    assert match is None, f"{question.id}: hint gives the count away ({match.group(0)!r}): {question.hint}"


@pytest.mark.parametrize("question", BANK.questions, ids=lambda q: q.id)
def test_self_check_items_are_already_taught(question):
    """Is every item tagged for a lesson's self-check on an objective that lesson or an earlier one teaches?"""
    for nb in question.notebooks:
        if nb not in ("05_quiz", "06_scenarios"):
            assert question.objective in objectives_taught_by(nb), (
                f"{question.id} ({question.objective}) is tagged for {nb}'s self-check, before it is taught")
