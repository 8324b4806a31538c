"""Typed numbers in the explorers: read as typed, or refused with a reason (course_lib.views.inputs)."""

from __future__ import annotations

import pytest

from course_lib.views.inputs import NumberField, read_number


@pytest.mark.parametrize("typed, kind, expected", [
    ("2.5", float, 2.5), ("1e6", int, 1_000_000), ("1,000,000", int, 1_000_000), ("10 000", int, 10_000),
    ("1_500", int, 1_500), (" 42 ", int, 42), ("0.05", float, 0.05), ("-3", int, -3), ("2e-3", float, 0.002),
])
def test_a_number_is_read_as_typed(typed: str, kind: type, expected: float) -> None:
    """Is every ordinary way of writing a number read as exactly that number?"""
    reading = read_number(typed, kind=kind)
    assert reading.ok and reading.message == ""
    assert reading.value == expected and type(reading.value) is kind


@pytest.mark.parametrize("typed, kind, why", [
    ("2.5", int, "2.5 is not a whole number"), ("abc", float, "'abc' is not a number"),
    ("1e6x", int, "not a number"), ("2,5", float, "not a number"), ("1e999", float, "too large"),
    ("", float, "Type a number"), (".", float, "not a number"), ("5 apples", int, "not a number"),
])
def test_what_is_not_a_usable_number_is_refused_and_the_fallback_kept(typed: str, kind: type, why: str) -> None:
    """Is text that is not a usable number refused, saying why and which value is kept?"""
    reading = read_number(typed, kind=kind, fallback=7)
    assert not reading.ok and reading.value == 7
    assert why in reading.message and reading.message.endswith("kept 7.")


def test_a_number_outside_the_range_is_refused_not_clamped() -> None:
    """Is 999999 in a 0-2000 box refused (keeping the old value), never silently turned into 2000?"""
    high = read_number("999999", kind=int, minimum=0, maximum=2_000, fallback=200)
    low = read_number("-50", kind=int, minimum=0, maximum=2_000, fallback=200)
    assert (high.value, low.value) == (200, 200)
    assert "above the largest allowed value, 2,000" in high.message
    assert "below the smallest allowed value, 0" in low.message


def test_an_empty_box_means_unknown_only_where_allowed() -> None:
    """Does an empty box read as None where unknown is allowed, and as a refusal elsewhere?"""
    assert read_number("  ", allow_empty=True).value is None
    assert not read_number("", fallback=1).ok


def test_an_extra_rule_is_applied_and_worded() -> None:
    """Is a value the caller's own rule rejects refused with that rule's words?"""
    reading = read_number("0", check=lambda v: "a budget of 0 ms cannot be met" if v == 0 else "", fallback=None)
    assert reading.message == "a budget of 0 ms cannot be met; kept unknown."


def test_field_shows_the_refusal_beside_the_box_and_keeps_the_typed_text() -> None:
    """Does the widget keep what the learner typed, say why it is refused, and keep its value?"""
    field = NumberField("tokens", 200, kind=int, minimum=0, maximum=2_000, step=10)
    seen = []
    field.observe(lambda change: seen.append(change["new"]), names="value")
    field.text.value = "abc"
    assert field.text.value == "abc" and "kept 200" in field.message.value and field.value == 200
    assert seen == [] and field.refusal
    field.text.value = "1,500"
    assert seen == [1_500] and field.slider.value == 1_500 and field.message.value == "" and not field.refusal


def test_field_slider_and_code_keep_the_box_in_step() -> None:
    """Does a slider move or a value set by code show in the box (and clear an old refusal)?"""
    field = NumberField("noise", 0.1, minimum=0.0, maximum=0.5, step=0.05)
    field.text.value = "9"
    field.slider.value = 0.25
    assert field.text.value == "0.25" and field.value == 0.25 and field.message.value == ""
    field.value = 0.4
    assert field.text.value == "0.4" and field.slider.value == 0.4


def test_field_says_how_it_read_an_unusual_spelling() -> None:
    """Does the box confirm how it read 1e6, so the learner sees the number in use?"""
    field = NumberField("requests", None, kind=int, minimum=0, allow_empty=True)
    field.text.value = "1e6"
    assert field.value == 1_000_000 and "read as 1,000,000" in field.message.value and not field.refusal
