"""sitemap.xml and robots.txt: what the pure functions write, and every page of a paginated listing listed."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

from nutgraf.plugins.site_meta.sitemap import SitemapEntry, entry_for, page_address, robots_txt, sitemap_xml
from tests.support import build_in_process

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_sitemap_is_valid_xml_with_escaped_urls_and_lastmod() -> None:
    xml = sitemap_xml(
        [SitemapEntry("https://x.org/a/?b=1&c=2", "2026-01-02T00:00:00+00:00"), SitemapEntry("https://x.org/")]
    )
    root = ElementTree.fromstring(xml)
    assert [loc.text for loc in root.iter(f"{NS}loc")] == ["https://x.org/a/?b=1&c=2", "https://x.org/"]
    assert [m.text for m in root.iter(f"{NS}lastmod")] == ["2026-01-02T00:00:00+00:00"]


def test_noindex_pages_are_left_out_and_modified_beats_published() -> None:
    assert entry_for('<meta name="robots" content="noindex">', "search/index.html", "https://x.org") is None
    html = (
        '<meta property="article:published_time" content="2026-01-01">'
        '<meta property="article:modified_time" content="2026-02-01">'
    )
    assert entry_for(html, "explainers/a/index.html", "https://x.org") == SitemapEntry(
        "https://x.org/explainers/a/", "2026-02-01"
    )


def test_language_versions_are_the_alternate_links_with_a_language_and_no_type() -> None:
    html = (
        '<link rel="alternate" hreflang="en" href="https://x.org/a/?b=1&amp;c=2">'
        '<link rel="alternate" type="application/atom+xml" hreflang="en" href="https://x.org/feeds/all.atom.xml">'
        '<link rel="alternate  canonical" hreflang="zh-Hans" href="https://x.org/zh-hans/a/" />'
        '<link rel="alternate" href="https://x.org/no-language/">'
        '<link rel="canonical" hreflang="fr" href="https://x.org/fr/a/">'
        '<meta name="robots" content="noindex" name="description">'  # a repeated attribute: its last value counts
        "</head><body><link rel='alternate' hreflang='de' href='https://x.org/body/'>"
    )
    assert entry_for(html, "a/index.html", "https://x.org") == SitemapEntry(
        "https://x.org/a/", None, (("en", "https://x.org/a/?b=1&c=2"), ("zh-Hans", "https://x.org/zh-hans/a/"))
    )


def test_page_address_drops_index_html() -> None:
    assert page_address("index.html") == ""
    assert page_address("topics/index.html") == "topics/"


def test_robots_names_the_sitemap_only_when_there_is_one() -> None:
    assert robots_txt("https://x.org/sitemap.xml").splitlines() == [
        "User-agent: *",
        "Allow: /",
        "Sitemap: https://x.org/sitemap.xml",
    ]
    assert "Sitemap" not in robots_txt(None)


def test_a_paginated_listing_s_later_pages_are_in_the_sitemap(tmp_path: Path) -> None:
    from tests.theme.test_pagination import paginated_project

    root = paginated_project(tmp_path / "site")  # two explainers a page: 3 pages of each listing
    result = build_in_process("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": "https://x.org"})
    assert result.returncode == 0, result.stderr
    listed = {loc.text for loc in ElementTree.parse(root / "output" / "sitemap.xml").getroot().iter(f"{NS}loc")}
    for listing in ("", "topics/testing/", "tags/reader/", "zh-hans/", "zh-hans/topics/testing/"):
        assert {
            f"https://x.org/{listing}",
            f"https://x.org/{listing}page/2/",
            f"https://x.org/{listing}page/3/",
        } <= listed
    assert "https://x.org/page/4/" not in listed
