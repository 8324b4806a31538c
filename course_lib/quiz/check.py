"""Pure answer checking: question + answer -> CheckResult, with no widget or notebook dependency.

The widgets and the grader share this module and nothing else. A learner's answer
never raises: an empty, malformed or unknown answer scores 0 with feedback that says
what a valid answer looks like. Only a wrong *question* object raises (TypeError).

>>> from course_lib.quiz.model import NumericQuestion
>>> q = NumericQuestion(id="n", prompt="2+2?", objective="LO3", difficulty="easy",
...                     explanation="Four.", hint="Count.", answer=4, unit="apples", abs_tol=0.5)
>>> check(q, "4.5 apples").correct
True
>>> check(q, 5).score
0.0
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Iterable

from course_lib.quiz.model import (
    APPROACHES,
    ChoiceQuestion,
    NumericQuestion,
    Question,
    ScenarioAnswer,
    ScenarioQuestion,
)

__all__ = [
    "CheckResult",
    "ScenarioAnswer",
    "check",
    "answer_problem",
    "normalise_approach",
    "SCENARIO_APPROACH_WEIGHT",
    "SCENARIO_CRITERIA_WEIGHT",
]

# A scenario's score: this share for the approach (times its credit) ...
SCENARIO_APPROACH_WEIGHT = 0.6
# ... and this share for naming the deciding criteria (hits minus wrong picks).
SCENARIO_CRITERIA_WEIGHT = 0.4

# Float slack so a value exactly on the tolerance edge counts as inside.
_EDGE_SLACK = 1e-9

_APPROACH_ALIASES: dict[str, str] = {
    "prompt": "prompting",
    "prompting": "prompting",
    "prompt_engineering": "prompting",
    "few_shot": "prompting",
    "few_shot_prompting": "prompting",
    "rag": "rag",
    "retrieval": "rag",
    "retrieval_augmented_generation": "rag",
    "fine_tuning": "fine_tuning",
    "finetuning": "fine_tuning",
    "fine_tune": "fine_tuning",
    "finetune": "fine_tuning",
    "ft": "fine_tuning",
    "hybrid": "hybrid",
    "rag_fine_tuning": "hybrid",
    "rag_and_fine_tuning": "hybrid",
    "fine_tuning_rag": "hybrid",
}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one answer.

    Attributes:
        correct: True only for a full-credit answer.
        score: Credit between 0.0 and 1.0 (partial credit for multiple choice and scenarios).
        feedback: Plain text that says, in words, whether the answer is right and why not.
        explanation: The question's explanation (plus the model answer for scenarios).
        question_id: The id of the question checked.
        parts: Named sub-scores (``("approach", 0.5)``), for the grader and the widgets.
    """

    correct: bool
    score: float
    feedback: str
    explanation: str
    question_id: str = ""
    parts: tuple[tuple[str, float], ...] = ()

    @property
    def verdict(self) -> str:
        """One word a screen reader or a log can use: Correct, Partly correct or Incorrect."""
        if self.correct:
            return "Correct"
        return "Partly correct" if self.score > 0 else "Incorrect"

    def _repr_html_(self) -> str:
        """The result as a notebook shows it (``_check_result.html.j2``, every value escaped)."""
        from course_lib.rendering import render

        return render("_check_result.html.j2", result=self)


def check(question: Question, answer: Any) -> CheckResult:
    """Check one answer against one question.

    Args:
        question: A ChoiceQuestion, NumericQuestion or ScenarioQuestion.
        answer: For single choice an option id; for multiple choice an iterable of
            option ids; for numeric a number or a string such as ``"$1,027.50"``;
            for a scenario a ScenarioAnswer, a dict, or an approach id.

    Returns:
        The result, with feedback in words (never colour alone).

    Raises:
        TypeError: When ``question`` is not a question object.
    """
    if isinstance(question, ChoiceQuestion):
        return _check_choice(question, answer)
    if isinstance(question, NumericQuestion):
        return _check_numeric(question, answer)
    if isinstance(question, ScenarioQuestion):
        return _check_scenario(question, answer)
    raise TypeError(
        f"check() needs a question from course_lib.quiz (ChoiceQuestion, NumericQuestion or "
        f"ScenarioQuestion), got {type(question).__name__}; load one with course_lib.quiz.bank.load_bank()"
    )


def _result(question: Question, score: float, lines: Iterable[str], explanation: str | None = None,
            parts: tuple[tuple[str, float], ...] = ()) -> CheckResult:
    score = round(min(1.0, max(0.0, score)), 4)
    correct = score >= 1.0
    verdict = "Correct." if correct else ("Partly correct." if score > 0 else "Not quite.")
    body = " ".join(line for line in lines if line)
    feedback = f"{verdict} Score {score:.2f} of 1. {body}".strip()
    return CheckResult(
        correct=correct,
        score=score,
        feedback=feedback,
        explanation=question.explanation if explanation is None else explanation,
        question_id=question.id,
        parts=parts,
    )


