"""Driving the site's search page in Chromium, as a reader does, under the site's strict CSP."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nutgraf.driver.site_check.browser import CHROMIUM_ARGS, chromium_executable
from nutgraf.driver.site_check.server import serving


@dataclass(frozen=True)
class SearchOutcome:
    status: str  # the search page's status line
    titles: list[str]  # result headlines, in order
    paths: list[str]  # their addresses' paths
    sections: list[str]  # the section links under results (full URLs)
    problems: list[str]  # console errors and uncaught exceptions


def search(site: Path, query: str, *, page_path: str = "search/", done: str = "found") -> SearchOutcome:
    """Open ``page_path?q=query`` on ``site`` (a built output folder) and wait for the status to contain ``done``."""
    from playwright.sync_api import sync_playwright

    with serving(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{base_url}{page_path}?q={query}")
        # A locator, not wait_for_function: a string predicate is eval, which the CSP refuses.
        page.locator("#search-status", has_text=done).wait_for()
        results = page.locator(".search-result h2 a")
        outcome = SearchOutcome(
            status=page.inner_text("#search-status"),
            titles=results.all_inner_texts(),
            paths=results.evaluate_all("links => links.map(a => a.pathname)"),
            sections=page.locator(".search-result-sections a").evaluate_all("links => links.map(a => a.href)"),
            problems=problems,
        )
        browser.close()
    return outcome
