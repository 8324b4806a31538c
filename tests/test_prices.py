"""Tests of the dated price table: every row valid, bad rows rejected with file, row and reason."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from course_lib.prices import COLUMNS, PriceTableError, load_prices, price_of

HEADER = ",".join(COLUMNS)
GOOD = "gpt-x,base,1.0,0.5,4.0,,2026-11,vendor page,"


def test_course_table_is_dated_and_sourced() -> None:
    table = load_prices()
    assert table["as_of"].str.match(r"^\d{4}-\d{2}").all()
    assert (table["source"].str.len() > 0).all()
    for model in ["gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano",
                  "gpt-5", "gpt-5-mini", "gpt-5-nano", "claude-sonnet-4.5", "claude-haiku-4.5",
                  "gemini-2.5-flash", "gemini-2.5-flash-lite", "llama-3.1-8b-together"]:
        assert model in set(table["model"]), model


def test_facts_prices() -> None:
    assert price_of("gpt-4o").input == 2.50 and price_of("gpt-4o").output == 10.00
    assert price_of("gpt-4o-2024-05-13").input == 5.00
    ft = price_of("gpt-4o-mini", fine_tuned=True)
    assert (ft.input, ft.cached_input, ft.output, ft.training) == (0.30, 0.15, 1.20, 3.00)
    assert math.isnan(price_of("gpt-5").training)


def test_unknown_model_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="gpt-4o-mini"):
        price_of("gpt-3")


@pytest.mark.parametrize(("row", "reason"), [
    ("gpt-x,base,abc,,4.0,,2026-11,vendor,", "'input' is 'abc', not a number"),
    ("gpt-x,base,-1,,4.0,,2026-11,vendor,", "finite number >= 0"),
    ("gpt-x,base,1.0,,,,2026-11,vendor,", "'output' is empty"),
    ("gpt-x,cheap,1.0,,4.0,,2026-11,vendor,", "'variant' is 'cheap'"),
    ("gpt-x,base,1.0,,4.0,,last year,vendor,", "'as_of' is 'last year'"),
    ("gpt-x,base,1.0,,4.0,,2026-11,,", "'source' is empty"),
    (",base,1.0,,4.0,,2026-11,vendor,", "'model' is empty"),
    (GOOD, "already priced on row 2"),
])
def test_bad_row_names_file_row_and_reason(tmp_path: Path, row: str, reason: str) -> None:
    """Does a bad row fail with the file, the row number and the reason?"""
    path = tmp_path / "prices.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n{row}\n", encoding="utf-8")
    with pytest.raises(PriceTableError) as info:
        load_prices(path)
    message = str(info.value)
    assert str(path) in message and "row 3" in message and reason in message


def test_missing_column_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("model,variant,input\n", encoding="utf-8")
    with pytest.raises(PriceTableError, match="missing column"):
        load_prices(path)
    with pytest.raises(PriceTableError, match="no such price file"):
        load_prices(tmp_path / "nope.csv")


def test_every_row_says_whether_a_fine_tune_can_start_and_when_that_was_checked() -> None:
    """Does every row of the course table carry a fine-tuning status and the date it was checked?"""
    from course_lib.prices import FINE_TUNING_STATUS

    table = load_prices()
    assert set(table["fine_tuning"]) <= set(FINE_TUNING_STATUS) - {"unknown"}
    assert table["fine_tuning_as_of"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    assert price_of("gpt-4o-mini", fine_tuned=True).fine_tuning == "closing"
    assert "2027-01-06" in FINE_TUNING_STATUS["closing"]


@pytest.mark.parametrize(("status", "date", "reason"), [
    ("maybe", "2026-11-22", "'fine_tuning' is 'maybe'"),
    ("open", "", "'fine_tuning_as_of' is ''"),
])
def test_bad_fine_tuning_status_is_named(tmp_path: Path, status: str, date: str, reason: str) -> None:
    """Is an unknown status, or a status without its date, refused with the row and the fix?"""
    path = tmp_path / "prices.csv"
    path.write_text(f"{HEADER}\n{GOOD},open,2026-11-22\ngpt-y,base,1.0,,4.0,,2026-11,vendor,,{status},{date}\n",
                    encoding="utf-8")
    with pytest.raises(PriceTableError, match=reason):
        load_prices(path)


def test_default_lookup_matches_the_table_for_every_row() -> None:
    """Does price_of on the course's table (read without pandas) give what a lookup in load_prices() gives?"""
    table = load_prices()
    for model, variant in zip(table["model"], table["variant"]):
        fine_tuned = variant == "fine_tuned"
        default, from_table = price_of(model, fine_tuned), price_of(model, fine_tuned, table)
        assert [str(v) for v in vars(default).values()] == [str(v) for v in vars(from_table).values()]
    with pytest.raises(KeyError) as default_error:
        price_of("no-such-model")
    with pytest.raises(KeyError) as table_error:
        price_of("no-such-model", table=table)
    assert str(default_error.value) == str(table_error.value)


def test_framework_costs_and_prices_import_without_pandas() -> None:
    """Can a kernel import the framework, the cost model and the prices, and price a request, without pandas?"""
    import subprocess
    import sys

    code = ("import sys; import course_lib.framework, course_lib.costs as c, course_lib.prices as p; "
            "p.price_of('gpt-4o-mini'); c.seed_compare_approaches(daily_requests=10_000, tokens_per_request=200); "
            "print(sorted({'pandas', 'numpy'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
