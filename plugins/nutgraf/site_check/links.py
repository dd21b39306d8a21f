"""A link checker that follows anchors: every internal reference must load, and every
``#fragment`` must name an element on its target page.

Our own small crawler rather than LinkChecker: LinkChecker fetches about three pages a
second from one host and must drop root to ``nobody``, while this reads each page once
(its ids too) with bs4 and checks a site of a few hundred pages in seconds. Other origins
are not fetched (builds and CI run offline); they are reported as skipped.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from nutgraf.site_check.findings import Finding
from nutgraf.site_check.site_files import site_path

# (tag, attribute) pairs whose value is a URL the browser loads or the reader follows.
URL_ATTRIBUTES = (
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("script", "src"),
    ("img", "src"),
    ("source", "src"),
    ("iframe", "src"),
    ("form", "action"),
)
SRCSET_TAGS = ("img", "source")
# Social images are fetched by other sites: they must exist too.
URL_METAS = ("og:image", "og:url", "twitter:image")
SITEMAP_NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class Resource:
    """A fetched URL: its status, type, and (for HTML) the ids a fragment may name."""

    status: int
    content_type: str = ""
    body: bytes = b""
    ids: set[str] = field(default_factory=set)


def fetch(url: str) -> Resource:
    request = urllib.request.Request(url, headers={"User-Agent": "nutgraf-site-check"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            resource = Resource(response.status, response.headers.get_content_type(), body)
    except urllib.error.HTTPError as error:
        return Resource(error.code)
    except (urllib.error.URLError, OSError) as error:
        return Resource(0, str(error))
    if resource.content_type == "text/html":
        document = BeautifulSoup(body, "html.parser")
        resource.ids = {str(element["id"]) for element in document.find_all(id=True)}
        resource.ids |= {str(element["name"]) for element in document.find_all("a", attrs={"name": True})}
    return resource


def references(html: bytes | str) -> list[str]:
    """Every URL an HTML page loads or links to, in document order."""
    document = BeautifulSoup(html, "html.parser")
    urls: list[str] = []
    for tag, attribute in URL_ATTRIBUTES:
        urls.extend(str(element[attribute]) for element in document.find_all(tag, attrs={attribute: True}))
    for tag in SRCSET_TAGS:
        for element in document.find_all(tag, attrs={"srcset": True}):
            urls.extend(candidate.strip().split(" ")[0] for candidate in str(element["srcset"]).split(","))
    for meta in document.find_all("meta", attrs={"property": URL_METAS}):
        urls.append(str(meta.get("content", "")))
    for meta in document.find_all("meta", attrs={"name": URL_METAS}):
        urls.append(str(meta.get("content", "")))
    return [url for url in urls if url.strip()]


def sitemap_urls(xml: bytes) -> list[str]:
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return []
    return [loc.text.strip() for loc in root.iter(f"{SITEMAP_NAMESPACE}loc") if loc.text]


def _internal(base_url: str, url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https") and url.startswith(base_url)


class LinkChecker:
    """Fetches each URL once, however many pages refer to it."""

    def __init__(self, base_url: str, workers: int = 8) -> None:
        self.base_url = base_url
        self.workers = workers
        self.resources: dict[str, Resource] = {}
        self.skipped: set[str] = set()

    def _fetch_all(self, urls: Iterable[str]) -> None:
        todo = sorted({url for url in urls if url not in self.resources})
        with ThreadPoolExecutor(self.workers) as pool:
            for url, resource in zip(todo, pool.map(fetch, todo), strict=True):
                self.resources[url] = resource

    def check(self, start_urls: list[str]) -> list[Finding]:
        """Fetch the start URLs (every page, feed and sitemap), then everything they refer to."""
        self._fetch_all(start_urls)
        findings = [
            Finding("links", site_path(self.base_url, url), f"HTTP {self.resources[url].status}")
            for url in start_urls
            if self.resources[url].status != 200
        ]
        pending: list[tuple[str, str, str]] = []  # (referring page, as written, absolute)
        for page in start_urls:
            resource = self.resources[page]
            if resource.content_type == "text/html":
                written = references(resource.body)
            elif page.endswith("sitemap.xml"):
                written = sitemap_urls(resource.body)
            else:
                continue
            for url in written:
                target = urljoin(page, url)
                if urlsplit(target).scheme not in ("http", "https"):
                    continue  # mailto:, data:, tel:
                if not _internal(self.base_url, target):
                    self.skipped.add(target)
                    continue
                pending.append((page, url, target))
        self._fetch_all(urldefrag(target).url for _, _, target in pending)
        for page, written, target in pending:
            findings.extend(self._check_reference(page, written, target))
        return findings

    def _check_reference(self, page: str, written: str, target: str) -> list[Finding]:
        address, fragment = urldefrag(target)
        resource = self.resources[address]
        where = site_path(self.base_url, page)
        if resource.status != 200:
            return [Finding("links", where, f"{written} -> HTTP {resource.status}")]
        if fragment and resource.content_type == "text/html" and fragment not in resource.ids:
            return [Finding("links", where, f"{written} -> no element with id {fragment!r}")]
        return []
