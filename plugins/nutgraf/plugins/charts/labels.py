"""Long category labels wrapped onto lines that fit, never cut short with "…".

Vega-Lite truncates an axis label longer than the axis's ``labelLimit``: on a phone, the industry a
headline is about reads "Education and hea…". Here each label of a category (nominal or ordinal)
axis that would not fit is broken between words into lines that do, measured by vl-convert in the
font the chart is measured with (see render.measure_font), and the axis draws them through a
``labelExpr`` returning the lines (Vega draws an array as lines of text).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import vl_convert

from nutgraf.plugins.charts.theme import inline_rows, views

Measure = Callable[[str], float]
CATEGORY_TYPES = frozenset({"nominal", "ordinal"})


@lru_cache(maxsize=4096)
def text_width(text: str, font: str, size: float) -> float:
    """The width of ``text`` drawn by vl-convert's Vega (its own text layout, in the fonts registered)."""
    spec = {
        "width": 0,
        "height": 0,
        "padding": 0,
        "data": [{"name": "text", "values": [{"text": text}]}],
        "marks": [
            {
                "type": "text",
                "from": {"data": "text"},
                "encode": {"enter": {"text": {"field": "text"}, "font": {"value": font}, "fontSize": {"value": size}}},
            }
        ],
    }
    return float(vl_convert.vega_to_scenegraph(spec)["width"])


def plot_layout(spec: dict[str, Any]) -> tuple[float, float, dict[str, list[dict[str, Any]]]]:
    """A single or layered Vega-Lite view as vl-convert lays it out: the plot's width and height (the chart's
    size less its axes, legends and padding, when it is fitted to its size) and each named mark's items
    (their x and y in the plot's pixels)."""
    scene = vl_convert.vega_to_scenegraph(vl_convert.vegalite_to_vega(spec))["scenegraph"]
    view = scene["items"][0]
    marks = {mark["name"]: mark.get("items", []) for mark in view.get("items", []) if mark.get("name")}
    return float(view["width"]), float(view["height"]), marks


# Scripts written without spaces between words: a line may break between any two of their characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _pieces(word: str, limit: float, measure: Measure) -> list[str]:
    """``word`` as the pieces a line may break between: itself, or, when it is too wide and written in a
    script without spaces (Chinese, Japanese), its characters (a run of Latin letters or digits kept whole)."""
    if measure(word) <= limit or not _UNSPACED.search(word):
        return [word]
    return re.findall(r"[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+|.", word)


def wrap(text: str, limit: float, measure: Measure) -> list[str]:
    """``text`` as lines no wider than ``limit``, broken between words, or between the characters of a word in
    a script written without spaces. A longer word of another script keeps its line: the render then reports
    it (render.drawn), as Vega would cut it short."""
    if measure(text) <= limit:
        return [text]
    lines: list[str] = []
    line = ""
    for word in text.split():
        for index, piece in enumerate(_pieces(word, limit, measure)):
            candidate = f"{line}{' ' if index == 0 else ''}{piece}" if line else piece
            if line and measure(candidate) > limit:
                lines.append(line)
                line = piece
            else:
                line = candidate
    lines.append(line)
    return lines


def _values(spec: dict[str, Any], field: str) -> list[str]:
    rows = inline_rows(spec)
    return list(dict.fromkeys(str(row[field]) for row in rows if row.get(field) is not None))


def label_expression(wrapped: dict[str, list[str]]) -> str:
    """A Vega expression giving each wrapped label's lines, and any other label as it is."""
    expression = "datum.label"
    for label, lines in reversed(list(wrapped.items())):
        expression = f"datum.label === {json.dumps(label)} ? {json.dumps(lines)} : {expression}"
    return expression


def wrap_category_labels(
    spec: dict[str, Any], font: str | None = None, measure: Measure | None = None
) -> dict[str, Any]:
    """The spec with its category axes' long labels wrapped to the axis's ``labelLimit`` (a copy if changed).

    ``font`` is the stack to measure in when it is not the spec's own (render.measured's).
    """
    config = spec.get("config") or {}
    axis_config = config.get("axis") or {}
    limit = axis_config.get("labelLimit")
    if not limit:
        return spec
    font = font or str(axis_config.get("labelFont") or config.get("font") or "sans-serif")
    size = float(axis_config.get("labelFontSize") or 11)
    measure = measure or (lambda text: text_width(text, font, size))
    styled = None
    for index, view in enumerate(views(spec)):
        encoding = view.get("encoding")
        if not isinstance(encoding, dict):
            continue
        for channel in ("y", "x"):
            definition = encoding.get(channel)
            if not isinstance(definition, dict) or definition.get("type") not in CATEGORY_TYPES:
                continue
            axis = definition.get("axis", {})
            if axis is None or not isinstance(axis, dict) or "labelExpr" in axis:
                continue
            field = definition.get("field")
            labels = _values(spec, field) if isinstance(field, str) else []
            wrapped = {label: lines for label in labels if len(lines := wrap(label, limit, measure)) > 1}
            if not wrapped:
                continue
            if styled is None:
                styled = copy.deepcopy(spec)
            target = views(styled)[index]["encoding"][channel]
            line_height = round(size * 1.2)
            target["axis"] = {
                **(target.get("axis") or {}),
                "labelExpr": label_expression(wrapped),
                "labelLineHeight": line_height,
            }
            if channel == "y" and isinstance(styled.get("height"), int | float):
                styled["height"] = _tall_enough(styled["height"], labels, wrapped, line_height)
    return styled if styled is not None else spec


# Space the x axis and the view's padding take from a chart's height, at most (a 14 px axis: ~40 px).
_BELOW_PLOT = 48


def _tall_enough(height: float, labels: list[str], wrapped: dict[str, list[str]], line_height: int) -> int:
    """A chart height whose bands each hold their longest label's lines, so Vega drops none for overlap."""
    lines = max(len(lines) for lines in wrapped.values())
    band = lines * line_height + line_height // 2
    return max(int(height), len(labels) * band + _BELOW_PLOT)
