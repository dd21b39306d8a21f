"""The site_meta plugin's part in nutgraf's build (``nutgraf.kernel.plugin``)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nutgraf.kernel.context import BuildContext
from nutgraf.kernel.plugin import Plugin
from nutgraf.plugins.site_meta.settings import SiteMetaSettings
from nutgraf.plugins.site_meta.sitemap import robots_txt, sitemap_entries, sitemap_xml
from nutgraf.plugins.site_meta.social_card import CardCache
from nutgraf.plugins.site_meta.social_images import write_chart_cards

CARD_CACHE_STATE = "site_meta-cards"


def card_folder(settings: Mapping[str, Any]) -> Path:
    """``SOCIAL_CACHE_PATH``, relative to the project (the folder content/ is in)."""
    folder = Path(SiteMetaSettings.from_settings(settings).cache_path)
    return folder if folder.is_absolute() else Path(settings.get("PATH", ".")).parent / folder


def social_cache(context: BuildContext) -> CardCache:
    """The build's card cache: one for the whole build, which notes the cards it uses."""
    return context.state(CARD_CACHE_STATE, lambda: CardCache(card_folder(context.settings)))


class SiteMetaPlugin(Plugin):
    name = "site_meta"
    # Chart cards are drawn from the PNGs the chart plugin writes in its finalize_output.
    runs_after = ("charts",)

    def finalize_output(self, context: BuildContext, output: Path) -> None:
        """Draw the chart cards (kept by ``add_social_images``); write sitemap.xml (production builds,
        which have absolute URLs) and robots.txt."""
        settings = context.settings
        site_meta = SiteMetaSettings.from_settings(settings)
        pending = context.pop_state(self.name) or []
        cards = social_cache(context)
        write_chart_cards(pending, site_meta, output, cards)
        cards.record_used()  # the cards of this, the last complete, build: what ``clean --stale`` keeps
        context.pop_state(CARD_CACHE_STATE)
        sitemap_url = None
        if site_meta.sitemap_save_as and site_meta.absolute:
            (output / site_meta.sitemap_save_as).write_text(
                sitemap_xml(sitemap_entries(output, site_meta.siteurl)), encoding="utf-8"
            )
            sitemap_url = f"{site_meta.siteurl}/{site_meta.sitemap_save_as}"
        if site_meta.robots_save_as:
            (output / site_meta.robots_save_as).write_text(robots_txt(sitemap_url), encoding="utf-8")


PLUGIN = SiteMetaPlugin()