# ---- choice ---------------------------------------------------------------

def _as_id_list(answer: Any) -> list[str]:
    if answer is None:
        return []
    if isinstance(answer, str):
        return [a.strip() for a in answer.split(",") if a.strip()]
    if isinstance(answer, Iterable):
        return [str(a).strip() for a in answer if str(a).strip()]
    return [str(answer)]


def _check_choice(q: ChoiceQuestion, answer: Any) -> CheckResult:
    picked = list(dict.fromkeys(_as_id_list(answer)))  # keep order, drop repeats
    by_id = {o.id: o for o in q.options}
    valid = list(by_id)
    if not picked:
        return _result(q, 0.0, [f"No option was chosen; pick {'one or more' if q.multiple else 'one'} of {', '.join(valid)}."])
    unknown = [p for p in picked if p not in by_id]
    if unknown:
        return _result(q, 0.0, [f"Unknown option(s) {', '.join(unknown)}; the options are {', '.join(valid)}."])
    if not q.multiple:
        if len(picked) > 1:
            return _result(q, 0.0, [f"Pick exactly one option (you gave {', '.join(picked)})."])
        option = by_id[picked[0]]
        return _result(q, 1.0 if option.correct else 0.0, [option.feedback])

    correct_ids = q.correct_ids
    hits = [p for p in picked if p in correct_ids]
    wrong = [p for p in picked if p not in correct_ids]
    missed = [o for o in q.options if o.correct and o.id not in picked]
    score = max(0.0, (len(hits) - len(wrong)) / len(correct_ids)) if correct_ids else (0.0 if wrong else 1.0)
    lines = []
    for p in picked:
        option = by_id[p]
        mark = "right" if option.correct else "wrong"
        lines.append(f"[{p}: {mark}] {option.feedback}")
    for option in missed:
        lines.append(f"[{option.id}: missed] {option.feedback}")
    parts = (("hits", float(len(hits))), ("wrong", float(len(wrong))), ("missed", float(len(missed))))
    return _result(q, score, lines, parts=parts)


# ---- numeric --------------------------------------------------------------

_NUMBER = re.compile(r"^[^\d\-+.]*([-+]?(?:\d[\d,_ ]*)?\.?\d+(?:[eE][-+]?\d+)?)")


def _parse_number(answer: Any) -> float | None:
    if isinstance(answer, bool) or answer is None:
        return None
    if isinstance(answer, (int, float)):
        value = float(answer)
    else:
        text = str(answer).strip().replace("\\$", "$")
        match = _NUMBER.match(text)
        if not match:
            return None
        try:
            value = float(re.sub(r"[,_ ]", "", match.group(1)))
        except ValueError:
            return None
    return value if math.isfinite(value) else None


# The digits of an answer, with any commas in them, and what thousands separators look like (1,027.50).
_DIGITS_WITH_COMMAS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?")


def answer_problem(question: Question, answer: Any) -> str:
    """Why ``answer`` is not an answer at all (a typo, not a wrong value), or ``""`` when it is one.

    The widgets refuse such input without counting an attempt; :func:`check` (and so the
    grader) still scores it 0, since a submitted notebook cannot be asked again.

    Args:
        question: The question being answered.
        answer: What the learner entered.

    Returns:
        A sentence saying what was wrong and what an answer looks like, or ``""``.

    >>> from course_lib.quiz.model import NumericQuestion
    >>> q = NumericQuestion(id="n", prompt="?", objective="LO3", difficulty="easy", explanation="",
    ...                     hint="", answer=4, unit="USD per day")
    >>> answer_problem(q, "abc")
    "'abc' is not a number: type a number in USD per day (digits, such as 12.5); this try was not counted."
    >>> answer_problem(q, "USD 4.50"), answer_problem(q, "1,027.50")
    ('', '')
    >>> answer_problem(q, "2,5").split(":")[0]
    "'2,5' would be read with its comma as a thousands separator"
    """
    if not isinstance(question, NumericQuestion):
        return ""
    if _parse_number(answer) is None:
        return (f"{str(answer).strip()!r} is not a number: type a number in {question.unit} "
                "(digits, such as 12.5); this try was not counted.")
    digits = _DIGITS_WITH_COMMAS.search(answer) if isinstance(answer, str) else None
    if digits and "," in digits.group() and not _THOUSANDS.fullmatch(digits.group()):
        return (f"{answer.strip()!r} would be read with its comma as a thousands separator: write decimals with "
                "a point (2.5) and thousands with groups of three (1,000); this try was not counted.")
    return ""


def _fmt(x: float) -> str:
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


