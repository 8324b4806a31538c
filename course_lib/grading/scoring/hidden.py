"""Helpers that hidden tests call: they run in the grading process (``course grade``) or in a kernel (nbgrader, nbval).

Under ``course grade`` the student's names reach a hidden test as plain data or as
proxies that call the student's function in its sandbox and return plain data, so
everything here compares exact built-in values in a process the student's code
never touched. Feedback notes never contain an expected value.
"""

from __future__ import annotations

import math
import threading
from typing import Any, Callable, Iterable

from course_lib.grading.execution.plain import PlainDataError, to_plain

_notes = threading.local()


class TestFailure(AssertionError):
    """A hidden test did not pass; the message is safe to show the student."""


class StudentError(Exception):
    """The student's code raised (or could not be reached); the message says what happened."""


class AnswerTimeout(Exception):
    """The student's function ran past the time limit."""


class InvalidAnswer(Exception):
    """The student's value is not plain data."""


def note(text: str) -> None:
    """Record a line of feedback (collected by the grader; printed in a kernel)."""
    collector = getattr(_notes, "lines", None)
    if collector is None:
        print(text)
    else:
        collector.append(text)


class collect_notes:
    """Context manager the grader uses to collect the notes of one hidden test (per thread)."""

    def __enter__(self) -> list[str]:
        _notes.lines = []
        return _notes.lines

    def __exit__(self, *exc: object) -> None:
        _notes.lines = None


def _plain(value: Any) -> Any:
    try:
        return to_plain(value)
    except PlainDataError as exc:
        raise InvalidAnswer(str(exc)) from None


def same(actual: Any, expected: Any, rel: float = 1e-6, abs_tol: float = 1e-9) -> bool:
    """Equality of plain values, with a tolerance for floats (bools never equal numbers).

    >>> same([0.1 + 0.2, None, "a"], [0.3, None, "a"])
    True
    >>> same(True, 1)
    False
    """
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(actual) is type(expected) and actual == expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        if math.isnan(expected) or math.isnan(actual):
            return math.isnan(expected) and math.isnan(actual)
        return math.isclose(actual, expected, rel_tol=rel, abs_tol=abs_tol)
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        return len(actual) == len(expected) and all(same(a, e, rel, abs_tol) for a, e in zip(actual, expected))
    if isinstance(expected, dict) and isinstance(actual, dict):
        return actual.keys() == expected.keys() and all(same(actual[k], expected[k], rel, abs_tol) for k in expected)
    return type(actual) is type(expected) and actual == expected


def run_cases(function: Callable[..., Any], cases: Iterable[dict[str, Any]],
              reference: Callable[..., Any] | None = None, *, points: float, name: str = "your function") -> float:
    """Call the student's function on each case and compare with the expected value; partial credit.

    Args:
        function: The student's function (or, under ``course grade``, its proxy).
        cases: ``{"label": ..., "args": [...], "kwargs": {...}, "expected": ...}`` each;
            the label is shown in feedback, the arguments and the expected value are not.
        reference: Computes the expected value of a case without ``"expected"``; define it
            in the hidden test itself (reference answers never ship in ``course_lib``).
        points: Points for all cases passing.
        name: How feedback names the function.

    Returns:
        ``points`` times the share of cases passed.

    Raises:
        AnswerTimeout: As soon as a call runs past the time limit.
        StudentError: When every case raised.
        InvalidAnswer: When no case passed and some returned non-plain data.
    """
    cases = list(cases)
    if not callable(function):
        raise TestFailure(f"{name} is not a function; define it with def.")
    passed, problems, raised, invalid = 0, [], [], []
    for case in cases:
        args, kwargs = case.get("args", []), case.get("kwargs", {})
        if "expected" in case:
            expected = case["expected"]
        elif reference is not None:
            expected = reference(*args, **kwargs)
        else:
            raise ValueError(f"hidden test case {case.get('label')!r} has no 'expected' value and run_cases got "
                             "no reference function; add one of them")
        try:
            got = _plain(function(*args, **kwargs))
        except AnswerTimeout:
            raise
        except InvalidAnswer as exc:
            invalid.append(str(exc))
            problems.append(f"{case['label']}: {exc}")
            continue
        except StudentError as exc:
            raised.append(str(exc))
            problems.append(f"{case['label']}: raised {exc}")
            continue
        except Exception as exc:  # in a kernel the student's own exception arrives here
            # The type only: the text could repeat this case's private inputs.
            raised.append(type(exc).__name__)
            problems.append(f"{case['label']}: raised {type(exc).__name__}")
            continue
        if same(got, _plain(expected)):
            passed += 1
        else:
            problems.append(f"{case['label']}: wrong value")
    note(f"{name}: {passed} of {len(cases)} test cases passed.")
    for line in problems:  # every case by its label, so the student learns each one that failed
        note(f"  - {line}")
    if cases and len(raised) == len(cases):
        raise StudentError(f"{name} raised on every test case; first: {problems[0]}")
    if not passed and invalid:
        raise InvalidAnswer(invalid[0])
    return round(points * passed / len(cases), 4) if cases else 0.0


