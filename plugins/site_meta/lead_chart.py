"""An explainer's lead chart, as the chart plugin writes it into the page: the first ``figure.chart``."""

from __future__ import annotations

from dataclasses import dataclass

from bs4 import BeautifulSoup


@dataclass(frozen=True)
class LeadChart:
    image: str  # the chart's PNG, relative to SITEURL (as Pelican's ``url`` attributes are)
    title: str  # the sentence above the chart saying what it shows
    alt: str  # the chart's text alternative
    width: int  # its size on the page, in CSS pixels (the PNG has the same proportions)
    height: int


def relative_to_site(url: str, siteurl: str) -> str:
    """``https://example.org/charts/a.png`` (SITEURL ``https://example.org``) is ``charts/a.png``."""
    if siteurl and url.startswith(siteurl + "/"):
        url = url.removeprefix(siteurl)
    return url.lstrip("/")


def lead_chart(content: str, siteurl: str) -> LeadChart | None:
    """The first chart in an explainer's HTML, or None when it has none."""
    if 'class="chart"' not in content:
        return None
    figure = BeautifulSoup(content, "html.parser").select_one("figure.chart[data-chart-image]")
    if figure is None:
        return None
    title = figure.select_one(".chart-title")
    graphic = figure.select_one(".chart-graphic")
    wide = figure.select_one("svg.chart-svg-wide") or figure.select_one("svg")
    return LeadChart(
        image=relative_to_site(figure["data-chart-image"], siteurl),
        title=title.get_text(" ", strip=True) if title is not None else "",
        alt=" ".join(str(graphic.get("aria-label", "")).split()) if graphic is not None else "",
        width=int(float(wide.get("width", 0) or 0)) if wide is not None else 0,
        height=int(float(wide.get("height", 0) or 0)) if wide is not None else 0,
    )
