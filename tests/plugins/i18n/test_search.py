"""The Chinese search page searches the Chinese index, in Chromium, under the site's strict CSP."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plugins.search.searching import search


@pytest.mark.browser
def test_a_chinese_word_finds_the_translation(built_site: Path) -> None:
    found = search(built_site, "诈骗", page_path="zh-hans/search/", done="找到")
    status, links, problems = found.status, found.paths, found.problems
    assert links == ["/zh-hans/explainers/china-cyberscam-crackdown/"]
    # The script's messages come from the Chinese catalogue (search.html's data attributes), not from the script.
    assert status == "找到 1 篇与“诈骗”相关的解读。"
    assert problems == []


@pytest.mark.browser
def test_the_chinese_search_page_says_so_in_chinese_when_nothing_is_found(built_site: Path) -> None:
    found = search(built_site, "zeppelinx", page_path="zh-hans/search/", done="没有")
    status, links, problems = found.status, found.paths, found.problems
    assert (status, links, problems) == ("没有解读提到“zeppelinx”。", [], [])


@pytest.mark.browser
def test_the_english_search_page_searches_english(built_site: Path) -> None:
    found = search(built_site, "cyberscams", page_path="search/", done="found")
    status, links, problems = found.status, found.paths, found.problems
    assert links == ["/explainers/china-cyberscam-crackdown/"]
    assert status == "1 explainer found for “cyberscams”.", "English plural: one"
    assert problems == []
