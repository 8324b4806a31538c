"""One answer key: every scenario's key (bank and assignment 01) is the framework's own answer."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from course_lib.framework import ASSIGNMENT_01_CASES, TRAITS, recommend
from course_lib.grading.scoring.hidden import score_scenario
from course_lib.quiz.bank import load_bank
from course_lib.quiz.check import check
from course_lib.quiz.model import ScenarioAnswer

ROOT = Path(__file__).resolve().parents[1]
ASSIGNMENT_01 = ROOT / "solutions" / "01_justify_the_approach.ipynb"
BANK = load_bank()


@pytest.mark.parametrize("scenario", BANK.scenarios, ids=lambda s: s.id)
def test_bank_key_is_the_framework_answer(scenario):
    """Is each scenario's full-credit approach and deciding-criteria set exactly what recommend() prints for its traits,
    unless the item says (key_note) why it differs?"""
    rec = recommend(**scenario.traits)
    agrees = scenario.best.approach == rec.approach and set(scenario.criteria) == set(rec.criteria)
    if scenario.key_note:
        assert not agrees, f"{scenario.id}: has a key_note but its key agrees with recommend(); drop the note"
    else:
        assert agrees, (f"{scenario.id}: key {scenario.best.approach} {sorted(scenario.criteria)} but recommend() "
                        f"gives {rec.approach} {sorted(rec.criteria)}; fix the traits or the key, or add key_note")


def _assignment_cells() -> dict[str, dict]:
    """Per case of assignment 01: the solution dict and the hidden test's keyword arguments."""
    cells = [''.join(c["source"]) for c in json.loads(ASSIGNMENT_01.read_text(encoding="utf-8"))["cells"]]
    cases: dict[str, dict] = {}
    for src in cells:
        solution = re.search(r"^(\w+) = (\{.*?\n\})", src, re.M | re.S)
        if solution and "### BEGIN SOLUTION" in src:
            cases.setdefault(solution.group(1), {})["solution"] = ast.literal_eval(solution.group(2))
        call = re.search(r"score_scenario\((\w+), (.*)\)", src, re.S)
        if call:
            tree = ast.parse(f"f({call.group(2)})").body[0].value  # type: ignore[attr-defined]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in tree.keywords}
            cases.setdefault(call.group(1), {})["hidden"] = kwargs
    return cases


ASSIGNMENT_CASES = _assignment_cells()


def test_every_assignment_case_has_traits():
    """Does every graded case of assignment 01 have its traits as data (and nothing else does)?"""
    assert set(ASSIGNMENT_CASES) == set(ASSIGNMENT_01_CASES)
    for traits in ASSIGNMENT_01_CASES.values():
        assert set(traits) <= set(TRAITS)


@pytest.mark.parametrize("case", sorted(ASSIGNMENT_01_CASES))
def test_assignment_key_is_the_framework_answer(case):
    """Do assignment 01's solution and hidden test both use recommend()'s approach and criteria for the case's traits?"""
    rec = recommend(**ASSIGNMENT_01_CASES[case])
    cells = ASSIGNMENT_CASES[case]
    assert cells["solution"]["approach"] == cells["hidden"]["best"] == rec.approach
    assert set(cells["solution"]["criteria"]) == set(cells["hidden"]["criteria"]) == set(rec.criteria)


@pytest.mark.parametrize("case", sorted(ASSIGNMENT_01_CASES))
def test_framework_answer_earns_full_marks_in_assignment(case):
    """Does the framework's own answer, with its caveats ticked too, score full points in the hidden test?"""
    rec = recommend(**ASSIGNMENT_01_CASES[case])
    kwargs = ASSIGNMENT_CASES[case]["hidden"]
    answer = {"approach": rec.approach, "criteria": list(rec.criteria)}
    assert score_scenario(answer, **kwargs) == kwargs["points"]
    with_caveats = {"approach": rec.approach, "criteria": list(rec.criteria) + list(rec.caveats)}
    assert score_scenario(with_caveats, **kwargs) == kwargs["points"]


@pytest.mark.parametrize("scenario", BANK.scenarios, ids=lambda s: s.id)
def test_framework_caveats_cost_nothing(scenario):
    """Does ticking the framework's caveats as well as its criteria still earn full credit in the bank?"""
    rec = recommend(**scenario.traits)
    if scenario.key_note:
        pytest.skip(f"{scenario.id} deliberately differs: {scenario.key_note}")
    assert check(scenario, ScenarioAnswer(rec.approach, rec.criteria + rec.caveats)).score == 1.0


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _runs(words: list[str], size: int = 8) -> set[tuple[str, ...]]:
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def _case_texts() -> dict[str, str]:
    """Each graded case's description, as the student reads it (the Markdown cell above its answer)."""
    cells = json.loads(ASSIGNMENT_01.read_text(encoding="utf-8"))["cells"]
    texts = {}
    for before, cell in zip(cells, cells[1:]):
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        if grade_id.endswith("_answer") and before["cell_type"] == "markdown":
            texts[grade_id.removesuffix("_answer")] = "".join(before["source"])
    return texts


def _taught_text() -> str:
    """Everything a learner reads before the assignment: the lessons and the question bank."""
    lessons = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "notebooks").glob("*.ipynb"))]
    bank = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "course_lib" / "data" / "questions").glob("*.yaml"))]
    return "\n".join(lessons + bank)


def test_no_lesson_or_bank_item_answers_a_graded_case():
    """Is every graded case of assignment 01 new to the learner: not a source case or bank scenario (same traits,
    hence the same key), not named in a lesson or the bank, and not described there in the same words?"""
    from course_lib.framework import SOURCE_CASES

    taught = _taught_text()
    taught_runs = _runs(_words(taught))
    texts = _case_texts()
    assert set(texts) == set(ASSIGNMENT_01_CASES)
    answered_traits = [t for t in SOURCE_CASES.values()] + [s.traits for s in BANK.scenarios]
    for case, traits in ASSIGNMENT_01_CASES.items():
        assert traits not in answered_traits, f"{case}: a lesson or bank item has the same traits, so it gives the key"
        assert case not in taught, f"{case}: named in a lesson or the bank"
        shared = _runs(_words(texts[case])) & taught_runs
        assert not shared, f"{case}: described in a lesson or the bank in the same words: {' '.join(next(iter(shared)))}"
