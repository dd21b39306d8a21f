"""One chart rendered by vl-convert: SVG for the page (wide and narrow), compiled Vega for the browser, PNG."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import vl_convert

from charts.locale import DEFAULT_FONT_DIRECTORIES, register_fonts
from charts.svg import EmptyChartError, clean_svg

# Bump when the output below changes for the same input, so cached renders are redone.
RENDER_VERSION = "1"
VARIANTS = ("wide", "narrow")


class RenderError(Exception):
    """vl-convert could not draw the chart; the message says why, for the editor."""


@dataclass(frozen=True)
class RenderJob:
    """Everything needed to draw one chart, and nothing else: its cache key says so."""

    key: str
    specs: dict[str, dict[str, Any]]  # "wide", "narrow" (page theme) and "image" (PNG theme), complete
    png_scale: float = 2.0
    format_locale: dict[str, Any] | None = None  # d3-format locale of the explainer's language
    time_format_locale: dict[str, Any] | None = None  # d3-time-format locale
    font_directories: tuple[str, ...] = DEFAULT_FONT_DIRECTORIES  # registered with vl-convert before drawing


def renderer_versions() -> dict[str, str]:
    return {
        "vl-convert": getattr(vl_convert, "__version__", ""),
        "vega": vl_convert.get_vega_version(),
        "vega-lite": vl_convert.get_vegalite_versions()[-1],
        "render": RENDER_VERSION,
    }


def render(job: RenderJob) -> dict[str, bytes]:
    """The chart's files by name: wide.svg, narrow.svg, wide.vg.json, narrow.vg.json, chart.png."""
    files: dict[str, bytes] = {}
    register_fonts(job.font_directories)
    # Passed only when set: the default language renders exactly as before translations existed.
    locale = {
        name: value
        for name, value in (("format_locale", job.format_locale), ("time_format_locale", job.time_format_locale))
        if value is not None
    }
    try:
        for variant in VARIANTS:
            spec = job.specs[variant]
            svg = vl_convert.vegalite_to_svg(spec, **locale)
            files[f"{variant}.svg"] = clean_svg(svg, f"c{job.key[:10]}{variant[0]}", f"chart-svg chart-svg-{variant}")
            vega = vl_convert.vegalite_to_vega(spec)
            files[f"{variant}.vg.json"] = json.dumps(vega, separators=(",", ":"), sort_keys=True).encode()
        files["chart.png"] = vl_convert.vegalite_to_png(job.specs["image"], scale=job.png_scale, **locale)
    except EmptyChartError as error:
        raise RenderError(str(error)) from None
    except ValueError as error:  # vl-convert reports Vega(-Lite) errors as ValueError
        raise RenderError(f"Vega-Lite could not draw it: {str(error).strip().splitlines()[0]}") from None
    for name, data in list(files.items()):
        if name.endswith(".svg"):
            files[name] = data.encode() if isinstance(data, str) else data
    return files


def render_outcome(job: RenderJob) -> tuple[str, dict[str, bytes] | str]:
    """For worker processes: (key, files) or (key, error message), so nothing odd crosses the pipe."""
    try:
        return job.key, render(job)
    except RenderError as error:
        return job.key, str(error)
