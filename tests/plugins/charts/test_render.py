"""Real vl-convert renders: golden SVGs (its output is deterministic), CSP-safe markup, empty charts refused."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import vl_convert

from nutgraf.kernel import fonts
from nutgraf.plugins.charts.prepare import prepare_chart
from nutgraf.plugins.charts.render import (
    RenderError,
    RenderJob,
    localised,
    measure_font,
    measured,
    page_font,
    render,
)
from nutgraf.plugins.charts.svg import EmptyChartError, clean_svg
from tests.plugins.charts.helpers import SHORTHAND, assert_matches_golden, block, content, settings


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = content(tmp_path_factory.mktemp("render"))
    return render(prepare_chart(block(SHORTHAND), settings(root)).job)


@pytest.mark.parametrize("name", ["wide.svg", "narrow.svg"])
def test_svg_matches_golden_file(rendered: dict[str, bytes], name: str) -> None:
    assert_matches_golden(f"power-{name}", rendered[name])


def test_svg_is_safe_under_the_strict_csp_and_follows_the_colour_scheme(rendered: dict[str, bytes]) -> None:
    svg = rendered["wide.svg"].decode()
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg
    assert 'fill="currentColor"' in svg  # text takes the page's ink, light or dark
    assert re.search(r'<rect width="\d+" height="\d+" fill="white"', svg) is None  # transparent background
    assert 'width="608"' in svg and 'width="328"' in rendered["narrow.svg"].decode()
    assert re.findall(r'font-size="(\d+)px"', svg) and min(map(int, re.findall(r'font-size="(\d+)px"', svg))) >= 14


def test_compiled_vega_and_png_come_with_it(rendered: dict[str, bytes]) -> None:
    vega = json.loads(rendered["wide.vg.json"])
    assert vega["$schema"].startswith("https://vega.github.io/schema/vega/")
    assert rendered["card.png"][:8] == b"\x89PNG\r\n\x1a\n"  # a lead chart's, for its social card
    assert "chart.png" not in rendered  # feeds' PNG: these settings write no feeds


def test_a_chart_is_drawn_as_png_for_feeds_only_when_feeds_are_written(tmp_path: Path) -> None:
    feeds = dataclasses.replace(settings(content(tmp_path)), feeds=True)
    prepared = prepare_chart(block(SHORTHAND), feeds, lead=False)
    files = render(prepared.job)
    assert files["chart.png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert "card.png" not in files and "thumb.svg" not in files  # not a page's first chart


def test_ids_are_prefixed_so_two_charts_on_a_page_never_clash() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg"><defs><clipPath id="clip1"><rect/></clipPath></defs>'
        '<g class="mark-rect role-mark"><path clip-path="url(#clip1)" style="fill: red; stroke-width: 2"/></g></svg>'
    )
    cleaned = clean_svg(svg, "cabc", "chart-svg")
    assert 'id="cabc-clip1"' in cleaned and 'clip-path="url(#cabc-clip1)"' in cleaned
    assert 'fill="red"' in cleaned and 'stroke-width="2"' in cleaned and "style=" not in cleaned


def test_a_chart_that_draws_nothing_is_an_error_not_an_empty_box() -> None:
    empty = '<svg xmlns="http://www.w3.org/2000/svg"><g class="mark-line role-mark marks"/></svg>'
    with pytest.raises(EmptyChartError):
        clean_svg(empty, "c", "chart-svg")
    # vl-convert would fetch a relative URL from vega.github.io; told to fetch nothing, it refuses.
    spec = {"data": {"url": "nowhere.csv"}, "mark": "line", "encoding": {"x": {"field": "a", "type": "quantitative"}}}
    with pytest.raises(RenderError, match=r"External data url not allowed: \S*nowhere\.csv"):
        render(RenderJob("0" * 64, {"wide": spec, "narrow": spec, "image": spec}))


def test_text_is_measured_in_the_wide_font_but_the_page_names_its_own_stack(rendered: dict[str, bytes]) -> None:
    page_stack = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif'
    fonts = set(re.findall(r'font-family="([^"]*)"', rendered["wide.svg"].decode()))
    assert fonts == {page_stack.replace('"', "&quot;")}
    vega = rendered["wide.vg.json"].decode()
    assert "Nutgraf" not in vega  # the browser's Vega measures with the reader's own fonts
    assert json.loads(vega)["config"]["axis"]["labelFont"] == page_stack


def test_only_the_theme_font_is_swapped_for_measuring() -> None:
    spec = {"config": {"font": "A", "axis": {"labelFont": "A"}}, "layer": [{"mark": {"type": "text", "font": "B"}}]}
    swapped = measured(spec, "A")
    assert swapped["config"] == {"font": f"{fonts.SANS}, A", "axis": {"labelFont": f"{fonts.SANS}, A"}}
    assert swapped["layer"][0]["mark"]["font"] == "B"  # an author's own choice stays
    assert spec["config"]["font"] == "A"  # the job's spec is left as it was (it is also the cache key's input)


def test_labels_get_the_room_the_wide_font_needs(tmp_path: Path) -> None:
    """Measured in DejaVu Sans, the y-axis labels push the plot further right than vl-convert's own pick would."""
    job = prepare_chart(block(SHORTHAND), settings(content(tmp_path))).job
    origin = re.compile(r'stroke-miterlimit="10" transform="translate\(([\d.]+),')
    ours = float(origin.search(render(job)["wide.svg"].decode())[1])
    unmeasured = float(origin.search(vl_convert.vegalite_to_svg(job.specs["wide"]))[1])  # Liberation Sans here
    assert ours > unmeasured


