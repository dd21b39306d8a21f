"""The charts' look, as a Vega-Lite config: one for the page (follows light and dark mode), one for images.

On the page, text and axes are drawn in ``currentColor`` and the background is
transparent, so one inline SVG is right in both colour schemes: the stylesheet
sets the figure's ``color``. Images (PNG for feeds and social cards) have no
stylesheet, so they get fixed ink on white.
"""

from __future__ import annotations

from typing import Any

from charts.settings import ChartSettings

# Bump when the config below changes in a way the settings do not show, so cached renders are redone.
THEME_VERSION = "1"

PAGE_INK = "currentColor"
IMAGE_INK = "#1a1a1a"
IMAGE_BACKGROUND = "#ffffff"


def vega_lite_config(settings: ChartSettings, *, ink: str = PAGE_INK, background: str | None = None) -> dict[str, Any]:
    size = settings.font_size
    text = {"labelColor": ink, "titleColor": ink, "labelFont": settings.font, "titleFont": settings.font}
    config: dict[str, Any] = {
        "background": background,
        "font": settings.font,
        "autosize": {"type": "fit", "contains": "padding"},
        "padding": {"left": 0, "right": 4, "top": 8, "bottom": 0},
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
    return merge(vega_lite_config(settings), {"legend": {"columns": 2}})


def image_config(settings: ChartSettings) -> dict[str, Any]:
    return vega_lite_config(settings, ink=IMAGE_INK, background=IMAGE_BACKGROUND)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = (
            merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
        )
    return merged
