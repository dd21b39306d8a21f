"""The charts' look, as a Vega-Lite config: one for the page (follows light and dark mode), one for images.

On the page, text and axes are drawn in ``currentColor`` and the background is
transparent, so one inline SVG is right in both colour schemes: the stylesheet
sets the figure's ``color``. Images (PNG for feeds and social cards) have no
stylesheet, so they get fixed ink on white.
"""

from __future__ import annotations

import copy
from typing import Any

from nutgraf.plugins.charts.settings import ChartSettings

# Bump when the config below (or how annotations.py draws) changes in a way the settings do not show, so cached
# renders are redone.
THEME_VERSION = "5"

PAGE_INK = "currentColor"
IMAGE_INK = "#1a1a1a"
IMAGE_BACKGROUND = "#ffffff"
# Axis labels (long category names, say) take at most this share of the chart's width; longer ones end in "…".
LABEL_SHARE = 0.45


def vega_lite_config(
    settings: ChartSettings, *, ink: str = PAGE_INK, background: str | None = None, width: int | None = None
) -> dict[str, Any]:
    """The page's (or, with ink and background, an image's) config for a chart ``width`` wide (the wide one)."""
    size = settings.font_size
    label_limit = round((width or settings.width) * LABEL_SHARE)
    text = {"labelColor": ink, "titleColor": ink, "labelFont": settings.font, "titleFont": settings.font}
    config: dict[str, Any] = {
        "background": background,
        "font": settings.font,
        # resize: fit again until the layout settles. Shrinking the plot to make room for the axes changes the
        # ticks (their count follows the width), and a label centred on the new last tick could run past the
        # chart's right edge, cut off there or at the page's edge in print.
        "autosize": {"type": "fit", "contains": "padding", "resize": True},
        # Vega places text by its font size; descenders (the j of a rotated axis title) reach a little past it.
        "padding": {"left": 2, "right": 4, "top": 8, "bottom": 2},
        "view": {"stroke": None},
        "range": {"category": list(settings.palette)},
        "axis": {
            **text,
            "labelFontSize": size,
            "titleFontSize": size,
            "titleFontWeight": "normal",
            "domainColor": ink,
            "tickColor": ink,
            "gridColor": ink,
            "gridOpacity": 0.18,
            "labelOverlap": "greedy",
            "labelSeparation": size // 2,  # labels closer than half a letter's height read as one: drop one
            "labelLimit": label_limit,
            "maxExtent": label_limit + 20,  # Vega's default gap: the axis title never runs into the labels
        },
        # Gridlines run across the chart only: a reader reads values off the y axis, and vertical lines
        # every year add ink without adding a value.
        "axisX": {"grid": False},
        "axisY": {
            # A title reads level, at the top of the axis, never turned on its side.
            "titleAngle": 0,
            "titleAnchor": "end",
            "titleAlign": "left",
            "titleBaseline": "bottom",
            "titleX": 0,
            "titleY": -8,
        },
        "legend": {**text, "labelFontSize": size, "titleFontSize": size, "titleFontWeight": "normal", "orient": "top"},
        "header": {**text, "labelFontSize": size, "titleFontSize": size},
        "title": {"color": ink, "subtitleColor": ink, "font": settings.font, "fontSize": size + 2, "anchor": "start"},
        "text": {"color": ink, "font": settings.font, "fontSize": size},
        "mark": {"color": settings.palette[0]},
        "line": {"strokeWidth": 2.5},
        "point": {"size": 60, "filled": True},
        # Annotations (annotations.py) in the ink, muted: they point at the data without competing with it.
        # A label a point smaller than the axes' keeps within LINE_CHARACTERS' width on a phone.
        "style": {
            "annotation": {"color": ink, "opacity": 0.8, "fontSize": size - 1},
            "annotation-range": {"color": ink, "opacity": 0.1},
            # Maps (maps.py): a locator map's land in the ink, faint; borders are hairlines of the ink.
            "map-land": {"color": ink, "fillOpacity": 0.12, "stroke": ink, "strokeOpacity": 0.4, "strokeWidth": 0.5},
            "map-region": {"stroke": ink, "strokeOpacity": 0.2, "strokeWidth": 0.25},
            "map-point": {"opacity": 0.85, "size": 40},
        },
    }
    return merge(config, settings.theme)


def narrow_config(settings: ChartSettings) -> dict[str, Any]:
    """For phones: legends wrap into two columns rather than running off the edge."""
    return merge(vega_lite_config(settings, width=settings.narrow_width), {"legend": {"columns": 2}})


def image_config(settings: ChartSettings, width: int | None = None) -> dict[str, Any]:
    return vega_lite_config(settings, ink=IMAGE_INK, background=IMAGE_BACKGROUND, width=width)


