"""Which explainers get a generated title card, and where it goes."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from markupsafe import Markup

from site_meta.settings import SiteMetaSettings
from site_meta.social_card import write_card

logger = logging.getLogger(__name__)


def card_path(settings: SiteMetaSettings, slug: str) -> str:
    """The card's address relative to SITEURL (as Pelican's ``url`` attributes are)."""
    return f"{settings.social_image_folder}/{slug}.png"


def add_title_cards(articles: list[Any], settings: SiteMetaSettings, output: Path, cache: Path) -> int:
    """Give each explainer without a social image (the chart plugin sets the lead chart's) a title card."""
    written = 0
    for article in articles:
        if getattr(article, "social_image", None):
            continue
        path = card_path(settings, article.slug)
        kicker = str(article.category) if getattr(article, "category", None) else settings.site_name
        write_card(output / path, _plain(article.title), kicker, settings.site_name, cache)
        article.social_image = path
        article.social_image_alt = f"{settings.site_name}: {_plain(article.title)}"
        written += 1
    logger.info("Social cards: %d written", written)
    return written


def write_site_card(settings: SiteMetaSettings, output: Path, cache: Path) -> None:
    """The card for the home page and other pages that are not explainers."""
    title = settings.site_description or settings.site_name
    write_card(output / settings.social_site_image, title, "The news, explained", settings.site_name, cache)


def _plain(html: str) -> str:
    """A title as text: Pelican's titles may hold inline markup."""
    return Markup(html).striptags()
