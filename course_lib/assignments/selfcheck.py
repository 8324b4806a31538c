"""The student's ``check("<grade_id>")``: visible checks on one answer, without hidden tests or expected values.

It only validates shape and runs the examples printed in the notebook itself; it
never raises, so an unfinished notebook still runs top to bottom. The verdict is
data: :func:`visible_checks` returns a :class:`VisibleCheck`, and ``check()``
displays it with its own MIME type (:data:`VISIBLE_CHECK_MIME`) beside the text
and HTML a student reads, so the GitHub Classroom runner reads the record from
the executed notebook instead of parsing a sentence.

>>> result = visible_checks("monthly_cost", {"monthly_cost": lambda days, per: per * days * 30})
>>> result.passed, result.total, result.ok
(1, 1, True)
>>> VisibleCheck.from_json(result.to_json()) == result
True
"""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass
from typing import Any, Callable

from course_lib.framework import APPROACH_IDS, load_framework
from course_lib.grading.execution.plain import PlainDataError, to_plain

SCENARIOS = ("mascot_voice", "handbook_questions", "invoice_fields", "one_off_migration", "clinic_hybrid",
             "contract_review_portable")


def _criterion_ids() -> tuple[str, ...]:
    return tuple(load_framework().criteria)


def _scenario(ns: dict[str, Any], name: str) -> list[tuple[bool, str]]:
    value = ns.get(name)
    if not isinstance(value, dict):
        return [(False, f"{name} is not a dict yet; fill in approach and criteria.")]
    out = []
    approach = value.get("approach")
    out.append((approach in APPROACH_IDS, f"approach {approach!r} is one of {', '.join(APPROACH_IDS)}"
                if approach in APPROACH_IDS else f"approach must be one of {', '.join(APPROACH_IDS)}, not {approach!r}"))
    criteria = value.get("criteria")
    known = _criterion_ids()
    if not isinstance(criteria, list) or not criteria:
        out.append((False, "criteria must be a non-empty list of criterion ids (see show_criteria())."))
    else:
        unknown = [c for c in criteria if c not in known]
        out.append((not unknown, "every criterion id is known" if not unknown
                    else f"unknown criterion id(s): {', '.join(map(str, unknown))} (see show_criteria())"))
    return out


