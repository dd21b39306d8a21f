"""Site metadata (Pelican plugin): sitemap.xml, robots.txt, and a social card and thumbnail per explainer.

Canonical URLs, Open Graph and Twitter tags and feed links are in the theme
(``partials/head_meta.html``); this plugin makes the files they point to. Its build stage is in ``plugin``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from nutgraf.kernel.context import context_for, end_of_pelican_run
from nutgraf.plugins.site_meta.plugin import PLUGIN, social_cache
from nutgraf.plugins.site_meta.settings import SiteMetaSettings
from nutgraf.plugins.site_meta.social_images import add_social_images as add_cards
from nutgraf.plugins.site_meta.social_images import write_site_card


def give_templates_the_site_card(pelican: Any) -> None:
    pelican.settings.setdefault("SOCIAL_SITE_IMAGE", SiteMetaSettings.social_site_image)


def add_social_images(generator: Any) -> None:
    """``article_generator_finalized``: each explainer's card; the chart cards wait for the charts' PNGs."""
    site_meta = SiteMetaSettings.from_settings(generator.settings)
    output = Path(generator.output_path)
    context = context_for(generator.settings)
    cache = social_cache(context)
    versions = [*generator.articles, *generator.translations, *generator.drafts, *generator.drafts_translations]
    context.replace_state(PLUGIN.name, add_cards(versions, site_meta, output, cache, context.gettext_for))
    write_site_card(site_meta, output, cache)


def register() -> None:
    signals.initialized.connect(give_templates_the_site_card)
    signals.finalized.connect(end_of_pelican_run)
    signals.article_generator_finalized.connect(add_social_images)
