"""Colours and the vendored runtime: accessible in both colour schemes, small, and the same Vega as vl-convert."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
import vl_convert

from nutgraf.plugins.charts import theme
from nutgraf.plugins.charts.settings import DEFAULT_PALETTE, ChartSettings
from tests.theme.tokens import contrast, modes

ROOT = Path(__file__).resolve().parents[3]
JS = ROOT / "theme" / "static" / "js"
CSS = ROOT / "theme" / "static" / "css"


def chart_backgrounds(mode: str) -> dict[str, str]:
    """Every background a chart is drawn on: the page (site.css --paper) and its PNG's own background."""
    return {"--paper": modes()[mode]["paper"], "the PNG background": theme.IMAGE_BACKGROUND}


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_every_palette_colour_reaches_3_to_1_on_every_background(mode: str) -> None:
    for name, background in chart_backgrounds(mode).items():
        for colour in DEFAULT_PALETTE:
            ratio = contrast(colour, background)
            assert ratio >= 3, f"{mode}: {colour} on {name} ({background}) is {ratio:.2f}:1"


def test_no_stylesheet_puts_a_chart_on_another_background() -> None:
    """Charts and their thumbnails sit on the page: a --surface panel (2.8:1 for #cc79a7) would fail them."""
    for sheet in CSS.glob("*.css"):
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", sheet.read_text(encoding="utf-8")):
            if re.search(r"chart|thumbnail", selector) and "background" in body:
                values = re.findall(r"background(?:-color)?:\s*([^;]+)", body)
                for value in values:
                    assert value.strip() in ("var(--paper)", theme.IMAGE_BACKGROUND, "transparent", "none"), (
                        f"{sheet.name}: {selector.strip()} has background {value.strip()}"
                    )


def test_chart_javascript_is_at_most_185_kb_gzipped() -> None:
    size = sum(len(gzip.compress((JS / name).read_bytes(), 9)) for name in ("charts.js", "chart-runtime.min.js"))
    assert size <= 185 * 1024, size


def test_browser_runs_the_same_vega_as_vl_convert() -> None:
    runtime = (JS / "chart-runtime.min.js").read_text(encoding="utf-8")
    versions = set(re.findall(r'version\s*[:=]\s*"(\d+\.\d+\.\d+)"', runtime))
    assert vl_convert.get_vega_version() in versions
    assert "vegaExpressionInterpreter" in runtime


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_both_diverging_colours_reach_3_to_1_on_every_background(mode: str) -> None:
    for name, background in chart_backgrounds(mode).items():
        for colour in theme.DIVERGING:
            assert contrast(colour, background) >= 3, f"{mode}: {colour} on {name}"


def test_axes_are_a_newsroom_s_level_titles_and_horizontal_gridlines() -> None:
    config = theme.vega_lite_config(_settings())
    assert config["axisY"]["titleAngle"] == 0 and config["axisY"]["titleAnchor"] == "end"
    assert config["axisX"]["grid"] is False
    assert config["mark"]["color"] == DEFAULT_PALETTE[0]


def _settings() -> ChartSettings:
    return ChartSettings(content_path=Path("content"), cache_path=Path(".cache"))


def test_house_style_points_take_their_line_s_colour_and_a_signed_field_two_colours_split_at_zero() -> None:
    spec = {
        "data": {"values": [{"a": "x", "v": -3}, {"a": "y", "v": 5}]},
        "mark": {"type": "line", "point": True, "color": "#009e73"},
        "encoding": {
            "x": {"field": "a", "type": "nominal"},
            "y": {"field": "v", "type": "quantitative", "axis": {"format": "+,"}},
            "color": {"field": "v", "type": "quantitative", "scale": {"range": ["#d55e00", "#8a8a8a", "#0072b2"]}},
        },
    }
    styled = theme.house_style(spec)
    assert styled["mark"]["point"] == {"color": "#009e73", "filled": True}
    assert styled["encoding"]["color"]["scale"] == {"type": "threshold", "domain": [0], "range": list(theme.DIVERGING)}
    assert styled["encoding"]["y"]["axis"]["labelExpr"] == "datum.value === 0 ? '0' : datum.label"  # no "+0"
    assert spec["mark"]["point"] is True  # the spec given is left as it was
    one_signed = {**spec, "data": {"values": [{"a": "x", "v": 3}, {"a": "y", "v": 5}]}}
    assert "type" not in theme.house_style(one_signed)["encoding"]["color"]["scale"]
