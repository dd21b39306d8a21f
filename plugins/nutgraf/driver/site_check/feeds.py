"""Every feed the site offers must parse cleanly (feedparser's ``bozo`` is 0)."""

from __future__ import annotations

import feedparser

from nutgraf.driver.crawl import Response
from nutgraf.driver.site_check.findings import Finding
from nutgraf.driver.site_check.site_files import site_path


def check_feed(url: str, resource: Response, base_url: str) -> list[Finding]:
    where = site_path(base_url, url)
    if resource.status != 200:
        return [Finding("feeds", where, f"HTTP {resource.status}")]
    parsed = feedparser.parse(resource.body)
    if parsed.bozo:
        return [Finding("feeds", where, f"does not parse: {parsed.bozo_exception}")]
    if parsed.version not in ("atom10", "atom03") and not parsed.version.startswith("rss"):
        return [Finding("feeds", where, f"not a feed (feedparser read {parsed.version!r})")]
    return []
