"""A learner's use case, as a YAML file or a dict: loaded and checked with messages that name the field.

The format (every field is described in ``course_lib/data/usecases/README.md``)::

    name: Support ticket triage
    traits: {prompting_tried: true, fixed_output_format: true, stable_task: true}
    workload: {daily_requests: 50000, prompt_tokens: 900, input_tokens: 150, answer_tokens: 5,
               labelled_examples: 3000, latency_budget_ms: 800}
    candidates: [{model: gpt-4o}, {model: gpt-4o-mini}]
    experiment: {baseline_accuracy: 0.86}

Checked with plain code, not a JSON Schema, so that a notebook loading a use case
does not pay for importing ``jsonschema``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from course_lib.framework import TRAITS

TOP_LEVEL = ("name", "description", "traits", "workload", "retrieval", "fine_tuning", "candidates", "open_weight",
             "experiment")
#: Yes/no traits of the framework; the numeric ones (volume, latency, data) are part of the workload.
BOOLEAN_TRAITS = tuple(name for name, trait in TRAITS.items() if trait.type is bool)


class UseCaseError(ValueError):
    """A use case is malformed or incomplete; the message lists every problem with the field it is in."""

    def __init__(self, where: str, problems: list[str]) -> None:
        self.where = where
        self.problems = tuple(problems)
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{where}: {len(problems)} problem(s) in the use case:\n{lines}")


@dataclass(frozen=True)
class WorkloadSpec:
    """Volume, tokens per request and data, as the learner describes them."""

    daily_requests: int
    prompt_tokens: int
    input_tokens: int
    answer_tokens: int
    labelled_examples: int | None = None
    latency_budget_ms: float | None = None


@dataclass(frozen=True)
class RetrievalSpec:
    """What retrieval adds to every request: k passages of t tokens plus an instruction."""

    passages: int = 3
    tokens_per_passage: int = 60
    instruction_tokens: int = 15

    @property
    def context_tokens(self) -> int:
        """Input tokens retrieval adds to each request."""
        return self.instruction_tokens + self.passages * self.tokens_per_passage


@dataclass(frozen=True)
class FineTuningSpec:
    """How a fine-tune would be trained and prompted."""

    prompt_tokens: int = 50
    tokens_per_example: int | None = None  # None: prompt_tokens + input_tokens + answer_tokens
    epochs: int = 3
    retrain_every_days: float | None = None


@dataclass(frozen=True)
class CandidateSpec:
    """A model from the course's price table, or one with the learner's own prices (USD per 1M tokens)."""

    model: str
    own_prices: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class OpenWeightSpec:
    """A LoRA fine-tune of an open-weight model on a dedicated endpoint, priced from the learner's quote (USD)."""

    name: str
    training_price_per_1m: float
    endpoint_per_hour: float
    endpoint_hours_per_day: float = 24.0


@dataclass(frozen=True)
class ExperimentSpec:
    """What the head-to-head test must be able to detect."""

    baseline_accuracy: float
    relative_gain: float = 0.05
    power: float = 0.8
    significance: float = 0.05
    discordant_fraction: float | None = None


@dataclass(frozen=True)
class UseCase:
    """Everything the decision memo needs about one use case."""

    name: str
    traits: Mapping[str, bool]
    workload: WorkloadSpec
    candidates: tuple[CandidateSpec, ...]
    experiment: ExperimentSpec
    retrieval: RetrievalSpec = field(default_factory=RetrievalSpec)
    fine_tuning: FineTuningSpec = field(default_factory=FineTuningSpec)
    open_weight: OpenWeightSpec | None = None
    description: str = ""

    def framework_traits(self) -> dict[str, Any]:
        """The traits :func:`course_lib.framework.recommend` takes: the yes/no ones plus volume, latency and data."""
        return {**self.traits, "daily_requests": self.workload.daily_requests,
                "labelled_examples": self.workload.labelled_examples,
                "latency_budget_ms": self.workload.latency_budget_ms}


