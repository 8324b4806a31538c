"""Do the hidden tests tell the right answer from the misconceptions the instructor guide names?"""

from __future__ import annotations

from course_lib.grading.scoring.hidden import run_cases
from tests.grading_support import hidden_test


def _cases(assignment: str, grade_id: str) -> list[dict]:
    """The ``_cases`` list of one hidden test, read from the instructor's source."""
    scope: dict = {}
    source = hidden_test(assignment, grade_id)
    exec(source[source.index("_cases = ["):source.index("]\n", source.index("_cases = [")) + 2], scope)
    return scope["_cases"]


def relative_rule(acc_a, acc_b, ci_low, min_gain=0.05):
    """The rule as taught: b's gain relative to a's accuracy."""
    big_enough = acc_b > 0 if acc_a == 0 else (acc_b - acc_a) / acc_a >= min_gain - 1e-9
    return ("fine_tune" if ci_low > 0 else "need_more_data") if big_enough else "keep_prompting"


def absolute_rule(acc_a, acc_b, ci_low, min_gain=0.05):
    """Misconception 6: 5 percentage points read as 5 %."""
    if acc_b - acc_a < min_gain - 1e-9:
        return "keep_prompting"
    return "fine_tune" if ci_low > 0 else "need_more_data"


def test_does_the_taught_rule_score_full_marks():
    assert run_cases(relative_rule, _cases("03_head_to_head", "decision_rule"), points=3) == 3


def test_does_reading_5_percent_as_5_points_lose_at_least_a_third():
    assert run_cases(absolute_rule, _cases("03_head_to_head", "decision_rule"), points=3) <= 2
