"""A shorthand chart's ``annotations:``: the points, events, periods and levels its text is about.

Each item is one of four kinds, told apart by its keys (every item needs ``text``):

- ``{x, y, text}``: a note at a data point;
- ``{x, text}``: a vertical rule at an x value (an event: "Crackdown begins");
- ``{from, to, text}``: a shaded range of x values (a period);
- ``{y, text}``: a horizontal reference line at a y value (a target, a threshold).

Values are checked against the data like its cells are: an x value must be what the x field holds (a date
where it plots dates) and lie inside the data's range, so a note is never drawn off the axis or at the wrong
year. The checked annotations travel in the built spec's ``usermeta`` (so they are part of the spec's memo
and render key) and become layers only when the spec is sized for a render (``annotated``), after the
direct labels, which label single views only.
"""

from __future__ import annotations

import datetime
import math
import textwrap
from typing import Any

from nutgraf.plugins.charts.annotation_layout import LINE_HEIGHT, Anchor, Box, Measure, first_places, place_labels
from nutgraf.plugins.charts.cell_types import is_number
from nutgraf.plugins.charts.data import Table
from nutgraf.plugins.charts.problem import ChartProblem

KEY = "annotations"
USERMETA_KEY = "nutgraf_annotations"
KINDS = {
    frozenset({"x", "y", "text"}): "note",
    frozenset({"x", "text"}): "event",
    frozenset({"from", "to", "text"}): "period",
    frozenset({"y", "text"}): "level",
}
SHAPES = "{x, y, text} (a note), {x, text} (an event), {from, to, text} (a period) or {y, text} (a level)"
# A label wraps at this many characters a line: at 14 px, half of a 328 px phone chart's plot, so a label
# anchored at its value and running towards the wider side never crosses the chart's edge.
LINE_CHARACTERS = 18
MAX_TEXT = 3 * LINE_CHARACTERS
_CATEGORY = ("nominal", "ordinal")
# The marks' look: named styles the theme defines (ink at low opacity: muted, right in light and dark mode).
STYLE = "annotation"
LAYERS_PER_ANNOTATION = 2
RANGE_STYLE = "annotation-range"


def _date(value: Any) -> datetime.date | None:
    """A date as YAML or a data cell gives it (a YAML date, or text starting YYYY-MM-DD or YYYY-MM)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern, length in (("%Y-%m-%d", 10), ("%Y-%m", 7)):
        head = text[:length]
        if len(text) == length or (len(text) > length and text[length] in "T "):
            try:
                return datetime.datetime.strptime(head, pattern).date()
            except ValueError:
                continue
    return None


def _shown(value: Any) -> str:
    if isinstance(value, float):
        return _number(value)
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


def _x_field(spec: dict[str, Any]) -> tuple[str, str] | None:
    definition = (spec.get("encoding") or {}).get("x")
    if not isinstance(definition, dict) or not isinstance(definition.get("field"), str):
        return None
    kind = "temporal" if definition.get("timeUnit") else str(definition.get("type", ""))
    return definition["field"], kind


def _y_field(spec: dict[str, Any]) -> str | None:
    definition = (spec.get("encoding") or {}).get("y")
    if (
        isinstance(definition, dict)
        and isinstance(definition.get("field"), str)
        and definition.get("type") == "quantitative"
    ):
        return definition["field"]
    return None


class _Axis:
    """One axis's data: what its values are and the range they span, to place and check annotations on."""

    def __init__(self, name: str, field: str, kind: str, values: list[Any]) -> None:
        self.name, self.field, self.kind = name, field, kind
        self.categories: list[str] = []
        self.low: Any = None
        self.high: Any = None
        if kind in _CATEGORY:
            self.categories = list(dict.fromkeys(str(v) for v in values if v not in (None, "")))
        else:
            read = [self.read(v) for v in values]
            present = [v for v in read if v is not None]
            if present:
                self.low, self.high = min(present), max(present)

    def read(self, value: Any) -> Any:
        if self.kind == "temporal":
            return _date(value)
        if self.kind == "quantitative":
            return float(value) if is_number(value) else None
        return str(value) if value not in (None, "") else None

    def check(self, value: Any, where: str, problems: list[ChartProblem]) -> tuple[Any, float] | None:
        """The value as drawn and its place along the axis (0 at the low end, 1 at the high), or a problem."""
        read = self.read(value)
        if read is None:
            if self.kind == "temporal":
                hint = "write YYYY-MM-DD" + (f", e.g. {int(value)}-01-01" if is_number(value) else "")
                problems.append(ChartProblem(f"annotation {self.name} '{_shown(value)}' is not a date", hint, where))
            else:
                problems.append(
                    ChartProblem(
                        f"annotation {self.name} '{_shown(value)}' is not a number",
                        "write digits, a '.' for decimals, no units or thousands separators",
                        where,
                    )
                )
            return None
        if self.kind in _CATEGORY:
            if read not in self.categories:
                shown = ", ".join(self.categories[:8]) + (" …" if len(self.categories) > 8 else "")
                problems.append(
                    ChartProblem(
                        f"annotation {self.name} '{read}' is not a value of '{self.field}'",
                        f"use one of: {shown}",
                        where,
                    )
                )
                return None
            count = len(self.categories)
            return read, self.categories.index(read) / (count - 1) if count > 1 else 0.5
        if self.low is None or not (self.low <= read <= self.high):
            span = f"{_shown(self.low)} to {_shown(self.high)}" if self.low is not None else "no values"
            problems.append(
                ChartProblem(
                    f"annotation {self.name} '{_shown(value)}' is outside the chart's {self.name} axis ({span})",
                    f"write a value from {_shown(self.low)} to {_shown(self.high)}, or add the data it points at",
                    where,
                )
            )
            return None
        if self.kind == "temporal":
            spread = (self.high - self.low).days
            return read.isoformat(), (read - self.low).days / spread if spread else 0.5
        spread = self.high - self.low
        return read, (read - self.low) / spread if spread else 0.5


