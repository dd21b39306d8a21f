"""A production build: sitemap, robots.txt, canonical and social tags, per-topic feeds with full content."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.plugins.site_meta.test_social_card import colours, png_size
from tests.readersite import explainer
from tests.sitetools import soup
from tests.support import build_in_process, make_project


def soup_of(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


SITEURL = "https://news.example.org/nutgraf"
CHART = """
```chart
title: Crossings rose every year
data: data/crossings.csv
mark: bar
x: year:O
y: crossings:Q
source: Test bureau
alt: Bars of crossings by year, rising from 40 to 61.
```
"""


@pytest.fixture(scope="module")
def production_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("production") / "site",
        {
            "content/explainers/ferries.md": explainer("Ferries in the strait", topic="Transport"),
            "content/explainers/rates.md": explainer("Interest rates & you", topic="Economy", date="2026-01-05"),
            "content/explainers/bridges.md": explainer("Bridges over the river", topic="Transport", body_extra=CHART),
            "content/data/crossings.csv": "year,crossings\n2023,40\n2024,55\n2025,61\n",
        },
    )
    result = build_in_process("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": SITEURL})
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
    assert len(everything.entries) == 3
    transport = feedparser.parse((production_site / "feeds" / "topics" / "transport.atom.xml").read_bytes())
    assert transport.bozo == 0
    assert sorted(entry.title for entry in transport.entries) == ["Bridges over the river", "Ferries in the strait"]
    content = transport.entries[0].content[0].value
    assert "The background part." in content, "the feed carries the whole explainer, not a summary"


def test_pages_announce_the_site_feed_and_their_topic_feed(production_site: Path) -> None:
    page = soup(production_site / "explainers" / "rates" / "index.html")
    feeds = [link["href"] for link in page.find_all("link", rel="alternate", type="application/atom+xml")]
    # The page language's feed first (the site feed is the default language's: i18n.feeds), then its topic's.
    assert feeds == [f"{SITEURL}/feeds/all.atom.xml", f"{SITEURL}/feeds/topics/economy.atom.xml"]


def test_development_build_has_no_sitemap_and_no_relative_canonical(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", {"content/explainers/a.md": explainer("A")})
    assert build_in_process("build", cwd=root).returncode == 0
    assert not (root / "output" / "sitemap.xml").exists()
    assert "Sitemap" not in (root / "output" / "robots.txt").read_text(encoding="utf-8")
    assert soup(root / "output" / "explainers" / "a" / "index.html").find("link", rel="canonical") is None


def test_topic_feed_shows_charts_as_images_by_absolute_url_with_alt(production_site: Path) -> None:
    transport = feedparser.parse((production_site / "feeds" / "topics" / "transport.atom.xml").read_bytes())
    assert transport.bozo == 0
    entry = next(e for e in transport.entries if e.title == "Bridges over the river")
    content = entry.content[0].value
    assert "<svg" not in content and "zeppelin" in content  # full content, charts as images
    image = soup_of(content).select_one("figure.chart img")
    assert image["src"].startswith(f"{SITEURL}/charts/") and image["src"].endswith(".png")
    assert image["alt"] == "Bars of crossings by year, rising from 40 to 61."
    chart = production_site / image["src"].removeprefix(SITEURL + "/")
    assert chart.is_file()


def coloured_pixels(card: bytes) -> int:
    """Pixels of a clear hue (not white, grey or black) in the right half of a card, below its colour band."""
    return sum(max(rgb) - min(rgb) > 60 for row in colours(card)[150:580] for rgb in row[600:1140])


def test_an_explainer_with_a_chart_shares_a_card_of_its_lead_chart(production_site: Path) -> None:
    page = soup(production_site / "explainers" / "bridges" / "index.html")
    image = page.find("meta", property="og:image")["content"]
    assert image == f"{SITEURL}/social/bridges.png"
    assert page.find("meta", attrs={"name": "twitter:image"})["content"] == image
    assert "Bars of crossings by year" in page.find("meta", property="og:image:alt")["content"]
    assert image in page.find("script", type="application/ld+json").string
    card = (production_site / "social" / "bridges.png").read_bytes()
    assert png_size(card) == (1200, 630)
    # The chart's coloured bars are drawn where the card embeds the chart; a title card has only grey there.
    assert coloured_pixels(card) > 1000
    assert coloured_pixels((production_site / "social" / "ferries.png").read_bytes()) == 0


def test_home_cards_show_the_lead_chart_as_a_thumbnail(production_site: Path) -> None:
    home = soup(production_site / "index.html")
    thumbnails = home.select(".card-thumbnail img")
    assert len(thumbnails) == 1
    thumbnail = thumbnails[0]
    assert thumbnail["src"].startswith(f"{SITEURL}/charts/")
    assert thumbnail["alt"] == "Bars of crossings by year, rising from 40 to 61."
    assert thumbnail["loading"] == "lazy"
    assert int(thumbnail["width"]) > 0 and int(thumbnail["height"]) > 0
