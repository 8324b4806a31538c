"""Tests of the question bank: schema, coverage, source items, and agreement with the framework and cost model."""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from pathlib import Path

import pytest
import yaml

from course_lib import costs
from course_lib.framework import TRAITS, load_framework, recommend
from course_lib.quiz.bank import (
    SOURCE_QUIZ_IDS,
    SOURCE_SCENARIO_IDS,
    BankError,
    default_bank_dir,
    load_bank,
    schema_path,
    validate_file,
)
from course_lib.quiz.check import ScenarioAnswer, check
from course_lib.quiz.model import OBJECTIVES, ChoiceQuestion, NumericQuestion, ScenarioQuestion

BANK = load_bank()
LESSONS = ("00_start_here", "01_decision_framework", "02_cost_benefit", "03_empirical_test", "03b_knowledge_lab",
           "04_hybrid_and_pitfalls")

# ---- factory helpers for malformed banks -----------------------------------

GOOD_SINGLE = {
    "id": "t-single", "type": "single", "prompt": "Which one?", "objective": "LO1", "difficulty": "easy",
    "explanation": "Because.", "hint": "Think.", "notebooks": ["05_quiz"],
    "options": [{"id": "a", "text": "A", "correct": True, "feedback": "Yes, A."},
                {"id": "b", "text": "B", "feedback": "No, B is the misconception."}],
}


