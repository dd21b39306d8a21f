"""The live preview's first answer to a save: the edited explainer's page alone, before the full rebuild.

A full rebuild of a thousand explainers takes seconds; the editor looks at one page. So the preview
first runs the whole build (checks, charts, Pelican, the output stages) on the saved files alone, in
the preview's own process, where Pelican, Altair and the plugins are imported already, into a folder
beside the site. That page, and the files it needs that the site lacks (a chart's new renders), are
then moved into the served site, each file by an atomic rename, the page last: a reader never gets a
half-written file, and a page never names a file that is not there yet. The full rebuild follows
and replaces the whole site atomically, as every build does.

The page rendered alone is the page of the full build but for what other explainers give it
(related explainers, links to translations not saved with it): the full rebuild puts those back.
"""

from __future__ import annotations

import datetime
import filecmp
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican import Pelican, signals
from pelican import log as pelican_log

from nutgraf.driver import stages
from nutgraf.driver.build import CODE_FOLDER, cache_root, open_build_context, source_date_epoch
from nutgraf.driver.template_cache import with_template_cache
from nutgraf.kernel.context import close_context
from nutgraf.kernel.diagnostics import ContentError
from nutgraf.kernel.sources import MARKDOWN_SUFFIXES, content_folders


@dataclass(frozen=True)
class FirstPages:
    """What a page-first render did: the pages it put in place (path in the site → hash of its bytes), or its errors."""

    pages: dict[str, str] = field(default_factory=dict)
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def urls(self) -> list[str]:
        return [url_path(page) for page in self.pages]

    def unchanged_in(self, output: Path) -> list[str]:
        """The URLs of the pages that ``output`` (a later build) holds exactly as this render wrote them."""
        return [url_path(page) for page, digest in self.pages.items() if page_digest(output / page) == digest]


def page_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def url_path(save_as: str) -> str:
    """``explainers/a/index.html`` → ``/explainers/a/``, as the browser's address shows it."""
    return "/" + save_as.removesuffix("index.html")


def saved_articles(changed: Iterable[str], settings: dict[str, Any]) -> list[Path] | None:
    """The explainers saved, when saved explainers are all that changed; otherwise None (the full rebuild only).

    A deleted or renamed file, a data file, the theme or a setting can change any page: those go
    straight to the full rebuild.
    """
    folders = [folder.resolve() for folder in content_folders(settings)]
    found = []
    for name in changed:
        path = Path(name).resolve()
        if path.suffix not in MARKDOWN_SUFFIXES or not path.is_file():
            return None
        if not any(path.is_relative_to(folder) for folder in folders):
            return None
        found.append(path)
    return sorted(found) or None


def static_files_named(settings: dict[str, Any], sources: list[Path]) -> list[str]:
    """The static files (``STATIC_PATHS``) whose path in content/ the saved files name: an image, a chart's data.

    Pelican copies and indexes every static file on every run: thousands, on a large site. The page needs
    those it links; a link this misses is a warning, and a warning sends the save to the full rebuild.
    """
    root = Path(settings["PATH"])
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in sources]
    named = []
    for folder in settings.get("STATIC_PATHS") or []:
        for base, _, names in os.walk(root / folder, followlinks=True):
            for name in names:
                relative = (Path(base) / name).relative_to(root).as_posix()
                if any(relative in text for text in texts):
                    named.append(relative)
    return sorted(named)


@contextmanager
def _pages_written(sources: list[Path], output: Path) -> Iterator[dict[str, Path]]:
    """Collect each page Pelican writes for ``sources`` into ``output``: its path in the site → the file."""
    wanted = {str(path) for path in sources}
    written: dict[str, Path] = {}

    def note(path: str, context: dict[str, Any]) -> None:
        item = context.get("article") or context.get("page")
        if item is not None and str(Path(item.source_path).resolve()) in wanted:
            written[Path(path).relative_to(output).as_posix()] = Path(path)

    signals.content_written.connect(note)
    try:
        yield written
    finally:
        signals.content_written.disconnect(note)


