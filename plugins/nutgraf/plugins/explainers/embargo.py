"""Embargoes: an explainer dated in the future is published on its date, not before.

``publishconf.py`` sets ``WITH_FUTURE_DATES = False``, so Pelican makes an explainer whose date has
not come a draft, by the clock. A draft the editor did not mark ``Status: draft`` is an embargoed
explainer: it is not written at all (drafts go to /drafts/, where the page could be read before its
time). The scheduled workflow run rebuilds the site every hour and publishes what fell due.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from nutgraf.kernel.sources import markdown_files
from nutgraf.plugins.explainers.dates import parse_date
from nutgraf.plugins.explainers.frontmatter import parse_front_matter


def is_embargoed(article: Any) -> bool:
    """Made a draft by its date (``WITH_FUTURE_DATES = False``), not by the editor."""
    return article.status == "draft" and str(article.metadata.get("status", "")).strip().lower() != "draft"


def withhold_embargoed(generator: Any) -> None:
    """``article_generator_finalized``: embargoed explainers (and their translations) are not written."""
    generator.drafts = [article for article in generator.drafts if not is_embargoed(article)]
    generator.drafts_translations = [article for article in generator.drafts_translations if not is_embargoed(article)]


def withheld(settings: dict[str, Any], now: dt.datetime | None = None) -> list[str]:
    """The explainers under embargo now (what a build leaves out by the clock), as build inputs:
    when one falls due, an otherwise unchanged site is no longer up to date."""
    if settings.get("WITH_FUTURE_DATES", True):
        return []
    now = now or dt.datetime.now(dt.UTC)
    zone = ZoneInfo(str(settings.get("TIMEZONE") or "UTC"))
    found = []
    for path in markdown_files(settings):
        try:
            field = parse_front_matter(path.read_text(encoding="utf-8")).first("date")
        except (OSError, UnicodeDecodeError):
            continue
        date = parse_date(field.value) if field is not None else None
        if date is not None and (date if date.tzinfo else date.replace(tzinfo=zone)) > now:
            found.append(path.name)
    return sorted(found)