def check_values(answers: dict[str, Any], expected: dict[str, Any], points: float) -> float:
    """Compare named values (e.g. the student's results for their own numbers); partial credit.

    Args:
        answers: Name -> the student's value.
        expected: Name -> the value computed here.
        points: Points for all names right.
    """
    right = 0
    invalid = []
    for name, value in answers.items():
        try:
            value = _plain(value)
        except InvalidAnswer as exc:
            invalid.append(f"{name}: {exc}")
            note(f"{name}: {exc}")
            continue
        if value is None and expected[name] is not None:
            note(f"{name}: not set yet (None).")
        elif same(value, expected[name]):
            right += 1
            note(f"{name}: right for your numbers.")
        else:
            note(f"{name}: not right for your numbers (check the inputs you used and the formula).")
    if not right and invalid:
        raise InvalidAnswer(invalid[0])
    return round(points * right / len(answers), 4)


def score_scenario(answer: Any, *, points: float, best: str, criteria: Iterable[str],
                   partial: dict[str, float] | None = None, related: Iterable[str] = ()) -> float:
    """Score a scenario answer with the quiz's checking core; partial credit, no answer revealed.

    Args:
        answer: ``{"approach": ..., "criteria": [...]}`` (plain data).
        points: Points for a full-credit answer.
        best: The full-credit approach id.
        criteria: Criterion ids that decide it.
        partial: Other defensible approaches: credit (0-1), or ``[credit, [criteria that
            decide for that approach]]`` (as the question bank's ``accepted`` entries).
        related: Criterion ids that are relevant but not deciding (no penalty).
    """
    from course_lib.quiz.check import check
    from course_lib.quiz.model import AcceptedApproach, ScenarioQuestion

    answer = _plain(answer)
    if not isinstance(answer, dict):
        raise TestFailure("the answer must be a dict with keys 'approach' and 'criteria'.")
    answer = {k: v for k, v in answer.items() if k in ("approach", "criteria")}
    criteria = tuple(criteria)
    accepted = [AcceptedApproach(best, 1.0, "", criteria)]
    for approach, spec in (partial or {}).items():
        credit, deciding = (spec, criteria) if isinstance(spec, (int, float)) else (spec[0], tuple(spec[1]))
        accepted.append(AcceptedApproach(approach, float(credit), "", deciding))
    question = ScenarioQuestion(id="exercise", prompt="", objective="LO1", difficulty="medium", explanation="",
                                hint="", accepted=tuple(accepted), criteria=criteria,
                                related_criteria=tuple(related))
    result = check(question, answer)
    parts = dict(result.parts)
    credit = parts.get("approach", 0.0)
    verdict = "full credit" if credit >= 1 else ("partial credit" if credit > 0 else "no credit")
    named = answer.get("criteria") or []
    note(f"approach: {verdict}; deciding criteria: {parts.get('criteria', 0.0):.0%} of the credit "
         f"({len(named) if isinstance(named, list) else 0} named).")
    return round(points * result.score, 4)
