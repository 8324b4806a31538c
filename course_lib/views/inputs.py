"""Typed numbers in the explorers: read exactly what the learner typed, or say why not.

A browser's number box quietly rewrites input (``2.5`` becomes ``25`` in a whole-number
box, ``1e6`` becomes ``16``, a slider's readout turns ``abc`` into 0 and clamps
``999999`` to its maximum). The explorers therefore take numbers as text and read them
here: :func:`read_number` is pure (no widgets) and either returns the value typed or
a sentence saying what was wrong and what is used instead. :class:`NumberField` is the
thin widget around it: a text box, an optional slider, and a message beside them.

>>> read_number("1e6", kind=int).value
1000000
>>> read_number("2.5", kind=int, fallback=3).message
'2.5 is not a whole number; kept 3.'
>>> read_number("abc", kind=float, fallback=2.0).message
"'abc' is not a number; kept 2."
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from typing import Callable

import ipywidgets as widgets
from traitlets import Any as AnyTrait, observe

# Digits with optional thousands separators (1,000,000 / 1_000 / 1 000), a decimal part and an exponent.
_NUMBER = re.compile(r"^[-+]?(\d{1,3}([,_ ]\d{3})+|\d+)?(\.\d+)?([eE][-+]?\d+)?$")


def _fmt(value: float) -> str:
    """A number as a learner would write it: 1,000,000, 0.5, 3."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}"


@dataclass(frozen=True)
class Reading:
    """What a typed number was read as.

    Attributes:
        value: The value to use: the one typed when ``ok``, otherwise the fallback (or the bound).
        ok: True when the value is exactly what was typed.
        message: Empty when ``ok``; otherwise one sentence: what was wrong and what is used instead.
    """

    value: float | int | None
    ok: bool
    message: str = ""


def read_number(text: str, *, kind: type = float, minimum: float | None = None, maximum: float | None = None,
                fallback: float | int | None = None, allow_empty: bool = False,
                check: Callable[[float], str] | None = None) -> Reading:
    """Read a typed number; refuse anything else with a sentence that says what was used instead.

    Args:
        text: What the learner typed. Thousands separators (``1,000``) and exponents (``1e6``) are read.
        kind: ``int`` for whole numbers (``2.5`` is refused, ``1e6`` is read as 1,000,000), or ``float``.
        minimum: The smallest value allowed, or None.
        maximum: The largest value allowed, or None.
        fallback: What is kept when the text is not a usable number: the previous value (None: unknown).
        allow_empty: When True, an empty box means "unknown" and reads as None.
        check: Extra rule: returns an empty string when the value is fine, else why it is not.

    Returns:
        A :class:`Reading`. A number outside ``minimum``/``maximum`` is refused and the fallback kept:
        a value is never silently moved to a bound.

    >>> read_number("1,000,000", kind=int).value
    1000000
    >>> read_number("", allow_empty=True)
    Reading(value=None, ok=True, message='')
    >>> read_number("-50", minimum=0, fallback=200).message
    '-50 is below the smallest allowed value, 0; kept 200.'
    """
    typed = str(text).strip()
    kept = "unknown" if fallback is None else _fmt(fallback)
    if not typed:
        if allow_empty:
            return Reading(None, True)
        return Reading(fallback, False, f"Type a number; kept {kept}.")
    if not _NUMBER.match(typed) or not re.search(r"\d", typed):
        return Reading(fallback, False, f"{typed!r} is not a number; kept {kept}.")
    value = float(re.sub(r"[,_ ]", "", typed))
    if not math.isfinite(value):
        return Reading(fallback, False, f"{typed} is too large to use; kept {kept}.")
    if kind is int:
        if not value.is_integer():
            return Reading(fallback, False, f"{typed} is not a whole number; kept {kept}.")
        value = int(value)
    if minimum is not None and value < minimum:
        return Reading(fallback, False, f"{typed} is below the smallest allowed value, {_fmt(minimum)}; kept {kept}.")
    if maximum is not None and value > maximum:
        return Reading(fallback, False, f"{typed} is above the largest allowed value, {_fmt(maximum)}; kept {kept}.")
    problem = check(value) if check else ""
    if problem:
        return Reading(fallback, False, f"{problem}; kept {kept}.")
    return Reading(value, True)