def _y_axis(spec: dict[str, Any], field: str, table: Table) -> _Axis:
    """The y axis's range as drawn: from 0 (Vega-Lite's quantitative scales include it) and, for stacked
    areas and bars, up to the tallest stack."""
    axis = _Axis("y", field, "quantitative", [row.get(field) for row in table.rows])
    if axis.low is None:
        return axis
    axis.low, axis.high = min(axis.low, 0.0), max(axis.high, 0.0)
    mark = spec.get("mark")
    mark_type = mark.get("type") if isinstance(mark, dict) else mark
    x = _x_field(spec)
    if mark_type in ("area", "bar") and "color" in (spec.get("encoding") or {}) and x:
        stacks: dict[str, float] = {}
        for row in table.rows:
            if is_number(row.get(field)) and float(row[field]) > 0:
                stacks[str(row.get(x[0]))] = stacks.get(str(row.get(x[0])), 0.0) + float(row[field])
        axis.high = max([axis.high, *stacks.values()])
    return axis


def check_annotations(
    value: Any, spec: dict[str, Any], table: Table
) -> tuple[list[dict[str, Any]], list[ChartProblem]]:
    """The block's ``annotations:`` checked against the built spec's axes and the data, ready to draw."""
    problems: list[ChartProblem] = []
    if not isinstance(value, list) or not value:
        return [], [ChartProblem("'annotations' must be a list of items", f"write each item as {SHAPES}", KEY)]
    x_field, y_field = _x_field(spec), _y_field(spec)
    x_axis = _Axis("x", *x_field, [row.get(x_field[0]) for row in table.rows]) if x_field else None
    y_axis = _y_axis(spec, y_field, table) if y_field else None
    checked: list[dict[str, Any]] = []
    for index, item in enumerate(value):
        where = f"{KEY}.{index}"
        kind = KINDS.get(frozenset(item)) if isinstance(item, dict) else None
        if kind is None:
            given = ", ".join(map(str, item)) if isinstance(item, dict) else type(item).__name__
            problems.append(ChartProblem(f"annotation {index + 1} ({given}) is none of the four kinds", SHAPES, where))
            continue
        text = item["text"]
        if not isinstance(text, str) or not text.strip():
            problems.append(
                ChartProblem(
                    f"annotation {index + 1} has no text", "write text: what the reader should see there", where
                )
            )
            continue
        text = " ".join(text.split())
        if len(text) > MAX_TEXT:
            problems.append(
                ChartProblem(
                    f"annotation text '{text}' is {len(text)} characters; at most {MAX_TEXT} fit a phone's chart",
                    "shorten it; the article's text can say the rest",
                    where,
                )
            )
            continue
        drawn: dict[str, Any] = {"kind": kind, "text": text}
        for name in ("x", "from", "to", "y"):
            if name not in item:
                continue
            axis = y_axis if name == "y" else x_axis
            if axis is None:
                what = "a quantitative y field" if name == "y" else "an x field"
                problems.append(ChartProblem(f"annotation {name} needs a chart with {what}", "remove it", where))
                break
            placed = axis.check(item[name], where, problems)
            if placed is None:
                break
            drawn[name], drawn[f"{name}_position"] = placed
        else:
            if kind == "period" and x_axis and x_axis.kind not in _CATEGORY and drawn["from"] >= drawn["to"]:
                message = f"annotation range from {drawn['from']} to {drawn['to']} is empty or reversed"
                problems.append(ChartProblem(message, "write the earlier value in 'from', the later in 'to'", where))
                continue
            checked.append(drawn)
    return checked, problems


def describe(annotation: dict[str, Any]) -> str:
    """An annotation in words, for screen readers and the data table's caption: its text, then where it is."""
    kind, text = annotation["kind"], annotation["text"]
    if kind == "note":
        return f"{text} (at {_number(annotation['x'])}, {_number(annotation['y'])})"
    if kind == "period":
        return f"{text} ({_number(annotation['from'])} to {_number(annotation['to'])})"
    return f"{text} (at {_number(annotation['x' if kind == 'event' else 'y'])})"


def _number(value: Any) -> str:
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, float) else _shown(value)


