"""Every value a chart draws checked against how it is drawn: numbers where it plots numbers, dates where dates.

A cell that is not what its encoding says ('T' for "trace" in a column drawn as ``:Q``) makes Vega-Lite
drop the mark or read the column as text, and the chart is wrong with no error. So every data file's
cells are checked against the built spec's encodings, in every authoring form, and a bad cell is
reported at its own row, naming the chart that draws it. Empty cells are missing values: allowed only
where the block says how to draw them (``missing: gap`` or ``missing: zero``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.plugins.charts.data import Table
from nutgraf.plugins.charts.fields import as_names, field_definitions, spec_objects
from nutgraf.plugins.charts.problem import ChartProblem

# How an empty cell is drawn, when the block says (``missing:``): left out (a gap in a line, no bar), or as 0.
MISSING_POLICIES = ("gap", "zero")
_NUMBER = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")
# Dates as Vega reads them without a format: ISO 8601 (a month, a day, a time, an offset) and
# the month-name forms JavaScript's Date parses the same way everywhere ("Jan 1 2000", "1 January 2000").
_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?$|"
    r"^\d{4}/\d{1,2}/\d{1,2}( \d{2}:\d{2}(:\d{2})?)?$"
)
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_NAMED_DATE = re.compile(
    rf"^(\w+,? )?(({_MONTHS})[a-z]*\.? \d{{1,2}},? \d{{4}}|\d{{1,2}} ({_MONTHS})[a-z]*\.? \d{{4}})"
    r"( \d{1,2}:\d{2}(:\d{2})?)?$",
    re.IGNORECASE,
)
DRAWN_AS = {"quantitative": "numbers", "temporal": "dates"}


@dataclass(frozen=True)
class EncodedField:
    """A field a chart draws, as what (quantitative or temporal), through which channel."""

    field: str
    kind: str  # "quantitative" or "temporal"
    channel: str


def encoded_fields(spec: Any) -> Iterator[EncodedField]:
    """Every field the spec draws as numbers or dates, at any depth (layers, facets, concatenations)."""
    for name, item in field_definitions(spec):
        kind = "temporal" if item.get("timeUnit") else str(item.get("type", ""))
        if item.get("aggregate") in ("count", "distinct", "valid", "missing"):
            continue  # counts rows, whatever the cells hold
        if kind in DRAWN_AS:
            yield EncodedField(item["field"], kind, name)


def is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return math.isfinite(value)
    return isinstance(value, str) and _NUMBER.match(value.strip()) is not None


def is_date(value: Any) -> bool:
    """A date Vega reads as the editor means it. A bare number is not: Vega reads 2001 as 2 s after 1970
    (and a CSV cell of digits reaches Vega as a number)."""
    return isinstance(value, str) and bool(_ISO_DATE.match(value.strip()) or _NAMED_DATE.match(value.strip()))


def is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def row_lines(table: Table) -> list[int]:
    """The line of each row in its file (CSV rows may span lines; JSON rows are found by where they start)."""
    text = table.raw.decode("utf-8-sig")
    if table.format == "json":
        return _json_row_lines(text)
    reader = csv.reader(io.StringIO(text), delimiter="\t" if table.format == "tsv" else ",")
    lines = []
    next(reader, None)
    start = reader.line_num + 1
    for _row in reader:
        lines.append(start)
        start = reader.line_num + 1
    return lines


def _json_row_lines(text: str) -> list[int]:
    decoder = json.JSONDecoder()
    lines: list[int] = []
    index = text.find("[") + 1
    while 0 < index < len(text):
        while index < len(text) and text[index] in " \t\r\n,":
            index += 1
        if index >= len(text) or text[index] == "]":
            break
        lines.append(text.count("\n", 0, index) + 1)
        try:
            _, index = decoder.raw_decode(text, index)
        except ValueError:
            break
    return lines


def _shown(value: Any) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[str(value)]
    if isinstance(value, dt.date):
        return value.isoformat()
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return f"'{text}'" if isinstance(value, str) else text


def _fix(kind: str, value: Any) -> str:
    if isinstance(value, dt.date):  # a YAML spec's unquoted date: JSON, and so the chart, cannot hold it
        return f"put the date in quotes, '{value.isoformat()}': unquoted, YAML reads it as a date object"
    if kind == "temporal" and is_number(value):
        return f"write the date in full, e.g. {int(float(value))}-01-01, or draw the field as :O (ordered categories)"
    if kind == "temporal":
        return "write it as YYYY-MM-DD (or YYYY-MM, or YYYY-MM-DD HH:MM)"
    return "write a number (digits, a '.' for decimals, no units or thousands separators)"


@dataclass(frozen=True)
class Dataset:
    """Rows a chart draws, and where editors find them: a data file's rows, or inline data in a spec file."""

    name: str  # the data file, or the spec file with inline data
    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]
    line_of: Callable[[int, str], int]  # (row index, field) -> the line to report
    parsed: frozenset[str] = frozenset()  # fields the spec parses itself (its data's format.parse): left to it


