"""Writes the Pagefind index of a built site, offline, through Pagefind's Python API."""

from __future__ import annotations

import asyncio
import logging
import shutil
from pathlib import Path

from pagefind.index import PagefindIndex

from search.indexable import indexable_html, page_url

logger = logging.getLogger(__name__)

# Pagefind writes several ready-made search interfaces; ours is theme/static/js/search.js,
# because those inject inline styles that the site's Content-Security-Policy forbids.
UNUSED_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


async def _write_index(pages: list[tuple[str, str]], destination: Path, language: str) -> int:
    config: dict[str, str] = {"output_path": str(destination)}
    if language:  # otherwise Pagefind reads each page's <html lang>: one index per language
        config["force_language"] = language
    async with PagefindIndex(config=config) as index:
        for url, html in pages:
            await index.add_html_file(content=html, url=url)
    return len(pages)


def searchable_pages(output: Path, skip: Path) -> list[tuple[str, str]]:
    """(URL, HTML as the index reads it) for every searchable page in the site, in path order."""
    pages = []
    for path in sorted(output.rglob("*.html")):
        if skip in path.parents:
            continue
        html = indexable_html(path.read_text(encoding="utf-8"))
        if html is not None:
            pages.append((page_url(path.relative_to(output).as_posix()), html))
    return pages


def build_index(output: Path, folder: str, language: str) -> int:
    """Index the site in ``output`` into ``output/folder``; return the number of pages indexed."""
    destination = output / folder
    shutil.rmtree(destination, ignore_errors=True)
    pages = searchable_pages(output, destination)
    count = asyncio.run(_write_index(pages, destination, language))
    for name in UNUSED_BUNDLES:
        (destination / name).unlink(missing_ok=True)
    logger.info("Search: indexed %d pages into %s", count, destination)
    return count
