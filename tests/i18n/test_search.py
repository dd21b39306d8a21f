"""The Chinese search page searches the Chinese index, in Chromium, under the site's strict CSP."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutgraf.site_check.browser import CHROMIUM, CHROMIUM_ARGS
from nutgraf.site_check.server import serving


def _search(site: Path, path: str, query: str) -> tuple[list[str], list[str]]:
    from playwright.sync_api import sync_playwright

    with serving(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{base_url}{path}?q={query}")
        page.locator("#search-status", has_text="found").or_(page.locator("#search-status", has_text="No ")).wait_for()
        links = page.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.pathname)")
        browser.close()
    return links, problems


@pytest.mark.browser
def test_a_chinese_word_finds_the_translation(built_site: Path) -> None:
    links, problems = _search(built_site, "zh-hans/search/", "诈骗")
    assert links == ["/zh-hans/explainers/china-cyberscam-crackdown/"]
    assert problems == []


@pytest.mark.browser
def test_the_english_search_page_searches_english(built_site: Path) -> None:
    links, problems = _search(built_site, "search/", "cyberscams")
    assert links == ["/explainers/china-cyberscam-crackdown/"]
    assert problems == []