def _check_numeric(q: NumericQuestion, answer: Any) -> CheckResult:
    value = _parse_number(answer)
    if value is None:
        return _result(q, 0.0, [f"Give a number in {q.unit} (you gave {answer!r})."])
    tol = q.tolerance
    distance = abs(value - q.answer)
    slack = _EDGE_SLACK * max(1.0, abs(q.answer))
    if distance <= tol + slack:
        return _result(q, 1.0, [f"{_fmt(value)} {q.unit} is within {_fmt(tol)} of the expected {_fmt(q.answer)}."],
                       parts=(("distance", distance),))
    for m in q.misconceptions:
        if abs(value - m.value) <= max(tol, _EDGE_SLACK * max(1.0, abs(m.value))) + slack:
            return _result(q, 0.0, [f"{_fmt(value)} {q.unit} looks like a common slip. {m.feedback}"],
                           parts=(("distance", distance),))
    direction = "high" if value > q.answer else "low"
    off = f"{distance / abs(q.answer):.0%}" if q.answer else _fmt(distance)
    return _result(q, 0.0, [f"{_fmt(value)} {q.unit} is too {direction} (off by {off}); "
                            f"answers within {_fmt(tol)} {q.unit} count."],
                   parts=(("distance", distance),))


# ---- scenario -------------------------------------------------------------

def normalise_approach(text: str) -> str:
    """Map a written approach name to its id, or return ``""`` when it is not recognised.

    Args:
        text: ``"Fine-tuning"``, ``"RAG"``, ``"few-shot prompting"``, ``"RAG + fine-tuning"``...

    Returns:
        One of ``prompting``, ``rag``, ``fine_tuning``, ``hybrid``, or ``""``.

    >>> normalise_approach("Fine-Tune")
    'fine_tuning'
    >>> normalise_approach("RAG + fine-tuning")
    'hybrid'
    """
    key = re.sub(r"[^a-z]+", "_", str(text).lower()).strip("_")
    return _APPROACH_ALIASES.get(key, key if key in APPROACHES else "")


def _check_scenario(q: ScenarioQuestion, answer: Any) -> CheckResult:
    try:
        ans = ScenarioAnswer.from_value(answer)
    except TypeError as exc:
        return _result(q, 0.0, [str(exc)], explanation=_scenario_explanation(q))
    approach = normalise_approach(ans.approach)
    lines: list[str] = []

    entry = q.accepted_for(approach) if approach else None
    approach_credit = entry.credit if entry else 0.0
    if not ans.approach.strip():
        lines.append(f"No approach was chosen; pick one of {', '.join(APPROACHES)}.")
    elif not approach:
        lines.append(f"'{ans.approach}' is not an approach; pick one of {', '.join(APPROACHES)}.")
    elif entry is None:
        why = q.rejected.get(approach, f"{approach} is not a good fit here; the best answer is {q.best.approach}.")
        lines.append(f"Approach {approach}: no credit. {why}")
    elif entry.credit >= 1.0:
        lines.append(f"Approach {approach}: full credit. {entry.why}")
    else:
        lines.append(f"Approach {approach}: partial credit ({entry.credit:.0%}). {entry.why}")

    deciding = q.deciding_criteria(approach)
    allowed = set(deciding) | set(q.criteria) | set(q.related_criteria)
    for a in q.accepted:
        allowed |= set(a.criteria)
    named = list(dict.fromkeys(c.strip() for c in ans.criteria if c.strip()))
    hits = [c for c in named if c in deciding]
    neutral = [c for c in named if c not in deciding and c in allowed]
    wrong = [c for c in named if c not in allowed]
    missed = [c for c in deciding if c not in named]
    if deciding:
        criteria_score = max(0.0, (len(hits) - len(wrong)) / len(deciding))
    else:
        criteria_score = 0.0 if wrong else 1.0
    if hits:
        lines.append(f"Deciding criteria you named: {', '.join(hits)}.")
    if missed:
        lines.append(f"Deciding criteria you missed: {', '.join(missed)}.")
    if neutral:
        lines.append(f"Relevant but not deciding (no penalty): {', '.join(neutral)}.")
    if wrong:
        lines.append(f"Not deciding here (each costs a point): {', '.join(wrong)}.")
    if ans.justification.strip():
        lines.append("Compare your justification with the model answer below.")

    score = SCENARIO_APPROACH_WEIGHT * approach_credit + SCENARIO_CRITERIA_WEIGHT * criteria_score
    parts = (("approach", approach_credit), ("criteria", round(criteria_score, 4)))
    return _result(q, score, lines, explanation=_scenario_explanation(q), parts=parts)


def _scenario_explanation(q: ScenarioQuestion) -> str:
    if q.model_answer:
        return f"{q.explanation}\n\nModel answer: {q.model_answer}"
    return q.explanation
