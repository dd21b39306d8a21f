"""The link check: every internal reference must load, and every ``#fragment`` must name an element.

It is ``nutgraf.driver.crawl`` (shared with the sub-path test), which reads each page once and
follows links in pages, stylesheets, feeds, the sitemap and robots.txt, rather than
LinkChecker, which fetches about three pages a second from one host and must drop root
to ``nobody``. Other origins are not fetched: builds and CI run offline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from nutgraf.driver.crawl import Response, crawl, http_fetch
from nutgraf.driver.site_check.findings import Finding
from nutgraf.driver.site_check.site_files import site_path


def check_links(
    base_url: str, start_urls: Iterable[str], follow: Callable[[str], bool] | None = None
) -> tuple[list[Finding], dict[str, Response]]:
    """Findings for every broken link reachable from ``start_urls`` (through the resources ``follow``
    accepts, if given), and every response fetched (by URL)."""
    responses: dict[str, Response] = {}

    def fetch(url: str) -> Response:
        responses[url] = http_fetch(url)
        return responses[url]

    result = crawl(fetch, list(start_urls), follow)
    findings = [
        Finding(
            "links",
            site_path(base_url, link.url if link.page == "(start)" else link.page),
            f"{link.url} -> {link.reason}",
        )
        for link in result.broken
    ]
    return findings, responses
