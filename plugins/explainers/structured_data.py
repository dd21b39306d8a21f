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
    return data


def social_tags(facts: PageFacts, site_name: str) -> list[tuple[str, str, str]]:
    """(attribute, name, content) for each Open Graph and Twitter card ``<meta>``."""
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:title", facts.headline),
        ("property", "og:description", facts.description),
        ("property", "og:site_name", site_name),
        ("property", "article:published_time", facts.date_published),
        ("property", "article:modified_time", facts.date_modified),
    ]
    if facts.url.startswith(("https://", "http://")):  # Open Graph wants absolute URLs
        tags.append(("property", "og:url", facts.url))
    if facts.section:
        tags.append(("property", "article:section", facts.section))
    tags.extend(("property", "article:tag", tag) for tag in facts.tags)
    if facts.image:
        tags.append(("property", "og:image", facts.image))
    tags += [
        ("name", "twitter:card", "summary_large_image" if facts.image else "summary"),
        ("name", "twitter:title", facts.headline),
        ("name", "twitter:description", facts.description),
    ]
    if facts.image:
        tags.append(("name", "twitter:image", facts.image))
    return tags
