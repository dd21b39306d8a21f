"""The real content built: the seed explainer in English and Simplified Chinese, linked both ways."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from tests.sitetools import soup
from tests.support import ROOT, build_in_process

SLUG = "china-cyberscam-crackdown"
ENGLISH = f"explainers/{SLUG}/index.html"
CHINESE = f"zh-hans/explainers/{SLUG}/index.html"
SECTION_IDS = ["whats-happening", "why-it-matters", "whats-next", "beyond-the-headlines"]
SITEURL = "https://news.example.org"


@pytest.fixture(scope="module")
def production_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built as published: absolute URLs, sitemap and feeds."""
    output = tmp_path_factory.mktemp("i18n-production") / "output"
    result = build_in_process(
        "build", "--settings", "publishconf.py", "--output", str(output), env={"SITEURL": SITEURL}
    )
    assert result.returncode == 0, result.stderr
    return output


def _alternates(page: Path) -> dict[str, str]:
    links = soup(page).find_all("link", attrs={"rel": "alternate", "hreflang": True})
    return {link["hreflang"]: link["href"] for link in links if not link.get("type")}


def test_the_chinese_page_speaks_chinese(built_site: Path) -> None:
    page = soup(built_site / CHINESE)
    assert page.html["lang"] == "zh-Hans"
    assert page.html["dir"] == "ltr"
    sections = page.select("section.explainer-section")
    assert [section["id"] for section in sections] == SECTION_IDS, "anchors are the canonical ones in every language"
    assert [s.h2.get_text(strip=True) for s in sections] == ["正在发生什么", "为何重要", "接下来", "头条之外"]
    assert [a.get_text(strip=True) for a in page.select(".jump-nav a")] == [
        "正在发生什么",
        "为何重要",
        "接下来",
        "头条之外",
    ]
    assert page.select_one(".jump-nav")["aria-label"] == "本文各部分"
    assert page.select_one(".byline__published").get_text(" ", strip=True) == "发布于 2026年11月25日"
    assert page.select_one(".key-figure__value").get_text() == "超过5.7万"
    assert page.select_one(".key-figure__source").get_text() == "来源： 中国当局"
    assert page.select_one(".skip-link").get_text() == "跳至正文"
    assert [a.get_text() for a in page.select(".site-nav a")][:3] == ["解读", "主题", "归档"]
    assert page.select_one(".site-header form")["action"] == "/zh-hans/search/"
    assert json.loads(page.select_one('script[type="application/ld+json"]').string)["inLanguage"] == "zh-Hans"


def test_the_english_page_is_unchanged_in_english(built_site: Path) -> None:
    page = soup(built_site / ENGLISH)
    assert page.html["lang"] == "en"
    assert next(s.h2.get_text(strip=True) for s in page.select("section.explainer-section")) == "What's happening"
    assert page.select_one(".byline__published").get_text(" ", strip=True) == "Published 25 November 2026"
    assert page.select_one(".key-figure__source").get_text() == "Source: Chinese authorities"
    assert page.select_one(".translation-note") is None


def test_each_version_links_to_the_other_with_hreflang_and_x_default(built_site: Path) -> None:
    expected = {
        "en": f"/explainers/{SLUG}/",
        "zh-Hans": f"/zh-hans/explainers/{SLUG}/",
        "x-default": f"/explainers/{SLUG}/",
    }
    assert _alternates(built_site / ENGLISH) == expected
    assert _alternates(built_site / CHINESE) == expected
    english_switcher = soup(built_site / ENGLISH).select_one("nav.language-switcher")
    link = english_switcher.select_one('a[hreflang="zh-Hans"]')
    assert (link["href"], link["lang"], link.get_text()) == (f"/zh-hans/explainers/{SLUG}/", "zh-Hans", "中文 (简体)")
    chinese = soup(built_site / CHINESE)
    back = chinese.select_one('nav.language-switcher a[hreflang="en"]')
    assert (back["href"], back.get_text()) == (f"/explainers/{SLUG}/", "English")
    note = chinese.select_one(".translation-note")
    assert note.get_text() == "本文为译文。阅读英语原文。"
    assert note.a["href"] == f"/explainers/{SLUG}/"


