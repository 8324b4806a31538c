"""The student's ``check("<grade_id>")``: visible checks on one answer, without hidden tests or expected values.

It only validates shape and runs the examples printed in the notebook itself; it
never raises, so an unfinished notebook still runs top to bottom.
"""

from __future__ import annotations

import math
import sys
from typing import Any, Callable

from course_lib.grading.execution.plain import PlainDataError, to_plain

APPROACH_IDS = ("prompting", "rag", "fine_tuning", "hybrid")
SCENARIOS = ("legal_english", "news_today", "support_categories", "one_off_migration", "clinic_hybrid",
             "contract_review_portable")


def _criterion_ids() -> tuple[str, ...]:
    import yaml
    from importlib import resources

    data = yaml.safe_load((resources.files("course_lib") / "data" / "framework.yaml").read_text(encoding="utf-8"))
    return tuple(c["id"] for c in data["criteria"])


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


def check(grade_id: str) -> None:
    """Print visible checks for one graded answer (never raises; hidden tests run only when graded).

    Args:
        grade_id: The graded item, as named in the notebook (``legal_english``, ``cost_per_request``, ...).
    """
    try:
        ns = sys._getframe(1).f_globals
        if grade_id not in _CHECKS:
            print(f"check: no checks for {grade_id!r}; known: {', '.join(_CHECKS)}")
            return
        results = _CHECKS[grade_id](ns)
        for ok, message in results:
            print(("ok    " if ok else "todo  ") + message)
        passed = sum(ok for ok, _ in results)
        print(f"{grade_id}: {passed} of {len(results)} visible checks pass. "
              "Hidden tests run when your notebook is graded.")
    except Exception as exc:  # a self-check must never stop the notebook
        print(f"check({grade_id!r}) could not run: {type(exc).__name__}: {exc}")


def show_criteria() -> None:
    """Print the approach ids and criterion ids an answer may use, one id per line.

    One per line, because a notebook's text output wraps a long line anywhere, even inside an id.
    """
    print("approaches:", *(f"  {a}" for a in APPROACH_IDS), sep="\n")
    print("criteria:", *(f"  {c}" for c in _criterion_ids()), sep="\n")
