"""The corrections page and its Atom feed: every correction of every published explainer, newest first, in each
language, linking to the notice at the top of the explainer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import feedparser
import pytest
from bs4 import BeautifulSoup

from nutgraf.plugins.explainers.corrections_log import CorrectionEntry, FeedPlace, corrections_feed
from tests.readersite import explainer
from tests.support import build_in_process, make_project

SITEURL = "https://news.example.org"
ZH_BODY = """
## 正在发生什么

正在发生的部分。

## 为何重要

重要的部分。

## 接下来

接下来的部分。

## 头条之外

背景部分。
"""
FILES = {
    "content/explainers/ferries.md": explainer("Ferries in the strait", date="2026-03-01").replace(
        "Tags:",
        "Corrections: 2026-03-04: The ferry leaves at 9, not 10.\n"
        "    2026-03-10 09:00: The port is Dover, not Calais.\nTags:",
    ),
    "content/explainers/bridges.md": explainer("Bridges over the river", date="2026-03-02").replace(
        "Tags:", "Corrections: 2026-03-07: The bridge is 300 m long.\nTags:"
    ),
    "content/explainers/plain.md": explainer("Nothing to correct", date="2026-03-03"),
    "content/explainers/bridges.zh-hans.md": (
        "Title: 河上的桥\nDate: 2026-03-02\nSummary: 关于桥的一句话。\nTopic: Testing\nTags: testing\n"
        "Lang: zh-Hans\nSlug: bridges\nTranslation: true\nCorrections: 2026-03-08: 桥长300米。\n" + ZH_BODY
    ),
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def build(root: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    make_project(root, FILES)
    result = build_in_process("build", *args, cwd=root, env=env)
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.fixture(scope="module")
def development(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("development") / "site")


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("production") / "site"
    return build(root, "--settings", "publishconf.py", env={"SITEURL": SITEURL})


def test_the_corrections_page_lists_every_correction_newest_first(development: Path) -> None:
    page = soup(development / "corrections" / "index.html")
    assert page.h1.get_text() == "Corrections"
    items = page.select("ol.corrections-log > li")
    assert [(li.a["href"], li.time["datetime"][:16], li.p.get_text()) for li in items] == [
        ("/explainers/ferries/#corrections", "2026-03-10T09:00", "The port is Dover, not Calais."),
        ("/explainers/bridges/#corrections", "2026-03-07T00:00", "The bridge is 300 m long."),
        ("/explainers/ferries/#corrections", "2026-03-04T00:00", "The ferry leaves at 9, not 10."),
    ]
    assert items[0].a.get_text() == "Ferries in the strait" and items[0].time.get_text() == "10 March 2026"


def test_the_notice_is_where_the_entries_link_and_numbers_its_items_oldest_first(development: Path) -> None:
    notice = soup(development / "explainers" / "ferries" / "index.html").select_one("aside#corrections")
    assert notice is not None
    assert [li["id"] for li in notice.select("li")] == ["correction-2", "correction-1"]  # newest first on the page


def test_each_language_has_its_corrections_page(development: Path) -> None:
    page = soup(development / "zh-hans" / "corrections" / "index.html")
    assert page.html["lang"] == "zh-Hans" and page.h1.get_text() == "更正"
    items = page.select("ol.corrections-log > li")
    assert [(li.a["href"], li.a.get_text(), li.p.get_text()) for li in items] == [
        ("/zh-hans/explainers/bridges/#corrections", "河上的桥", "桥长300米。")
    ]
    assert "2026年3月8日" in items[0].time.get_text()


def test_every_page_s_footer_links_to_its_language_s_corrections_page(development: Path) -> None:
    for page, href in (
        ("index.html", "/corrections/"),
        ("explainers/plain/index.html", "/corrections/"),
        ("zh-hans/explainers/bridges/index.html", "/zh-hans/corrections/"),
    ):
        links = [a["href"] for a in soup(development / page).select("footer.site-footer a")]
        assert href in links, (page, links)


def test_the_feed_is_valid_atom_of_the_corrections_dated_by_them(production: Path) -> None:
    page = soup(production / "corrections" / "index.html")
    feed_url = f"{SITEURL}/feeds/corrections.atom.xml"
    assert page.select_one(f'head link[rel="alternate"][type="application/atom+xml"][href="{feed_url}"]')
    assert page.select_one(f'main a[href="{feed_url}"]')
    parsed = feedparser.parse((production / "feeds" / "corrections.atom.xml").read_bytes())
    assert parsed.bozo == 0 and parsed.version == "atom10"
    assert parsed.feed.id == feed_url and parsed.feed.updated.startswith("2026-03-10T09:00:00")
    assert parsed.feed.language == "en"
    assert [(entry.link, entry.updated[:16], entry.summary) for entry in parsed.entries] == [
        (f"{SITEURL}/explainers/ferries/#corrections", "2026-03-10T09:00", "The port is Dover, not Calais."),
        (f"{SITEURL}/explainers/bridges/#corrections", "2026-03-07T00:00", "The bridge is 300 m long."),
        (f"{SITEURL}/explainers/ferries/#corrections", "2026-03-04T00:00", "The ferry leaves at 9, not 10."),
    ]
    assert parsed.entries[0].title == "Correction to “Ferries in the strait”"
    ids = [entry.id for entry in parsed.entries]
    assert len(set(ids)) == 3 and ids[0] == "tag:news.example.org,2026-03-10:/explainers/ferries/#correction-2"


def test_each_language_has_its_feed_and_the_sitemap_lists_the_pages(production: Path) -> None:
    parsed = feedparser.parse((production / "zh-hans" / "feeds" / "corrections.atom.xml").read_bytes())
    assert parsed.bozo == 0 and parsed.feed.language == "zh-Hans"
    assert [entry.link for entry in parsed.entries] == [f"{SITEURL}/zh-hans/explainers/bridges/#corrections"]
    page = soup(production / "zh-hans" / "corrections" / "index.html")
    assert page.select_one(
        f'head link[type="application/atom+xml"][href="{SITEURL}/zh-hans/feeds/corrections.atom.xml"]'
    )
    sitemap = (production / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITEURL}/corrections/</loc>" in sitemap and f"<loc>{SITEURL}/zh-hans/corrections/</loc>" in sitemap


def test_a_site_without_corrections_has_an_empty_valid_feed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", {"content/explainers/plain.md": FILES["content/explainers/plain.md"]})
    result = build_in_process("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": SITEURL})
    assert result.returncode == 0, result.stderr
    parsed = feedparser.parse((root / "output" / "feeds" / "corrections.atom.xml").read_bytes())
    assert parsed.bozo == 0 and parsed.entries == [] and parsed.feed.updated.startswith("2026-03-03")
    assert "No corrections yet." in (root / "output" / "corrections" / "index.html").read_text(encoding="utf-8")


def test_a_correction_s_text_is_text_in_the_feed_never_markup() -> None:
    date = dt.datetime(2026, 3, 4, tzinfo=dt.UTC)
    article = SimpleNamespace(title="A &amp; B", url="explainers/a/")
    entry = CorrectionEntry(article, 1, date, "It said <script>alert(1)</script> & more.", "4 March 2026")
    place = FeedPlace("nutgraf", SITEURL, SITEURL, "feeds/corrections.atom.xml", "corrections/", "en")
    parsed = feedparser.parse(corrections_feed([entry], place, lambda text: text, date).writeString("utf-8"))
    assert parsed.bozo == 0 and parsed.entries[0].title == "Correction to “A & B”"
    assert parsed.entries[0].summary == "It said &lt;script&gt;alert(1)&lt;/script&gt; &amp; more."
