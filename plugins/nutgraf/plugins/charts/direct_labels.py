"""Labels on the marks themselves: a bar's value at its end, a line's name at its end instead of a legend.

A reader should not have to look from a bar to the axis and back to read its value, nor from a line
to a legend to know which it is. Both are added as a text layer over the chart's own view, and only
where they can be read: bars when there are few of them on a wide chart, line names when there are at most
MAX_LINE_LABELS lines whose ends lie far enough apart not to collide. Anything else keeps the chart
as it was (with its legend).
"""

from __future__ import annotations

import copy
import itertools
from typing import Any

from nutgraf.plugins.charts.theme import inline_rows

MAX_BAR_LABELS = 12
MAX_LINE_LABELS = 6
# Ends closer than this share of the y range would put one label over another: keep the legend.
MIN_END_GAP = 0.08
# Room kept at each end of a bar's value axis for its label (Vega's continuous scale padding, in px).
BAR_LABEL_ROOM = 56
# Below this chart width the room kept for values would squeeze the bars: the axis is read instead.
MIN_BAR_LABEL_WIDTH = 480
_CATEGORY = frozenset({"nominal", "ordinal"})
_UNIT_KEYS = frozenset({"mark", "encoding", "params"})
_DOMAIN_KEYS = frozenset({"domain", "domainMin", "domainMax", "domainMid", "domainRaw", "zero"})


def _mark_type(spec: dict[str, Any]) -> str:
    mark = spec.get("mark")
    return str(mark.get("type") if isinstance(mark, dict) else mark or "")


def _plain(definition: Any) -> bool:
    """A channel on a field as it is: no aggregate, bin or time unit to reproduce in the label layer."""
    return (
        isinstance(definition, dict)
        and isinstance(definition.get("field"), str)
        and not any(key in definition for key in ("aggregate", "bin", "timeUnit"))
    )


def _without_axis(definition: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in definition.items() if key != "axis"}


def _layered(spec: dict[str, Any], unit: dict[str, Any], labels: dict[str, Any]) -> dict[str, Any]:
    """The spec as two layers: its own view, then the labels (data, size and config stay on top)."""
    outer = {key: value for key, value in spec.items() if key not in _UNIT_KEYS}
    return {**outer, "layer": [unit, labels]}


def label_marks(spec: dict[str, Any], *, width: int, legend: bool = False) -> dict[str, Any]:
    """The spec with its bars' values or its lines' names drawn on them, where they fit; else unchanged.

    ``legend`` (the block's ``legend: true``) keeps a line chart's legend instead of labelling its lines.
    """
    if "layer" in spec or not isinstance(spec.get("encoding"), dict) or spec.get("transform"):
        return spec
    kind = _mark_type(spec)
    if kind == "bar":
        return _bar_values(spec) if width >= MIN_BAR_LABEL_WIDTH else spec
    if kind == "line" and not legend:
        return _line_names(spec)
    return spec


def _label_room(rows: list[dict[str, Any]], field: str, channel: str) -> dict[str, Any]:
    """The value scale's room for the labels, ``BAR_LABEL_ROOM`` px past the longest bar's end. Bars both ways: a
    padding at both ends (a loss's label sits past its bar's end). Bars one way: the axis ends at zero on the other
    side, and the room is added past the longest bar only, worked out from the plot's length along the value
    ``channel`` (its ``width`` or ``height`` signal): Vega pads a scale after its ``domainMin``, so padding would
    run an axis of gains alone below zero (ticks at −1, −2), as if some value were negative."""
    length = "width" if channel == "x" else "height"
    values = [value for row in rows if isinstance(value := row.get(field), int | float) and not isinstance(value, bool)]
    if not any(values) or min(values) < 0 < max(values):  # no value but zero: Vega's own axis, as before
        return {"padding": BAR_LABEL_ROOM}
    end = max(values) if max(values) > 0 else min(values)
    padded = {"expr": f"{float(end)!r} * {length} / max(1, {length} - {BAR_LABEL_ROOM})"}
    return {"domainMin": 0, "domainMax": padded} if end >= 0 else {"domainMin": padded, "domainMax": 0}


