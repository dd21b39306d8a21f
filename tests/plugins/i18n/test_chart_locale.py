"""Charts in a translation: the language's number and date locale, CJK glyphs in the PNG, its own captions."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from nutgraf.plugins.charts.prepare import prepare_chart
from nutgraf.plugins.charts.render import render
from nutgraf.plugins.charts.settings import ChartSettings
from tests.plugins.charts.helpers import block, content, settings
from tests.plugins.i18n.pixels import inked
from tests.sitetools import soup
from tests.support import build_in_process

CSV = "month,count\n2025-01-01,12000\n2025-02-01,15500\n2025-03-01,14250\n2025-04-01,18000\n"
MONTHLY = """
title: {title}
data: data/monthly.csv
mark: line
x: {{field: month, type: temporal, timeUnit: yearmonth, title: null}}
y: {{field: count, type: quantitative, title: {axis}}}
source: {source}
alt: {alt}
"""


def monthly(axis: str = "null", title: str = "A test", source: str = "A test", alt: str = "A line") -> str:
    return MONTHLY.format(axis=axis, title=title, source=source, alt=alt)


@pytest.fixture(scope="module")
def chart_settings(tmp_path_factory: pytest.TempPathFactory) -> ChartSettings:
    return settings(content(tmp_path_factory.mktemp("chart-locale"), {"data/monthly.csv": CSV}))


def _render(text: str, lang: str, chart_settings: ChartSettings) -> dict[str, bytes]:
    prepared = prepare_chart(dataclasses.replace(block(text), lang=lang), chart_settings)
    return render(prepared.job)


def test_chinese_text_in_a_chart_png_is_drawn_as_glyphs(chart_settings: ChartSettings) -> None:
    """Real glyphs differ in ink: 鼎 has many strokes, 一 one. Missing glyphs (empty boxes) would not."""
    # The social card's PNG: drawn for every lead chart (the feeds' chart.png only when feeds are written).
    without = inked(_render(monthly(), "zh-Hans", chart_settings)["card.png"])
    one_stroke = inked(_render(monthly('"一一一一一一"'), "zh-Hans", chart_settings)["card.png"])
    many_strokes = inked(_render(monthly('"鼎鼎鼎鼎鼎鼎"'), "zh-Hans", chart_settings)["card.png"])
    assert one_stroke > without, "the axis title is drawn"
    assert many_strokes - without > 3 * (one_stroke - without), (without, one_stroke, many_strokes)


def test_numbers_and_dates_follow_the_language(chart_settings: ChartSettings) -> None:
    chinese = _render(monthly(), "zh-Hans", chart_settings)["wide.svg"].decode()
    english = _render(monthly(), "", chart_settings)["wide.svg"].decode()
    assert "二月" in chinese and "February" not in chinese
    assert "February" in english or "Feb" in english
    assert "Noto Sans CJK SC" in chinese, "the SVG names a font with the glyphs"
    assert "Noto Sans CJK SC" not in english


def test_the_locale_is_part_of_the_cache_key(chart_settings: ChartSettings) -> None:
    text = monthly()
    english = prepare_chart(block(text), chart_settings).job
    chinese = prepare_chart(dataclasses.replace(block(text), lang="zh-Hans"), chart_settings).job
    assert english.key != chinese.key
    assert english.format_locale is None and chinese.format_locale["currency"] == ["¥", ""]


CHART_EXPLAINER = """Title: {title}
Date: 2026-01-02
Summary: {summary}
Topic: Testing
{extra}
## {parts[0]}

{text}

```chart
{chart}
```

## {parts[1]}

{text}

## {parts[2]}

{text}

## {parts[3]}

{text}
"""


def test_a_translated_chart_carries_its_own_captions(project: Callable[..., Path]) -> None:
    english = CHART_EXPLAINER.format(
        title="Crossings",
        summary="Crossings rose.",
        extra="",
        parts=["What's happening", "Why it matters", "What's next", "Beyond the headlines"],
        text="Some text.",
        chart=monthly(title="Crossings by month", source="A planted test figure", alt="A line rising").strip(),
    )
    chinese = CHART_EXPLAINER.format(
        title="过境人次",
        summary="过境人次有所上升。",
        extra="Lang: zh-Hans\nSlug: crossings\n",
        parts=["正在发生什么", "为何重要", "接下来", "头条之外"],
        text="一些文字。",
        chart=monthly(title="每月过境人次", source="测试用数据", alt="一条上升的折线").strip(),
    )
    files = {"content/data/monthly.csv": CSV, "content/explainers/crossings.md": english}
    root = project({**files, "content/explainers/crossings.zh-hans.md": chinese})
    result = build_in_process("build", cwd=root)
    assert result.returncode == 0, result.stderr
    page = soup(root / "output" / "zh-hans" / "explainers" / "crossings" / "index.html")
    figure = page.select_one("figure.chart")
    assert figure.select_one(".chart-title").get_text() == "每月过境人次"
    assert figure.select_one(".chart-source").get_text() == "来源： 测试用数据"
    assert figure.select_one(".chart-download").get_text() == "下载数据（CSV）"
    assert figure.select_one(".chart-graphic")["aria-label"] == "一条上升的折线"
    assert "二月" in figure.select_one("svg").get_text()
    english_page = soup(root / "output" / "explainers" / "crossings" / "index.html")
    assert english_page.select_one("figure.chart .chart-source").get_text() == "Source: A planted test figure"
    assert figure["data-chart-wide"] != english_page.select_one("figure.chart")["data-chart-wide"]
