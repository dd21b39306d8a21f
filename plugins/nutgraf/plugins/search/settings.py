"""The search plugin's settings, read once with their defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _project_path(settings: dict[str, Any], value: str | Path) -> Path:
    """A path relative to the project (where the settings and content/ live), made absolute."""
    path = Path(value)
    return path if path.is_absolute() else Path(settings["PATH"]).parent / path


@dataclass(frozen=True)
class SearchSettings:
    """``SEARCH_*`` settings (documented in README)."""

    enabled: bool = True  # SEARCH_ENABLED: build the Pagefind index and the search page
    url: str = "search/"  # SEARCH_URL: the search page's address, relative to SITEURL
    save_as: str = "search/index.html"  # SEARCH_SAVE_AS: where the search page is written
    index_folder: str = "pagefind"  # SEARCH_INDEX_FOLDER: where the index is written in the output
    # SEARCH_LANGUAGE: one language for every page; "" (the default) indexes each page in its <html lang>,
    # one index per language, so a translation is searched in its own language.
    language: str = ""
    cache_path: Path = Path(".cache/search")  # SEARCH_CACHE_PATH: searchable page copies and the last index

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> SearchSettings:
        return cls(
            enabled=bool(settings.get("SEARCH_ENABLED", cls.enabled)),
            url=settings.get("SEARCH_URL", cls.url),
            save_as=settings.get("SEARCH_SAVE_AS", cls.save_as),
            index_folder=settings.get("SEARCH_INDEX_FOLDER", cls.index_folder),
            language=str(settings.get("SEARCH_LANGUAGE") or cls.language),
            cache_path=_project_path(settings, settings.get("SEARCH_CACHE_PATH", cls.cache_path)),
        )
