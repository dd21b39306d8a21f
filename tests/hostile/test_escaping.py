"""Script in every editable text comes out as text: in the page, its SVG, its data table and its Vega files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from tests.hostile.payloads import CLOSING_LABEL, EVERYWHERE, LABEL, PAYLOAD, build_site

PAGE = "explainers/hostile/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("hostile") / "site", EVERYWHERE)


def page(site: Path, name: str = PAGE) -> BeautifulSoup:
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def injected(root: BeautifulSoup | Tag) -> list[str]:
    """Elements or attributes that only a payload could have put there."""
    found = []
    for element in root.find_all(True):
        if element.name == "script" and element.get("type") == "application/ld+json":
            json.loads(element.string or "")  # still one JSON document: nothing broke out of it
            continue
        if element.name == "script" and "pwned" in (element.string or "") + element.get("src", ""):
            found.append(str(element)[:80])
        if element.name == "img" and element.get("src") == "x":
            found.append(str(element)[:80])
        if element.name == "b" or any(name.lower().startswith("on") for name in element.attrs):
            found.append(str(element)[:80])
    return found


def test_chart_captions_are_text(site: Path) -> None:
    figures = page(site).select("figure.chart")
    assert len(figures) == 2
    figure = figures[0]
    assert figure.select_one(".chart-title").get_text() == "Title " + PAYLOAD
    assert figure.select_one(".chart-subtitle").get_text() == "Subtitle " + PAYLOAD
    assert figure.select_one(".chart-note").get_text() == "Note " + PAYLOAD
    assert figure.select_one(".chart-source").get_text() == "Source: Source " + PAYLOAD
    assert figure.select_one(".chart-graphic")["aria-label"] == "Alt " + PAYLOAD
    assert injected(figure) == []


def test_data_values_are_text_in_the_table_and_the_svg(site: Path) -> None:
    for figure in page(site).select("figure.chart"):
        cells = [cell.get_text() for cell in figure.select(".chart-table td")]
        assert LABEL in cells and CLOSING_LABEL in cells
        for svg in figure.select("svg"):
            assert not svg.find_all(["script", "foreignobject", "foreignObject", "img", "b"])
            assert not [a for e in svg.find_all(True) for a in e.attrs if a.lower().startswith("on")]
        assert injected(figure) == []


def test_data_values_reach_the_vega_files_as_json_strings(site: Path) -> None:
    """The interactive chart and its tooltips get the values as data; charts.js shows them with textContent."""
    files = sorted((site / "charts").glob("*-wide.vg.json"))
    assert len(files) == 2
    values = {
        row.get("label")
        for path in files
        for data in json.loads(path.read_text(encoding="utf-8"))["data"]
        for row in data.get("values", [])
    }
    assert {LABEL, CLOSING_LABEL} <= values


def test_key_figure_and_updates_are_text(site: Path) -> None:
    html = page(site)
    figure = html.select_one("figure.key-figure")
    assert figure.select_one(".key-figure__value").get_text() == PAYLOAD
    assert figure.select_one(".key-figure__label").get_text() == "Label " + PAYLOAD
    assert injected(figure) == []
    update = html.select_one(".updates__item")
    assert update.get_text().endswith("Fixed " + PAYLOAD)
    assert injected(update) == []


@pytest.mark.parametrize(
    "name",
    [
        PAGE,
        "index.html",
        "archives/index.html",
        "topics/index.html",
        "tags/index.html",
        "tags/rain/index.html",
    ],
)
def test_no_page_carries_injected_markup(site: Path, name: str) -> None:
    assert injected(page(site, name)) == []
