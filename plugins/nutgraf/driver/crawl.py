"""A link checker for a served site: follow every internal link from a start page, report the broken ones.

Pure apart from the ``fetch`` function it is given, so the same crawler checks a site served
over HTTP (tests, ``invoke check --site``) or read straight from a folder.

Internal means the start URL's origin: a link that leaves the site's sub-path but stays on its
host (``/theme/site.css`` on a site at ``/repo/``) is followed, and found broken, as on GitHub Pages.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup

# Attributes that make a browser fetch or navigate to another resource.
_URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
    "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
# Open Graph and Twitter images and addresses: other sites fetch them, so they must exist too.
_URL_METAS = frozenset({"og:image", "og:url", "twitter:image"})
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")
_ROBOTS_SITEMAP = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.IGNORECASE | re.MULTILINE)
_SITE_PATH = re.compile(r"^(/[^/\s]|https?://)\S*$")
_NOT_FETCHED = ("mailto:", "tel:", "data:", "javascript:", "about:", "blob:")


@dataclass(frozen=True)
class Response:
    """What ``fetch`` returns: the status after redirects, the media type and the body."""

    status: int
    content_type: str = ""
    body: bytes = b""
    url: str = ""  # the final URL after redirects; empty when it is the requested one

    @property
    def media_type(self) -> str:
        return self.content_type.split(";", 1)[0].strip().lower()


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link on ``page`` to ``url`` that does not work, and why."""

    page: str
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.url} ({self.reason})"


@dataclass
class CrawlResult:
    broken: list[BrokenLink] = field(default_factory=list)
    visited: list[str] = field(default_factory=list)


Fetch = Callable[[str], Response]


def _split_srcset(value: str) -> Iterator[str]:
    for candidate in value.split(","):
        url = candidate.strip().split(" ", 1)[0]
        if url:
            yield url


def _html_links(body: bytes) -> tuple[list[str], set[str], str | None]:
    """(links, fragment targets, <base href>) of an HTML page."""
    document = BeautifulSoup(body, "html.parser")
    links: list[str] = []
    for element in document.find_all(True):
        for attribute in _URL_ATTRIBUTES.get(element.name, ()):
            value = element.get(attribute)
            if not value:
                continue
            if attribute == "srcset":
                links.extend(_split_srcset(value))
            else:
                links.append(value.strip())
        for attribute, value in element.attrs.items():
            # data-* attributes holding a site path (e.g. a chart's compiled spec) are fetched by scripts.
            if attribute.startswith("data-") and isinstance(value, str) and _SITE_PATH.match(value):
                links.append(value)
        if element.name == "meta" and (element.get("property") in _URL_METAS or element.get("name") in _URL_METAS):
            links.append(str(element.get("content", "")).strip())
        if element.name == "meta" and str(element.get("http-equiv", "")).lower() == "refresh":
            match = re.search(r"url\s*=\s*(\S+)", str(element.get("content", "")), re.IGNORECASE)
            if match:
                links.append(match.group(1).strip("'\""))
        if element.name == "style" and element.string:
            links.extend(_css_links(element.string.encode()))
        style = element.get("style")
        if isinstance(style, str):
            links.extend(_css_links(style.encode()))
    targets = {str(element["id"]) for element in document.find_all(id=True)}
    targets |= {str(element["name"]) for element in document.find_all("a", attrs={"name": True})}
    base = document.find("base", href=True)
    return links, targets, str(base["href"]) if base else None


def _css_links(body: bytes) -> list[str]:
    text = body.decode("utf-8", errors="replace")
    return [match.group(2) or match.group(4) for match in _CSS_URL.finditer(text)]


def _xml_links(body: bytes) -> list[str]:
    """Links in an Atom or RSS feed or a sitemap; namespaces ignored."""
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return []
    links = []
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        if name == "link" and element.get("href"):
            links.append(element.get("href", ""))
        elif name in {"loc", "link"} and element.text and element.text.strip():
            links.append(element.text.strip())
        elif name == "enclosure" and element.get("url"):
            links.append(element.get("url", ""))
    return links