def write_bank(folder: Path, *entries: dict, name: str = "bank.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml.safe_dump({"questions": list(entries)}), encoding="utf-8")
    return folder


def variant(**changes) -> dict:
    entry = json.loads(json.dumps(GOOD_SINGLE))
    entry.update(changes)
    return entry


# ---- schema and validation -------------------------------------------------

def test_every_bank_file_passes_the_schema():
    """Does every shipped bank file validate against the JSON Schema, entry by entry?"""
    files = sorted(default_bank_dir().glob("*.yaml"))
    assert files, "no bank files found"
    for path in files:
        entries, problems = validate_file(path)
        assert problems == [], problems
        assert entries


def test_reference_validator_accepts_the_shipped_bank_too():
    """Does jsonschema, the reference implementation, accept every shipped file the fast validator accepts?"""
    for path in sorted(default_bank_dir().glob("*.yaml")):
        fast, _ = validate_file(path)
        reference, problems = validate_file(path, reference=True)
        assert problems == [] and reference == fast, path.name


@pytest.mark.parametrize("data", [
    {"questions": [GOOD_SINGLE]},
    {"title": "A bank", "questions": [GOOD_SINGLE]},
    {"questions": []},
    {"questions": [GOOD_SINGLE], "extra": 1},
    [GOOD_SINGLE],
    {"questions": [variant(difficulty="impossible")]},
    {"questions": [variant(objective="LO9")]},
    {"questions": [variant(id="Has Spaces")]},
    {"questions": [variant(options=[{"id": "a", "text": "A", "correct": True}])]},
    {"questions": [variant(type="numeric")]},
    {"questions": [variant(answer=3)]},
    {"questions": [variant(notebooks=["99_nowhere"])]},
    {"questions": [variant(prompt="")]},
    {"questions": [{k: v for k, v in GOOD_SINGLE.items() if k != "hint"}]},
], ids=lambda data: json.dumps(data)[:60])
def test_fast_and_reference_validators_agree(tmp_path, data):
    """Do fastjsonschema (used on load) and jsonschema (used for messages) accept and reject the same files?"""
    from course_lib.quiz.bank import _passes_fast_check, _reference_check

    _, problems = _reference_check("bank.yaml", data)
    assert _passes_fast_check(data) == (problems == []), problems


def test_generated_validator_is_current():
    """Is course_lib/quiz/bank_validator.py exactly what fastjsonschema generates from today's schema?"""
    from course_lib.quiz.bank import VALIDATOR_MODULE, validator_code

    assert VALIDATOR_MODULE.read_text(encoding="utf-8") == validator_code(), (
        "the schema changed: regenerate the validator with `make bank-validator`")


def test_loading_the_bank_does_not_import_jsonschema():
    """Does a lesson's self-check load the bank without importing jsonschema (seconds of CPU)?"""
    import subprocess
    import sys

    code = ("import sys; from course_lib.quiz.bank import load_bank; load_bank(); "
            "print('jsonschema' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_schema_is_valid_json_schema():
    """Is the schema file itself a valid Draft 2020-12 schema?"""
    from jsonschema import Draft202012Validator
    Draft202012Validator.check_schema(json.loads(schema_path().read_text()))


@pytest.mark.parametrize(
    "entry, expected",
    [
        (variant(difficulty="impossible"), "at difficulty"),
        (variant(objective="LO9"), "at objective"),
        ({k: v for k, v in GOOD_SINGLE.items() if k != "hint"}, "'hint' is a required property"),
        (variant(options=[{"id": "a", "text": "A", "correct": True}]), "feedback"),
        (variant(type="numeric"), "'answer' is a required property"),
        (variant(answer=3), "answer"),  # a choice question may not carry a numeric answer
    ],
)
def test_malformed_entry_names_file_id_and_reason(tmp_path, entry, expected):
    """Does a malformed entry fail with the file name, the entry id and the reason?"""
    write_bank(tmp_path, entry, name="broken.yaml")
    with pytest.raises(BankError) as info:
        load_bank(tmp_path)
    message = str(info.value)
    assert "broken.yaml" in message and "'t-single'" in message and expected in message


def test_cross_reference_problems_are_reported(tmp_path):
    """Are a duplicate id, two correct single-choice options, an unknown criterion and an unknown trait all reported?"""
    two_correct = variant(id="t-two", options=[{"id": "a", "text": "A", "correct": True, "feedback": "fine"},
                                               {"id": "b", "text": "B", "correct": True, "feedback": "also"}])
    scenario = {
        "id": "t-scen", "type": "scenario", "prompt": "Use case?", "objective": "LO1", "difficulty": "easy",
        "explanation": "Because.", "hint": "Think.", "notebooks": ["06_scenarios"], "model_answer": "RAG.",
        "traits": {"needs_new_knowledge": True, "vibes": True},
        "accepted": [{"approach": "rag", "credit": 0.5, "why": "half"}],
        "criteria": ["new_knowledge", "made_up_criterion"],
    }
    write_bank(tmp_path, GOOD_SINGLE, GOOD_SINGLE, two_correct, scenario)
    with pytest.raises(BankError) as info:
        load_bank(tmp_path)
    text = str(info.value)
    assert "'t-single': id already used" in text
    assert "'t-two': a single-choice question needs exactly one correct option" in text
    assert "unknown criterion 'made_up_criterion'" in text
    assert "unknown trait 'vibes'" in text
    assert "no accepted approach has full credit" in text


def test_unparseable_file_is_named(tmp_path):
    """Does a YAML syntax error name the file and say to fix the syntax?"""
    (tmp_path / "bad.yaml").write_text("questions:\n  - id: x\n    prompt: a: b: c\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"bad.yaml: cannot be parsed"):
        load_bank(tmp_path)


def test_json_bank_files_are_read_too(tmp_path):
    """Can a bank file be written in JSON instead of YAML?"""
    (tmp_path / "bank.json").write_text(json.dumps({"questions": [GOOD_SINGLE]}), encoding="utf-8")
    bank = load_bank(tmp_path)
    assert [q.id for q in bank] == ["t-single"]


def test_a_checked_file_is_read_from_the_cache_until_it_changes(tmp_path, monkeypatch):
    """Is a file that passed once served from the cache of checked files without parsing it (what keeps a lesson's
    self-check fast), and is an edited file parsed and checked again, a broken edit refused?"""
    from course_lib.quiz import bank as bank_module

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_bank(tmp_path / "bank", GOOD_SINGLE)
    assert [q.id for q in load_bank(folder)] == ["t-single"]
    assert len(list((tmp_path / "cache" / bank_module.CHECKED_CACHE).glob("*.json"))) == 1

    def no_parsing(path, text):
        raise AssertionError(f"{path.name} was parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(bank_module, "_parse", no_parsing)
        assert [q.id for q in load_bank(folder)] == ["t-single"]
    write_bank(folder, variant(difficulty="impossible"))
    with pytest.raises(BankError, match="at difficulty"):
        load_bank(folder)


def test_the_cache_keeps_only_what_json_gives_back_unchanged(tmp_path, monkeypatch):
    """Is a checked file whose YAML JSON cannot repeat exactly (a number as a mapping key) left out of the cache,
    so a cached load can never differ from parsing the file?"""
    from course_lib.quiz import bank as bank_module

    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "cache"))
    odd = {"questions": [GOOD_SINGLE]}
    text = yaml.safe_dump(odd)
    bank_module._remember_checked(Path("odd.yaml"), text, [{**GOOD_SINGLE, 1: "a number as a key"}])
    assert bank_module._checked_before(Path("odd.yaml"), text) is None
    bank_module._remember_checked(Path("odd.yaml"), text, [GOOD_SINGLE])
    assert bank_module._checked_before(Path("odd.yaml"), text) == [GOOD_SINGLE]


def test_the_bank_loads_where_the_cache_cannot_be_written(tmp_path, monkeypatch):
    """With the cache folder unusable (here a file stands where the folder would be), does the bank still load?"""
    (tmp_path / "not-a-folder").write_text("", encoding="utf-8")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path / "not-a-folder"))
    assert [q.id for q in load_bank(write_bank(tmp_path / "bank", GOOD_SINGLE))] == ["t-single"]


