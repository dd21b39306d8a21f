"""A chart's figure in a feed entry: its PNG by absolute address, in reading order, made without parsing a page."""

from __future__ import annotations

from bs4 import BeautifulSoup

from nutgraf.plugins.charts.feed import absolute
from nutgraf.plugins.charts.html import FigureParts, feed_figure_html

PARTS = FigureParts(
    anchor="chart-sales",
    alt='Bars of sales by year, "rising".',
    source="Test bureau & co",
    source_url="https://bureau.example/?a=1&b=2",
    wide_svg="<svg class='chart-svg-wide'></svg>",
    narrow_svg="<svg class='chart-svg-narrow'></svg>",
    wide_vega_url="/charts/a-wide.vg.json",
    narrow_vega_url="/charts/a-narrow.vg.json",
    image_url="/charts/0123456789abcdef.png",
    title="Sales <by year>",
    subtitle="Thousands",
    note="Provisional",
    download_url="/charts/0123456789abcdef-data.csv",
    source_file_url="/data/sales%202026.csv",
    annotations=("Peak of 9",),
)


def url(address: str) -> str:
    return absolute(address, "https://example.org/news")


def test_the_figure_reads_title_image_note_source_links_in_order_with_absolute_addresses() -> None:
    html = feed_figure_html(PARTS, (608.0, 380.0), url=url)
    figure = BeautifulSoup(html, "html.parser").figure
    assert figure["id"] == "chart-sales" and "<svg" not in html and "data-chart" not in html
    blocks = figure.find_all(["p"], recursive=True)
    assert [block.get_text() for block in blocks] == [
        "Sales <by year>",
        "Thousands",
        "",  # the image
        "Provisional",
        "Source: Test bureau & co",
        "Download the data (CSV)",
        "Full source file (CSV)",
    ]
    assert figure.figcaption.get_text("|") == "Sales <by year>|\n|Thousands"
    image = figure.img
    assert image.attrs == {
        "src": "https://example.org/news/charts/0123456789abcdef.png",
        "alt": 'Bars of sales by year, "rising". Marked on the chart: Peak of 9.',
        "width": "608",
        "height": "380",
    }
    links = [a["href"] for a in figure.select("a[href]")]
    assert links == [
        "https://bureau.example/?a=1&b=2",
        "https://example.org/news/charts/0123456789abcdef-data.csv",
        "https://example.org/news/data/sales%202026.csv",
    ]
    assert [block.get("class") for block in blocks[3:]] == [["chart-note"], ["chart-source"], None, None]


def test_a_chart_with_no_title_has_no_empty_caption() -> None:
    html = feed_figure_html(FigureParts(**{**vars(PARTS), "title": "", "subtitle": ""}), (600, 400), url=url)
    assert "<figcaption" not in html
    assert html.startswith('<figure class="chart" id="chart-sales"><p class="chart-image"><img src="https://')