def _new_or_changed(staging: Path, output: Path, pages: set[str]) -> list[str]:
    """Files of the page-first build to move into the site: its pages, and other files the site lacks or holds
    otherwise (a chart's new renders, an edited image). Other HTML files are listings of this build's one page."""
    found = []
    for root, _, names in os.walk(staging):
        for name in names:
            relative = (Path(root) / name).relative_to(staging).as_posix()
            if relative in pages or name.endswith(".html"):
                continue
            target = output / relative
            if not target.is_file() or not filecmp.cmp(Path(root) / name, target):
                found.append(relative)
    return sorted(found)


def _move_in(staging: Path, output: Path, relatives: list[str]) -> None:
    for relative in relatives:
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        (staging / relative).replace(target)  # atomic: a reader gets the old file or the new


def render_first(settings: dict[str, Any], sources: list[Path]) -> FirstPages:
    """Build ``sources`` alone and put their pages into the site: the pages put there, or the build's errors.

    ``settings`` are the site's, freshly read: this changes them.
    """
    output = Path(settings["OUTPUT_PATH"]).resolve()
    root = Path(settings["PATH"])
    settings["ARTICLE_PATHS"] = [os.path.relpath(path, root.resolve()) for path in sources]
    epoch = source_date_epoch(root)
    previous_epoch = os.environ.get("SOURCE_DATE_EPOCH")
    # Pelican logs each message once per process: this long-lived one must see again a warning it saw before
    # (any warning fails a build).
    pelican_log.LimitFilter._raised_messages.clear()
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    context = open_build_context(settings)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}.first-", dir=output.parent))
    try:
        diagnostics = stages.check_content(settings, context)
        context.save_memos(prune=False)  # the full rebuild that follows finds the saved files' checks done
        if errors := [str(diagnostic) for diagnostic in diagnostics if diagnostic.is_error]:
            return FirstPages(errors=tuple(errors))
        staged = dict(
            with_template_cache(settings, cache_root(settings), CODE_FOLDER),
            OUTPUT_PATH=str(staging),
            DELETE_OUTPUT_DIRECTORY=False,
            BUILD_DATE=datetime.datetime.fromtimestamp(epoch, tz=datetime.UTC),
            # Pelican's content cache belongs to the full build: one file parsed again costs milliseconds.
            CACHE_CONTENT=False,
            LOAD_CONTENT_CACHE=False,
            # The site's search index is the full build's; of the static files, the page needs those it names.
            SEARCH_ENABLED=False,
            STATIC_PATHS=static_files_named(settings, sources),
            THEME_STATIC_PATHS=[],  # the theme's files are the site's already: a theme edit is not a saved explainer
            # Listings would list this one explainer: the full rebuild writes them.
            DIRECT_TEMPLATES=[],
            TEMPLATE_PAGES={},
            CATEGORY_SAVE_AS="",
            TAG_SAVE_AS="",
        )
        context.settings = staged
        with _pages_written(sources, staging) as written:
            try:
                stages.prepare_build(context)
                Pelican(staged).run()
            except ContentError as error:
                return FirstPages(errors=tuple(str(diagnostic) for diagnostic in error.diagnostics))
        stages.finalize_output(context, staging)
        pages = {relative: path for relative, path in written.items() if path.is_file()}
        _move_in(staging, output, _new_or_changed(staging, output, set(pages)))
        digests = {relative: str(page_digest(path)) for relative, path in pages.items()}
        _move_in(staging, output, sorted(pages))
        return FirstPages(pages=digests)
    finally:
        close_context(context)
        shutil.rmtree(staging, ignore_errors=True)
        # Set for this render's plugins only: the preview's later builds (in processes it starts) date themselves.
        if previous_epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous_epoch
