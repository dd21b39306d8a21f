"""The page around the charts, as Chromium lays it out: the story on a phone's first screen, a desktop
measure of 60-75 characters, and a short explainer on two A4 pages with no blank one."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

EXPLAINERS = ["iowa-electricity-renewables", "us-jobs-great-recession", "china-cyberscam-crackdown"]
# Characters on each full line of the body's longer paragraphs (a line's characters share its top).
LINE_LENGTHS = """() => [...document.querySelectorAll('.explainer-body p')].filter(p => p.textContent.length > 300)
  .flatMap(p => {
    const lines = new Map(), walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let text; (text = walker.nextNode());) for (let i = 0; i < text.length; i++) {
      const range = document.createRange(); range.setStart(text, i); range.setEnd(text, i + 1);
      const box = range.getClientRects()[0]; if (!box) continue;
      const top = Math.round(box.top); lines.set(top, (lines.get(top) || 0) + 1);
    }
    return [...lines.values()].slice(0, -1);
  })"""


@pytest.mark.parametrize("slug", EXPLAINERS)
def test_the_story_starts_on_a_phone_s_first_screen(browser: Browser, site_url: str, slug: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(f"{site_url}explainers/{slug}/")
    assert page.locator(".site-header").bounding_box()["height"] <= 60  # one row
    first = page.locator(".explainer-body p").first.bounding_box()
    assert first["y"] < 740 - 24, first  # at least its first line on the first screen
    context.close()


@pytest.mark.parametrize("slug", EXPLAINERS)
def test_desktop_lines_are_60_to_75_characters(browser: Browser, site_url: str, slug: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site_url}explainers/{slug}/")
    lengths = page.evaluate(LINE_LENGTHS)
    assert lengths and min(lengths) >= 55 and max(lengths) <= 78, lengths  # a word more or less per line
    assert 60 <= sum(lengths) / len(lengths) <= 75, lengths
    context.close()


@pytest.mark.parametrize("slug", EXPLAINERS)
def test_a_short_explainer_prints_on_two_a4_pages(browser: Browser, site_url: str, slug: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site_url}explainers/{slug}/")
    page.emulate_media(media="print")
    assert re.search(r"\b[12] min read", page.locator(".byline").inner_text())
    pdf = page.pdf(format="A4")
    pages = int(re.findall(rb"/Count (\d+)", pdf)[0])
    assert pages <= 2, pages
    downloads = page.locator(".chart-download, .chart-source-file")
    assert all(downloads.nth(i).is_hidden() for i in range(downloads.count()))  # no links to click on paper
    context.close()
