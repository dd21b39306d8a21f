"""sitemap.xml and robots.txt, written from the finished site so they list exactly what is published."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from bs4 import BeautifulSoup

# Pages a crawler should not list: not found, and anything marked noindex (search, drafts).
NOT_LISTED = {"404.html"}


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


def entry_for(html: str, relative_path: str, siteurl: str) -> SitemapEntry | None:
    """The page's sitemap entry, or None when it asks not to be indexed."""
    # Only the head says what the sitemap needs; parsing it alone is far quicker on chart pages.
    head_end = html.find("</head>")
    document = BeautifulSoup(html[: head_end if head_end != -1 else None], "html.parser")
    robots = document.find("meta", attrs={"name": "robots"})
    if robots is not None and "noindex" in robots.get("content", ""):
        return None
    lastmod = None
    for prop in ("article:modified_time", "article:published_time"):
        meta = document.find("meta", attrs={"property": prop})
        if meta is not None and meta.get("content"):
            lastmod = meta["content"]
            break
    alternates = tuple(
        (link["hreflang"], link["href"])
        for link in document.find_all("link", attrs={"rel": "alternate", "hreflang": True, "href": True})
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