def block_descriptions(value: Any) -> list[str]:
    """The block's annotations in words (a block whose chart was built: its items are checked)."""
    items = [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
    return [describe({"kind": KINDS[frozenset(item)], **item}) for item in items if frozenset(item) in KINDS]


# Drawing -------------------------------------------------------------------------------------


def _datum(value: Any, definition: dict[str, Any]) -> dict[str, Any]:
    """A position on the base view's scale as a datum, not a field: a field would add its name to the shared
    axis's title ("month, x"). A date becomes a Vega-Lite DateTime, read in local time like the data's dates."""
    if definition.get("type") == "temporal" or definition.get("timeUnit"):
        day = datetime.date.fromisoformat(value)
        return {"datum": {"year": day.year, "month": day.month, "date": day.day}, "type": "temporal"}
    return {"datum": value, "type": definition.get("type", "quantitative")}


def _lines(annotation: dict[str, Any]) -> list[str]:
    return textwrap.wrap(annotation["text"], LINE_CHARACTERS) or [annotation["text"]]


def _layers(
    annotation: dict[str, Any], label: dict[str, Any], x: dict[str, Any], y: dict[str, Any] | None
) -> list[dict[str, Any]]:
    # One empty row each: the layer would otherwise draw its mark once for each row of the chart's data.
    return [{"data": {"values": [{}]}, **layer} for layer in _marks(annotation, label, x, y)]


def _marks(
    annotation: dict[str, Any], label: dict[str, Any], x: dict[str, Any], y: dict[str, Any] | None
) -> list[dict[str, Any]]:
    """An annotation's marks and encodings, at data (datum) positions on the base view's scales; its label's
    mark properties (alignment, offsets) are ``label``, where annotation_layout placed it."""
    kind = annotation["kind"]
    label = dict(label)
    label_at = label.pop("at", "from") if kind == "period" else "x"

    def at(name: str, channel: dict[str, Any]) -> dict[str, Any]:
        return _datum(annotation[name], channel)

    text = {"type": "text", "style": STYLE, "text": _lines(annotation), "lineHeight": LINE_HEIGHT, **label}
    if kind == "note":
        assert y is not None
        # Beside the point, not above or below it: a note marks a peak or a trough, where the line or the bars
        # fall away on both sides, and text under the lowest point would run into the x axis.
        return [
            {
                "mark": {"type": "point", "style": STYLE, "filled": True, "size": 40},
                "encoding": {"x": at("x", x), "y": at("y", y)},
            },
            {"mark": {"baseline": "middle", **text}, "encoding": {"x": at("x", x), "y": at("y", y)}},
        ]
    if kind == "level":
        assert y is not None
        return [
            {"mark": {"type": "rule", "style": STYLE, "strokeDash": [4, 3]}, "encoding": {"y": at("y", y)}},
            {"mark": text, "encoding": {"y": at("y", y)}},
        ]
    if kind == "event":
        rule = {"mark": {"type": "rule", "style": STYLE, "strokeDash": [4, 3]}, "encoding": {"x": at("x", x)}}
    else:
        rule = {
            "mark": {"type": "rect", "style": RANGE_STYLE},
            "encoding": {"x": at("from", x), "x2": {"datum": at("to", x)["datum"]}},
        }
    return [rule, {"mark": text, "encoding": {"x": at(label_at, x)}}]


def place_labels_of(
    annotations: list[dict[str, Any]],
    anchors: list[Anchor],
    width: float,
    height: float,
    measure: Measure,
    taken: list[Box],
) -> list[dict[str, Any]]:
    """The annotations' labels placed clear of each other, of the boxes ``taken`` by the chart's own labels
    and of the plot's edges (annotation_layout)."""
    kinds = [item["kind"] for item in annotations]
    lines = [_lines(item) for item in annotations]
    return place_labels(kinds, anchors, lines, width=width, height=height, measure=measure, taken=taken)


def annotated(spec: dict[str, Any], *, labels: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The sized spec with its annotations drawn as layers over its own view (and any label layer); the
    ``usermeta`` that carried them removed. A spec without annotations is returned as it is.

    ``labels`` are the label marks' places (place_labels_of); without, each label takes its first place.
    Each annotation adds LAYERS_PER_ANNOTATION layers, its shape then its label."""
    usermeta = spec.get("usermeta") or {}
    annotations = usermeta.get(USERMETA_KEY)
    if not annotations:
        return spec
    rest = {k: v for k, v in usermeta.items() if k != USERMETA_KEY}
    outer = {k: v for k, v in spec.items() if k not in ("usermeta", "mark", "encoding", "params", "layer")}
    if rest:
        outer["usermeta"] = rest
    views = spec["layer"] if "layer" in spec else [{k: spec[k] for k in ("mark", "encoding", "params") if k in spec}]
    encoding = views[0].get("encoding") or {}
    x = encoding.get("x")
    y = encoding.get("y") if (encoding.get("y") or {}).get("type") == "quantitative" else None
    labels = labels or first_places(annotations)
    layers = [layer for item, label in zip(annotations, labels, strict=True) for layer in _layers(item, label, x, y)]
    return {**outer, "layer": [*views, *layers]}
