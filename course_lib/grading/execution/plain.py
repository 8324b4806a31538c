"""Plain data: exact built-in types only, checked recursively, so nothing with custom behaviour leaves a sandbox.

>>> to_plain({"a": [1, 2.5, None, "x", (True,)]})
{'a': [1, 2.5, None, 'x', [True]]}
>>> class Sneaky(float):
...     def __eq__(self, other): return True
>>> to_plain(Sneaky(1.0))  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
course_lib.grading.execution.plain.PlainDataError: the answer has type Sneaky (a subclass of float); return a plain float
"""

from __future__ import annotations

from typing import Any

# Bound at import so a submission that patches builtins cannot change these names here.
_type, _len, _str, _isinstance, _list, _dict, _float, _int, _bool = type, len, str, isinstance, list, dict, float, int, bool
_ATOMS = (type(None), bool, int, float, str)
MAX_ITEMS = 100_000
MAX_DEPTH = 20
MAX_STR = 200_000


class PlainDataError(TypeError):
    """A value is not plain data; the message says what it is and what to return instead."""


def _numpy_scalar(value: Any) -> Any:
    """The Python value of an exact numpy scalar (numpy.float64 and friends), else a sentinel."""
    module = getattr(_type(value), "__module__", "")
    if module == "numpy" and _type(value).__name__ in {
        "float64", "float32", "float16", "int64", "int32", "int16", "int8",
        "uint64", "uint32", "uint16", "uint8", "bool_", "bool", "str_",
    }:
        item = value.item()
        if _type(item) in _ATOMS:
            return item
    return _NOT


_NOT = object()


def to_plain(value: Any, *, _depth: int = 0, _budget: list[int] | None = None) -> Any:
    """A copy of ``value`` made of exact built-in types, or an error saying why not.

    Accepts None, bool, int, float, str, list, tuple (becomes a list), dict with str
    keys, and exact numpy scalars (converted). Subclasses of these are refused,
    because their methods (``__eq__``, ``__float__``, ...) could lie.

    Args:
        value: The student's answer.

    Returns:
        The plain copy.

    Raises:
        PlainDataError: For any other type, naming it.
    """
    budget = [MAX_ITEMS] if _budget is None else _budget
    budget[0] -= 1
    if budget[0] < 0:
        raise PlainDataError(f"the answer has more than {MAX_ITEMS:,} parts; return something smaller")
    if _depth > MAX_DEPTH:
        raise PlainDataError(f"the answer is nested more than {MAX_DEPTH} levels deep")
    kind = _type(value)
    if kind in _ATOMS:
        if kind is str and _len(value) > MAX_STR:
            raise PlainDataError(f"a text in the answer is longer than {MAX_STR:,} characters")
        return value
    if kind is list or kind is tuple:
        return [to_plain(v, _depth=_depth + 1, _budget=budget) for v in value]
    if kind is dict:
        out = {}
        for key, item in value.items():
            if _type(key) is not str:
                raise PlainDataError(f"a dict key in the answer is a {_type(key).__name__}; use str keys")
            out[key] = to_plain(item, _depth=_depth + 1, _budget=budget)
        return out
    converted = _numpy_scalar(value)
    if converted is not _NOT:
        return converted
    for base in (bool, int, float, str, list, tuple, dict):
        if _isinstance(value, base):
            raise PlainDataError(f"the answer has type {kind.__name__} (a subclass of {base.__name__}); "
                                 f"return a plain {base.__name__}")
    raise PlainDataError(f"the answer has type {kind.__name__}; return plain data "
                         "(a number, str, bool, None, or a list or dict of those)")


def describe(value: Any) -> str:
    """A short, safe description of a plain value for feedback (type and size, never the full value)."""
    kind = _type(value).__name__
    if isinstance(value, (list, dict, str)):
        return f"a {kind} of length {len(value)}"
    return f"a {kind}"
