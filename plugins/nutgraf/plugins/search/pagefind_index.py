"""Writes the Pagefind index of a built site, offline, with Pagefind's own command-line indexer.

The index reads a copy of each page made searchable (``search.indexable``). Both steps are
remembered by content in the cache folder: a page whose HTML did not change is not parsed
again, and a site whose searchable pages did not change gets its previous index back
without running Pagefind. (Pagefind's Python API was measured here at 3.3 s for 31 pages,
its command line at 0.2 s: the API waits on one round trip a page.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from nutgraf.kernel.files import link_or_copy
from nutgraf.plugins.search.indexable import BODY_ATTRIBUTE, indexable_html, page_url

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
_NOT_SEARCHABLE = ""  # what the page cache holds for a page without searchable content
# Bump when indexable_html's output changes for the same page, so cached copies are made again.
INDEXABLE_VERSION = b"2"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class PageCache:
    """Searchable copies of pages, by the hash of the page's HTML (a folder of small files)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def indexable(self, html: bytes) -> str | None:
        key = _sha(INDEXABLE_VERSION + b"\n" + html)
        self.used.add(key)
        path = self.folder / key[:2] / key
        try:
            cached = path.read_text(encoding="utf-8")
        except OSError:
            text = html.decode("utf-8")
            # Most pages (listings) have no searchable body: no need to parse them.
            cached = (indexable_html(text) if BODY_ATTRIBUTE in text else None) or _NOT_SEARCHABLE
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(cached, encoding="utf-8")
        return cached or None

    def prune(self) -> None:
        """Forget pages no longer in the site, so the cache does not grow without end."""
        for path in self.folder.glob("*/*"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)


def searchable_pages(output: Path, skip: Path, cache: PageCache) -> list[tuple[str, str]]:
    """(URL, HTML as the index reads it) for every searchable page in the site, in path order."""
    pages = []
    for path in sorted(output.rglob("*.html")):
        if skip in path.parents:
            continue
        html = cache.indexable(path.read_bytes())
        if html is not None:
            pages.append((page_url(path.relative_to(output).as_posix()), html))
    return pages


def _run_pagefind(pages: list[tuple[str, str]], destination: Path, language: str) -> None:
    with tempfile.TemporaryDirectory(prefix="nutgraf-pagefind-") as temporary:
        site = Path(temporary)
        for url, html in pages:
            relative = url.strip("/")
            path = site / relative / "index.html" if url.endswith("/") else site / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(destination)]
        if language:  # otherwise Pagefind reads each page's <html lang>: one index per language
            command += ["--force-language", language]
        command.append("--quiet")
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            msg = f"Pagefind failed (exit {result.returncode}): {result.stderr.strip() or result.stdout.strip()}"
            raise RuntimeError(msg)


def _normalise_entry(path: Path) -> None:
    """Pagefind writes its entry file from hash maps, in an order that changes from run to run; sorted,
    the same pages always give the same bytes (the order means nothing to pagefind.js)."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(entry.get("include_characters"), list):
        entry["include_characters"] = sorted(entry["include_characters"])
    path.write_text(json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def build_index(output: Path, folder: str, language: str, cache_path: Path) -> int:
    """Index the site in ``output`` into ``output/folder``; return the number of pages indexed."""
    destination = output / folder
    shutil.rmtree(destination, ignore_errors=True)
    pages_cache = PageCache(cache_path / "pages")
    pages = searchable_pages(output, destination, pages_cache)
    pages_cache.prune()
    if not pages:  # nothing published yet (every piece a draft, or not yet due): Pagefind refuses an empty site
        return 0
    inputs = json.dumps([version("pagefind"), language, [(url, _sha(html.encode())) for url, html in pages]])
    cached_index = cache_path / "index" / _sha(inputs.encode())
    if not cached_index.is_dir():
        shutil.rmtree(cache_path / "index", ignore_errors=True)  # one index is all a build can reuse
        staging = Path(tempfile.mkdtemp(prefix=".index-", dir=cache_path))
        _run_pagefind(pages, staging, language)
        for name in UNUSED_BUNDLES:
            (staging / name).unlink(missing_ok=True)
        _normalise_entry(staging / "pagefind-entry.json")
        cached_index.parent.mkdir(parents=True, exist_ok=True)
        try:
            staging.rename(cached_index)
        except OSError:
            # Another build of the same pages (tests build in parallel) cached this index first: it is the same.
            shutil.rmtree(staging, ignore_errors=True)
            if not cached_index.is_dir():
                raise
    shutil.copytree(cached_index, destination, copy_function=link_or_copy)
    logger.info("Search: indexed %d pages into %s", len(pages), destination)
    return len(pages)
