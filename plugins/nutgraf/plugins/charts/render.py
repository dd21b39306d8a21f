"""One chart rendered by vl-convert: SVG for the page (wide and narrow), compiled Vega for the browser, PNG."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

import vl_convert

from nutgraf.kernel import fonts
from nutgraf.kernel.chart_locale import SCRIPT_FONTS
from nutgraf.kernel.diagnostics import NutgrafError
from nutgraf.plugins.charts.label_limit import labels_wider_than, without_label_limit
from nutgraf.plugins.charts.labels import wrap_category_labels
from nutgraf.plugins.charts.maps import THUMBNAIL_TOLERANCE, compact_shapes
from nutgraf.plugins.charts.svg import EmptyChartError, clean_svg
from nutgraf.plugins.charts.table import chart_table
from nutgraf.plugins.charts.theme import LABEL_SHARE

# Bump when the output below changes for the same input, so cached renders are redone.
RENDER_VERSION = "5"
VARIANTS = ("wide", "narrow")

# vl-convert lays text out (axis widths, label overlap, legend columns) with the fonts it has, not the
# reader's. So it measures with the fonts nutgraf ships (kernel.fonts): the same files on every machine.
# Latin text in fonts.SANS, DejaVu Sans: Verdana's metrics, as wide as common UI fonts get, and what
# system-ui is on most Linux desktops. Fonts readers get in its place (San Francisco, Segoe UI, Roboto,
# Noto Sans, Arial, Cantarell) are narrower, so a label never grows past its measured box: it cannot
# overflow the chart's edge or run into its neighbour. The SVG then names the page's font stack again.
FONT_KEYS = frozenset({"font", "labelFont", "titleFont", "subtitleFont"})


class RenderError(NutgrafError):
    """vl-convert could not draw the chart; the message says why, and the hint what to do, for the editor."""

    def __init__(self, message: str, hint: str = "check its fields") -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class RenderJob:
    """Everything needed to draw one chart, and nothing else: its cache key says so."""

    key: str
    # "wide", "narrow" (page theme), and where used: "image" (the PNG for feeds), "card" (the social card's
    # chart) and "thumb" (thumbnails), both for a page's lead chart only
    specs: dict[str, dict[str, Any]]
    png_scale: float = 2.0
    format_locale: dict[str, Any] | None = None  # d3-format locale of the explainer's language
    time_format_locale: dict[str, Any] | None = None  # d3-time-format locale


def renderer_versions() -> dict[str, str]:
    return {
        "vl-convert": getattr(vl_convert, "__version__", ""),
        "vega": vl_convert.get_vega_version(),
        "vega-lite": vl_convert.get_vegalite_versions()[-1],
        "render": RENDER_VERSION,
        "fonts": fonts.fonts_digest(),
    }


def measure_font(font: str) -> str:
    """The shipped family that measures (and, in images, draws) the page's font stack ``font``.

    A chart in Chinese, say, names Noto Sans CJK first: it is measured in the shipped CJK font, whose Latin
    draws the numbers too, as the reader's CJK font does. vl-convert does not take a glyph the first font
    lacks from the next one in the stack, but from whichever of its fonts has it.
    """
    return fonts.CJK if font.split(",")[0].strip() in SCRIPT_FACES else fonts.SANS


def measured(spec: dict[str, Any], font: str) -> dict[str, Any]:
    """The spec with the page's font stack ``font`` measured (and drawn, for images) in a shipped font first."""
    stack = f"{measure_font(font)}, {font}"

    def swap(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {name: swap(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [swap(item) for item in value]
        return stack if key in FONT_KEYS and value == font else value

    return swap(spec)


def unmeasured(vega: dict[str, Any], font: str) -> dict[str, Any]:
    """Vega compiled from the ``measured`` spec, naming the page's font stack ``font`` again: what compiling
    the spec as it was gives (the measuring stack is a string no spec has, so only its own uses are renamed)."""
    stack = f"{measure_font(font)}, {font}"

    def rename(value: Any) -> Any:
        if isinstance(value, dict):
            return {name: rename(item) for name, item in value.items()}
        if isinstance(value, list):
            return [rename(item) for item in value]
        return font if value == stack else value

    return rename(vega)


def named(svg: str, font: str) -> str:
    """The rendered SVG naming the page's font stack where vl-convert was given the measuring one."""
    stack = f"{measure_font(font)}, {font}"
    root = ET.fromstring(svg)
    for element in root.iter():
        if element.get("font-family") == stack:
            element.set("font-family", font)
    return ET.tostring(root, encoding="unicode")


def page_font(spec: dict[str, Any]) -> str | None:
    """The page's font stack (the theme's config.font), which vl-convert is given behind a shipped font."""
    font = spec.get("config", {}).get("font")
    return font if isinstance(font, str) and font else None


SCRIPT_FACES = frozenset(face for faces in SCRIPT_FONTS.values() for face in faces)


def localised(vega: dict[str, Any], job: RenderJob) -> dict[str, Any]:
    """Compiled Vega that formats numbers and dates in the explainer's language (Vega's config.locale)."""
    locale = {name: value for name, value in (("number", job.format_locale), ("time", job.time_format_locale)) if value}
    if locale:
        vega = {**vega, "config": {**vega.get("config", {}), "locale": locale}}
    return vega


def drawn(vega: dict[str, Any], options: dict[str, Any]) -> str:
    """The compiled chart as SVG, drawn without the axes' label limit when every label fits it (label_limit),
    which is the same SVG for less measuring.

    A label wider than the limit is an error: Vega would draw it cut short ("Telecommunicat…"), and a reader
    would read a name the data does not have. Long category labels are wrapped before this (labels.py), so
    what is left is a single word too long for a phone's chart.
    """
    unlimited = without_label_limit(vega)
    if unlimited is None:
        return vl_convert.vega_to_svg(vega, **options)
    svg = vl_convert.vega_to_svg(unlimited[0], **options)
    too_wide = labels_wider_than(svg, unlimited[1])
    if too_wide:
        label, width = too_wide[0]
        raise RenderError(
            f"the axis label {label!r} is {width:.0f} px wide, and a label may take at most"
            f" {unlimited[1]:.0f} px of this chart ({LABEL_SHARE:.0%} of its width): it would be cut short",
            "shorten the label in the data (an abbreviation the text explains), or let it break with a space",
        )
    return svg


def render(job: RenderJob) -> dict[str, bytes]:
    """The chart's files by name: wide.svg, narrow.svg, wide.vg.json, narrow.vg.json, table.json, and for the
    variants the job has, chart.png, card.png (the social card's chart) and thumb.svg (marks only)."""
    files: dict[str, bytes] = {}
    fonts.use_shipped_fonts()
    # Locales passed only when set: the default language renders exactly as before translations existed.
    locale = {
        name: value
        for name, value in (("format_locale", job.format_locale), ("time_format_locale", job.time_format_locale))
        if value is not None
    }
    # No URL may be fetched (the checks inline every dataset; this makes sure): vl-convert's default is any.
    options: dict[str, Any] = {"allowed_base_urls": [], **locale}
    try:
        for variant in VARIANTS:
            font = page_font(job.specs[variant])
            spec = wrap_category_labels(job.specs[variant], f"{measure_font(font)}, {font}" if font else None)
            # Compiled once: the SVG is drawn from it, and the browser gets it too.
            vega = vl_convert.vegalite_to_vega(measured(spec, font) if font else spec)
            svg = drawn(vega, options)
            svg = compact_shapes(clean_svg(svg, f"c{job.key[:10]}{variant[0]}", f"chart-svg chart-svg-{variant}"))
            files[f"{variant}.svg"] = (named(svg, font) if font else svg).encode()
            # The browser's Vega measures with the reader's own fonts: it gets the page's stack as it is.
            vega = localised(unmeasured(vega, font) if font else vega, job)
            files[f"{variant}.vg.json"] = json.dumps(vega, separators=(",", ":"), sort_keys=True).encode()
            if variant == "wide":  # the data behind the chart, as drawn: its table and chart-only CSV
                table = chart_table(vega, locale)
                files["table.json"] = table.to_json() if table else b"null"
        # PNGs are the dearest renders: each is drawn only for what shows it (see prepare.variants).
        for variant, name, scale in (("image", "chart.png", job.png_scale), ("card", "card.png", 2)):
            if variant in job.specs:
                font = page_font(job.specs[variant])
                image = wrap_category_labels(job.specs[variant], f"{measure_font(font)}, {font}" if font else None)
                vega = vl_convert.vegalite_to_vega(measured(image, font) if font else image)
                svg = drawn(vega, options)
                # The same pixels as vega_to_png's, but for an image mark's picture, which vl-convert loads itself.
                png = vl_convert.svg_to_png(svg, scale=scale) if "<image" not in svg else None
                files[name] = png or vl_convert.vega_to_png(vega, scale=scale, **options)
        if "thumb" in job.specs:
            thumbnail = vl_convert.vegalite_to_svg(job.specs["thumb"], **options)
            thumbnail = clean_svg(thumbnail, f"t{job.key[:10]}", "chart-thumbnail")
            files["thumb.svg"] = compact_shapes(thumbnail, THUMBNAIL_TOLERANCE).encode()
    except EmptyChartError as error:
        raise RenderError(str(error)) from None
    except ValueError as error:  # vl-convert reports Vega(-Lite) errors as ValueError
        lines = [line.strip() for line in str(error).strip().splitlines()]
        # vl-convert's first line only says which conversion failed; the reason is the "Error: …" line.
        reason = next((line.removeprefix("Error: ") for line in lines if line.startswith("Error:")), lines[0])
        raise RenderError(f"Vega-Lite could not draw it: {reason}") from None
    return files
