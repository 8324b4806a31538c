"""The dated price table (USD per 1M tokens), loaded and checked row by row.

Introduced in ``notebooks/02_cost_benefit.ipynb``. To update prices, edit
``course_lib/data/prices.csv`` (or pass your own file to :func:`load_prices`):
every row needs ``as_of`` (``YYYY-MM`` or ``YYYY-MM-DD``) and a ``source``, and
says whether a new fine-tune can be started on the model (``fine_tuning``, one of
:data:`FINE_TUNING_STATUS`) as of a date (``fine_tuning_as_of``).

The table is read with the standard library's ``csv`` module, so :func:`price_of`
works without pandas; only :func:`load_prices`, which returns a DataFrame, imports it.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ("model", "variant", "input", "cached_input", "output", "training", "as_of", "source", "note",
           "fine_tuning", "fine_tuning_as_of")
PRICE_COLUMNS = ("input", "cached_input", "output", "training")
REQUIRED_PRICES = ("input", "output")
VARIANTS = ("base", "fine_tuned")
FINE_TUNING_STATUS: dict[str, str] = {
    "open": "new fine-tuning jobs can be started",
    "closing": ("OpenAI is winding self-serve fine-tuning down: organisations that had never fine-tuned lost new jobs "
                "on 2026-05-07, those without recent use on 2026-07-02, and nobody can start one after 2027-01-06"),
    "not_offered": "the vendor's API offers no fine-tuning for this model",
    "retired": "the model itself is retired",
    "unknown": "not recorded",
}
"""Whether a new fine-tune can be started on a model, in the ``fine_tuning`` column."""
_AS_OF = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$")


class PriceTableError(ValueError):
    """A price file has a bad row; the message names the file, the row and the fix."""


@dataclass(frozen=True)
class Price:
    """Prices of one model variant in USD per 1M tokens; ``nan`` means not offered."""

    model: str
    variant: str
    input: float
    cached_input: float
    output: float
    training: float
    as_of: str
    source: str
    fine_tuning: str = "unknown"
    fine_tuning_as_of: str = ""

    @property
    def cached_or_input(self) -> float:
        """The cached-input price, or the input price where there is no discount."""
        return self.input if math.isnan(self.cached_input) else self.cached_input


def default_price_file() -> Path:
    """The price table shipped with the course."""
    from importlib import resources

    return Path(str(resources.files("course_lib") / "data" / "prices.csv"))


def _parse_row(row: dict[str, str], where: str) -> dict[str, object]:
    """Check one CSV row; return it with prices as floats."""
    if not row.get("model", "").strip():
        raise PriceTableError(f"{where}: 'model' is empty. Give the model's API name, e.g. gpt-4o-mini.")
    if row.get("variant") not in VARIANTS:
        raise PriceTableError(f"{where}: 'variant' is {row.get('variant')!r}; use one of {', '.join(VARIANTS)}.")
    parsed: dict[str, object] = {k: (row.get(k) or "").strip() for k in COLUMNS}
    for column in PRICE_COLUMNS:
        text = parsed[column]
        if text == "":
            if column in REQUIRED_PRICES:
                raise PriceTableError(f"{where}: '{column}' is empty; every model needs an {column} price.")
            parsed[column] = math.nan
            continue
        try:
            value = float(text)
        except ValueError:
            raise PriceTableError(
                f"{where}: '{column}' is {text!r}, not a number. Write USD per 1M tokens, e.g. 2.50 (no $ sign)."
            ) from None
        if not math.isfinite(value) or value < 0:
            raise PriceTableError(f"{where}: '{column}' is {text}; a price must be a finite number >= 0.")
        parsed[column] = value
    if not _AS_OF.match(str(parsed["as_of"])):
        raise PriceTableError(f"{where}: 'as_of' is {parsed['as_of']!r}; write the date the price was read, YYYY-MM or YYYY-MM-DD.")
    if not parsed["source"]:
        raise PriceTableError(f"{where}: 'source' is empty; say where the price comes from.")
    parsed["fine_tuning"] = parsed["fine_tuning"] or "unknown"
    if parsed["fine_tuning"] not in FINE_TUNING_STATUS:
        raise PriceTableError(f"{where}: 'fine_tuning' is {parsed['fine_tuning']!r}; use one of "
                              f"{', '.join(FINE_TUNING_STATUS)} (or leave it empty for unknown).")
    if parsed["fine_tuning"] != "unknown" and not _AS_OF.match(str(parsed["fine_tuning_as_of"])):
        raise PriceTableError(f"{where}: 'fine_tuning_as_of' is {parsed['fine_tuning_as_of']!r}; write the date the "
                              "fine-tuning status was checked, YYYY-MM or YYYY-MM-DD.")
    return parsed


def load_prices(path: str | Path | None = None) -> pd.DataFrame:
    """Load a price table and check every row.

    Args:
        path: a CSV file with the columns in :data:`COLUMNS`; the course's own
            table when omitted.

    Returns:
        One row per (model, variant), prices as floats (``NaN`` = not offered).

    Raises:
        PriceTableError: naming the file, the row (its line number) and the reason.
    """
    import pandas as pd

    return pd.DataFrame(read_price_rows(path), columns=list(COLUMNS))


def read_price_rows(path: str | Path | None = None) -> list[dict[str, object]]:
    """The checked rows of a price table as dicts (what :func:`load_prices` puts in its DataFrame).

    Args:
        path: a CSV file with the columns in :data:`COLUMNS`; the course's own
            table when omitted.

    Returns:
        One dict per (model, variant), keyed by :data:`COLUMNS`, prices as floats (``nan`` = not offered).

    Raises:
        PriceTableError: naming the file, the row (its line number) and the reason.
    """
    path = Path(path) if path is not None else default_price_file()
    if not path.exists():
        raise PriceTableError(f"{path}: no such price file. Pass the path of a CSV with columns {', '.join(COLUMNS)}.")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        # The fine-tuning status columns were added later; older price files may leave them out.
        missing = [c for c in COLUMNS[:-2] if c not in (reader.fieldnames or ())]
        if missing:
            raise PriceTableError(f"{path}, header: missing column(s) {', '.join(missing)}; expected {', '.join(COLUMNS)}.")
        rows, seen = [], {}
        for row in reader:
            where = f"{path}, row {reader.line_num}"
            parsed = _parse_row(row, where)
            key = (parsed["model"], parsed["variant"])
            if key in seen:
                raise PriceTableError(f"{where}: {key[0]} ({key[1]}) already priced on row {seen[key]}; keep one row.")
            seen[key] = reader.line_num
            rows.append(parsed)
    if not rows:
        raise PriceTableError(f"{path}: the table has no rows.")
    return rows


@cache
def _default_rows() -> tuple[dict[str, object], ...]:
    return tuple(read_price_rows())


def price_of(model: str, fine_tuned: bool = False, table: pd.DataFrame | None = None) -> Price:
    """Look up one model's prices.

    Args:
        model: the model name as in the table (e.g. ``"gpt-4o-mini"``).
        fine_tuned: the fine-tuned variant's inference prices instead of the base.
        table: a table from :func:`load_prices`; the course's own when omitted.

    Raises:
        KeyError: naming the model and listing the ones that exist.
    """
    if table is None:
        return _default_price(model, fine_tuned)
    return _lookup(table, model, fine_tuned)


@cache
def _default_price(model: str, fine_tuned: bool) -> Price:
    """A row of the course's own table, looked up once per process (the grader draws numbers per submission)."""
    return _lookup_rows(_default_rows(), model, fine_tuned)


_PRICE_FIELDS = ("model", "variant", *PRICE_COLUMNS, "as_of", "source", "fine_tuning", "fine_tuning_as_of")


def _not_priced(model: str, variant: str, offered: list[str]) -> KeyError:
    return KeyError(f"No {variant} price for {model!r}. Models with {variant} prices: {', '.join(sorted(offered))}.")


def _lookup_rows(rows: tuple[dict[str, object], ...], model: str, fine_tuned: bool) -> Price:
    variant = "fine_tuned" if fine_tuned else "base"
    for row in rows:
        if row["model"] == model and row["variant"] == variant:
            return Price(**{k: row[k] for k in _PRICE_FIELDS})
    raise _not_priced(model, variant, [str(r["model"]) for r in rows if r["variant"] == variant])


def _lookup(table: pd.DataFrame, model: str, fine_tuned: bool) -> Price:
    variant = "fine_tuned" if fine_tuned else "base"
    match = table[(table["model"] == model) & (table["variant"] == variant)]
    if match.empty:
        raise _not_priced(model, variant, list(table.loc[table["variant"] == variant, "model"]))
    row = match.iloc[0]
    return Price(**{k: row[k] for k in _PRICE_FIELDS})
