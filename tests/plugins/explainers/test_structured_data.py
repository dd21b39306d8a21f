"""JSON-LD and social tags: absolute URLs, images, and JSON that cannot end its script element."""

from __future__ import annotations

import json

from nutgraf.plugins.explainers.structured_data import PageFacts, absolute_url, json_script, news_article

FACTS = PageFacts(
    headline="A </script><!-- & headline",
    description="Dek.",
    url="https://example.org/explainers/a/",
    date_published="2026-03-02T00:00:00+00:00",
    date_modified="2026-03-05T00:00:00+00:00",
    authors=("A. Writer",),
    publisher="nutgraf",
    publisher_url="https://example.org/",
    publisher_logo="",
    section="Climate",
    tags=("floods",),
    language="en",
    image="https://example.org/charts/a.png",
)


def test_json_cannot_close_its_script_and_still_parses() -> None:
    text = json_script(news_article(FACTS))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == FACTS.headline


def test_image_and_absolute_urls_reach_json_ld() -> None:
    data = news_article(FACTS)
    assert data["image"] == ["https://example.org/charts/a.png"]
    assert data["mainEntityOfPage"]["@id"] == FACTS.url
    assert absolute_url("https://example.org", "/charts/a.png") == "https://example.org/charts/a.png"
    assert absolute_url("https://example.org", "https://cdn.example/a.png") == "https://cdn.example/a.png"