# The social card's chart, in CSS px: drawn at CHARTS_PNG_SCALE (2) into the card's 540 x 438 px box, its
# 14 px text is 28 px on the 1200 x 630 card, readable where the card is shown 500 px wide.
CARD_SIZE = (270, 219)
# Home and topic cards show a lead chart 120-176 px wide: drawn for that size, marks only.
THUMBNAIL_SIZE = (176, 110)


def thumbnail_config(settings: ChartSettings) -> dict[str, Any]:
    """A chart's marks alone, on no background: no text to shrink to nothing, right on light and dark pages."""
    config = vega_lite_config(settings, width=THUMBNAIL_SIZE[0])
    return merge(
        config,
        {
            "padding": 2,
            "aria": False,  # the page's img alt describes it: no labels for each mark (a third of the bytes)
            "axis": {"disable": True},
            "legend": {"disable": True},
            "title": {"fontSize": 0},
            "line": {"strokeWidth": 2},
            "point": {"size": 12},
        },
    )


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = (
            merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    return merged


# A choropleth's five classes (maps.py), yellow-green to indigo, each darker than the one before and each at least
# 3:1 on both page backgrounds (#ffffff and #121212; tests check it), so no region vanishes in light or dark mode.
SEQUENTIAL = ("#8f9a00", "#4f9a4f", "#22948c", "#2c7fb8", "#4a60b0")
# A region the data has no value for: the palette's grey, told from the ramp by having no hue.
NO_DATA = "#8a8a8a"

# Losses and gains: the palette's vermilion and blue, each 3:1 on both page backgrounds (tests check it).
DIVERGING = ("#d55e00", "#0072b2")
_SIGNED_FORMAT = "+"


def house_style(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with a newsroom's conventions where the library's defaults would show.

    - a line's points take the line's colour (Vega-Lite draws them in its default blue otherwise);
    - a quantitative colour on a field with both signs becomes two colours split at zero;
    - a signed axis format ("+,") labels zero "0", not "+0".
    Applied to every view of a layered spec; the spec given is not changed. Its inline rows are shared, not
    copied (a chart is styled once for each of its renders, and its rows are most of it): nothing changes a row.
    """
    styled = copy.deepcopy(spec, _rows_shared(spec))
    values = inline_rows(styled)
    for view in views(styled):
        _points_like_line(view)
        encoding = view.get("encoding")
        if not isinstance(encoding, dict):
            continue
        colour = encoding.get("color")
        if isinstance(colour, dict) and colour.get("type") == "quantitative" and _signed(values, colour.get("field")):
            colour["scale"] = {"type": "threshold", "domain": [0], "range": list(DIVERGING)}
        for channel in ("x", "y"):
            definition = encoding.get(channel)
            axis = definition.get("axis") if isinstance(definition, dict) else None
            if isinstance(axis, dict) and str(axis.get("format", "")).startswith(_SIGNED_FORMAT):
                axis.setdefault("labelExpr", "datum.value === 0 ? '0' : datum.label")
    return styled


def views(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The spec and, in a layered spec, each of its layers (themselves layered or not)."""
    layers = spec.get("layer") if isinstance(spec.get("layer"), list) else []
    return [spec, *(view for layer in layers if isinstance(layer, dict) for view in views(layer))]


def _points_like_line(view: dict[str, Any]) -> None:
    mark = view.get("mark")
    if not isinstance(mark, dict) or mark.get("type") not in ("line", "area") or not mark.get("point"):
        return
    colour = mark.get("color") or mark.get("stroke")
    if colour and mark["point"] is True:
        mark["point"] = {"color": colour, "filled": True}
    elif colour and isinstance(mark["point"], dict):
        mark["point"] = {"color": colour, **mark["point"]}


def _rows_shared(spec: dict[str, Any]) -> dict[int, Any]:
    """A ``deepcopy`` memo that keeps the spec's top-level inline rows (data and datasets) as they are."""
    data = spec.get("data")
    datasets = spec.get("datasets")
    lists = [data.get("values")] if isinstance(data, dict) else []
    lists += list(datasets.values()) if isinstance(datasets, dict) else []
    return {id(rows): rows for rows in lists if isinstance(rows, list)}


def inline_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of a spec's top-level data: inline values, or the named dataset Altair moves them into."""
    data = spec.get("data")
    values = data.get("values") if isinstance(data, dict) else None
    if values is None and isinstance(data, dict) and isinstance(spec.get("datasets"), dict):
        values = spec["datasets"].get(data.get("name"))
    return [row for row in values if isinstance(row, dict)] if isinstance(values, list) else []


def _signed(rows: list[dict[str, Any]], field: Any) -> bool:
    numbers = [row.get(field) for row in rows if isinstance(row.get(field), int | float)]
    return any(number < 0 for number in numbers) and any(number > 0 for number in numbers)
