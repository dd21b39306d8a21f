"""sitemap.xml and robots.txt, written from the finished site so they list exactly what is published."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape

# Pages a crawler should not list: not found, and anything marked noindex (search, drafts).
NOT_LISTED = {"404.html"}
# The page's date for the sitemap, the first of these its head has.
LASTMOD_PROPERTIES = ("article:modified_time", "article:published_time")


@dataclass(frozen=True, order=True)
class SitemapEntry:
    url: str
    lastmod: str | None = None
    # (hreflang, URL) of the page's language versions, x-default included, from its <link rel="alternate">
    alternates: tuple[tuple[str, str], ...] = ()


def page_address(relative_path: str) -> str:
    """The address a static host serves a file at, relative to the site: ``a/index.html`` is ``a/``."""
    if relative_path == "index.html":
        return ""
    return relative_path.removesuffix("index.html")


class _HeadTags(HTMLParser):
    """The attributes of each ``<meta>`` and ``<link>`` tag, in order: all the sitemap reads of a page.

    The standard library's parser, which BeautifulSoup's "html.parser" builds its tree on, without the tree:
    a production build reads every page's head, ten times faster so (3,191 pages: 19 s with the tree).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link"):
            found = {}
            for name, value in attrs:
                found[name] = value or ""  # a repeated attribute: its last value, as BeautifulSoup keeps
            (self.metas if tag == "meta" else self.links).append(found)

    handle_startendtag = handle_starttag


def entry_for(html: str, relative_path: str, siteurl: str) -> SitemapEntry | None:
    """The page's sitemap entry, or None when it asks not to be indexed."""
    # Only the head says what the sitemap needs; parsing it alone is far quicker on chart pages.
    head_end = html.find("</head>")
    tags = _HeadTags()
    tags.feed(html[: head_end if head_end != -1 else None])
    tags.close()
    robots = next((meta for meta in tags.metas if meta.get("name") == "robots"), None)
    if robots is not None and "noindex" in robots.get("content", ""):
        return None
    lastmod = None
    for prop in LASTMOD_PROPERTIES:
        meta = next((meta for meta in tags.metas if meta.get("property") == prop), None)
        if meta is not None and meta.get("content"):
            lastmod = meta["content"]
            break
    alternates = tuple(
        (link["hreflang"], link["href"])
        for link in tags.links
        if "alternate" in link.get("rel", "").split() and "hreflang" in link and "href" in link
        if not link.get("type")  # feeds in a language are not versions of the page
    )
    return SitemapEntry(f"{siteurl}/{page_address(relative_path)}", lastmod, alternates)


def sitemap_entries(output: Path, siteurl: str) -> list[SitemapEntry]:
    entries = []
    for path in sorted(output.rglob("*.html")):
        relative = path.relative_to(output).as_posix()
        if relative in NOT_LISTED or relative.startswith("drafts/"):
            continue
        entry = entry_for(path.read_text(encoding="utf-8"), relative, siteurl)
        if entry is not None:
            entries.append(entry)
    return sorted(entries)


def sitemap_xml(entries: list[SitemapEntry]) -> str:
    """The sitemap protocol's XML (https://www.sitemaps.org/protocol.html)."""
    namespaces = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if any(entry.alternates for entry in entries):  # Google's hreflang extension of the protocol
        namespaces += ' xmlns:xhtml="http://www.w3.org/1999/xhtml"'
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f"<urlset {namespaces}>"]
    for entry in entries:
        lastmod = f"<lastmod>{escape(entry.lastmod)}</lastmod>" if entry.lastmod else ""
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(url)}"/>'
            for lang, url in entry.alternates
        )
        lines.append(f"  <url><loc>{escape(entry.url)}</loc>{lastmod}{alternates}</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(sitemap_url: str | None) -> str:
    """Every crawler is welcome; the sitemap, when there is one, says where the pages are."""
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines.append(f"Sitemap: {sitemap_url}")
    return "\n".join(lines) + "\n"
