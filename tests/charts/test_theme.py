"""Colours and the vendored runtime: accessible in both colour schemes, small, and the same Vega as vl-convert."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import vl_convert

from charts.settings import DEFAULT_PALETTE

ROOT = Path(__file__).resolve().parents[2]
JS = ROOT / "theme" / "static" / "js"
LIGHT_PAPER, DARK_PAPER = "#ffffff", "#121212"  # site.css --paper in each scheme


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_palette_colour_reaches_3_to_1_on_both_backgrounds() -> None:
    for colour in DEFAULT_PALETTE:
        assert contrast(colour, LIGHT_PAPER) >= 3, colour
        assert contrast(colour, DARK_PAPER) >= 3, colour


def test_site_css_backgrounds_are_the_ones_tested() -> None:
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text()
    assert f"--paper: {LIGHT_PAPER}" in css and f"--paper: {DARK_PAPER}" in css


def test_chart_javascript_is_at_most_185_kb_gzipped() -> None:
    size = sum(len(gzip.compress((JS / name).read_bytes(), 9)) for name in ("charts.js", "chart-runtime.min.js"))
    assert size <= 185 * 1024, size


def test_browser_runs_the_same_vega_as_vl_convert() -> None:
    runtime = (JS / "chart-runtime.min.js").read_text(encoding="utf-8")
    versions = set(re.findall(r'version\s*[:=]\s*"(\d+\.\d+\.\d+)"', runtime))
    assert vl_convert.get_vega_version() in versions
    assert "vegaExpressionInterpreter" in runtime