def test_every_page_declares_its_language(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        relative = page.relative_to(built_site).as_posix()
        expected = "zh-Hans" if relative.startswith("zh-hans/") else "en"
        assert soup(page).html.get("lang") == expected, relative


def test_the_chinese_home_and_search_pages(built_site: Path) -> None:
    home = soup(built_site / "zh-hans" / "index.html")
    assert home.html["lang"] == "zh-Hans"
    assert [a["href"] for a in home.select(".card-title a")] == [f"/zh-hans/explainers/{SLUG}/"]
    assert (
        home.select_one(".card-matters").get_text(" ", strip=True)
        == "为何重要： 这场打击行动至关重要，原因有以下几点。"
    )
    search = soup(built_site / "zh-hans" / "search" / "index.html")
    assert (search.html["lang"], search.h1.get_text()) == ("zh-Hans", "搜索")
    assert [a["href"] for a in soup(built_site / "index.html").select(".card-title a")].count(
        f"/explainers/{SLUG}/"
    ) == 1


def test_pagefind_holds_one_index_per_language(built_site: Path) -> None:
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text())
    languages = entry["languages"]
    assert set(languages) == {"en", "zh-hans"}
    assert languages["zh-hans"]["page_count"] == 1
    assert languages["en"]["page_count"] >= 4


def test_the_sitemap_lists_each_version_with_its_alternates(production_site: Path) -> None:
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ElementTree.parse(production_site / "sitemap.xml").getroot()
    urls = {url.findtext("s:loc", namespaces=namespaces): url for url in root.findall("s:url", namespaces)}
    english, chinese = f"{SITEURL}/explainers/{SLUG}/", f"{SITEURL}/zh-hans/explainers/{SLUG}/"
    for address in (english, chinese):
        links = {link.get("hreflang"): link.get("href") for link in urls[address].findall("x:link", namespaces)}
        assert links == {"en": english, "zh-Hans": chinese, "x-default": english}
    assert f"{SITEURL}/zh-hans/" in urls


def test_one_atom_feed_per_language(production_site: Path) -> None:
    import feedparser

    english = feedparser.parse(production_site / "feeds" / "en.atom.xml")
    chinese = feedparser.parse(production_site / "feeds" / "zh-Hans.atom.xml")
    assert english.bozo == 0 and chinese.bozo == 0
    assert [entry.link for entry in chinese.entries] == [f"{SITEURL}/zh-hans/explainers/{SLUG}/"]
    assert f"{SITEURL}/explainers/{SLUG}/" in [entry.link for entry in english.entries]
    head = soup(production_site / CHINESE).find("link", attrs={"type": "application/atom+xml", "hreflang": "zh-Hans"})
    assert head["href"] == f"{SITEURL}/feeds/zh-Hans.atom.xml"


def test_the_translation_is_marked_and_adds_no_figure() -> None:
    """The translation's numbers are the original's: 2023 and 57,000 (written 5.7万), nothing more."""
    import re

    original = (ROOT / "content" / "explainers" / f"{SLUG}.md").read_text(encoding="utf-8")
    translation = (ROOT / "content" / "explainers" / f"{SLUG}.zh-hans.md").read_text(encoding="utf-8")
    assert "Lang: zh-Hans" in translation and f"Slug: {SLUG}" in translation and "Translation: true" in translation
    body = translation.split("\n\n", 1)[1]
    assert set(re.findall(r"\d[\d.,]*", body)) == {"2023", "5.7"}
    assert set(re.findall(r"\d[\d,]*", original.split("\n\n", 1)[1])) == {"57,000", "2023"}