# ------------------------------------------------------------------ checking


class _Checker:
    """Collects every problem, each named by its field path, so the learner fixes them in one go."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def mapping(self, value: Any, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict:
        if value is None:
            value = {}
        if not isinstance(value, Mapping):
            self.problems.append(f"'{path}' must be a mapping of {', '.join(allowed)}; got {_show(value)}.")
            return {}
        for key in value:
            if key not in allowed:
                self.problems.append(f"'{_join(path, key)}' is not a field here; allowed: {', '.join(allowed)}.")
        for key in required:
            if value.get(key) is None:
                self.problems.append(f"'{_join(path, key)}' is missing; it is required.")
        return dict(value)

    def number(self, value: Any, path: str, *, integer: bool, minimum: float = 0, maximum: float | None = None,
               exclusive: bool = False, optional: bool = False) -> Any:
        if value is None:
            return None
        kind = "a whole number" if integer else "a number"
        bound = f"> {minimum:g}" if exclusive else f">= {minimum:g}"
        if maximum is not None:
            bound = f"between {minimum:g} and {maximum:g}" + (" (exclusive)" if exclusive else "")
        allowed = f"{kind} {bound}" + (", or null if unknown" if optional else "")
        ok_type = isinstance(value, int) if integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not ok_type or not math.isfinite(value):
            self.problems.append(f"'{path}' must be {allowed}; got {_show(value)}.")
            return None
        too_low = value <= minimum if exclusive else value < minimum
        too_high = maximum is not None and (value >= maximum if exclusive else value > maximum)
        if too_low or too_high:
            self.problems.append(f"'{path}' must be {allowed}; got {value!r}.")
            return None
        return value

    def text(self, value: Any, path: str, *, required: bool = False) -> str:
        if value is None:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problems.append(f"'{path}' must be a line of text; got {_show(value)}.")
            return ""
        return value.strip()


def _join(path: str, key: Any) -> str:
    return f"{path}.{key}" if path else str(key)


def _show(value: Any) -> str:
    return f"{value!r} ({type(value).__name__})"


_WORKLOAD_REQUIRED = ("daily_requests", "prompt_tokens", "input_tokens", "answer_tokens")
_WORKLOAD_FIELDS = (*_WORKLOAD_REQUIRED, "labelled_examples", "latency_budget_ms")
_OWN_PRICE_FIELDS = ("name", "input", "output", "cached_input", "training", "fine_tuned_input",
                     "fine_tuned_output", "as_of", "source")
_OPEN_WEIGHT_FIELDS = ("name", "training_price_per_1m", "endpoint_per_hour", "endpoint_hours_per_day")
_EXPERIMENT_FIELDS = ("baseline_accuracy", "relative_gain", "power", "significance", "discordant_fraction")


def parse_use_case(data: Any, where: str = "use case") -> UseCase:
    """Check a use case given as plain data (a dict, as YAML gives it) and build it.

    Args:
        data: the use case (see the module docstring for its fields).
        where: how to name its origin in messages (a file name).

    Returns:
        The checked use case; defaults filled in, nothing the learner gave changed.

    Raises:
        UseCaseError: listing every problem, each with its field and the allowed values.
    """
    check = _Checker()
    top = check.mapping(data, "", TOP_LEVEL, required=("name", "workload", "candidates", "experiment"))
    if not isinstance(data, Mapping):
        raise UseCaseError(where, [f"the use case must be a mapping with the fields {', '.join(TOP_LEVEL)}; "
                                   f"got {_show(data)}."])
    name = check.text(top.get("name"), "name", required="name" in top)

    traits_in = check.mapping(top.get("traits"), "traits", BOOLEAN_TRAITS)
    traits: dict[str, bool] = {}
    for key, value in traits_in.items():
        if key in BOOLEAN_TRAITS:
            if isinstance(value, bool):
                traits[key] = value
            else:
                check.problems.append(f"'traits.{key}' must be true or false; got {_show(value)}.")

    w = check.mapping(top.get("workload"), "workload", _WORKLOAD_FIELDS, required=_WORKLOAD_REQUIRED
                      if "workload" in top else ())
    workload_values = {
        "daily_requests": check.number(w.get("daily_requests"), "workload.daily_requests", integer=True, minimum=1),
        "prompt_tokens": check.number(w.get("prompt_tokens"), "workload.prompt_tokens", integer=True),
        "input_tokens": check.number(w.get("input_tokens"), "workload.input_tokens", integer=True),
        "answer_tokens": check.number(w.get("answer_tokens"), "workload.answer_tokens", integer=True),
        "labelled_examples": check.number(w.get("labelled_examples"), "workload.labelled_examples", integer=True,
                                          optional=True),
        "latency_budget_ms": check.number(w.get("latency_budget_ms"), "workload.latency_budget_ms", integer=False,
                                          minimum=0, exclusive=True, optional=True),
    }

    r = check.mapping(top.get("retrieval"), "retrieval", ("passages", "tokens_per_passage", "instruction_tokens"))
    retrieval_values = {k: check.number(r.get(k), f"retrieval.{k}", integer=True) for k in r if k in
                        ("passages", "tokens_per_passage", "instruction_tokens")}

    f = check.mapping(top.get("fine_tuning"), "fine_tuning",
                      ("prompt_tokens", "tokens_per_example", "epochs", "retrain_every_days"))
    fine_tuning_values = {
        "prompt_tokens": check.number(f.get("prompt_tokens"), "fine_tuning.prompt_tokens", integer=True),
        "tokens_per_example": check.number(f.get("tokens_per_example"), "fine_tuning.tokens_per_example",
                                           integer=True, minimum=1, optional=True),
        "epochs": check.number(f.get("epochs"), "fine_tuning.epochs", integer=True, minimum=1),
        "retrain_every_days": check.number(f.get("retrain_every_days"), "fine_tuning.retrain_every_days",
                                           integer=False, minimum=0, exclusive=True, optional=True),
    }

    candidates = _candidates(check, top.get("candidates"), "candidates" in top)

    o = check.mapping(top.get("open_weight"), "open_weight", _OPEN_WEIGHT_FIELDS,
                      required=_OPEN_WEIGHT_FIELDS[:3] if "open_weight" in top else ())
    open_weight_values = {
        "name": check.text(o.get("name"), "open_weight.name", required="name" in o),
        "training_price_per_1m": check.number(o.get("training_price_per_1m"), "open_weight.training_price_per_1m",
                                              integer=False),
        "endpoint_per_hour": check.number(o.get("endpoint_per_hour"), "open_weight.endpoint_per_hour", integer=False),
        "endpoint_hours_per_day": check.number(o.get("endpoint_hours_per_day"), "open_weight.endpoint_hours_per_day",
                                               integer=False, maximum=24),
    }

    e = check.mapping(top.get("experiment"), "experiment", _EXPERIMENT_FIELDS,
                      required=("baseline_accuracy",) if "experiment" in top else ())
    experiment_values = {
        "baseline_accuracy": check.number(e.get("baseline_accuracy"), "experiment.baseline_accuracy", integer=False,
                                          maximum=1, exclusive=True),
        "relative_gain": check.number(e.get("relative_gain"), "experiment.relative_gain", integer=False,
                                      exclusive=True),
        "power": check.number(e.get("power"), "experiment.power", integer=False, maximum=1, exclusive=True),
        "significance": check.number(e.get("significance"), "experiment.significance", integer=False, maximum=1,
                                     exclusive=True),
        "discordant_fraction": check.number(e.get("discordant_fraction"), "experiment.discordant_fraction",
                                            integer=False, maximum=1, exclusive=True, optional=True),
    }
    if check.problems:
        raise UseCaseError(where, check.problems)

    def given(values: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in values.items() if v is not None}

    return UseCase(
        name=name,
        description=check.text(top.get("description"), "description"),
        traits=traits,
        workload=WorkloadSpec(**workload_values),
        retrieval=RetrievalSpec(**given(retrieval_values)),
        fine_tuning=FineTuningSpec(**given(fine_tuning_values)),
        candidates=candidates,
        open_weight=OpenWeightSpec(**given(open_weight_values)) if o else None,
        experiment=ExperimentSpec(**given(experiment_values)),
    )


def _candidates(check: _Checker, value: Any, present: bool) -> tuple[CandidateSpec, ...]:
    if not present:
        return ()
    hint = ("a list of models, each '{model: NAME}' with NAME from the course's price table, or "
            "'{name: ..., input: ..., output: ..., as_of: YYYY-MM}' with your own USD prices per 1M tokens")
    if not isinstance(value, list) or not value:
        check.problems.append(f"'candidates' must be {hint}; got {_show(value)}.")
        return ()
    from course_lib.prices import load_prices

    table_models = sorted(set(load_prices()["model"]))
    out: list[CandidateSpec] = []
    for i, entry in enumerate(value):
        path = f"candidates[{i}]"
        if not isinstance(entry, Mapping):
            check.problems.append(f"'{path}' must be {hint}; got {_show(entry)}.")
            continue
        if "model" in entry:
            extra = sorted(set(entry) - {"model"})
            if extra:
                check.problems.append(f"'{path}' names a model of the price table, so it takes no other fields "
                                      f"(found {', '.join(extra)}); to use your own prices, give 'name' instead.")
            if entry["model"] not in table_models:
                check.problems.append(f"'{path}.model' is {entry['model']!r}, which is not in the price table; "
                                      f"allowed: {', '.join(table_models)} (or give your own prices with 'name').")
                continue
            out.append(CandidateSpec(model=entry["model"]))
            continue
        own = check.mapping(entry, path, _OWN_PRICE_FIELDS, required=("name", "input", "output", "as_of"))
        for key in ("input", "output", "cached_input", "training", "fine_tuned_input", "fine_tuned_output"):
            check.number(own.get(key), f"{path}.{key}", integer=False, optional=key not in ("input", "output"))
        if own.get("as_of") is not None and not isinstance(own["as_of"], str):
            check.problems.append(f"'{path}.as_of' must be the date you read the prices, as text 'YYYY-MM' or "
                                  f"'YYYY-MM-DD' (in quotes); got {_show(own['as_of'])}.")
        if isinstance(own.get("name"), str) and own["name"].strip():
            out.append(CandidateSpec(model=own["name"].strip(), own_prices=own))
        elif "name" in own:
            check.problems.append(f"'{path}.name' must be a line of text; got {_show(own['name'])}.")
    return tuple(out)


def load_use_case(path: str | Path) -> UseCase:
    """Read and check a use-case YAML file.

    Args:
        path: the file.

    Returns:
        The checked use case.

    Raises:
        UseCaseError: naming the file and every problem (a missing file or broken YAML included).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UseCaseError(str(path), ["no such file; give the path of a use-case YAML file "
                                       "(examples: course_lib/data/usecases/)."]) from None
    except (IsADirectoryError, UnicodeDecodeError, PermissionError) as error:
        raise UseCaseError(str(path), [f"cannot be read as a text file ({error.__class__.__name__})."]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise UseCaseError(str(path), [f"is not valid YAML{line}: {getattr(error, 'problem', error)}. "
                                       "Check the indentation and the colons."]) from None
    return parse_use_case(data, where=str(path))


def example_use_case_dir() -> Path:
    """The folder of worked example use cases shipped with the course."""
    from importlib import resources

    return Path(str(resources.files("course_lib") / "data" / "usecases"))
