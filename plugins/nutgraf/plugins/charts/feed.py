"""Charts in feeds: feed readers run no script and drop inline SVG, so each chart becomes its PNG."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

import bs4
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


# Written in a cached entry where the site's address goes, and replaced by it when read: a production build
# and the site check's build for a local address share one entry, instead of each pruning the other's. The
# .invalid domain is reserved (RFC 2606): no published link can be to it.
_ADDRESS = "https://nutgraf-feed-address.invalid"
# An address swapped for the stand-in and back comes out as it went in when it has no character HTML escapes.
_PLAIN_ADDRESS = re.compile(r"https?://[A-Za-z0-9.:\[\]-]+(/[A-Za-z0-9._~/-]*)?")


class FeedCache:
    """Feed entries with their charts as images, by the hash of the entry's HTML (charts expanded) and this
    module's code, kept across builds (``<cache>/feeds``), the site's address left to fill in: most of a
    production build was BeautifulSoup reading every explainer's inline SVGs for every feed it is in. A build
    removes the entries it did not use (``prune``), so the folder holds one site's feeds."""

    _CODE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def rewritten(self, html: str, domain: str) -> str:
        address = domain.rstrip("/")
        if _ADDRESS in html or not _PLAIN_ADDRESS.fullmatch(address or "https://x"):
            return charts_as_images(html, domain)  # would be taken for the stand-in: made for this build alone
        # The entry as made for no particular address (figures link their images by the site's address too).
        html = html.replace(address, _ADDRESS) if address else html
        stand_in = _ADDRESS if address else ""  # no address: URLs stay relative, and no stand-in is written
        key = hashlib.sha256(f"{self._CODE}\n{bs4.__version__}\n{stand_in}\n{html}".encode()).hexdigest()
        path = self.folder / key[:2] / key
        if key not in self.used:
            self.used.add(key)
            if not path.is_file():
                path.parent.mkdir(parents=True, exist_ok=True)
                staging = path.with_name(f".{key}.{os.getpid()}")
                staging.write_text(charts_as_images(html, stand_in), encoding="utf-8")
                staging.replace(path)  # whole or not at all
        text = path.read_text(encoding="utf-8")
        return text.replace(_ADDRESS, address) if address else text

    def prune(self) -> None:
        for path in self.folder.glob("*/*"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)


FEED_CACHE_STATE = "charts-feed"


def rewrite_feed(context: dict[str, Any], feed: Any) -> None:
    """Pelican's ``feed_generated`` handler: every item's content and description, charts as images."""
    from nutgraf.plugins.charts.hooks import expand_charts, library_for

    domain = context.get("FEED_DOMAIN") or context.get("SITEURL") or ""
    library = library_for(context)
    cache = context_for(context).state(FEED_CACHE_STATE, lambda: FeedCache(library.settings.cache_path / "feeds"))
    for item in feed.items:
        for key in ("description", "content"):
            html = item.get(key)
            if not isinstance(html, str):
                continue
            if PLACEHOLDER.search(html):
                html = expand_charts(html, library, _gettext(context, html))
            item[key] = cache.rewritten(html, domain)
