"""The Chinese search page searches the Chinese index, in Chromium, under the site's strict CSP."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutgraf.site_check.browser import CHROMIUM, CHROMIUM_ARGS
from nutgraf.site_check.server import serving


def _search(site: Path, path: str, query: str, done: str) -> tuple[str, list[str], list[str]]:
    """Search on a search page and wait for the status to contain ``done``: (status, result paths, errors)."""
    from playwright.sync_api import sync_playwright

    with serving(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{base_url}{path}?q={query}")
        page.locator("#search-status", has_text=done).wait_for()
        status = page.inner_text("#search-status")
        links = page.locator(".search-result h2 a").evaluate_all("links => links.map(a => a.pathname)")
        browser.close()
    return status, links, problems


@pytest.mark.browser
def test_a_chinese_word_finds_the_translation(built_site: Path) -> None:
    status, links, problems = _search(built_site, "zh-hans/search/", "诈骗", "找到")
    assert links == ["/zh-hans/explainers/china-cyberscam-crackdown/"]
    # The script's messages come from the Chinese catalogue (search.html's data attributes), not from the script.
    assert status == "找到 1 篇与“诈骗”相关的解读。"
    assert problems == []


@pytest.mark.browser
def test_the_chinese_search_page_says_so_in_chinese_when_nothing_is_found(built_site: Path) -> None:
    status, links, problems = _search(built_site, "zh-hans/search/", "zeppelinx", "没有")
    assert (status, links, problems) == ("没有解读提到“zeppelinx”。", [], [])


@pytest.mark.browser
def test_the_english_search_page_searches_english(built_site: Path) -> None:
    status, links, problems = _search(built_site, "search/", "cyberscams", "found")
    assert links == ["/explainers/china-cyberscam-crackdown/"]
    assert status == "1 explainer found for “cyberscams”.", "English plural: one"
    assert problems == []
