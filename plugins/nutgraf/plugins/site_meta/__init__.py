"""Site metadata (Pelican plugin): sitemap.xml, robots.txt, and a social card and thumbnail per explainer.

Canonical URLs, Open Graph and Twitter tags and feed links are in the theme
(``partials/head_meta.html``); this plugin makes the files they point to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from nutgraf.plugins.site_meta.settings import SiteMetaSettings
from nutgraf.plugins.site_meta.sitemap import robots_txt, sitemap_entries, sitemap_xml
from nutgraf.plugins.site_meta.social_images import add_social_images as add_cards
from nutgraf.plugins.site_meta.social_images import write_chart_cards, write_site_card

# Build state: the chart cards to draw once the chart plugin has written its PNGs (finalize_output).
PENDING_CHART_CARDS = "SOCIAL_PENDING_CHART_CARDS"


def _cache(settings: dict[str, Any], site_meta: SiteMetaSettings) -> Path:
    cache = Path(site_meta.cache_path)
    return cache if cache.is_absolute() else Path(settings.get("PATH", ".")).parent / cache


def give_templates_the_site_card(pelican: Any) -> None:
    pelican.settings.setdefault("SOCIAL_SITE_IMAGE", SiteMetaSettings.social_site_image)


def add_social_images(generator: Any) -> None:
    site_meta = SiteMetaSettings.from_settings(generator.settings)
    output = Path(generator.output_path)
    cache = _cache(generator.settings, site_meta)
    versions = [*generator.articles, *generator.translations, *generator.drafts, *generator.drafts_translations]
    cards = add_cards(versions, site_meta, output, cache, generator.settings.get("I18N_GETTEXT"))
    generator.settings[PENDING_CHART_CARDS] = cards
    write_site_card(site_meta, output, cache)


def finalize_output(settings: dict[str, Any], output_path: str) -> None:
    """Draw the chart cards (the chart plugin, listed before this one, has written the charts' PNGs);
    write sitemap.xml (production builds, which have absolute URLs) and robots.txt."""
    site_meta = SiteMetaSettings.from_settings(settings)
    output = Path(output_path)
    write_chart_cards(settings.get(PENDING_CHART_CARDS) or [], site_meta, output, _cache(settings, site_meta))
    sitemap_url = None
    if site_meta.sitemap_save_as and site_meta.absolute:
        (output / site_meta.sitemap_save_as).write_text(
            sitemap_xml(sitemap_entries(output, site_meta.siteurl)), encoding="utf-8"
        )
        sitemap_url = f"{site_meta.siteurl}/{site_meta.sitemap_save_as}"
    if site_meta.robots_save_as:
        (output / site_meta.robots_save_as).write_text(robots_txt(sitemap_url), encoding="utf-8")


def register() -> None:
    signals.initialized.connect(give_templates_the_site_card)
    signals.article_generator_finalized.connect(add_social_images)
