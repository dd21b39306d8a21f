"""Charts in feeds: feed readers run no script and drop inline SVG, so each chart becomes its PNG.

A feed entry's HTML still holds the charts' placeholders (pages get their figures as they are written), so each
is replaced by the chart's feed figure (``html.feed_figure_html``), made from the chart itself: nothing is parsed.
"""

from __future__ import annotations

import re
from typing import Any

from nutgraf.kernel.context import context_for
from nutgraf.plugins.charts.markdown_extension import PLACEHOLDER


def absolute(url: str, domain: str) -> str:
    if url.startswith(("http://", "https://")) or not domain:
        return url
    return f"{domain.rstrip('/')}/{url.lstrip('/')}"


def _gettext(context: dict[str, Any], html: str) -> Any:
    """The translations of the language the item's charts are drawn in (see ``chart_key``)."""
    match = PLACEHOLDER.search(html)
    if match is None:
        return None
    lang = match[1].rpartition(":")[0]
    return context_for(context).gettext_for(lang or context.get("DEFAULT_LANG"))


def rewrite_feed(context: dict[str, Any], feed: Any) -> None:
    """Pelican's ``feed_generated`` handler: every item's content and description, charts as images."""
    from nutgraf.plugins.charts.hooks import library_for

    domain = context.get("FEED_DOMAIN") or context.get("SITEURL") or ""
    library = library_for(context)

    def url(address: str) -> str:
        return absolute(address, domain)

    for item in feed.items:
        for key in ("description", "content"):
            html = item.get(key)
            if not isinstance(html, str) or PLACEHOLDER.search(html) is None:
                continue
            gettext = _gettext(context, html)
            used_ids: set[str] = set()  # anchors unique within the entry, as on the page

            def figure(match: re.Match[str], gettext: Any = gettext, used_ids: set[str] = used_ids) -> str:
                return library.feed_figure(match[1], library.anchor(match[1], used_ids), url, gettext=gettext)

            item[key] = PLACEHOLDER.sub(figure, html)
