"""Puts the checks together: serve the site, run every check, print the counts."""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from nutgraf.driver.build import cache_root, load_settings
from nutgraf.driver.site_check import browser, feeds, html_validator, links
from nutgraf.driver.site_check.findings import Report
from nutgraf.driver.site_check.scope import changed_files, select
from nutgraf.driver.site_check.server import serving
from nutgraf.driver.site_check.site_files import feed_files, html_files, page_url

PROJECT_ROOT = Path(__file__).resolve().parents[4]
# Where ``check_production_build`` builds, in the cache folder: kept from one check to the next.
SITE_CHECK_FOLDER = "site-check"
# The port the checked build is made for and served at, unless the variable names one: fixed for a project
# (derived from its folder, so that two projects on one machine do not meet), so that the build's SITEURL, and
# with it every page's bytes, is the same from one check to the next.
PORT_VARIABLE = "NUTGRAF_SITE_CHECK_PORT"
_PORTS = (20000, 30000)  # below Linux's ephemeral ports (32768-60999), where the free ports of others come from


def _is_stylesheet(url: str) -> bool:
    return urlsplit(url).path.endswith(".css")


def check_served_site(
    output: Path,
    base_url: str,
    project_root: Path = PROJECT_ROOT,
    pages: list[Path] | None = None,
    *,
    whole_site: bool | None = None,
) -> Report:
    """Run every check on ``output``, which is being served at ``base_url``.

    ``pages``: check only these pages (``--changed``, ``--shard``): their HTML, their links (each
    target is fetched, but only these pages and stylesheets are followed further), the feeds they
    announce, and the browser checks. Otherwise every page. ``whole_site`` (default: when every
    page is checked): also every feed file, the sitemap and robots.txt.
    """
    report = Report()
    scoped = pages is not None
    whole_site = not scoped if whole_site is None else whole_site
    pages = html_files(output) if pages is None else pages
    page_urls = [page_url(base_url, output, path) for path in pages]
    feed_urls = [page_url(base_url, output, path) for path in feed_files(output)] if whole_site else []
    names = ("sitemap.xml", "robots.txt") if whole_site else ()
    extra = [urljoin(base_url, name) for name in names if (output / name).is_file()]

    # The Nu checker is a Java process of its own: it validates while the links are crawled and the browser works.
    with ThreadPoolExecutor(max_workers=1) as pool:
        html = pool.submit(html_validator.check_html, output, pages, project_root)
        in_scope = set(page_urls)
        follow = (lambda url: url in in_scope or _is_stylesheet(url)) if scoped else None
        findings, responses = links.check_links(base_url, page_urls + feed_urls + extra, follow)
        report.extend(findings)
        # Feeds the pages announce, as well as the feed files on disk.
        announced = [url for url, reply in responses.items() if reply.media_type.endswith(("atom+xml", "rss+xml"))]
        for url in sorted(set(feed_urls) | set(announced)):
            report.extend(feeds.check_feed(url, responses[url], base_url))

        report.extend(browser.check_in_browser(page_urls, base_url, project_root))
        report.extend(html.result())
    return report


def scoped_pages(output: Path, settings: dict[str, Any], project_root: Path, changed_since: str) -> list[Path]:
    """The pages a change since ``changed_since`` affects, plus the sample (ScopeError for a bad revision)."""
    scope = select(output, settings, changed_files(changed_since, project_root), project_root)
    total = len(html_files(output))
    print(f"Checking {len(scope.reasons)} of {total} pages (changed since {changed_since}, and the sample):")
    print(scope.describe(), flush=True)
    return scope.pages(output)


def check_output(
    output: Path,
    project_root: Path = PROJECT_ROOT,
    changed_since: str | None = None,
    shard: tuple[int, int] | None = None,
) -> Report:
    """Check a site already built with root-relative URLs (``SITEURL = ""``), served as it is."""
    # The project being checked is the current folder; project_root is where the checking tools are.
    settings = load_settings(str(Path.cwd() / "pelicanconf.py")) if changed_since else {}
    pages, whole_site = _selection(output, settings, Path.cwd(), changed_since, shard)
    with serving(output) as base_url:
        return check_served_site(output, base_url, project_root, pages, whole_site=whole_site)


