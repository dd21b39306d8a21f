"""One chart rendered by vl-convert: SVG for the page (wide and narrow), compiled Vega for the browser, PNG."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vl_convert

from nutgraf.plugins.charts.labels import wrap_category_labels
from nutgraf.plugins.charts.locale import DEFAULT_FONT_DIRECTORIES, SCRIPT_FONTS, register_fonts
from nutgraf.plugins.charts.svg import EmptyChartError, clean_svg
from nutgraf.plugins.charts.table import chart_table

# Bump when the output below changes for the same input, so cached renders are redone.
RENDER_VERSION = "4"
VARIANTS = ("wide", "narrow")

# vl-convert lays text out (axis widths, label overlap, legend columns) with the fonts it has, not the
# reader's. So it measures with DejaVu Sans, Verdana's metrics: as wide as common UI fonts get, and what
# system-ui is on most Linux desktops. Fonts readers get in its place (San Francisco, Segoe UI, Roboto,
# Noto Sans, Arial, Cantarell) are narrower, so a label never grows past its measured box: it cannot
# overflow the chart's edge or run into its neighbour. The SVG then names the page's font stack again.
# Debian's fonts-dejavu-core; the same files on every machine, so renders do not depend on what is installed.
MEASURE_FONT = '"DejaVu Sans"'
MEASURE_FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
FONT_KEYS = frozenset({"font", "labelFont", "titleFont", "subtitleFont"})


class RenderError(Exception):
    """vl-convert could not draw the chart; the message says why, for the editor."""


@dataclass(frozen=True)
class RenderJob:
    """Everything needed to draw one chart, and nothing else: its cache key says so."""

    key: str
    # "wide", "narrow" (page theme), "image" (the PNG for feeds), "card" (social cards), "thumb" (thumbnails)
    specs: dict[str, dict[str, Any]]
    png_scale: float = 2.0
    format_locale: dict[str, Any] | None = None  # d3-format locale of the explainer's language
    time_format_locale: dict[str, Any] | None = None  # d3-time-format locale
    font_directories: tuple[str, ...] = DEFAULT_FONT_DIRECTORIES  # registered with vl-convert before drawing
    measure_font_file: Path = MEASURE_FONT_FILE  # the font text is measured with (see MEASURE_FONT)


def renderer_versions() -> dict[str, str]:
    return {
        "vl-convert": getattr(vl_convert, "__version__", ""),
        "vega": vl_convert.get_vega_version(),
        "vega-lite": vl_convert.get_vegalite_versions()[-1],
        "render": RENDER_VERSION,
    }


def measured(spec: dict[str, Any], font: str) -> dict[str, Any]:
    """The spec with the page's font stack ``font`` measured (and drawn, for images) in MEASURE_FONT first."""

    def swap(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {name: swap(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [swap(item) for item in value]
        return f"{MEASURE_FONT}, {font}" if key in FONT_KEYS and value == font else value

    return swap(spec)


def named(svg: str, font: str) -> str:
    """The rendered SVG naming the page's font stack where vl-convert was given the measuring one."""
    root = ET.fromstring(svg)
    for element in root.iter():
        if element.get("font-family") == f"{MEASURE_FONT}, {font}":
            element.set("font-family", font)
    return ET.tostring(root, encoding="unicode")


def page_font(spec: dict[str, Any]) -> str | None:
    """The font stack to measure in MEASURE_FONT: the theme's (config.font), unless a script's fonts lead it.

    A chart in Chinese, say, names Noto Sans CJK first, and is measured in it as before: readers' CJK
    fonts draw the Latin in the same run too, and vl-convert would not take the CJK glyphs from the
    stack behind DejaVu Sans but from whichever font it finds first (a serif one, here).
    """
    font = spec.get("config", {}).get("font")
    if not isinstance(font, str) or not font:
        return None
    return None if font.split(",")[0].strip() in SCRIPT_FACES else font


SCRIPT_FACES = frozenset(face for faces in SCRIPT_FONTS.values() for face in faces)


def localised(vega: dict[str, Any], job: RenderJob) -> dict[str, Any]:
    """Compiled Vega that formats numbers and dates in the explainer's language (Vega's config.locale)."""
    locale = {name: value for name, value in (("number", job.format_locale), ("time", job.time_format_locale)) if value}
    if locale:
        vega = {**vega, "config": {**vega.get("config", {}), "locale": locale}}
    return vega


def render(job: RenderJob) -> dict[str, bytes]:
    """The chart's files by name: wide.svg, narrow.svg, wide.vg.json, narrow.vg.json, table.json, chart.png,
    card.png (the social card's chart) and thumb.svg (marks only)."""
    files: dict[str, bytes] = {}
    if not job.measure_font_file.is_file():
        msg = (
            f"the font charts are measured with is missing ({job.measure_font_file}):"
            " install DejaVu Sans (Debian and Ubuntu: apt-get install fonts-dejavu-core)"
        )
        raise RenderError(msg)
    register_fonts((*job.font_directories, str(job.measure_font_file.parent)))
    # Passed only when set: the default language renders exactly as before translations existed.
    locale = {
        name: value
        for name, value in (("format_locale", job.format_locale), ("time_format_locale", job.time_format_locale))
        if value is not None
    }
    try:
        for variant in VARIANTS:
            font = page_font(job.specs[variant])
            spec = wrap_category_labels(job.specs[variant], f"{MEASURE_FONT}, {font}" if font else None)
            svg = vl_convert.vegalite_to_svg(measured(spec, font) if font else spec, **locale)
            svg = clean_svg(svg, f"c{job.key[:10]}{variant[0]}", f"chart-svg chart-svg-{variant}")
            files[f"{variant}.svg"] = (named(svg, font) if font else svg).encode()
            # The browser's Vega measures with the reader's own fonts: it gets the page's stack as it is.
            vega = localised(vl_convert.vegalite_to_vega(spec), job)
            files[f"{variant}.vg.json"] = json.dumps(vega, separators=(",", ":"), sort_keys=True).encode()
            if variant == "wide":  # the data behind the chart, as drawn: its table and chart-only CSV
                table = chart_table(vega, locale)
                files["table.json"] = table.to_json() if table else b"null"
        font = page_font(job.specs["image"])
        image = wrap_category_labels(job.specs["image"], f"{MEASURE_FONT}, {font}" if font else None)
        files["chart.png"] = vl_convert.vegalite_to_png(
            measured(image, font) if font else image, scale=job.png_scale, **locale
        )
        card = wrap_category_labels(job.specs["card"], f"{MEASURE_FONT}, {font}" if font else None)
        files["card.png"] = vl_convert.vegalite_to_png(measured(card, font) if font else card, scale=2, **locale)
        thumbnail = vl_convert.vegalite_to_svg(job.specs["thumb"], **locale)
        files["thumb.svg"] = clean_svg(thumbnail, f"t{job.key[:10]}", "chart-thumbnail").encode()
    except EmptyChartError as error:
        raise RenderError(str(error)) from None
    except ValueError as error:  # vl-convert reports Vega(-Lite) errors as ValueError
        raise RenderError(f"Vega-Lite could not draw it: {str(error).strip().splitlines()[0]}") from None
    return files
