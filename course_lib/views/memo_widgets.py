"""A form for the capstone's use case: labelled controls in, the decision memo out, saved under a name you type.

A thin widget: it turns its controls into the same plain data a use-case YAML file holds,
checks it with :func:`course_lib.memo.parse_use_case`, builds the memo with
:func:`course_lib.memo.build_memo`, and saves with :func:`course_lib.memo.document.save_memo`.
Shown in ``notebooks/07_your_decision.ipynb``.
"""

from __future__ import annotations

import html
from dataclasses import asdict
from typing import Any

import ipywidgets as widgets
import yaml
from IPython.display import display

from course_lib.framework import TRAITS
from course_lib.memo import DecisionMemo, UseCase, UseCaseError, build_memo, parse_use_case
from course_lib.memo.document import save_memo
from course_lib.memo.usecase import BOOLEAN_TRAITS
from course_lib.prices import load_prices
from course_lib.views import layout
from course_lib.views.inputs import NumberField

_STYLE = layout.label_style()
_WORKLOAD_LABELS = {
    "daily_requests": "Requests per day",
    "prompt_tokens": "Prompt tokens/request",
    "input_tokens": "User's input tokens",
    "answer_tokens": "Answer tokens",
}


def _number(value: float, label: str, minimum: float = 0, maximum: float | None = None,
            kind: type = int) -> NumberField:
    """A number box that takes what was typed or says why not (never a silent clamp)."""
    return NumberField(label, value, kind=kind, minimum=minimum, maximum=maximum, description_width=layout.LABEL_WIDTH)


class MemoForm(widgets.VBox):
    """Describe a use case with labelled controls; build, show and save its decision memo.

    Every control is a native input with a visible label, so it works from the keyboard
    (Tab to move, Space to tick, arrows in the model list with Shift or Ctrl to pick several).

    Args:
        start: the use case the form starts from; retrieval, fine-tuning, open-weight and the
            experiment's other settings are taken from it unchanged.
    """

    def __init__(self, start: UseCase) -> None:
        self.start = start
        self.name_box = widgets.Text(value=start.name, description="Use case", style=_STYLE,
                                 layout=layout.control_layout(max_width="40em"))
        self.trait_boxes = {name: widgets.Checkbox(value=bool(start.traits.get(name, False)), description=TRAITS[name].help,
                                              indent=False, layout=widgets.Layout(width="auto"))
                       for name in BOOLEAN_TRAITS}
        w = start.workload
        self.workload = {name: _number(getattr(w, name), label, 1 if name == "daily_requests" else 0)
                         for name, label in _WORKLOAD_LABELS.items()}
        self.labelled = _number(w.labelled_examples or 0, "Labelled examples")
        self.labelled_unknown = widgets.Checkbox(value=w.labelled_examples is None, description="not counted yet",
                                                 indent=False, layout=widgets.Layout(width="auto"))
        self.latency = _number(int(w.latency_budget_ms or 1000), "Latency budget (ms)", minimum=1)
        self.no_latency = widgets.Checkbox(value=w.latency_budget_ms is None, description="no budget",
                                           indent=False, layout=widgets.Layout(width="auto"))
        table_models = sorted(set(load_prices().query("variant == 'base'")["model"]))
        chosen = tuple(c.model for c in start.candidates if c.own_prices is None and c.model in table_models)
        self.candidates = widgets.SelectMultiple(options=table_models, value=chosen, rows=6,
                                                 description="Candidate models", style=_STYLE,
                                                 layout=layout.control_layout(max_width="40em"))
        self.baseline = _number(start.experiment.baseline_accuracy, "Baseline accuracy (0-1)", minimum=0.01,
                                maximum=0.99, kind=float)
        self.build_button = widgets.Button(description="Build memo", button_style="primary", icon="file-text",
                                           tooltip="Check the description and build its decision memo",
                                           layout=layout.button_layout())
        self.file_name = widgets.Text(value="my_decision_memo", description="File name (no suffix)", style=_STYLE,
                                      layout=layout.control_layout(max_width="40em"))
        self.save_button = widgets.Button(description="Save as Markdown and HTML", icon="save", disabled=True,
                                          tooltip="Save the memo shown below under this name",
                                          layout=layout.button_layout())
        self.status = widgets.HTML()
        self.output = widgets.Output()
        self.memo: DecisionMemo | None = None
        self.build_button.on_click(lambda _: self.build())
        self.save_button.on_click(lambda _: self.save())
        super().__init__([
            widgets.HTML("<b>Your use case</b>"), self.name_box,
            widgets.HTML("<b>Traits</b> (tick what is true)"), *self.trait_boxes.values(),
            widgets.HTML("<b>Workload</b>"), *self.workload.values(),
            layout.wrap_row([self.labelled, self.labelled_unknown]), layout.wrap_row([self.latency, self.no_latency]),
            self.candidates, self.baseline, self.build_button,
            layout.wrap_row([self.file_name, self.save_button]),
            self.status, self.output,
        ], layout=layout.fill_layout())
        layout.course_widget(self, "course-memo-form")

    def to_data(self) -> dict[str, Any]:
        """The form as the plain data a use-case YAML file holds."""
        start = self.start
        data: dict[str, Any] = {
            "name": self.name_box.value,
            "traits": {name: True for name, box in self.trait_boxes.items() if box.value},
            "workload": {**{name: box.value for name, box in self.workload.items()},
                         "labelled_examples": None if self.labelled_unknown.value else self.labelled.value,
                         "latency_budget_ms": None if self.no_latency.value else self.latency.value},
            "retrieval": asdict(start.retrieval),
            "fine_tuning": asdict(start.fine_tuning),
            "candidates": [{"model": m} for m in self.candidates.value],
            "experiment": {**asdict(start.experiment), "baseline_accuracy": self.baseline.value},
        }
        if start.description:
            data["description"] = start.description
        if start.open_weight is not None:
            data["open_weight"] = asdict(start.open_weight)
        return data

    def to_yaml(self) -> str:
        """The form as YAML, to keep in a file for ``course memo``."""
        return yaml.safe_dump(self.to_data(), sort_keys=False, allow_unicode=True)

    def build(self) -> DecisionMemo | None:
        """Check the form, build the memo and show it (or show what to fix)."""
        self.output.clear_output()
        try:
            self.memo = build_memo(parse_use_case(self.to_data(), where="the form"))
        except UseCaseError as error:
            self.memo = None
            self.save_button.disabled = True
            items = "".join(f"<li>{html.escape(p)}</li>" for p in error.problems)
            self.status.value = f"<p role='status'><b>Fix first:</b></p><ul>{items}</ul>"
            return None
        self.save_button.disabled = False
        self.status.value = "<p role='status'>Memo built; it is shown below.</p>"
        with self.output:
            display(self.memo, self.memo.cost_figure())
        return self.memo

    def save(self) -> None:
        """Save the memo shown as Markdown and HTML under the typed name."""
        if self.memo is None:
            self.status.value = "<p role='status'>Build the memo first.</p>"
            return
        try:
            saved = save_memo(self.memo, self.file_name.value)
        except (ValueError, OSError) as error:
            self.status.value = f"<p role='status'><b>Not saved:</b> {html.escape(str(error))}</p>"
            return
        paths = "".join(f"<li>{kind}: <code>{html.escape(str(path))}</code></li>" for kind, path in saved.items())
        self.status.value = f"<p role='status'>Saved:</p><ul>{paths}</ul>"
