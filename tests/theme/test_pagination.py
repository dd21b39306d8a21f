"""Listings of constant size: the home, topic and tag pages show DEFAULT_PAGINATION explainers a page, page 1 at
the listing's address and later pages at ``<listing>/page/N/``, in every language, with a pager that a reader
reaches by keyboard, that works without JavaScript and that axe-core finds nothing wrong with."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from nutgraf.driver.site_check.server import serving
from tests.plugins.i18n.test_translations import chinese
from tests.readersite import explainer
from tests.sitetools import soup
from tests.support import build_in_process, make_project

PER_PAGE = 2
COUNT = 5  # newest first, two a page: e5 e4 | e3 e2 | e1


def paginated_files(count: int = COUNT) -> dict[str, str]:
    """``count`` explainers a day apart (``e1`` the oldest), each with a Chinese translation of the same date."""
    files = {}
    for number in range(1, count + 1):
        date = f"2026-01-{number:02d}"
        files[f"content/explainers/e{number}.md"] = explainer(f"Explainer {number}", date=date)
        translation = chinese(slug=f"e{number}").replace("Date: 2026-01-02", f"Date: {date}")
        files[f"content/explainers/e{number}.zh-hans.md"] = translation.replace("海峡中的渡轮", f"解读 {number}")
    return files


def paginated_project(root: Path, per_page: int = PER_PAGE) -> Path:
    """A project of ``paginated_files`` whose listings hold ``per_page`` explainers a page."""
    root = make_project(root, paginated_files())
    with (root / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(f"\nDEFAULT_PAGINATION = {per_page}\n")
    return root


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The project built as published (absolute URLs, canonical links) for the address it is served at."""
    root = paginated_project(tmp_path_factory.mktemp("pagination") / "site")
    output = root / "output"
    with serving(output) as base_url:
        result = build_in_process(
            "build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": base_url.rstrip("/")}
        )
        assert result.returncode == 0, result.stderr
        yield output, base_url


def _listed(page: Path) -> list[str]:
    return [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in soup(page).select(".card-title a")]


def _rel(page: Path, rel: str) -> str | None:
    link = soup(page).select_one(f'.pager a[rel="{rel}"]')
    return link["href"] if link else None


def test_each_page_of_the_home_lists_its_explainers_newest_first(served: tuple[Path, str]) -> None:
    output, _ = served
    assert _listed(output / "index.html") == ["e5", "e4"]
    assert _listed(output / "page/2/index.html") == ["e3", "e2"]
    assert _listed(output / "page/3/index.html") == ["e1"]
    assert not (output / "page/4").exists()
    assert not (output / "page/1").exists(), "page 1 keeps the listing's address"
    # Page 1 keeps its design (the introduction and the latest explainer); later pages are the list alone.
    first, second = soup(output / "index.html"), soup(output / "page/2/index.html")
    assert first.select_one(".page-intro") and first.select_one(".featured")
    assert not second.select_one(".page-intro") and not second.select_one(".featured")
    assert second.h1.get_text() == "Explainers, page 2"


def test_the_pager_links_the_pages_and_marks_this_one(served: tuple[Path, str]) -> None:
    output, base = served
    assert (_rel(output / "index.html", "prev"), _rel(output / "index.html", "next")) == (None, f"{base}page/2/")
    assert (_rel(output / "page/2/index.html", "prev"), _rel(output / "page/2/index.html", "next")) == (
        base,
        f"{base}page/3/",
    )
    assert _rel(output / "page/3/index.html", "next") is None
    pager = soup(output / "page/2/index.html").select_one("nav.pager")
    assert pager["aria-label"] == "Pages"
    assert pager.select_one(".pager-status").get_text() == "Page 2 of 3"
    assert [a["href"] for a in pager.select('a[aria-current="page"]')] == [f"{base}page/2/"]
    assert [a.get_text() for a in pager.select("a:not([rel])")] == ["1", "2", "3"]


def test_a_later_page_has_its_own_title_and_canonical_address(served: tuple[Path, str]) -> None:
    output, base = served
    first, second = soup(output / "index.html"), soup(output / "page/2/index.html")
    assert first.title.get_text() == "nutgraf"
    assert second.title.get_text() == "nutgraf — page 2"
    assert first.select_one('link[rel="canonical"]')["href"] == base
    assert second.select_one('link[rel="canonical"]')["href"] == f"{base}page/2/"
    topic = soup(output / "topics/testing/page/3/index.html")
    assert topic.title.get_text() == "Testing — nutgraf — page 3"
    assert topic.select_one('link[rel="canonical"]')["href"] == f"{base}topics/testing/page/3/"


def test_topic_and_tag_pages_are_paginated_under_their_own_folder(served: tuple[Path, str]) -> None:
    output, base = served
    for listing in ("topics/testing", "tags/testing", "tags/reader"):
        assert _listed(output / listing / "index.html") == ["e5", "e4"]
        assert _listed(output / listing / "page/2/index.html") == ["e3", "e2"]
        assert _rel(output / listing / "page/2/index.html", "prev") == f"{base}{listing}/"
        assert _rel(output / listing / "page/2/index.html", "next") == f"{base}{listing}/page/3/"
    # The archive stays one compact page of every explainer.
    assert len(soup(output / "archives/index.html").select(".archive-list a")) == COUNT
    assert not (output / "archives/page").exists()


def test_a_translation_s_listings_are_paginated_in_its_language(served: tuple[Path, str]) -> None:
    output, base = served
    for listing in ("zh-hans", "zh-hans/topics/testing"):
        second = output / listing / "page/2/index.html"
        assert _listed(second) == ["e3", "e2"]
        page = soup(second)
        assert page.html["lang"] == "zh-Hans"
        assert all(a["href"].startswith(f"{base}zh-hans/explainers/") for a in page.select(".card-title a"))
        assert _rel(second, "prev") == f"{base}{listing}/"
        assert _rel(second, "next") == f"{base}{listing}/page/3/"
        pager = page.select_one("nav.pager")
        assert pager["aria-label"] == "分页"
        assert pager.select_one(".pager-status").get_text() == "第 2 页，共 3 页"
        assert page.select_one('link[rel="canonical"]')["href"] == f"{base}{listing}/page/2/"
    assert soup(output / "zh-hans/page/2/index.html").title.get_text() == "nutgraf — 第 2 页"


@pytest.mark.browser
def test_the_pager_passes_the_site_check_s_browser_checks(served: tuple[Path, str]) -> None:
    """axe-core, console errors and CSP at a phone's and a desktop's size, light and dark (the site check's modes)."""
    from nutgraf.driver.site_check.browser import check_in_browser
    from tests.support import ROOT

    _, base = served
    urls = [f"{base}page/2/", f"{base}zh-hans/topics/testing/page/3/", f"{base}tags/reader/"]
    findings = check_in_browser(urls, base, ROOT)
    assert findings == [], "\n".join(f"{f.check} {f.location}: {f.message}" for f in findings)


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_pager_is_reached_and_followed_by_keyboard_without_javascript(
    browser: Browser, served: tuple[Path, str], width: int, scheme: str
) -> None:
    _, base = served
    context = browser.new_context(
        viewport={"width": width, "height": 800}, color_scheme=scheme, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{base}page/2/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "the pager fits the screen"
    for _ in range(80):  # Tab through the page until the pager's next link has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('rel')") == "next":
            break
    else:
        pytest.fail("the pager's next link is not reached with Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{base}page/3/"
    page.emulate_media(media="print")
    assert page.locator("nav.pager").is_hidden(), "paper has no use for a pager"
    context.close()
