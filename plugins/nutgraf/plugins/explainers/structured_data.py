"""Metadata for machines: JSON-LD ``NewsArticle``, Open Graph and Twitter card tags."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any

_TAG = re.compile(r"<[^>]+>")


def plain(markup: Any) -> str:
    """Text of an HTML fragment (Pelican's titles and summaries), with whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", str(markup or ""))).split())


def absolute_url(site_url: str, path: str) -> str:
    """``path`` against the site's address; absolute URLs are kept."""
    if re.match(r"^[a-z][a-z0-9+.-]*://", path, re.IGNORECASE):
        return path
    return f"{site_url}/{path.lstrip('/')}"


def json_script(data: dict[str, Any]) -> str:
    """JSON safe inside ``<script type="application/ld+json">``: no ``</script>``, ``<!--`` or ``&`` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@dataclass(frozen=True)
class PageFacts:
    """What the machines are told about one explainer."""

    headline: str
    description: str
    url: str
    date_published: str
    date_modified: str
    authors: tuple[str, ...]
    publisher: str
    publisher_url: str
    publisher_logo: str
    section: str
    tags: tuple[str, ...]
    language: str
    image: str
    corrections: tuple[tuple[str, str], ...] = ()  # (ISO date, what was corrected), newest first


def news_article(facts: PageFacts) -> dict[str, Any]:
    """A schema.org ``NewsArticle``."""
    publisher: dict[str, Any] = {"@type": "Organization", "name": facts.publisher}
    if facts.publisher_url:
        publisher["url"] = facts.publisher_url
    if facts.publisher_logo:
        publisher["logo"] = {"@type": "ImageObject", "url": facts.publisher_logo}
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": facts.headline,
        "description": facts.description,
        "url": facts.url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": facts.url},
        "datePublished": facts.date_published,
        "dateModified": facts.date_modified,
        "author": [{"@type": "Person", "name": name} for name in facts.authors]
        or [{"@type": "Organization", "name": facts.publisher}],
        "publisher": publisher,
        "inLanguage": facts.language,
    }
    if facts.section:
        data["articleSection"] = facts.section
    if facts.tags:
        data["keywords"] = list(facts.tags)
    if facts.image:
        data["image"] = [facts.image]
    if facts.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "datePublished": date, "text": text} for date, text in facts.corrections
        ]
    return data
