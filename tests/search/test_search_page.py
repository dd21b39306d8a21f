"""Searching the built site in Chromium, under the site's strict CSP, offline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from nutgraf.site_check.browser import CHROMIUM, CHROMIUM_ARGS
from nutgraf.site_check.server import serving
from tests.conftest import run_nutgraf
from tests.readersite import CHART_FIGURE, explainer


@pytest.fixture(scope="module")
def searchable_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import make_project

    root = make_project(
        tmp_path_factory.mktemp("search") / "site",
        {
            "content/explainers/ferries.md": explainer("Ferries in the strait", body_extra=CHART_FIGURE),
            "content/explainers/bridges.md": explainer("Bridges over the river", date="2026-01-03"),
        },
    )
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "output"


def test_index_covers_explainers_and_pages_but_not_listings(searchable_site: Path) -> None:
    index = searchable_site / "pagefind"
    assert (index / "pagefind.js").is_file()
    assert (index / "pagefind-worker.js").is_file()
    assert not (index / "pagefind-ui.js").exists(), "the unused UI bundles are removed"
    assert list((index / "fragment").iterdir())
    assert (searchable_site / "search" / "index.html").is_file()


def _search(site: Path, query: str) -> tuple[str, list[str], list[str], list[str]]:
    from playwright.sync_api import sync_playwright

    with serving(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(f"{base_url}search/?q={query}")
        # A locator, not wait_for_function: a string predicate is eval, which the CSP refuses.
        page.locator("#search-status", has_text="found").wait_for()
        status = page.inner_text("#search-status")
        titles = page.locator(".search-result h2 a").all_inner_texts()
        sections = page.locator(".search-result-sections a").evaluate_all("links => links.map(a => a.href)")
        browser.close()
    return status, titles, sections, problems


@pytest.mark.browser
def test_a_word_only_in_a_chart_title_finds_its_explainer(searchable_site: Path) -> None:
    status, titles, _, problems = _search(searchable_site, "ferry")
    assert titles == ["Ferries in the strait"], status
    assert problems == []
    _, caption_titles, _, _ = _search(searchable_site, "quarantine")
    assert caption_titles == ["Ferries in the strait"]


@pytest.mark.browser
def test_a_result_links_the_section_that_matched(searchable_site: Path) -> None:
    status, titles, sections, problems = _search(searchable_site, "zeppelin")
    assert "2 explainers found" in status
    assert sorted(titles) == ["Bridges over the river", "Ferries in the strait"]
    assert any(url.endswith("#why-it-matters") for url in sections), sections
    assert problems == []


def test_search_form_works_without_javascript(searchable_site: Path) -> None:
    from tests.sitetools import soup

    form = soup(searchable_site / "index.html").find("form", attrs={"role": "search"})
    assert form["action"] == "/search/"
    assert form["method"] == "get"
    assert form.find("input", attrs={"name": "q"})


def test_search_can_be_turned_off(project: Callable[..., Path]) -> None:
    root = project(
        {"content/explainers/a.md": explainer("A"), "pelicanconf.py": _settings_with("SEARCH_ENABLED = False")}
    )
    assert run_nutgraf("build", cwd=root).returncode == 0
    assert not (root / "output" / "pagefind").exists()


def _settings_with(line: str) -> str:
    from tests.conftest import ROOT

    return (ROOT / "pelicanconf.py").read_text(encoding="utf-8") + "\n" + line + "\n"
