"""Use-case files: the shipped examples load, and every kind of mistake gets a message naming the field."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from course_lib.memo import UseCaseError, build_memo, example_use_case_dir, load_use_case, parse_use_case

EXAMPLES = sorted(example_use_case_dir().glob("*.yaml"))

MINIMAL: dict[str, Any] = {
    "name": "Minimal",
    "workload": {"daily_requests": 1000, "prompt_tokens": 400, "input_tokens": 100, "answer_tokens": 20},
    "candidates": [{"model": "gpt-4o-mini"}],
    "experiment": {"baseline_accuracy": 0.8},
}


def with_change(path: tuple, value: Any) -> dict[str, Any]:
    """MINIMAL with one field set (or removed, when value is ...)."""
    data = copy.deepcopy(MINIMAL)
    target = data
    for key in path[:-1]:
        target = target.setdefault(key, {}) if isinstance(key, str) else target[key]
    if value is ...:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def test_two_examples_ship_with_different_recommendations() -> None:
    """Do the shipped examples load and lead to two different recommendations?"""
    assert len(EXAMPLES) >= 2
    approaches = {build_memo(load_use_case(path)).recommendation.approach for path in EXAMPLES}
    assert len(approaches) == len(EXAMPLES)


def test_minimal_use_case_takes_defaults_without_changing_what_was_given() -> None:
    """Does a minimal file load, with the defaults filled in and every given value kept as typed?"""
    use_case = parse_use_case(copy.deepcopy(MINIMAL))
    assert use_case.workload.daily_requests == 1000 and use_case.workload.labelled_examples is None
    assert use_case.experiment.relative_gain == 0.05 and use_case.retrieval.passages == 3
    assert use_case.framework_traits()["daily_requests"] == 1000


MISTAKES = [
    (with_change(("workload", "daily_requests"), ...), "'workload.daily_requests' is missing"),
    (with_change(("name",), ...), "'name' is missing"),
    (with_change(("experiment",), ...), "'experiment' is missing"),
    (with_change(("workload", "daily_requests"), "lots"), "'workload.daily_requests' must be a whole number >= 1"),
    (with_change(("workload", "daily_requests"), 0), "'workload.daily_requests' must be a whole number >= 1; got 0"),
    (with_change(("workload", "input_tokens"), 12.5), "'workload.input_tokens' must be a whole number"),
    (with_change(("workload", "latency_budget_ms"), -5), "'workload.latency_budget_ms' must be a number > 0"),
    (with_change(("traits",), {"fixed_output_format": "yes"}), "'traits.fixed_output_format' must be true or false"),
    (with_change(("traits",), {"daily_requests": 5}), "allowed: prompting_tried"),
    (with_change(("traits",), {"fixed_format": True}), "'traits.fixed_format' is not a field here"),
    (with_change(("colour",), "blue"), "'colour' is not a field here; allowed: name, description"),
    (with_change(("candidates",), []), "'candidates' must be a list of models"),
    (with_change(("candidates",), [{"model": "gpt-17"}]), "allowed: claude-haiku-4.5"),
    (with_change(("candidates",), [{"name": "mine", "input": 1.0}]), "'candidates[0].output' is missing"),
    (with_change(("candidates",), [{"name": "mine", "input": 1, "output": 2, "as_of": 202611}]),
     "'candidates[0].as_of' must be the date"),
    (with_change(("experiment", "baseline_accuracy"), 80), "'experiment.baseline_accuracy' must be a number between 0 and 1"),
    (with_change(("experiment", "power"), True), "'experiment.power' must be a number between 0 and 1"),
    (with_change(("retrieval",), {"passages": -1}), "'retrieval.passages' must be a whole number >= 0"),
    (with_change(("open_weight",), {"name": "LoRA"}), "'open_weight.endpoint_per_hour' is missing"),
    (with_change(("open_weight",), {"name": "LoRA", "training_price_per_1m": 0.5, "endpoint_per_hour": 2,
                                    "endpoint_hours_per_day": 30}),
     "'open_weight.endpoint_hours_per_day' must be a number between 0 and 24"),
    (["not", "a", "mapping"], "must be a mapping"),
]


@pytest.mark.parametrize("data, message", MISTAKES, ids=[m for _, m in MISTAKES])
def test_each_kind_of_mistake_names_the_field_and_allowed_values(data: Any, message: str) -> None:
    """Does a malformed or incomplete use case get a message naming the field and what is allowed?"""
    with pytest.raises(UseCaseError) as caught:
        parse_use_case(data, where="mine.yaml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("mine.yaml:")


def test_all_problems_are_reported_at_once() -> None:
    """Are several mistakes listed together, so the learner fixes them in one pass?"""
    data = with_change(("workload", "daily_requests"), -1)
    data["experiment"]["baseline_accuracy"] = 2
    with pytest.raises(UseCaseError) as caught:
        parse_use_case(data)
    assert len(caught.value.problems) == 2


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    """Does a file that is not YAML get its line number, not a parser traceback?"""
    path = tmp_path / "broken.yaml"
    path.write_text("name: x\nworkload: {daily_requests: 5\n", encoding="utf-8")
    with pytest.raises(UseCaseError, match=r"(?s)broken.yaml: .*not valid YAML at line"):
        load_use_case(path)


def test_missing_file_is_explained(tmp_path: Path) -> None:
    """Does a path that does not exist say so and point at the examples?"""
    with pytest.raises(UseCaseError, match="no such file.*course_lib/data/usecases"):
        load_use_case(tmp_path / "nope.yaml")


def test_own_prices_are_used(tmp_path: Path) -> None:
    """Does a candidate with the learner's own prices get priced with them, fine-tune included?"""
    data = with_change(("candidates",), [{"name": "our model", "input": 1.0, "output": 2.0, "training": 4.0,
                                          "as_of": "2026-11"}])
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    memo = build_memo(load_use_case(path))
    table = memo.costs.table.set_index("option")
    # 400 prompt + 100 input tokens at 1.00 USD and 20 answer tokens at 2.00 USD per 1M tokens
    assert table.loc["our model, prompted", "per_request"] == pytest.approx((500 * 1.0 + 20 * 2.0) / 1e6)
    assert "our model, fine-tuned" in table.index
