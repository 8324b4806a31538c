"""Spreadsheet-safe CSV cells (OWASP's CSV-injection rule), in one place for every CSV the course writes.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula, and student ids are folder names a student chooses.
Such a cell (other than a plain number or Moodle's lone ``-``) is written with a leading single quote, which spreadsheets show as
text; a cell that already starts with a quote gets one more, so reading back with
:func:`from_cell` returns exactly what was written.

>>> to_cell("=1+1"), to_cell("ada"), to_cell("'quoted")
("'=1+1", 'ada', "''quoted")
>>> from_cell(to_cell("@SUM(1,1)"))
'@SUM(1,1)'
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def to_cell(value: Any) -> Any:
    """A text value made safe for a spreadsheet; numbers and other values unchanged.

    Args:
        value: One cell.

    Returns:
        The text with a leading quote when it starts like a formula (or with a quote).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS + (_QUOTE,)) and not _inert(value):
        return _QUOTE + value
    return value


def _inert(text: str) -> bool:
    """A lone ``-`` (Moodle's "no grade") or a plain number such as ``-2.5``: shown as is, never run."""
    if text == "-":
        return True
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text


def from_cell(value: Any) -> Any:
    """Undo :func:`to_cell` on a cell read back from one of the course's CSV files."""
    if isinstance(value, str) and value.startswith(_QUOTE):
        return value[1:]
    return value


def safe_rows(rows: list[list[Any]]) -> list[list[Any]]:
    """Every cell of a list of rows through :func:`to_cell`."""
    return [[to_cell(v) for v in row] for row in rows]


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) went through :func:`to_cell`."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(to_cell)
    out.columns = [to_cell(c) for c in out.columns]
    return out


def unsafe_frame(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """Undo :func:`to_cell` in the text ``columns`` of a frame read back from the course's CSV files."""
    out = frame.copy()
    for column in columns:
        if column in out.columns:
            out[column] = out[column].map(from_cell)
    return out