def test_interactive_charts_format_numbers_and_dates_in_the_page_language(tmp_path: Path) -> None:
    job = prepare_chart(dataclasses.replace(block(SHORTHAND), lang="zh-Hans"), settings(content(tmp_path))).job
    locale = json.loads(render(job)["wide.vg.json"])["config"]["locale"]
    assert locale["number"] == job.format_locale and locale["time"] == job.time_format_locale
    assert "一月" in locale["time"]["months"]


def test_the_browser_gets_the_page_spec_compiled_though_the_svg_is_drawn_from_the_measuring_one(tmp_path: Path) -> None:
    """One compile serves both: the measuring font stack, and only it, is named back to the page's."""
    job = prepare_chart(dataclasses.replace(block(SHORTHAND), lang="zh-Hans"), settings(content(tmp_path))).job
    files = render(job)
    for variant in ("wide", "narrow"):
        compiled = localised(vl_convert.vegalite_to_vega(job.specs[variant]), job)
        assert json.loads(files[f"{variant}.vg.json"]) == compiled


def test_the_default_language_carries_no_locale(rendered: dict[str, bytes]) -> None:
    assert "locale" not in json.loads(rendered["wide.vg.json"]).get("config", {})


def test_charts_led_by_a_scripts_fonts_are_measured_in_the_shipped_cjk_font() -> None:
    """vl-convert would take CJK glyphs from any font it finds, not the stack behind the Latin one."""
    chinese = '"Noto Sans CJK SC", "PingFang SC", system-ui, sans-serif'
    assert measure_font(chinese) == fonts.CJK
    assert measure_font("system-ui, sans-serif") == fonts.SANS
    assert page_font({"config": {"font": chinese}}) == chinese


def test_thumbnail_is_marks_only_small_and_transparent_and_the_card_chart_has_28_px_text(
    rendered: dict[str, bytes],
) -> None:
    thumbnail = rendered["thumb.svg"].decode()
    assert len(rendered["thumb.svg"]) <= 20 * 1024
    assert "<text" not in thumbnail and 'fill="white"' not in thumbnail  # no axis text; right on dark pages
    assert 'width="176"' in thumbnail and "role-mark" in thumbnail
    # The card's chart: 270 CSS px wide with 14 px text, drawn 2x into the card's 540 px box: 28 px text.
    width = int.from_bytes(rendered["card.png"][16:20], "big")
    assert width == 540
