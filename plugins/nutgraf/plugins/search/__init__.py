"""Site search (Pelican plugin): a Pagefind index of every explainer and page, and the search page.

The index reads the pages Pelican has written, so it reads exactly the HTML readers get: it is started as
soon as the last of them is (``index_written_pages``), and made while the build writes the rest of the site.
The search page is a template page (``search.html``).
"""

from __future__ import annotations

from pathlib import Path
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


def index_written_pages(generator: Any, writer: Any) -> None:
    """``page_writer_finalized``: Pelican has written every page search reads, explainers and their translations
    first, pages last; what is written after them (charts' embed pages, template pages, static files) is not
    searchable. Only in nutgraf's builds, whose last stage waits for the index (``plugin.start_index``)."""
    from nutgraf.kernel.context import context_for
    from nutgraf.plugins.search.plugin import start_index

    context = context_for(generator.settings)
    if not context.lazy:  # a plain ``pelican`` run has no stage to wait for it, nor to put it in the site
        start_index(context, Path(writer.output_path))


def register() -> None:
    signals.initialized.connect(add_search_page)
    signals.page_writer_finalized.connect(index_written_pages)
