"""Writes the Pagefind index of a built site, offline, with Pagefind's own command-line indexer.

The index reads a copy of each page made searchable (``search.indexable``). Both steps are
remembered by content in the cache folder: a page whose HTML did not change is not parsed
again (nor read, when it is the very file the last build indexed), and a site whose searchable
pages did not change gets its previous index back without running Pagefind (a data edit that
changes no chart's words). The pages are read as soon as Pelican has written the last of them,
and the index is made in a thread while the build writes the rest of the site (``IndexJob``).
(Pagefind's Python API was measured here at 3.3 s for 31 pages, its command line at 0.2 s: the
API waits on one round trip a page.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
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


class PageCopies:
    """Searchable copies of pages (``indexable_html``), kept between builds by the hash of each page's HTML.

    A page is read again only when it is not the very file the last build indexed. Reused pages are hard
    links to the previous site's files (``driver.output_reuse``): same inode, size and modification time. The
    stat key is safe because the writer never writes into such a file (it unlinks and writes a new one, which
    gets a new modification time), and while the previous site is in place its inodes cannot be given to a
    new file; a file only matches again if something set its modification time back to the nanosecond.
    Each copy is checked against its hash when read: a damaged copy is made again, never indexed.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.state_path = folder / "pages.json"
        self.pages: dict[str, list[int | str]] = {}  # page path → [size, mtime_ns, inode, device, page key]
        self.copies: dict[str, str] = {}  # page key → the hash of its copy ("": not searchable)
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
            if state.get("version") == INDEXABLE_VERSION.decode():
                self.pages = {
                    name: entry
                    for name, entry in state["pages"].items()
                    if isinstance(entry, list) and len(entry) == 5 and isinstance(entry[4], str)
                }
                self.copies = {key: digest for key, digest in state["copies"].items() if isinstance(digest, str)}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none yet, or damaged: every page is read
        self.used_pages: dict[str, list[int | str]] = {}
        self.used_copies: dict[str, str] = {}

    def _copy_path(self, digest: str) -> Path:
        return self.folder / digest[:2] / digest

    def _read_copy(self, digest: str) -> str | None:
        try:
            data = self._copy_path(digest).read_bytes()
        except OSError:
            return None
        return data.decode("utf-8") if _sha(data) == digest else None

    def copy_of(self, relative: str, path: Path) -> tuple[str, str] | None:
        """(the hash of the page's searchable copy, the copy) or None when the page has nothing to search."""
        status = path.stat()
        stat_key = [status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev]
        known = self.pages.get(relative)
        page_key = known[4] if known is not None and known[:4] == stat_key else None
        html = None
        if page_key is None:
            html = path.read_bytes()
            page_key = _sha(INDEXABLE_VERSION + b"\n" + html)
        self.used_pages[relative] = [*stat_key, page_key]
        digest = self.copies.get(str(page_key))
        copy = self._read_copy(digest) if digest else None
        if digest is None or (digest and copy is None):
            text = (html if html is not None else path.read_bytes()).decode("utf-8")
            # Most pages (listings) have no searchable body: no need to parse them.
            copy = (indexable_html(text) if BODY_ATTRIBUTE in text else None) or _NOT_SEARCHABLE
            data = copy.encode("utf-8")
            digest = _sha(data) if copy else ""
            if copy:
                target = self._copy_path(digest)
                target.parent.mkdir(parents=True, exist_ok=True)
                temporary = target.with_name(f".{digest}.{os.getpid()}.{threading.get_ident()}")
                temporary.write_bytes(data)
                temporary.replace(target)  # never a half-written copy under its hash
        self.used_copies[str(page_key)] = digest
        return (digest, copy) if digest and copy else None

    def save(self) -> None:
        """Keep what this build indexed, and forget the copies of pages no longer in the site."""
        self.folder.mkdir(parents=True, exist_ok=True)
        state = {"version": INDEXABLE_VERSION.decode(), "pages": self.used_pages, "copies": self.used_copies}
        temporary = self.state_path.with_name(f".{self.state_path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(state, separators=(",", ":")), encoding="utf-8")
        temporary.replace(self.state_path)
        kept = set(self.used_copies.values())
        for path in self.folder.glob("*/*"):
            if path.name not in kept:
                path.unlink(missing_ok=True)


def _html_files(folder: str, prefix: str, skip: str) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path parts, path) of every .html file under ``folder`` but ``skip``; links are not followed."""
    with os.scandir(folder) as entries:
        for entry in entries:
            relative = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                if relative != skip:
                    yield from _html_files(entry.path, f"{relative}/", skip)
            elif entry.name.endswith(".html") and entry.is_file():
                yield tuple(relative.split("/")), relative


def searchable_pages(output: Path, skip: str, copies: PageCopies) -> list[tuple[str, str, str]]:
    """(URL, the hash of the HTML the index reads, that HTML) for every searchable page, in path order."""
    pages = []
    for _, relative in sorted(_html_files(str(output), "", Path(skip).as_posix())):
        found = copies.copy_of(relative, output / relative)
        if found is not None:
            pages.append((page_url(relative), *found))
    return pages


def _run_pagefind(pages: list[tuple[str, str, str]], destination: Path, language: str) -> None:
    with tempfile.TemporaryDirectory(prefix="nutgraf-pagefind-") as temporary:
        site = Path(temporary)
        for url, _, html in pages:
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


def _cached_index(pages: list[tuple[str, str, str]], language: str, cache_path: Path) -> Path | None:
    """The index of ``pages`` (``searchable_pages``), made or found in the cache; None when there is nothing to
    index. Reads nothing of the site: it runs while the build writes the rest of it."""
    if not pages:  # nothing published yet (every piece a draft, or not yet due): Pagefind refuses an empty site
        return None
    inputs = json.dumps([version("pagefind"), language, [(url, digest) for url, digest, _ in pages]])
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
    logger.info("Search: indexed %d pages", len(pages))
    return cached_index


class IndexJob:
    """The index of the site in ``output`` (but ``output/folder``): its searchable pages are read now, and the
    index made from them in a thread while the build writes the rest of the site (Pagefind runs in a process of
    its own, on another core); ``wait`` puts it into the site."""

    def __init__(self, output: Path, folder: str, language: str, cache_path: Path) -> None:
        self.destination = output / folder
        shutil.rmtree(self.destination, ignore_errors=True)
        copies = PageCopies(cache_path / "pages")
        pages = searchable_pages(output, folder, copies)
        copies.save()
        self._result: Path | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(pages, language, cache_path), name="search index")
        self._thread.daemon = True
        self._thread.start()

    def _run(self, pages: list[tuple[str, str, str]], language: str, cache_path: Path) -> None:
        try:
            self._result = _cached_index(pages, language, cache_path)
        except BaseException as error:  # raised again by ``wait``, in the build's thread
            self._error = error

    def wait(self) -> None:
        self._thread.join()
        if self._error is not None:
            raise self._error
        if self._result is not None:
            shutil.copytree(self._result, self.destination, copy_function=link_or_copy)
