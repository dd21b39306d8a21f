"""The charts' look, as a Vega-Lite config: one for the page (follows light and dark mode), one for images.

On the page, text and axes are drawn in ``currentColor`` and the background is
transparent, so one inline SVG is right in both colour schemes: the stylesheet
sets the figure's ``color``. Images (PNG for feeds and social cards) have no
stylesheet, so they get fixed ink on white.
"""

from __future__ import annotations

from typing import Any

from nutgraf.plugins.charts.settings import ChartSettings

# Bump when the config below changes in a way the settings do not show, so cached renders are redone.
THEME_VERSION = "2"

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
        "legend": {**text, "labelFontSize": size, "titleFontSize": size, "titleFontWeight": "normal", "orient": "top"},
        "header": {**text, "labelFontSize": size, "titleFontSize": size},
        "title": {"color": ink, "subtitleColor": ink, "font": settings.font, "fontSize": size + 2, "anchor": "start"},
        "text": {"color": ink, "font": settings.font, "fontSize": size},
        "line": {"strokeWidth": 2.5},
        "point": {"size": 60},
    }
    return merge(config, settings.theme)


def narrow_config(settings: ChartSettings) -> dict[str, Any]:
    """For phones: legends wrap into two columns rather than running off the edge."""
    return merge(vega_lite_config(settings, width=settings.narrow_width), {"legend": {"columns": 2}})


def image_config(settings: ChartSettings) -> dict[str, Any]:
    return vega_lite_config(settings, ink=IMAGE_INK, background=IMAGE_BACKGROUND)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = (
            merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    return merged
