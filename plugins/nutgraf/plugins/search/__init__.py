"""Site search (Pelican plugin): a Pagefind index of every explainer and page, and the search page.

The index is written after Pelican has built the site (the build stage in ``plugin``), so it reads
exactly the HTML readers get. The search page is a template page (``search.html``).
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from nutgraf.plugins.search.settings import SearchSettings


def add_search_page(pelican: Any) -> None:
    """Render the theme's ``search.html`` at SEARCH_SAVE_AS, and give templates SEARCH_URL."""
    search = SearchSettings.from_settings(pelican.settings)
    if not search.enabled:
        return
    template_pages = dict(pelican.settings.get("TEMPLATE_PAGES") or {})
    template_pages.setdefault("search.html", search.save_as)
    pelican.settings["TEMPLATE_PAGES"] = template_pages
    pelican.settings["SEARCH_URL"] = search.url


def register() -> None:
    signals.initialized.connect(add_search_page)
