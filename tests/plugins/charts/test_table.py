"""The data behind a chart as the chart shows it: columns named and formatted as its tooltip, rows after its
filters in its order, numbers right-aligned with real minus signs, and the chart-only CSV."""

from __future__ import annotations

import vl_convert
from bs4 import BeautifulSoup

from nutgraf.plugins.charts.html import FigureParts, data_table, figure_html
from nutgraf.plugins.charts.table import ChartTable, cell_text, chart_table, split_object

SPEC = {
    "data": {
        "values": [
            {"industry": "Mining", "change": -1, "jobs": 745},
            {"industry": "Education and health", "change": 3340, "jobs": 22318},
            {"industry": "Manufacturing", "change": -1365, "jobs": 12360},
            {"industry": "Hidden by the filter", "change": 5, "jobs": 1},
        ]
    },
    "transform": [{"filter": "datum.industry !== 'Hidden by the filter'"}],
    "mark": "bar",
    "encoding": {
        "y": {"field": "industry", "type": "nominal", "sort": "-x"},
        "x": {"field": "change", "type": "quantitative"},
        "tooltip": [
            {"field": "industry", "type": "nominal", "title": "Industry"},
            {"field": "change", "type": "quantitative", "format": ",", "title": "Change (thousands)"},
        ],
    },
}


def test_a_tooltip_signal_splits_into_titles_and_expressions() -> None:
    signal = '{"Year": timeFormat(datum["year"], "%Y"), "A, b": format(datum["v"], ",.1f"), "Say": \'{x}\'}'
    assert split_object(signal) == [
        ("Year", 'timeFormat(datum["year"], "%Y")'),
        ("A, b", 'format(datum["v"], ",.1f")'),
        ("Say", "'{x}'"),
    ]


def test_negative_numbers_get_the_real_minus_sign() -> None:
    assert cell_text("-1,365", numeric=True) == "\u22121,365"
    assert cell_text("\u22121,365", numeric=True) == "\u22121,365"
    assert cell_text("-in-law", numeric=False) == "-in-law"


def test_the_table_is_the_chart_s_columns_and_rows_in_its_order_after_its_filter() -> None:
    table = chart_table(vl_convert.vegalite_to_vega(SPEC))
    assert table is not None
    assert table.columns == ("Industry", "Change (thousands)")  # the chart's names, not the data's
    assert table.numeric == (False, True)
    # Top to bottom as the bars are sorted; the filtered row and the unused column are gone.
    assert table.rows == (("Education and health", "3,340"), ("Mining", "\u22121"), ("Manufacturing", "\u22121,365"))
    assert table.csv().decode() == (
        "Industry,Change (thousands)\nEducation and health,3340\nMining,-1\nManufacturing,-1365\n"
    )
    assert ChartTable.from_json(table.to_json()) == table


def test_a_chart_without_tooltips_has_no_table_to_guess() -> None:
    spec = {**SPEC, "encoding": {k: v for k, v in SPEC["encoding"].items() if k != "tooltip"}}
    assert chart_table(vl_convert.vegalite_to_vega(spec)) is None


def test_the_html_table_right_aligns_numbers_and_scrolls_in_a_focusable_region() -> None:
    table = ChartTable(("Month", "Change"), (("May 2009", "\u2212346"),), (("2009-05-01", -346),), (False, True))
    html = BeautifulSoup(data_table(table, "Jobs"), "html.parser")
    region = html.select_one(".chart-table")
    assert region["tabindex"] == "0" and region["role"] == "region" and region["aria-label"] == "The data: Jobs"
    assert [th.get("class") for th in html.select("th")] == [None, ["num"]]
    assert [td.get("class") for td in html.select("td")] == [None, ["num"]]
    assert [td.get_text() for td in html.select("td")] == ["May 2009", "\u2212346"]


def test_caption_text_read_without_css_keeps_its_parts_apart() -> None:
    """Search excerpts and reader modes read text, not layout: 'after 2010' must not run into 'Iowa's'."""
    parts = FigureParts(
        anchor="c",
        alt="A line.",
        source="EIA",
        wide_svg="<svg><text>2017</text></svg>",
        narrow_svg="",
        wide_vega_url="w",
        narrow_vega_url="n",
        image_url="i.png",
        title="Rose after 2010",
        subtitle="Iowa's power",
        download_url="d.csv",
    )
    html = BeautifulSoup(figure_html(parts), "html.parser")
    text = " ".join(html.get_text().split("\n"))
    assert "2010 Iowa's" in text and "2010Iowa" not in text
    assert html.select_one(".chart-graphic").has_attr("data-pagefind-ignore")  # axis labels stay out of search
