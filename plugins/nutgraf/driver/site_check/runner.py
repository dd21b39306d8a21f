"""Puts the checks together: serve the site, run every check, print the counts."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from nutgraf.driver.build import load_settings
from nutgraf.driver.site_check import browser, feeds, html_validator, links
from nutgraf.driver.site_check.findings import Report
from nutgraf.driver.site_check.scope import changed_files, select
from nutgraf.driver.site_check.server import serving
from nutgraf.driver.site_check.site_files import feed_files, html_files, page_url

PROJECT_ROOT = Path(__file__).resolve().parents[4]


def _is_stylesheet(url: str) -> bool:
    return urlsplit(url).path.endswith(".css")


def check_served_site(
    output: Path, base_url: str, project_root: Path = PROJECT_ROOT, pages: list[Path] | None = None
) -> Report:
    """Run every check on ``output``, which is being served at ``base_url``.

    ``pages``: check only these pages (``--changed``): their HTML, their links (each target is
    fetched, but only these pages and stylesheets are followed further), the feeds they announce,
    and the browser checks. Otherwise every page, feed, the sitemap and robots.txt.
    """
    report = Report()
    scoped = pages is not None
    pages = html_files(output) if pages is None else pages
    page_urls = [page_url(base_url, output, path) for path in pages]
    feed_urls = [] if scoped else [page_url(base_url, output, path) for path in feed_files(output)]
    names = () if scoped else ("sitemap.xml", "robots.txt")
    extra = [urljoin(base_url, name) for name in names if (output / name).is_file()]

    report.extend(html_validator.check_html(output, pages, project_root))

    in_scope = set(page_urls)
    follow = (lambda url: url in in_scope or _is_stylesheet(url)) if scoped else None
    findings, responses = links.check_links(base_url, page_urls + feed_urls + extra, follow)
    report.extend(findings)
    # Feeds the pages announce, as well as the feed files on disk.
    announced = [url for url, response in responses.items() if response.media_type.endswith(("atom+xml", "rss+xml"))]
    for url in sorted(set(feed_urls) | set(announced)):
        report.extend(feeds.check_feed(url, responses[url], base_url))

    report.extend(browser.check_in_browser(page_urls, base_url, project_root))
    return report


def scoped_pages(output: Path, settings_file: str, project_root: Path, changed_since: str) -> list[Path]:
    """The pages a change since ``changed_since`` affects, plus the sample (ScopeError for a bad revision)."""
    settings = load_settings(str(project_root / settings_file))
    scope = select(output, settings, changed_files(changed_since, project_root), project_root)
    total = len(html_files(output))
    print(f"Checking {len(scope.reasons)} of {total} pages (changed since {changed_since}, and the sample):")
    print(scope.describe(), flush=True)
    return scope.pages(output)


def check_output(output: Path, project_root: Path = PROJECT_ROOT, changed_since: str | None = None) -> Report:
    """Check a site already built with root-relative URLs (``SITEURL = ""``), served as it is."""
    # The project being checked is the current folder; project_root is where the checking tools are.
    pages = scoped_pages(output, "pelicanconf.py", Path.cwd(), changed_since) if changed_since else None
    with serving(output) as base_url:
        return check_served_site(output, base_url, project_root, pages)


def check_production_build(
    settings_file: str, project_root: Path, changed_since: str | None = None
) -> tuple[int, Report | None]:
    """Build the site with production settings for a local address, serve it there, and check it.

    The server starts first, so the build's SITEURL is the address it is checked at: absolute
    URLs, feeds and the sitemap are checked exactly as they will be published. ``changed_since``:
    only the pages a change since that revision affects, and a sample (see ``scope``).
    """
    with tempfile.TemporaryDirectory(prefix="nutgraf-site-check-") as folder:
        output = Path(folder) / "output"
        with serving(output) as base_url:
            env = dict(os.environ, SITEURL=base_url.rstrip("/"))
            command = [sys.executable, "-m", "nutgraf", "build", "--settings", settings_file, "--output", str(output)]
            built = subprocess.run(command, cwd=project_root, env=env, check=False)
            if built.returncode != 0:
                return built.returncode, None
            pages = None
            if changed_since:
                os.environ["SITEURL"] = env["SITEURL"]  # the production settings insist on one
                pages = scoped_pages(output, settings_file, project_root, changed_since)
            return 0, check_served_site(output, base_url, project_root, pages)
