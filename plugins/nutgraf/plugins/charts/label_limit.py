"""Axis labels drawn without Vega measuring each of them twice, when every one fits the axes' ``labelLimit``.

Vega truncates a label wider than its axis's ``labelLimit``: to know, it measures every label, each time the
layout runs and again when drawing, on top of the measuring it does for the layout itself; and in vl-convert
a measurement is most of a chart's cost (each one lays the text out as an SVG of its own). A label that fits
is drawn exactly as without the limit. So the chart is drawn without the theme's limit, its axis labels are
measured once each (in one batch, remembered across charts: years and round numbers recur), and only when one
is wider than the limit would Vega cut it short: that is reported to the editor instead (render.drawn). A chart
whose labels fit is the same bytes either way.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

import vl_convert

_SVG = "{http://www.w3.org/2000/svg}"
# What vl-convert measures a text by (Vega's item properties, as its SVG renderer writes them).
_FONT_ATTRIBUTES = ("font-family", "font-size", "font-weight", "font-style", "font-variant")
TextStyle = tuple[str, str, str, str, str, str]  # the text, then _FONT_ATTRIBUTES' values ("" when unset)
_FIELDS = ("text", *_FONT_ATTRIBUTES)
_PROPERTIES = ("text", "font", "fontSize", "fontWeight", "fontStyle", "fontVariant")  # Vega's names of _FIELDS
_DEFAULT_SIZE = "11"  # Vega's, for a text whose SVG names no size

_widths: dict[TextStyle, float] = {}
_REMEMBERED = 20_000  # widths a render worker keeps (a few MB): more are measured again


def without_label_limit(vega: dict[str, Any]) -> tuple[dict[str, Any], float] | None:
    """The compiled spec without its config's axis ``labelLimit``, and that limit; None when it sets none.

    Only the config's: an axis's own limit (or an axisX/axisY config's) stays, and truncates as before.
    """
    config = vega.get("config") or {}
    axis = config.get("axis") or {}
    limit = axis.get("labelLimit")
    if not isinstance(limit, int | float) or isinstance(limit, bool) or limit <= 0:
        return None
    return {**vega, "config": {**config, "axis": {**axis, "labelLimit": 0}}}, float(limit)


def axis_labels(svg: str) -> list[TextStyle]:
    """Each line of each axis label in a Vega SVG, with the font it is drawn in."""
    labels = []
    for group in ET.fromstring(svg).iter(f"{_SVG}g"):
        if "role-axis-label" not in (group.get("class") or "").split():
            continue
        for text in group.iter(f"{_SVG}text"):
            style = tuple(text.get(name, "") for name in _FONT_ATTRIBUTES)
            lines = [span.text or "" for span in text.iter(f"{_SVG}tspan")] or [text.text or ""]
            labels += [(line, *style) for line in lines]  # type: ignore[misc]
    return labels


def text_widths(texts: list[TextStyle]) -> list[float]:
    """The width of each text as Vega measures it in vl-convert (for truncation), measured in one layout."""
    missing = list(dict.fromkeys(text for text in texts if text not in _widths))
    if missing:
        if len(_widths) + len(missing) > _REMEMBERED:
            _widths.clear()
        # An unset property is null, which Vega takes as unset (its default), as the drawn label had it.
        rows = [{name: value or None for name, value in zip(_FIELDS, text, strict=True)} for text in missing]
        for row in rows:
            row["font-size"] = float(str(row["font-size"] or _DEFAULT_SIZE).removesuffix("px"))
        encode = {name: {"field": field} for name, field in zip(_PROPERTIES, _FIELDS, strict=True)}
        spec = {
            "width": 0,
            "height": 0,
            "padding": 0,
            "autosize": "none",
            "data": [{"name": "texts", "values": rows}],
            "marks": [
                {"type": "text", "name": "measured", "from": {"data": "texts"}, "encode": {"enter": encode}},
                # Each text's bounds (left aligned at x 0: its width), carried out as a rect's x and x2.
                {
                    "type": "rect",
                    "from": {"data": "measured"},
                    "encode": {"enter": {"x": {"field": "bounds.x1"}, "x2": {"field": "bounds.x2"}}},
                },
            ],
        }
        scene = vl_convert.vega_to_scenegraph(spec)["scenegraph"]
        rects = scene["items"][0]["items"][1]["items"]
        for text, rect in zip(missing, rects, strict=True):
            _widths[text] = float(rect.get("width") or 0)
    return [_widths[text] for text in texts]


def labels_wider_than(svg: str, limit: float) -> list[tuple[str, float]]:
    """Each axis label line of the SVG (drawn without a limit) wider than ``limit``, which Vega would cut, with
    its width; none when every label fits."""
    labels = axis_labels(svg)
    return [(label[0], width) for label, width in zip(labels, text_widths(labels), strict=True) if width > limit]
