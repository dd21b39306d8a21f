"""The i18n plugin's settings, read once with their defaults (documented in README, "Translations")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class I18nSettings:
    """``I18N_*`` settings, and the Pelican settings the plugin reads."""

    default_lang: str = "en"  # DEFAULT_LANG: the language at the site's root
    catalogues: Path = Path("theme/translations")  # I18N_CATALOGUES: <lang>/LC_MESSAGES/messages.po
    date_format: str = "long"  # I18N_DATE_FORMAT: Babel's date format for other languages than DEFAULT_LANG
    home_pages: bool = True  # I18N_HOME_PAGES: a home page per language, at <lang>/
    search_save_as: str = "search/index.html"  # SEARCH_SAVE_AS: each language's search page, under <lang>/
    search_enabled: bool = True  # SEARCH_ENABLED

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> I18nSettings:
        folder = settings.get("I18N_CATALOGUES")
        if folder:
            catalogues = Path(folder)
        else:
            theme = Path(str(settings.get("THEME") or "theme"))
            catalogues = theme / "translations"
        if not catalogues.is_absolute():
            catalogues = Path(str(settings.get("PATH") or "content")).resolve().parent / catalogues
        return cls(
            default_lang=str(settings.get("DEFAULT_LANG") or cls.default_lang),
            catalogues=catalogues,
            date_format=str(settings.get("I18N_DATE_FORMAT") or cls.date_format),
            home_pages=bool(settings.get("I18N_HOME_PAGES", cls.home_pages)),
            search_save_as=str(settings.get("SEARCH_SAVE_AS") or cls.search_save_as),
            search_enabled=bool(settings.get("SEARCH_ENABLED", cls.search_enabled)),
        )