def _selection(
    output: Path, settings: dict[str, Any], project_root: Path, changed_since: str | None, shard: tuple[int, int] | None
) -> tuple[list[Path] | None, bool]:
    """The pages to check (None: every page) and whether the feeds, sitemap and robots.txt are checked too."""
    if changed_since:
        return scoped_pages(output, settings, project_root, changed_since), False
    if shard is not None and shard[1] > 1:
        pages = shard_pages(output, shard)
        print(f"Checking share {shard[0]} of {shard[1]}: {len(pages)} of {len(html_files(output))} pages.")
        return pages, shard[0] == 1
    return None, True


def shard_pages(output: Path, shard: tuple[int, int]) -> list[Path]:
    """Every ``count``-th page from the ``number``-th (1-based): the pages of one of ``count`` parallel CI jobs."""
    number, count = shard
    return html_files(output)[number - 1 :: count]


def site_check_port(project_root: Path) -> int:
    """The port the checked build is made for: ``NUTGRAF_SITE_CHECK_PORT``, else one derived from the project."""
    given = os.environ.get(PORT_VARIABLE, "").strip()
    if given.isdigit():
        return int(given)
    digest = hashlib.sha256(str(project_root.resolve()).encode()).digest()
    low, high = _PORTS
    return low + int.from_bytes(digest[:4], "big") % (high - low)


@contextmanager
def _site_url(base_url: str) -> Iterator[dict[str, str]]:
    """``SITEURL`` set to ``base_url`` (production settings insist on one) while inside; yields the environment."""
    previous = os.environ.get("SITEURL")
    os.environ["SITEURL"] = base_url.rstrip("/")
    try:
        yield dict(os.environ)
    finally:
        if previous is None:
            del os.environ["SITEURL"]
        else:
            os.environ["SITEURL"] = previous


@contextmanager
def _served_build_folder(folder: Path, port: int) -> Iterator[tuple[Path, str]]:
    """(output folder, its address): ``folder`` served at ``port``; when another program (or another check of
    this project) holds the port, a temporary folder served at a free port, saying so."""
    with ExitStack() as stack:
        try:
            base_url = stack.enter_context(serving(folder, port))
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            print(
                f"Port {port} is in use: building afresh for another address (set {PORT_VARIABLE} to a free port "
                "to reuse the last check's build).",
                flush=True,
            )
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="nutgraf-site-check-"))) / "output"
            base_url = stack.enter_context(serving(folder))
        yield folder, base_url


def check_production_build(
    settings_file: str,
    project_root: Path,
    changed_since: str | None = None,
    shard: tuple[int, int] | None = None,
) -> tuple[int, Report | None]:
    """Build the site with production settings for a local address, serve it there, and check it.

    The build's SITEURL is the address it is checked at: absolute URLs, feeds and the sitemap are
    checked exactly as they will be published. It is the same address every time (``site_check_port``)
    and the same folder (``site-check/`` in the cache folder), so that a check after an edit rebuilds
    from warm caches (every page's bytes, and so the search index's page cache, stay as they were
    unless the edit changed them), and a check after no change does not build at all. ``changed_since``:
    only the pages a change since that revision affects, and a sample (see ``scope``). ``shard``
    (number, count): one share of every page, so that parallel jobs check a large site between them
    (the first share also checks the feeds, the sitemap and robots.txt).
    """
    port = site_check_port(project_root)
    with _site_url(f"http://127.0.0.1:{port}"):
        settings = load_settings(str(project_root / settings_file))
    with (
        _served_build_folder(cache_root(settings) / SITE_CHECK_FOLDER, port) as (output, base_url),
        _site_url(base_url) as env,
    ):
        command = [sys.executable, "-m", "nutgraf", "build", "--settings", settings_file, "--output", str(output)]
        built = subprocess.run(command, cwd=project_root, env=env, check=False)
        if built.returncode != 0:
            return built.returncode, None
        pages, whole_site = _selection(output, settings, project_root, changed_since, shard)
        return 0, check_served_site(output, base_url, project_root, pages, whole_site=whole_site)