def test_each_language_has_its_own_listings_and_its_navigation_leads_there(built_site: Path) -> None:
    archive = soup(built_site / "zh-hans" / "archives" / "index.html")
    assert archive.html["lang"] == "zh-Hans" and archive.h1.get_text() == "归档"
    assert [a["href"] for a in archive.select("main a")] == [f"/zh-hans/explainers/{SLUG}/"]
    topics = soup(built_site / "zh-hans" / "topics" / "index.html")
    assert [a["href"] for a in topics.select(".term-list a")] == ["/zh-hans/topics/china/"]
    topic = soup(built_site / "zh-hans" / "topics" / "china" / "index.html")
    assert [a["href"] for a in topic.select(".card-title a")] == [f"/zh-hans/explainers/{SLUG}/"]
    tag = soup(built_site / "zh-hans" / "tags" / "scams" / "index.html")
    assert [a["href"] for a in tag.select(".card-title a")] == [f"/zh-hans/explainers/{SLUG}/"]
    for page in (archive, soup(built_site / CHINESE)):
        nav = {a.get_text(): a for a in page.select(".site-nav a, .site-footer a")}
        assert nav["主题"]["href"] == "/zh-hans/topics/" and nav["归档"]["href"] == "/zh-hans/archives/"
        assert nav["标签"]["href"] == "/zh-hans/tags/"
        about = page.select_one('.site-nav a[href="/about/"]')
        assert (about["lang"], about["hreflang"]) == ("en", "en"), "an untranslated page says it is in English"
    assert archive.select_one('.site-nav a[aria-current="page"]')["href"] == "/zh-hans/archives/"
    article = soup(built_site / CHINESE)
    assert article.select_one(".kicker a")["href"] == "/zh-hans/topics/china/"
    tags = {f"/zh-hans/tags/{tag}/" for tag in ("cybercrime", "scams", "myanmar")}
    assert {a["href"] for a in article.select(".tag-list a")} == tags
    english = soup(built_site / "archives" / "index.html")
    assert f"/zh-hans/explainers/{SLUG}/" not in [a["href"] for a in english.select("main a")]
    assert english.select_one('.site-nav a[aria-current="page"]')["href"] == "/archives/"


def test_the_site_feed_is_the_default_language_s_and_every_feed_declares_its_language(production_site: Path) -> None:
    import feedparser

    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    for name, lang in (("all", "en"), ("en", "en"), ("zh-Hans", "zh-Hans")):
        path = production_site / "feeds" / f"{name}.atom.xml"
        assert feedparser.parse(path.read_bytes()).bozo == 0
        assert ElementTree.parse(path).getroot().get(xml_lang) == lang, name
    site_feed = feedparser.parse((production_site / "feeds" / "all.atom.xml").read_bytes())
    links = [entry.link for entry in site_feed.entries]
    assert f"{SITEURL}/explainers/{SLUG}/" in links
    assert not [link for link in links if "/zh-hans/" in link], "translations are in their language's feed"
    chinese = feedparser.parse((production_site / "feeds" / "zh-Hans.atom.xml").read_bytes())
    assert chinese.feed.title == "nutgraf（中文 (简体)）"


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        (ENGLISH, "feeds/all.atom.xml"),
        ("index.html", "feeds/all.atom.xml"),
        (CHINESE, "feeds/zh-Hans.atom.xml"),
        ("zh-hans/archives/index.html", "feeds/zh-Hans.atom.xml"),
    ],
)
def test_each_page_head_offers_its_language_s_feed(production_site: Path, page: str, feed: str) -> None:
    html = soup(production_site / page)
    feeds = [link["href"] for link in html.find_all("link", attrs={"type": "application/atom+xml"})]
    language_feeds = [href for href in feeds if "/feeds/topics/" not in href]
    assert language_feeds == [f"{SITEURL}/{feed}"]
    assert html.select_one('.site-footer a[type="application/atom+xml"]')["href"] == f"{SITEURL}/{feed}"
    if page == CHINESE:
        assert feeds == language_feeds, "topic feeds hold the originals: not offered on Chinese pages"


def test_a_translation_has_its_own_social_card(production_site: Path) -> None:
    from nutgraf.plugins.site_meta.social_card import png_size

    head = soup(production_site / CHINESE)
    image = head.find("meta", attrs={"property": "og:image"})["content"]
    assert image == f"{SITEURL}/social/zh-hans/{SLUG}.png"
    card = (production_site / "social" / "zh-hans" / f"{SLUG}.png").read_bytes()
    assert png_size(card) == (1200, 630)
    assert card != (production_site / "social" / f"{SLUG}.png").read_bytes()
