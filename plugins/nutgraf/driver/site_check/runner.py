"""Puts the checks together: serve the site, run every check, print the counts."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urljoin

from nutgraf.driver.site_check import browser, feeds, html_validator, links
from nutgraf.driver.site_check.findings import Report
from nutgraf.driver.site_check.server import serving
from nutgraf.driver.site_check.site_files import feed_files, html_files, page_url

PROJECT_ROOT = Path(__file__).resolve().parents[4]


def check_served_site(output: Path, base_url: str, project_root: Path = PROJECT_ROOT) -> Report:
    """Run every check on ``output``, which is being served at ``base_url``."""
    report = Report()
    pages = html_files(output)
    page_urls = [page_url(base_url, output, path) for path in pages]
    feed_urls = [page_url(base_url, output, path) for path in feed_files(output)]
    extra = [urljoin(base_url, name) for name in ("sitemap.xml", "robots.txt") if (output / name).is_file()]

    report.extend(html_validator.check_html(output, pages, project_root))

    findings, responses = links.check_links(base_url, page_urls + feed_urls + extra)
    report.extend(findings)
    # Feeds the pages announce, as well as the feed files on disk.
    announced = [url for url, response in responses.items() if response.media_type.endswith(("atom+xml", "rss+xml"))]
    for url in sorted(set(feed_urls) | set(announced)):
        report.extend(feeds.check_feed(url, responses[url], base_url))

    report.extend(browser.check_in_browser(page_urls, base_url, project_root))
    return report


def check_output(output: Path, project_root: Path = PROJECT_ROOT) -> Report:
    """Check a site already built with root-relative URLs (``SITEURL = ""``), served as it is."""
    with serving(output) as base_url:
        return check_served_site(output, base_url, project_root)


def check_production_build(settings_file: str, project_root: Path) -> tuple[int, Report | None]:
    """Build the site with production settings for a local address, serve it there, and check it.

    The server starts first, so the build's SITEURL is the address it is checked at: absolute
    URLs, feeds and the sitemap are checked exactly as they will be published.
    """
    with tempfile.TemporaryDirectory(prefix="nutgraf-site-check-") as folder:
        output = Path(folder) / "output"
        with serving(output) as base_url:
            env = dict(os.environ, SITEURL=base_url.rstrip("/"))
            command = [sys.executable, "-m", "nutgraf", "build", "--settings", settings_file, "--output", str(output)]
            built = subprocess.run(command, cwd=project_root, env=env, check=False)
            if built.returncode != 0:
                return built.returncode, None
            return 0, check_served_site(output, base_url, project_root)