def _bar_values(spec: dict[str, Any]) -> dict[str, Any]:
    encoding = spec["encoding"]
    x, y = encoding.get("x"), encoding.get("y")
    if not (_plain(x) and _plain(y)) or any(key in encoding for key in ("xOffset", "yOffset", "row", "column")):
        return spec
    horizontal = y.get("type") in _CATEGORY and x.get("type") == "quantitative"
    vertical = x.get("type") in _CATEGORY and y.get("type") == "quantitative"
    colour = encoding.get("color")
    stacked = isinstance(colour, dict) and colour.get("field") not in (None, (y if horizontal else x).get("field"))
    rows = inline_rows(spec)
    if not (horizontal or vertical) or (stacked and colour.get("type") in _CATEGORY) or not rows:
        return spec
    value = x if horizontal else y
    category = y if horizontal else x
    if len({str(row.get(category["field"])) for row in rows}) > MAX_BAR_LABELS:
        return spec
    field = value["field"]
    negative = f"datum[{field!r}] < 0"
    text = {"field": field, "type": "quantitative"}
    axis_format = (value.get("axis") or {}).get("format")
    if axis_format:
        text["format"] = axis_format
    if horizontal:
        placement = {"align": {"expr": f"{negative} ? 'right' : 'left'"}, "dx": {"expr": f"{negative} ? -4 : 4"}}
    else:
        placement = {"baseline": {"expr": f"{negative} ? 'top' : 'bottom'"}, "dy": {"expr": f"{negative} ? 4 : -4"}}
    unit = {key: copy.deepcopy(spec[key]) for key in _UNIT_KEYS if key in spec}
    value_channel = "x" if horizontal else "y"
    own = value.get("scale") or {}
    # A domain the spec sets itself is kept as it is (the bounds would override it), with the padding as before.
    room = {"padding": BAR_LABEL_ROOM} if own.keys() & _DOMAIN_KEYS else _label_room(rows, field, value_channel)
    unit["encoding"][value_channel] = {**value, "scale": {**room, **own}}
    labels = {
        "mark": {"type": "text", **placement},
        "encoding": {
            "x": _without_axis(unit["encoding"]["x"]),
            "y": _without_axis(unit["encoding"]["y"]),
            "text": text,
        },
    }
    # The labels draw in the page's ink (config.text), whatever the bars' colours.
    return _layered(spec, unit, labels)


def _line_names(spec: dict[str, Any]) -> dict[str, Any]:
    encoding = spec["encoding"]
    x, y, colour = encoding.get("x"), encoding.get("y"), encoding.get("color")
    if not (_plain(x) and _plain(y) and _plain(colour)) or colour.get("type") not in _CATEGORY:
        return spec
    rows = inline_rows(spec)
    names = list(dict.fromkeys(str(row.get(colour["field"])) for row in rows))
    if not rows or not 1 < len(names) <= MAX_LINE_LABELS or colour.get("legend", {}) is None:
        return spec
    if not _ends_apart(rows, x["field"], y["field"], colour["field"]):
        return spec
    unit = {key: copy.deepcopy(spec[key]) for key in _UNIT_KEYS if key in spec}
    unit["encoding"]["color"] = {**colour, "legend": None}
    labels = {
        "mark": {"type": "text", "align": "left", "baseline": "middle", "dx": 6, "fontWeight": "bold"},
        "encoding": {
            # Titled as the lines' axes are, so the shared axes keep one title, not "year, Max of year".
            "x": {**_without_axis(x), "aggregate": "max", "title": x.get("title", x["field"])},
            "y": {**_without_axis(y), "aggregate": {"argmax": x["field"]}, "title": y.get("title", y["field"])},
            "text": {"field": colour["field"], "type": colour["type"]},
            "color": {**colour, "legend": None},
        },
    }
    return _layered(spec, unit, labels)


def _ends_apart(rows: list[dict[str, Any]], x: str, y: str, series: str) -> bool:
    """Whether each line's last value is far enough from every other's for their labels not to overlap."""
    last: dict[str, tuple[Any, float]] = {}
    values = []
    for row in rows:
        number = row.get(y)
        if not isinstance(number, int | float) or row.get(x) is None:
            continue
        values.append(number)
        name = str(row.get(series))
        if name not in last or _order(row[x]) >= _order(last[name][0]):
            last[name] = (row[x], number)
    if len(last) < 2:
        return False
    span = (max(max(values), 0) - min(min(values), 0)) or 1
    ends = sorted(value for _, value in last.values())
    return all((high - low) / span >= MIN_END_GAP for low, high in itertools.pairwise(ends))


def _order(value: Any) -> tuple[int, Any]:
    """Numbers by value, anything else (ISO dates) by its text."""
    return (0, value) if isinstance(value, int | float) else (1, str(value))