def cell_problems(
    spec: dict[str, Any], tables: list[Table], chart: str, missing: str | None, content_root: Path
) -> list[ChartProblem]:
    """A problem at each data file's row whose cell is not what ``spec`` draws it as (the first per column)."""
    datasets = []
    for table in tables:
        lines = row_lines(table)
        shown = (Path(content_root.name) / table.path.relative_to(content_root.resolve())).as_posix()
        line_of = lambda index, _field, lines=lines: lines[index] if index < len(lines) else 1  # noqa: E731
        datasets.append(Dataset(shown, table.columns, table.rows, line_of))
    return dataset_problems(spec, datasets, chart, missing)


def inline_datasets(spec: Any, shown: str, line_of: Callable[[int, str], int]) -> list[Dataset]:
    """The spec's own inline data (``data.values``, ``datasets``) as datasets of the spec file ``shown``."""
    found = []
    for values, given in _inline_data(spec):
        if isinstance(values, str):
            kind = str(given.get("type") or "csv")
            rows = tuple(csv.DictReader(io.StringIO(values), delimiter="\t" if kind == "tsv" else ","))
        elif all(isinstance(row, dict) for row in values):
            rows = tuple(values)
        else:  # plain values: Vega-Lite reads each as an object with one field, 'data'
            rows = tuple({"data": value} for value in values)
        columns = tuple(dict.fromkeys(key for row in rows for key in row))
        parse = given.get("parse")
        parsed = frozenset(parse) if isinstance(parse, dict) else frozenset()
        found.append(Dataset(shown, columns, rows, line_of, parsed))
    return found


def _inline_data(spec: Any) -> Iterator[tuple[list[Any] | str, dict[str, Any]]]:
    """(values, format) of each inline dataset, at any depth."""
    for node in spec_objects(spec):
        data = node.get("data")
        if isinstance(data, dict) and isinstance(data.get("values"), list | str):
            given = data.get("format")
            yield data["values"], given if isinstance(given, dict) else {}
        datasets = node.get("datasets")
        if isinstance(datasets, dict):
            yield from ((values, {}) for values in datasets.values() if isinstance(values, list | str))


def _remade(spec: Any) -> set[str]:
    """Fields a transform writes (its 'as', and the arrays a 'flatten' turns into their items): what is drawn under
    such a name is no longer the data's cell."""
    return {name for node in spec_objects(spec) for key in ("as", "flatten") for name in as_names(node.get(key))}


def dataset_problems(
    spec: dict[str, Any], datasets: list[Dataset], chart: str, missing: str | None
) -> list[ChartProblem]:
    """A problem at each dataset's row whose cell is not what ``spec`` draws it as (the first per column)."""
    fields = list(dict.fromkeys(encoded_fields(spec)))
    remade = _remade(spec)
    problems: list[ChartProblem] = []
    seen: set[tuple[str, str]] = set()
    for dataset in datasets:
        for drawn in fields:
            if drawn.field not in dataset.columns or drawn.field in dataset.parsed | remade:
                continue
            if (dataset.name, drawn.field) in seen:
                continue
            seen.add((dataset.name, drawn.field))
            what = DRAWN_AS[drawn.kind]
            valid = is_number if drawn.kind == "quantitative" else is_date
            cells = [(index, row.get(drawn.field)) for index, row in enumerate(dataset.rows)]
            # An empty cell is fine where the block says how to draw it; any other cell must be what is drawn.
            bad = [(index, value) for index, value in cells if (not missing if is_missing(value) else not valid(value))]
            if not bad:
                continue
            index, value = bad[0]
            more = f" (and {len(bad) - 1} more row{'s' if len(bad) > 2 else ''})" if len(bad) > 1 else ""
            line = dataset.line_of(index, drawn.field)
            if is_missing(value):
                message = f"column '{drawn.field}' is empty{more} where the chart at {chart} plots {what}"
                hint = (
                    "fill the cell, or say how to draw missing values in the chart block: "
                    "'missing: gap' leaves them out, 'missing: zero' draws them as 0"
                )
            else:
                message = f"column '{drawn.field}' holds {_shown(value)}{more} where the chart at {chart} plots {what}"
                hint = _fix(drawn.kind, value)
            problems.append(ChartProblem(message, hint, path=dataset.name, line=line))
    return problems


def zero_missing(spec: dict[str, Any]) -> None:
    """``missing: zero``: empty cells of fields drawn as numbers become 0 in the spec's inline data."""
    fields = {drawn.field for drawn in encoded_fields(spec) if drawn.kind == "quantitative"}
    for records in _inline_records(spec):
        for row in records:
            for name in fields & row.keys():
                if is_missing(row[name]):
                    row[name] = 0


def _inline_records(spec: Any) -> Iterator[list[dict[str, Any]]]:
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "values" and isinstance(value, list) and all(isinstance(row, dict) for row in value):
                yield value
            elif key == "datasets" and isinstance(value, dict):
                yield from (rows for rows in value.values() if isinstance(rows, list))
            else:
                yield from _inline_records(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from _inline_records(item)