def _is_xml(response: Response, url: str) -> bool:
    return response.media_type in {"application/xml", "text/xml", "application/atom+xml", "application/rss+xml"} or (
        urlsplit(url).path.endswith((".xml", ".atom", ".rss"))
    )


def links_in(url: str, response: Response) -> tuple[list[str], set[str] | None]:
    """Absolute URLs a resource links to, and its fragment targets (None for non-HTML)."""
    base = response.url or url
    if response.media_type in {"text/html", "application/xhtml+xml"}:
        links, targets, base_href = _html_links(response.body)
        base = urljoin(base, base_href) if base_href else base
    elif response.media_type == "text/css" or urlsplit(url).path.endswith(".css"):
        links, targets = _css_links(response.body), None
    elif _is_xml(response, url):
        links, targets = _xml_links(response.body), None
    elif urlsplit(url).path.endswith("/robots.txt"):
        links, targets = _ROBOTS_SITEMAP.findall(response.body.decode("utf-8", errors="replace")), None
    else:
        links, targets = [], None
    resolved = [urljoin(base, link) for link in links if not link.lower().startswith(_NOT_FETCHED)]
    return resolved, targets


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def _failure(response: Response) -> str:
    if response.status:
        return f"HTTP {response.status}"
    return f"unreachable: {response.body.decode('utf-8', errors='replace')}"


def crawl(fetch: Fetch, start: str | Iterable[str], follow: Callable[[str], bool] | None = None) -> CrawlResult:
    """Fetch ``start`` and every same-origin URL reachable from it; report each broken link once per page.

    A link is broken when fetching it does not give status 200, or when its ``#fragment``
    names no element in the HTML page it points to. With ``follow``, only the links of resources
    it accepts are followed; the others are fetched (so links to them are checked) and go no further.
    """
    starts = [start] if isinstance(start, str) else list(start)
    origins = {_origin(url) for url in starts}
    responses: dict[str, Response] = {}
    targets: dict[str, set[str] | None] = {}
    result = CrawlResult()
    # (page, url) pairs whose fragment must be checked once the target is fetched.
    fragment_checks: list[tuple[str, str, str]] = []
    referrers: dict[str, list[str]] = {}
    queue: deque[str] = deque()
    queued: set[str] = set()

    def enqueue(page: str, url: str) -> None:
        if _origin(url) not in origins:
            return
        document, fragment = urldefrag(url)
        referrers.setdefault(document, [])
        if page and page not in referrers[document]:
            referrers[document].append(page)
        if fragment:
            fragment_checks.append((page, url, document))
        if document not in queued:
            queued.add(document)
            queue.append(document)

    for url in starts:
        enqueue("", url)
    while queue:
        url = queue.popleft()
        response = fetch(url)
        responses[url] = response
        result.visited.append(url)
        if response.status != 200 or (follow is not None and not follow(url)):
            continue
        links, targets[url] = links_in(url, response)
        for link in links:
            enqueue(url, link)

    for url, response in responses.items():
        if response.status != 200:
            for page in referrers[url] or ["(start)"]:
                result.broken.append(BrokenLink(page, url, _failure(response)))
    seen: set[tuple[str, str]] = set()
    for page, url, document in fragment_checks:
        if document not in targets and responses[document].status == 200:  # fetched, not followed
            targets[document] = links_in(document, responses[document])[1]
        known = targets.get(document)
        fragment = unquote(urldefrag(url)[1])
        if responses[document].status != 200 or known is None or (page, url) in seen:
            continue
        seen.add((page, url))
        if fragment not in known:
            result.broken.append(BrokenLink(page or "(start)", url, f"no element with id {fragment!r}"))
    result.broken.sort()
    return result


def http_fetch(url: str, timeout: float = 30) -> Response:
    """Fetch over HTTP(S) with the standard library, following redirects: the usual ``fetch`` for ``crawl``."""
    request = urllib.request.Request(url, headers={"User-Agent": "nutgraf-crawl"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            return Response(reply.status, reply.headers.get("Content-Type", ""), reply.read(), reply.url)
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers.get("Content-Type", ""), error.read(), url)
    except (urllib.error.URLError, OSError) as error:
        return Response(0, "", str(error).encode(), url)