# ---- content coverage -----------------------------------------------------

def test_every_objective_has_at_least_three_items():
    """Does every learning objective have at least 3 bank items?"""
    counts = Counter(q.objective for q in BANK)
    assert set(counts) == set(OBJECTIVES)
    assert min(counts.values()) >= 3, counts


def test_source_items_are_present_with_the_right_type():
    """Are the source's three quiz questions and three scenarios in the bank, under their fixed ids?"""
    for qid in SOURCE_QUIZ_IDS:
        assert isinstance(BANK.get(qid), ChoiceQuestion)
        assert BANK.get(qid).source
    for sid in SOURCE_SCENARIO_IDS:
        assert isinstance(BANK.get(sid), ScenarioQuestion)
        assert BANK.get(sid).source


def test_bank_has_enough_own_items():
    """Beyond the source items, are there at least 30 questions and 15 scenarios?"""
    own = [q for q in BANK if not q.source]
    assert sum(not isinstance(q, ScenarioQuestion) for q in own) >= 30
    assert sum(isinstance(q, ScenarioQuestion) for q in own) >= 15


def test_every_question_type_is_used():
    """Does the bank use single, multiple, numeric and scenario questions?"""
    assert {q.type for q in BANK} == {"single", "multiple", "numeric", "scenario"}


@pytest.mark.parametrize("notebook", LESSONS[1:])
def test_every_lesson_has_a_self_check(notebook):
    """Does every lesson that teaches an objective (01-04) have at least 3 items tagged for its self-check?"""
    assert len(BANK.for_notebook(notebook)) >= 3


def test_choice_feedback_is_specific_to_each_option():
    """Does every option carry its own feedback (no copy-pasted feedback within a question)?"""
    for q in BANK:
        if isinstance(q, ChoiceQuestion):
            feedback = [o.feedback for o in q.options]
            assert len(set(feedback)) == len(feedback), q.id


def test_support_bot_gives_partial_credit_for_few_shot_first():
    """Is 'few-shot prompting first' partial credit, explained, for the 5-category support bot?"""
    q = BANK.get("src-ex3-support-categories")
    full = check(q, ScenarioAnswer("fine_tuning", ("fixed_output_format", "stable_task")))
    partial = check(q, ScenarioAnswer("prompting", ("prompting_not_tried",)))
    assert full.correct
    assert 0 < partial.score < full.score
    assert "few-shot" in partial.feedback.lower()


# ---- agreement with the framework -----------------------------------------

@pytest.mark.parametrize("scenario", BANK.scenarios, ids=lambda s: s.id)
def test_framework_recommendation_earns_full_credit(scenario):
    """For every scenario, is recommend(**traits) an accepted approach with full credit, and does its reasoning score 1?"""
    rec = recommend(**scenario.traits)
    entry = scenario.accepted_for(rec.approach)
    assert entry is not None and entry.credit == 1.0, (scenario.id, rec.approach)
    assert check(scenario, ScenarioAnswer(rec.approach, rec.criteria)).score == 1.0
    deciding = set(scenario.deciding_criteria(rec.approach))
    assert deciding <= set(rec.criteria) | set(rec.caveats), (scenario.id, deciding, rec.criteria)


def test_scenario_traits_and_criteria_exist_in_framework():
    """Do all scenario traits and criteria use names the framework knows?"""
    criteria = set(load_framework().criteria)
    for s in BANK.scenarios:
        assert set(s.traits) <= set(TRAITS), s.id
        assert set(s.criteria) | set(s.related_criteria) <= criteria, s.id