class NumberField(widgets.HBox):
    """A labelled text box for one number (and optionally a slider), with a message beside it.

    The slider has no editable readout: the text box is the one place to type, and it
    reads what was typed with :func:`read_number`. ``value`` is always the value in use;
    observe it like any widget value.

    Args:
        description: The label (a screen reader announces it).
        value: The starting value (None: unknown, only with ``allow_empty``).
        kind: ``int`` or ``float``.
        minimum, maximum: The allowed range (also the slider's range).
        step: The slider's step; no slider when None.
        allow_empty: An empty box means "unknown" (value None).
        placeholder: Shown in an empty box.
        check: An extra rule, as in :func:`read_number`.
        description_width: Width of the label.
    """

    value = AnyTrait(allow_none=True)

    def __init__(self, description: str, value: float | int | None, *, kind: type = float,
                 minimum: float | None = None, maximum: float | None = None, step: float | None = None,
                 allow_empty: bool = False, placeholder: str = "", check: Callable[[float], str] | None = None,
                 description_width: str = "initial") -> None:
        self.kind, self.minimum, self.maximum = kind, minimum, maximum
        self.allow_empty, self.check = allow_empty, check
        self.refusal = ""  # why the last text typed was refused; empty when it was read as typed
        self.text = widgets.Text(value="" if value is None else _fmt(value),
                                 description=description, placeholder=placeholder, continuous_update=False,
                                 style={"description_width": description_width},
                                 layout=widgets.Layout(width="auto", min_width="12em", max_width="24em"))
        self.message = widgets.HTML("", layout=widgets.Layout(width="auto"))
        self.message.add_class("course-input-message")
        children: list[widgets.Widget] = [self.text, self.message]
        self.slider: widgets.FloatSlider | widgets.IntSlider | None = None
        if step is not None and minimum is not None and maximum is not None:
            make = widgets.IntSlider if kind is int else widgets.FloatSlider
            self.slider = make(value=value, min=minimum, max=maximum, step=step, readout=False,
                               continuous_update=False, description=description,
                               style={"description_width": "0px"}, layout=widgets.Layout(width="12em"))
            self.slider.observe(self._on_slide, names="value")
            children.insert(1, self.slider)
        super().__init__(children, layout=widgets.Layout(flex_flow="row wrap", align_items="center"))
        self.add_class("course-number-field")
        self.value = value
        self.text.observe(self._on_text, names="value")

    @property
    def description(self) -> str:
        """The label the box (and its slider) carries."""
        return self.text.description

    def _on_text(self, change: dict) -> None:
        reading = read_number(change["new"], kind=self.kind, minimum=self.minimum, maximum=self.maximum,
                              fallback=self.value, allow_empty=self.allow_empty, check=self.check)
        self.refusal = reading.message
        typed = str(change["new"]).strip()
        if reading.message:
            self.message.value = f"<span role='alert' style='color:#b00020'>{html.escape(reading.message)}</span>"
        elif reading.value is not None and typed != _fmt(reading.value):
            self.message.value = f"<span style='color:#555'>read as {_fmt(reading.value)}</span>"
        else:
            self.message.value = ""
        self.value = reading.value

    def _on_slide(self, change: dict) -> None:
        self.value = change["new"]

    @observe("value")
    def _show_value(self, change: dict) -> None:
        """Keep the box and the slider on the value in use, however it was set (typed, slid, or by code)."""
        value = change["new"]
        shown = "" if value is None else _fmt(value)
        if read_number(self.text.value, kind=self.kind, allow_empty=True).value != value:
            self.message.value, self.refusal = "", ""
            self.text.value = shown
        if self.slider is not None and value is not None and self.slider.value != value:
            self.slider.value = value
