"""A production build: sitemap, robots.txt, canonical and social tags, per-topic feeds with full content."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from tests.conftest import make_project, run_nutgraf
from tests.readersite import explainer
from tests.site_meta.test_social_card import png_size
from tests.sitetools import soup

SITEURL = "https://news.example.org/nutgraf"


@pytest.fixture(scope="module")
def production_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("production") / "site",
        {
            "content/explainers/ferries.md": explainer("Ferries in the strait", topic="Transport"),
            "content/explainers/rates.md": explainer("Interest rates & you", topic="Economy", date="2026-01-05"),
        },
    )
    result = run_nutgraf("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": SITEURL})
    assert result.returncode == 0, result.stderr
    return root / "output"


def test_sitemap_lists_published_pages_with_absolute_urls(production_site: Path) -> None:
    sitemap = (production_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SITEURL}/explainers/ferries/</loc>" in sitemap
    assert f"<loc>{SITEURL}/</loc>" in sitemap
    assert "search/" not in sitemap and "404" not in sitemap
    robots = (production_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots


def test_explainer_has_canonical_open_graph_and_twitter_tags(production_site: Path) -> None:
    page = soup(production_site / "explainers" / "ferries" / "index.html")
    assert page.find("link", rel="canonical")["href"] == f"{SITEURL}/explainers/ferries/"
    image = page.find("meta", property="og:image")["content"]
    assert image == f"{SITEURL}/social/ferries.png"
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
    assert page.find("meta", property="og:type")["content"] == "article"
    card = production_site / "social" / "ferries.png"
    assert png_size(card.read_bytes()) == (1200, 630)
    home = soup(production_site / "index.html")
    assert home.find("link", rel="canonical")["href"] == f"{SITEURL}/"
    assert home.find("meta", property="og:image")["content"] == f"{SITEURL}/social/site.png"


def test_site_and_topic_feeds_parse_with_full_content(production_site: Path) -> None:
    everything = feedparser.parse((production_site / "feeds" / "all.atom.xml").read_bytes())
    assert everything.bozo == 0
    assert len(everything.entries) == 2
    transport = feedparser.parse((production_site / "feeds" / "topics" / "transport.atom.xml").read_bytes())
    assert transport.bozo == 0
    assert [entry.title for entry in transport.entries] == ["Ferries in the strait"]
    content = transport.entries[0].content[0].value
    assert "The background part." in content, "the feed carries the whole explainer, not a summary"


def test_pages_announce_the_site_feed_and_their_topic_feed(production_site: Path) -> None:
    page = soup(production_site / "explainers" / "rates" / "index.html")
    feeds = [link["href"] for link in page.find_all("link", rel="alternate", type="application/atom+xml")]
    assert feeds == [
        f"{SITEURL}/feeds/all.atom.xml",
        f"{SITEURL}/feeds/topics/economy.atom.xml",
        f"{SITEURL}/feeds/en.atom.xml",  # the page's language (TRANSLATION_FEED_ATOM)
    ]


def test_development_build_has_no_sitemap_and_no_relative_canonical(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", {"content/explainers/a.md": explainer("A")})
    assert run_nutgraf("build", cwd=root).returncode == 0
    assert not (root / "output" / "sitemap.xml").exists()
    assert "Sitemap" not in (root / "output" / "robots.txt").read_text(encoding="utf-8")
    assert soup(root / "output" / "explainers" / "a" / "index.html").find("link", rel="canonical") is None