# ---- agreement with the cost model ----------------------------------------

def _numeric(qid: str) -> NumericQuestion:
    q = BANK.get(qid)
    assert isinstance(q, NumericQuestion)
    return q


def test_seed_cost_answers_match_the_cost_module():
    """Do the chapter-calculation questions agree with course_lib.costs.seed_compare_approaches?"""
    seed = costs.seed_compare_approaches(daily_requests=10_000, tokens_per_request=200)
    assert check(_numeric("cost-seed-daily-long"), seed.daily_cost_long).correct
    assert check(_numeric("cost-seed-daily-ft"), seed.daily_cost_ft).correct
    assert check(_numeric("cost-seed-monthly-savings"), seed.monthly_savings).correct


def test_full_cost_model_answers_match_the_cost_module():
    """Do the worked-example, training and break-even answers agree with course_lib.costs at table prices?"""
    work = costs.Workload(daily_requests=1_000_000, input_tokens=100, output_tokens=20)
    big = costs.Option("gpt-4o", "gpt-4o", system_prompt_tokens=500)
    mini = costs.Option("mini", "gpt-4o-mini", system_prompt_tokens=500)
    ft = costs.Option("ft mini", "gpt-4o-mini", fine_tuned=True, system_prompt_tokens=50,
                      training=costs.Training(examples=500, tokens_per_example=150, epochs=3))
    per_million = lambda o: costs.cost_per_request(o, work) * 1_000_000  # noqa: E731
    assert check(_numeric("cost-worked-gpt4o"), per_million(big)).correct
    assert check(_numeric("cost-worked-ft-mini"), per_million(ft)).correct
    assert check(_numeric("cost-training-run"), costs.training_cost(ft)).correct
    ft_fixed = costs.Option("ft mini", "gpt-4o-mini", fine_tuned=True, system_prompt_tokens=50,
                            fixed_monthly={"evaluation and retraining": 660})
    daily = costs.break_even_volume(ft_fixed, mini, work)
    assert daily is not None
    assert check(_numeric("cost-break-even"), daily * costs.DAYS_PER_MONTH / 1_000_000).correct


def test_draw_spreads_over_objectives_and_is_repeatable():
    """Does a seeded draw repeat exactly, leave out excluded ids and cover every objective?"""
    a = BANK.draw(12, seed=7, exclude=SOURCE_QUIZ_IDS)
    b = BANK.draw(12, seed=7, exclude=SOURCE_QUIZ_IDS)
    assert [q.id for q in a] == [q.id for q in b]
    assert not set(SOURCE_QUIZ_IDS) & {q.id for q in a}
    assert {q.objective for q in a} == set(OBJECTIVES)
    assert all(not isinstance(q, ScenarioQuestion) for q in a)
    assert all(isinstance(q, ScenarioQuestion) for q in BANK.draw(4, seed=1, scenarios=True))


def test_price_questions_match_the_price_table():
    """Do the questions about list prices agree with course_lib/data/prices.csv?"""
    import math

    from course_lib.prices import price_of

    assert check(_numeric("cost-ft-output-price"), price_of("gpt-4o", fine_tuned=True).output).correct
    assert check(_numeric("cost-today-price"), 7 * price_of("gpt-4o").input).correct
    not_tunable = BANK.get("pit-not-offered")
    assert math.isnan(price_of("claude-sonnet-4.5").training) and math.isnan(price_of("gpt-5").training)
    assert {o.id for o in not_tunable.options if o.correct} == {"a", "b", "d"}
    assert price_of("claude-sonnet-4.5").fine_tuning == price_of("gpt-5").fine_tuning == "not_offered"
    assert price_of("gpt-4o-mini").fine_tuning == "closing"
    assert price_of("llama-3.1-8b-together").fine_tuning == "open"


def test_numeric_misconceptions_are_reachable_and_wrong():
    """Is every listed slip outside the accepted tolerance (so it can be named) and scored as wrong?"""
    for q in BANK:
        if isinstance(q, NumericQuestion):
            assert check(q, q.answer).correct, q.id
            for m in q.misconceptions:
                result = check(q, m.value)
                assert not result.correct and m.feedback in result.feedback, (q.id, m.value)