def _call(ns: dict[str, Any], name: str, args: tuple, expected: Any, label: str) -> tuple[bool, str]:
    fn = ns.get(name)
    if not callable(fn):
        return False, f"{name} is not defined as a function yet."
    try:
        got = to_plain(fn(*args))
    except NotImplementedError:
        return False, f"{name} is not written yet (it raises NotImplementedError)."
    except PlainDataError as exc:
        return False, f"{name}{args}: {exc}"
    except Exception as exc:  # the student's bug: report, never raise
        return False, f"{name}{args} raised {type(exc).__name__}: {exc}"
    if isinstance(expected, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        ok = math.isclose(got, expected, rel_tol=1e-6, abs_tol=1e-9)
    elif (isinstance(expected, list) and all(isinstance(e, float) for e in expected)
          and isinstance(got, list) and len(got) == len(expected)):
        ok = all(isinstance(g, (int, float)) and math.isclose(g, e, rel_tol=1e-6, abs_tol=1e-9)
                 for g, e in zip(got, expected))
    else:
        ok = got == expected and type(got) is type(expected)
    return ok, f"{label}: {'matches' if ok else 'does not match'} the example in the notebook"


def _numbers(ns: dict[str, Any], names: tuple[str, ...], allow_none: tuple[str, ...] = ()) -> list[tuple[bool, str]]:
    out = []
    for name in names:
        value = ns.get(name, "<undefined>")
        if value == "<undefined>":
            out.append((False, f"{name} is not defined."))
        elif value is None and name not in allow_none:
            out.append((False, f"{name} is still None; compute it."))
        elif value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            out.append((True, f"{name} is a number" + (" (or None)" if value is None else "")))
        else:
            out.append((False, f"{name} should be a number, not a {type(value).__name__}."))
    return out


_RANKINGS = [["p1", "p2", "p3"], ["p4", "p1"], ["p2", "p3"]]  # assignment 04's example
_PRICE = {"input": 5.0, "cached_input": None, "output": 15.0}
_CHECKS: dict[str, Callable[[dict[str, Any]], list[tuple[bool, str]]]] = {
    **{name: (lambda ns, n=name: _scenario(ns, n)) for name in SCENARIOS},
    "cost_per_request": lambda ns: [
        _call(ns, "cost_per_request", (200, 0, 500, _PRICE), 0.0035, "the chapter's request (700 input tokens at $5/1M)"),
        _call(ns, "cost_per_request", (100, 20, 0, {"input": 1.0, "cached_input": None, "output": 4.0}), 0.00018,
              "100 input + 20 output tokens"),
    ],
    "monthly_cost": lambda ns: [_call(ns, "monthly_cost", (10_000, 0.0035), 1050.0, "10,000 requests a day at $0.0035")],
    "break_even": lambda ns: [_call(ns, "break_even_volume", (0.002, 0.0, 0.001, 300.0), 10_000.0,
                                    "$0.002 vs $0.001 per request with $300 a month overhead")],
    "my_workload": lambda ns: _numbers(ns, ("my_prompted_monthly", "my_fine_tuned_monthly", "my_break_even"),
                                       allow_none=("my_break_even",)),
    "like_with_like": lambda ns: _numbers(ns, ("my_fair_saving", "my_unfair_saving", "my_open_weight_monthly")),
    "diff_ci": lambda ns: [_call(ns, "diff_with_ci", (15, 25, 100), [0.1, -0.0224019607686, 0.2224019607686],
                                 "15 items only a got right, 25 only b, of 100")],
    "decision_rule": lambda ns: [
        _call(ns, "decide", (0.80, 0.90, 0.02), "fine_tune", "a 12.5 % gain the interval supports"),
        _call(ns, "decide", (0.80, 0.81, 0.01), "keep_prompting", "a 1.25 % gain"),
    ],
    "recall_at_k": lambda ns: [
        _call(ns, "recall_at_k", (_RANKINGS, ["p2", "p4", "p1"], 2), 2 / 3, "the example at k = 2"),
        _call(ns, "recall_at_k", (_RANKINGS, ["p2", "p4", "p1"], 1), 1 / 3, "the example at k = 1"),
    ],
    "rank_fusion": lambda ns: [
        _call(ns, "rrf", ([["a", "b"], ["b", "c"]],), ["b", "a", "c"], "two rankings"),
        _call(ns, "rrf", ([["z", "y"]],), ["z", "y"], "one ranking"),
        _call(ns, "rrf", ([],), [], "no rankings"),
    ],
    "my_retrieval": lambda ns: _numbers(ns, ("my_k", "my_monthly_usd"), allow_none=("my_k", "my_monthly_usd")) + [
        (isinstance(ns.get("my_recalls"), list) and len(ns["my_recalls"]) == len(ns.get("numbers", {}).get("ks", ()))
         and len(ns["my_recalls"]) > 0, "my_recalls has one recall per k in numbers['ks']"),
        (ns.get("my_decision") in ("retrieve_k", "improve_retrieval"),
         "my_decision is one of retrieve_k, improve_retrieval")],
    "my_result": lambda ns: _numbers(ns, ("my_diff", "my_low", "my_high")) + [
        (ns.get("my_decision") in ("fine_tune", "keep_prompting", "need_more_data"),
         "my_decision is one of fine_tune, keep_prompting, need_more_data")],
}


# Items whose visible checks look only at the form of the answer (an approach id, known criterion ids,
# numbers where numbers belong): they pass for an answer of the right kind, right or not.
FORM_ONLY: frozenset[str] = frozenset((*SCENARIOS, "my_workload", "like_with_like", "my_retrieval", "my_result"))

# The MIME type of the record check() displays; the GitHub Classroom runner reads it from the executed notebook.
VISIBLE_CHECK_MIME = "application/vnd.course-lib.visible-check+json"


@dataclass(frozen=True)
class VisibleCheck:
    """The outcome of one ``check("<item>")``: how many visible checks pass, and what each one says.

    Attributes:
        item: The graded item checked.
        passed: How many of its visible checks pass.
        total: How many visible checks it has (0 when none could run).
        messages: Each check's (passed, text), a repeated line shown once.
        form_only: True when the checks test the form of the answer, not whether it is right.
        problem: Why no check could run (an unknown item, a broken check), or empty.
    """

    item: str
    passed: int
    total: int
    messages: tuple[tuple[bool, str], ...] = ()
    form_only: bool = False
    problem: str = ""

    @property
    def ok(self) -> bool:
        """True when the item has checks and all of them pass."""
        return self.total > 0 and self.passed == self.total

    @property
    def summary(self) -> str:
        """One sentence: how many checks pass, and what they do and do not tell."""
        if self.problem:
            return self.problem
        counted = f"{self.item}: {self.passed} of {self.total} visible checks pass."
        if self.form_only:
            return (f"{counted} They test the form of your answer (an answer of the right kind is there), "
                    "not whether it is right: the hidden tests grade that when your notebook is graded.")
        return (f"{counted} They run the examples shown in this notebook; the hidden tests try other cases "
                "when your notebook is graded.")

    def __str__(self) -> str:
        lines = [("ok    " if ok else "todo  ") + text for ok, text in self.messages]
        return "\n".join([*lines, self.summary])

    def to_json(self) -> dict[str, Any]:
        """The record as plain JSON (what :data:`VISIBLE_CHECK_MIME` carries)."""
        return {"item": self.item, "passed": self.passed, "total": self.total,
                "messages": [[ok, text] for ok, text in self.messages], "form_only": self.form_only,
                "problem": self.problem}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "VisibleCheck":
        """Read a record written by :meth:`to_json`."""
        return cls(str(data["item"]), int(data["passed"]), int(data["total"]),
                   tuple((bool(ok), str(text)) for ok, text in data.get("messages", ())),
                   bool(data.get("form_only", False)), str(data.get("problem", "")))

    def _repr_html_(self) -> str:
        from course_lib.rendering import render

        return render("_visible_check.html.j2", check=self)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {"text/plain": str(self), "text/html": self._repr_html_(), VISIBLE_CHECK_MIME: self.to_json()}


def visible_checks(grade_id: str, namespace: dict[str, Any]) -> VisibleCheck:
    """Run the visible checks of one graded item against a notebook's names (never raises).

    Args:
        grade_id: The graded item (``mascot_voice``, ``cost_per_request``, ...).
        namespace: The notebook's global names (the student's answers).

    Returns:
        The result; ``total`` 0 and a ``problem`` when the checks could not run.
    """
    if grade_id not in _CHECKS:
        return VisibleCheck(grade_id, 0, 0, problem=f"check: no checks for {grade_id!r}; known: {', '.join(_CHECKS)}")
    try:
        results = _CHECKS[grade_id](namespace)
    except Exception as exc:  # a self-check must never stop the notebook
        return VisibleCheck(grade_id, 0, 0, problem=f"check({grade_id!r}) could not run: {type(exc).__name__}: {exc}")
    shown = tuple(dict.fromkeys((bool(ok), message) for ok, message in results))  # "not written yet" once
    return VisibleCheck(grade_id, sum(bool(ok) for ok, _ in results), len(results), shown, grade_id in FORM_ONLY)


def check(grade_id: str) -> None:
    """Show the visible checks of one graded answer (never raises; hidden tests run only when graded).

    In a notebook the result is displayed (text, HTML and a :data:`VISIBLE_CHECK_MIME` record);
    elsewhere it is printed. It returns nothing, so a cell ending in ``check(...)`` shows it once.

    Args:
        grade_id: The graded item, as named in the notebook (``mascot_voice``, ``cost_per_request``, ...).
    """
    result = visible_checks(grade_id, sys._getframe(1).f_globals)
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # plain Python without IPython
        get_ipython = None  # type: ignore[assignment]
    if get_ipython is not None and get_ipython() is not None:
        display(result)
    else:
        print(result)


def show_criteria() -> None:
    """Print the approach ids and criterion ids an answer may use, one id per line.

    One per line, because a notebook's text output wraps a long line anywhere, even inside an id.
    """
    print("approaches:", *(f"  {a}" for a in APPROACH_IDS), sep="\n")
    print("criteria:", *(f"  {c}" for c in _criterion_ids()), sep="\n")
