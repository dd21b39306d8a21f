"""Every cell a chart draws is checked against how it is drawn: numbers, dates, and missing values said aloud."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutgraf.plugins.charts.cell_types import is_date, is_number
from nutgraf.plugins.charts.problem import ChartError
from nutgraf.plugins.charts.spec import build_spec
from nutgraf.plugins.charts.spec_memo import spec_memo
from nutgraf.plugins.charts.validate import check_block
from tests.plugins.charts.helpers import block, content, settings

RAIN = "year,precipitation\n2001,10.5\n2002,T\n2003,12\n2004,9\n"
BARS = """
title: Rain
data: data/rain.csv
mark: bar
x: year:O
y: precipitation:Q
source: A weather office
alt: Four bars.
"""


def problems(tmp_path: Path, text: str, files: dict[str, str]) -> list[str]:
    root = content(tmp_path, files)
    return [str(d) for d in check_block(block(text), settings(root))]


def test_a_letter_in_a_column_drawn_as_numbers_names_the_cell_and_the_chart(tmp_path: Path) -> None:
    assert problems(tmp_path, BARS, {"data/rain.csv": RAIN}) == [
        "content/data/rain.csv:3: column 'precipitation' holds 'T' where the chart at content/explainers/a.md:10"
        " plots numbers; write a number (digits, a '.' for decimals, no units or thousands separators)"
    ]


def test_the_hint_applied_fixes_it(tmp_path: Path) -> None:
    assert problems(tmp_path, BARS, {"data/rain.csv": RAIN.replace(",T", ",0.1")}) == []


def test_many_bad_cells_are_one_message_at_the_first(tmp_path: Path) -> None:
    found = problems(tmp_path, BARS, {"data/rain.csv": RAIN.replace("12", "n/a").replace(",9", ",9 mm")})
    assert len(found) == 1 and "holds 'T' (and 2 more rows)" in found[0]


def test_an_empty_cell_needs_the_block_to_say_how_to_draw_it(tmp_path: Path) -> None:
    files = {"data/rain.csv": RAIN.replace(",T", ",")}
    found = problems(tmp_path, BARS, files)
    assert len(found) == 1
    assert found[0].startswith("content/data/rain.csv:3: column 'precipitation' is empty where the chart at")
    assert "'missing: gap' leaves them out" in found[0]
    assert problems(tmp_path / "gap", BARS + "missing: gap\n", files) == []
    assert problems(tmp_path / "zero", BARS + "missing: zero\n", files) == []


def test_missing_zero_draws_the_empty_cell_as_zero(tmp_path: Path) -> None:
    root = content(tmp_path, {"data/rain.csv": RAIN.replace(",T", ",")})
    built = spec_memo(tmp_path / "cache").build(block(BARS + "missing: zero\n"), root)
    rows = built.vega_lite["data"]["values"]
    assert {row["year"]: row["precipitation"] for row in rows}[2002] == 0


def test_an_unknown_missing_policy_is_refused(tmp_path: Path) -> None:
    found = problems(tmp_path, BARS + "missing: skip\n", {"data/rain.csv": RAIN.replace(",T", ",1")})
    assert found == [
        "content/explainers/a.md:18: 'missing: skip' is not a way to draw missing values;"
        " write 'missing: gap' (left out) or 'missing: zero' (drawn as 0)"
    ]


def test_dates_are_checked_where_a_field_is_drawn_as_time(tmp_path: Path) -> None:
    text = BARS.replace("mark: bar", "mark: line").replace("year:O", "day:T")
    files = {"data/rain.csv": "day,precipitation\n2001-01-01,1\n01/02/2001,2\n2001-01-03,3\n"}
    assert problems(tmp_path, text, files) == [
        "content/data/rain.csv:3: column 'day' holds '01/02/2001' where the chart at content/explainers/a.md:10"
        " plots dates; write it as YYYY-MM-DD (or YYYY-MM, or YYYY-MM-DD HH:MM)"
    ]


def test_a_bare_year_drawn_as_time_is_refused_it_would_be_milliseconds_after_1970(tmp_path: Path) -> None:
    found = problems(tmp_path, BARS.replace("year:O", "year:T"), {"data/rain.csv": RAIN.replace(",T", ",1")})
    assert len(found) == 1 and "holds '2001' (and 3 more rows) where" in found[0]
    assert "e.g. 2001-01-01, or draw the field as :O" in found[0]


def test_nan_and_infinity_in_json_are_not_numbers(tmp_path: Path) -> None:
    rows = '[\n  {"year": 2001, "precipitation": 1},\n  {"year": 2002, "precipitation": NaN},\n'
    rows += '  {"year": 2003, "precipitation": Infinity}\n]\n'
    found = problems(tmp_path, BARS.replace("rain.csv", "rain.json"), {"data/rain.json": rows})
    assert found == [
        "content/data/rain.json:3: column 'precipitation' holds NaN (and 1 more row) where the chart at"
        " content/explainers/a.md:10 plots numbers; write a number (digits, a '.' for decimals, no units or"
        " thousands separators)"
    ]


SPEC = {
    "data": {"url": "data/rain.csv"},
    "mark": "bar",
    "encoding": {"x": {"field": "year", "type": "ordinal"}, "y": {"field": "precipitation", "type": "quantitative"}},
}


def test_full_specs_have_their_cells_checked_too(tmp_path: Path) -> None:
    files = {"data/rain.csv": RAIN, "charts/rain.vl.json": json.dumps(SPEC, indent=2)}
    found = problems(tmp_path, "spec: charts/rain.vl.json\nsource: S\nalt: A.\n", files)
    assert len(found) == 1 and found[0].startswith("content/data/rain.csv:3: column 'precipitation' holds 'T'")


def test_a_count_draws_rows_whatever_the_cells_hold(tmp_path: Path) -> None:
    spec = {**SPEC, "encoding": {**SPEC["encoding"], "y": {"aggregate": "count", "type": "quantitative"}}}
    files = {"data/rain.csv": RAIN, "charts/rain.vl.json": json.dumps(spec)}
    assert problems(tmp_path, "spec: charts/rain.vl.json\nsource: S\nalt: A.\n", files) == []


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_finite_float_as_python_writes_it_is_a_number(value: float) -> None:
    assert is_number(repr(value)) and is_number(value)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzT%$ ,", min_size=1))
def test_no_text_without_digits_is_a_number(text: str) -> None:
    assert not is_number(text)


@given(st.dates())
def test_every_iso_date_is_a_date_and_no_number_is(day: datetime.date) -> None:
    if day.year >= 1000:
        assert is_date(day.isoformat()) and is_date(f"{day.isoformat()} 14:30")
    assert not is_date(day.year) and not is_date(str(day.toordinal()))


def test_a_misspelt_field_in_a_yaml_spec_names_the_field_the_file_and_its_line(tmp_path: Path) -> None:
    spec = "data:\n  url: data/rain.csv\nmark: bar\nencoding:\n  x: {field: year, type: ordinal}\n"
    spec += "  y:\n    field: precipitaton\n    type: quantitative\n"
    files = {"data/rain.csv": RAIN.replace(",T", ",1"), "charts/rain.vl.yaml": spec}
    assert problems(tmp_path, "spec: charts/rain.vl.yaml\nsource: S\nalt: A.\n", files) == [
        "content/charts/rain.vl.yaml:7: field 'precipitaton' (y) is not in the chart's data"
        " (did you mean 'precipitation'?); its columns are: precipitation, year"
    ]


def test_an_altair_modules_data_file_is_checked_against_the_chart_it_returns(tmp_path: Path) -> None:
    module = "import altair as alt\n\ndef build(data):\n"
    module += "    return alt.Chart(data).mark_bar().encode(x='year:O', y='precipitation:Q')\n"
    root = content(tmp_path, {"data/rain.csv": RAIN, "charts/m.py": module})
    chart = block("altair: charts/m.py:build\ndata: data/rain.csv\nsource: S\nalt: A")
    with pytest.raises(ChartError) as raised:
        build_spec(chart, root)
    assert [str(p.diagnostic(chart)) for p in raised.value.problems] == [
        "content/data/rain.csv:3: column 'precipitation' holds 'T' where the chart at content/explainers/a.md:10"
        " plots numbers; write a number (digits, a '.' for decimals, no units or thousands separators)"
    ]


INLINE = {
    "data": {"values": [{"year": 2001, "precipitation": 10.5}, {"year": 2002, "precipitation": "T"}]},
    "mark": "bar",
    "encoding": SPEC["encoding"],
}
SPEC_BLOCK = "spec: charts/rain.vl.json\nsource: S\nalt: A.\n"


def test_a_full_specs_inline_values_are_typed_like_a_data_files_cells(tmp_path: Path) -> None:
    text = json.dumps(INLINE, indent=2)
    found = problems(tmp_path, SPEC_BLOCK, {"charts/rain.vl.json": text})
    row = next(number for number, line in enumerate(text.splitlines(), start=1) if '"T"' in line)
    assert found == [
        f"content/charts/rain.vl.json:{row}: column 'precipitation' holds 'T' where the chart at"
        " content/explainers/a.md:10 plots numbers; write a number (digits, a '.' for decimals, no units or"
        " thousands separators)"
    ]
    fixed = json.dumps(INLINE, indent=2).replace('"T"', "0.1")
    assert problems(tmp_path / "fixed", SPEC_BLOCK, {"charts/rain.vl.json": fixed}) == []


def test_inline_rows_on_one_line_each_and_in_yaml_are_found_at_their_line(tmp_path: Path) -> None:
    spec = "data:\n  values:\n    - {day: '2001-01-01', rain: 1}\n    - {day: 01/02/2001, rain: 2}\nmark: line\n"
    spec += "encoding:\n  x: {field: day, type: temporal}\n  y: {field: rain, type: quantitative}\n"
    yaml_block = SPEC_BLOCK.replace(".json", ".yaml")
    found = problems(tmp_path, yaml_block, {"charts/rain.vl.yaml": spec})
    assert len(found) == 1 and found[0].startswith(
        "content/charts/rain.vl.yaml:4: column 'day' holds '01/02/2001' where the chart at"
    )
    # Unquoted, YAML makes a date object of it, which the chart's JSON cannot hold: said, not a traceback.
    unquoted = spec.replace("'2001-01-01'", "2001-01-01").replace("01/02/2001", "'2001-01-02'")
    found = problems(tmp_path / "unquoted", yaml_block, {"charts/rain.vl.yaml": unquoted})
    assert len(found) == 1 and found[0].startswith("content/charts/rain.vl.yaml:3: column 'day' holds 2001-01-01 where")
    assert found[0].endswith("put the date in quotes, '2001-01-01': unquoted, YAML reads it as a date object")


def test_inline_csv_text_plain_values_and_empty_cells_are_checked(tmp_path: Path) -> None:
    csv_spec = {**INLINE, "data": {"values": "year,precipitation\n2001,1\n2002,\n", "format": {"type": "csv"}}}
    found = problems(tmp_path / "csv", SPEC_BLOCK, {"charts/rain.vl.json": json.dumps(csv_spec)})
    assert len(found) == 1 and "column 'precipitation' is empty where the chart at" in found[0]
    assert (
        problems(tmp_path / "gap", SPEC_BLOCK + "missing: gap\n", {"charts/rain.vl.json": json.dumps(csv_spec)}) == []
    )
    plain = {
        "data": {"values": ["1", "2", "three"]},
        "mark": "tick",
        "encoding": {"x": {"field": "data", "type": "quantitative"}},
    }
    found = problems(tmp_path / "plain", SPEC_BLOCK, {"charts/rain.vl.json": json.dumps(plain)})
    assert len(found) == 1 and "column 'data' holds 'three' where the chart" in found[0]


def test_fields_the_spec_parses_or_remakes_itself_are_left_to_it(tmp_path: Path) -> None:
    dated = {
        "data": {"values": [{"day": "01/02/2001", "rain": 1}], "format": {"parse": {"day": "date:'%d/%m/%Y'"}}},
        "mark": "point",
        "encoding": {"x": {"field": "day", "type": "temporal"}, "y": {"field": "rain", "type": "quantitative"}},
    }
    assert problems(tmp_path / "parse", SPEC_BLOCK, {"charts/rain.vl.json": json.dumps(dated)}) == []
    remade = {
        **INLINE,
        "data": {"values": [{"year": 2001, "precipitation": "10 mm"}]},
        "transform": [{"calculate": "parseFloat(datum.precipitation)", "as": "precipitation"}],
    }
    assert problems(tmp_path / "calculate", SPEC_BLOCK, {"charts/rain.vl.json": json.dumps(remade)}) == []


def test_flattened_arrays_and_year_first_slashed_times_are_what_they_are_drawn_as(tmp_path: Path) -> None:
    """Two valid Vega-Lite gallery specs (circle_flatten, circle_github_punchcard) that were refused."""
    flattened = {
        "data": {"values": [{"key": "alpha", "foo": [1, 2]}, {"key": "beta", "foo": [3, 4, 5]}]},
        "transform": [{"flatten": ["foo"]}],
        "mark": "circle",
        "encoding": {"x": {"field": "foo", "type": "quantitative"}, "y": {"field": "key", "type": "nominal"}},
    }
    assert problems(tmp_path / "flatten", SPEC_BLOCK, {"charts/rain.vl.json": json.dumps(flattened)}) == []
    assert is_date("2015/01/01 01:00:00") and is_date("2015/1/2 13:05")
