"""Charts in feeds: feed readers run no script and drop inline SVG, so each chart becomes its PNG."""

from __future__ import annotations

import hashlib
from typing import Any

from bs4 import BeautifulSoup

from nutgraf.kernel.context import context_for
from nutgraf.plugins.charts.markdown_extension import PLACEHOLDER


def absolute(url: str, domain: str) -> str:
    if url.startswith(("http://", "https://")) or not domain:
        return url
    return f"{domain.rstrip('/')}/{url.lstrip('/')}"


def charts_as_images(html: str, domain: str) -> str:
    """The HTML with each chart's graphic replaced by ``<img>`` of its PNG (absolute URL, with alt).

    Feed readers show the entry without the site's stylesheet, which on the page moves the source
    line under the chart: here the figure is written in reading order instead, each part a block of
    its own — title and subtitle (the figcaption), the image, then note, source and data link.
    """
    if 'class="chart"' not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for figure in soup.select("figure.chart"):
        graphic = figure.select_one(".chart-graphic")
        if graphic is None:
            continue
        wide = graphic.select_one("svg.chart-svg-wide")
        image = soup.new_tag(
            "img",
            attrs={
                "src": absolute(figure.get("data-chart-image", ""), domain),
                "alt": graphic.get("aria-label", ""),
                "width": wide.get("width", "") if wide else "",
                "height": wide.get("height", "") if wide else "",
            },
        )
        holder = soup.new_tag("p", attrs={"class": "chart-image"})
        holder.append(image)
        graphic.replace_with(holder)
        meta = figure.select_one(".chart-meta")
        if meta is not None:
            after = holder
            for part in list(meta.find_all(recursive=False)):
                line = soup.new_tag("p")
                if part.name == "span":  # note and source: the paragraph takes the span's place
                    line["class"] = part.get("class", [])
                    line.extend(list(part.contents))
                else:
                    line.append(part.extract())
                after.insert_after(line)
                after = line
            meta.decompose()
        for attribute in ("data-chart-wide", "data-chart-narrow", "data-chart-image", "data-chart-help"):
            del figure[attribute]
        for link in figure.select("a[href]"):
            link["href"] = absolute(link["href"], domain)
    return str(soup)


def _gettext(context: dict[str, Any], html: str) -> Any:
    """The translations of the language the item's charts are drawn in (see ``chart_key``)."""
    match = PLACEHOLDER.search(html)
    if match is None:
        return None
    lang = match[1].rpartition(":")[0]
    return context_for(context).gettext_for(lang or context.get("DEFAULT_LANG"))


def rewrite_feed(context: dict[str, Any], feed: Any) -> None:
    """Pelican's ``feed_generated`` handler: every item's content and description, charts as images."""
    from nutgraf.plugins.charts.hooks import expand_charts, library_for

    domain = context.get("FEED_DOMAIN") or context.get("SITEURL") or ""
    # An explainer is an item of several feeds (the site's, its topic's, its language's): its HTML, inline
    # SVGs and all, is parsed once a build, not once a feed (most of a production build's time otherwise).
    rewritten: dict[str, str] = context_for(context).state("charts-feed", dict)
    for item in feed.items:
        for key in ("description", "content"):
            html = item.get(key)
            if not isinstance(html, str):
                continue
            digest = hashlib.sha256(f"{domain}\n{html}".encode()).hexdigest()
            if digest not in rewritten:
                expanded = html
                if PLACEHOLDER.search(html):
                    expanded = expand_charts(html, library_for(context), _gettext(context, html))
                rewritten[digest] = charts_as_images(expanded, domain)
            item[key] = rewritten[digest]
