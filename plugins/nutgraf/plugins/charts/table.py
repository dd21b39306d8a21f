"""The data behind a chart, as the chart shows it: its rows after the spec's transforms and filters, in the
chart's order, its columns named and formatted as its tooltip names and formats them.

Vega computes what a chart draws (filters, calculated fields, aggregates), so Vega is asked: the
compiled spec's first mark with a tooltip is given one more property, the tooltip's values both
formatted and raw, and vl-convert's scenegraph hands each drawn item's back with its position. The
formatted values make the page's table (the words of the tooltip and the screen reader's
announcement, in the chart's locale); the raw ones make the chart-only CSV.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import vl_convert

MINUS = "\u2212"
_DATUM_FIELD = re.compile(r'datum\["((?:[^"\\]|\\.)*)"\]')
_DISCRETE_SCALES = frozenset({"band", "point", "time", "utc", "ordinal"})
_GUIDES = frozenset({"axes", "legends", "title"})
_ROW_PROPERTY = "text"  # drawn by text marks only: on a bar, line or point it is carried, never shown


@dataclass(frozen=True)
class ChartTable:
    """Columns (the chart's titles), rows of formatted cells, rows of raw values, and which columns are numbers."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    raw: tuple[tuple[Any, ...], ...]
    numeric: tuple[bool, ...]

    def to_json(self) -> bytes:
        data = {"columns": self.columns, "rows": self.rows, "raw": self.raw, "numeric": self.numeric}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, data: bytes) -> ChartTable:
        loaded = json.loads(data)
        return cls(
            tuple(loaded["columns"]),
            tuple(tuple(row) for row in loaded["rows"]),
            tuple(tuple(row) for row in loaded["raw"]),
            tuple(loaded["numeric"]),
        )

    def csv(self) -> bytes:
        """The chart's columns and rows, raw values (numbers as numbers, dates as ISO dates), for download."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(["" if value is None else value for value in row] for row in self.raw)
        return buffer.getvalue().encode()


def cell_text(value: str, numeric: bool) -> str:
    """A formatted value for the table: a number's hyphen-minus becomes the real minus sign."""
    value = value.strip()
    if numeric and value.startswith("-"):
        return MINUS + value[1:]
    return value


def split_object(signal: str) -> list[tuple[str, str]]:
    """A Vega-Lite tooltip signal ``{"Title": expression, ...}`` as (title, expression) pairs."""
    text = signal.strip()
    if not (text.startswith("{") and text.endswith("}")):
        return []
    pairs: list[tuple[str, str]] = []
    depth, quote, start = 0, "", 1
    for index in range(1, len(text) - 1):
        char = text[index]
        if quote:
            if char == quote and text[index - 1] != "\\":
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            pairs.append(_pair(text[start:index]))
            start = index + 1
    pairs.append(_pair(text[start:-1]))
    return [pair for pair in pairs if pair[0]]


def _pair(entry: str) -> tuple[str, str]:
    key, _, expression = entry.strip().partition(":")
    try:
        title = json.loads(key)
    except json.JSONDecodeError:
        return "", ""
    return (title, expression.strip()) if isinstance(title, str) else ("", "")


def _marks(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for mark in spec.get("marks") or []:
        if isinstance(mark, dict):
            yield mark
            yield from _marks(mark)


def _scale_types(vega: dict[str, Any]) -> dict[str, str]:
    scales = [scale for scale in vega.get("scales") or [] if isinstance(scale, dict)]
    return {scale.get("name"): scale.get("type", "linear") for scale in scales}


def _items(node: dict[str, Any], marktype: str, x: float = 0, y: float = 0) -> Iterator[tuple[float, float, Any]]:
    """Each drawn item of the marked mark: its position in the chart and the row it carries."""
    for item in node.get("items") or []:
        if not isinstance(item, dict):
            continue
        if node.get("marktype") == marktype and isinstance(item.get(_ROW_PROPERTY), list):
            yield x + float(item.get("x") or 0), y + float(item.get("y") or 0), item[_ROW_PROPERTY]
        elif "items" in item:
            yield from _items(item, marktype, x + float(item.get("x") or 0), y + float(item.get("y") or 0))


def _without_guides(spec: dict[str, Any]) -> dict[str, Any]:
    """The compiled spec without its axes, legends and titles, in every group: what the table reads (the
    marks' values and their order) does not depend on them, and measuring their text is most of a layout.
    Scales keep their order when the plot takes the axes' room, so the items' order is the chart's."""
    bare = {key: value for key, value in spec.items() if key not in _GUIDES}
    if isinstance(spec.get("marks"), list):
        bare["marks"] = [_without_guides(mark) if isinstance(mark, dict) else mark for mark in spec["marks"]]
    return bare


def chart_table(vega: dict[str, Any], locale: dict[str, Any] | None = None) -> ChartTable | None:
    """The table of a compiled chart whose marks carry a tooltip, or None when none does."""
    spec = copy.deepcopy(_without_guides(vega))
    mark = next((m for m in _marks(spec) if "tooltip" in ((m.get("encode") or {}).get("update") or {})), None)
    tooltip = mark["encode"]["update"]["tooltip"] if mark else None
    pairs = split_object(tooltip.get("signal", "")) if isinstance(tooltip, dict) else []
    if not pairs:
        return None
    formatted = ", ".join(expression for _, expression in pairs)
    raw = []
    for _, expression in pairs:
        field = _DATUM_FIELD.search(expression)
        value = f'datum["{field[1]}"]' if field else "null"
        raw.append(f"isDate({value}) ? timeFormat({value}, '%Y-%m-%d') : {value}")
    mark["encode"]["update"][_ROW_PROPERTY] = {"signal": f"[[{formatted}], [{', '.join(raw)}]]"}
    scenegraph = vl_convert.vega_to_scenegraph(spec, **(locale or {}))["scenegraph"]
    found = list(_items(scenegraph, mark.get("type", "")))
    scales = _scale_types(spec)
    # The chart's order: along its time or category axis (down a horizontal bar chart), then across it.
    by_y = scales.get("x") not in _DISCRETE_SCALES and scales.get("y") in _DISCRETE_SCALES
    found.sort(key=lambda item: (item[1], item[0]) if by_y else (item[0], item[1]))
    rows, raws, seen = [], [], set()
    for _, _, (cells, values) in found:
        key = json.dumps(cells)
        if key in seen:  # a line and the points on it, or a stacked area's two edges: one row
            continue
        seen.add(key)
        rows.append(cells)
        raws.append(values)
    numeric = tuple(
        bool(raws) and all(isinstance(row[i], int | float) or row[i] is None for row in raws) for i in range(len(pairs))
    )
    return ChartTable(
        tuple(title for title, _ in pairs),
        tuple(tuple(cell_text(str(cell), numeric[i]) for i, cell in enumerate(row)) for row in rows),
        tuple(tuple(row) for row in raws),
        numeric,
    )
