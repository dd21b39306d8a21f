"""The site_meta plugin's settings, read once with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SiteMetaSettings:
    """``SITEMAP_*``, ``ROBOTS_*`` and ``SOCIAL_*`` settings (documented in README)."""

    siteurl: str = ""  # SITEURL: absolute in production; sitemap and canonical URLs need it
    sitemap_save_as: str = "sitemap.xml"  # SITEMAP_SAVE_AS: "" to write none
    robots_save_as: str = "robots.txt"  # ROBOTS_SAVE_AS: "" to write none
    social_image_folder: str = "social"  # SOCIAL_IMAGE_FOLDER: where title cards are written
    social_site_image: str = "social/site.png"  # SOCIAL_SITE_IMAGE: the card for pages that are not explainers
    cache_path: str = ".cache/social"  # SOCIAL_CACHE_PATH: rendered cards, keyed on their content
    site_name: str = "nutgraf"  # SITENAME
    site_description: str = ""  # SITE_DESCRIPTION
    default_lang: str = "en"  # DEFAULT_LANG: other languages' cards are set in their script's fonts

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> SiteMetaSettings:
        return cls(
            siteurl=(settings.get("SITEURL") or "").rstrip("/"),
            sitemap_save_as=settings.get("SITEMAP_SAVE_AS", cls.sitemap_save_as),
            robots_save_as=settings.get("ROBOTS_SAVE_AS", cls.robots_save_as),
            social_image_folder=settings.get("SOCIAL_IMAGE_FOLDER", cls.social_image_folder),
            social_site_image=settings.get("SOCIAL_SITE_IMAGE", cls.social_site_image),
            cache_path=settings.get("SOCIAL_CACHE_PATH", cls.cache_path),
            site_name=settings.get("SITENAME", cls.site_name),
            site_description=settings.get("SITE_DESCRIPTION", cls.site_description),
            default_lang=str(settings.get("DEFAULT_LANG") or cls.default_lang),
        )

    @property
    def absolute(self) -> bool:
        """Whether pages have absolute addresses (crawlers and social sites need them)."""
        return self.siteurl.startswith(("http://", "https://"))
