"""Searching the built site in Chromium, under the site's strict CSP, offline."""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.plugins.search.searching import search
from tests.readersite import CHART_BLOCK, CHART_DATA, explainer
from tests.support import build_in_process


@pytest.fixture(scope="module")
def searchable_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support import make_project

    root = make_project(
        tmp_path_factory.mktemp("search") / "site",
        {
            "content/explainers/ferries.md": explainer("Ferries in the strait", body_extra=CHART_BLOCK),
            **CHART_DATA,
            "content/explainers/bridges.md": explainer("Bridges over the river", date="2026-01-03"),
            # A page: Pelican writes pages last, the index starts once they are written.
            "content/pages/about.md": "Title: About us\nSlug: about\nSummary: Who we are.\n\nWe explain the news.\n",
        },
    )
    result = build_in_process("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "output"


def test_the_index_started_as_pelican_wrote_its_last_page_holds_every_searchable_page_of_the_site(
    searchable_site: Path,
) -> None:
    """It is made while embed pages, template pages and files are written: none of those may be a page it lacks."""
    indexed = set()
    for fragment in (searchable_site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        indexed.add(json.loads(data)["url"])
    searchable = {
        "/" + str(path.relative_to(searchable_site).parent).replace(os.sep, "/").removeprefix(".") + "/"
        for path in searchable_site.rglob("*.html")
        if "data-pagefind-body" in path.read_text(encoding="utf-8")
    }
    assert indexed == {url.replace("//", "/") for url in searchable}
    assert {"/explainers/ferries/", "/explainers/bridges/"} <= indexed
    assert len(indexed) == 3  # and the page


def test_index_covers_explainers_and_pages_but_not_listings(searchable_site: Path) -> None:
    index = searchable_site / "pagefind"
    assert (index / "pagefind.js").is_file()
    assert (index / "pagefind-worker.js").is_file()
    assert not (index / "pagefind-ui.js").exists(), "the unused UI bundles are removed"
    assert list((index / "fragment").iterdir())
    assert (searchable_site / "search" / "index.html").is_file()


@pytest.mark.browser
def test_a_word_only_in_a_chart_title_finds_its_explainer(searchable_site: Path) -> None:
    found = search(searchable_site, "ferry")
    status, titles, problems = found.status, found.titles, found.problems
    assert titles == ["Ferries in the strait"], status
    assert problems == []
    caption_titles = search(searchable_site, "quarantine").titles
    assert caption_titles == ["Ferries in the strait"]


@pytest.mark.browser
def test_a_result_links_the_section_that_matched(searchable_site: Path) -> None:
    found = search(searchable_site, "zeppelin")
    status, titles, sections, problems = found.status, found.titles, found.sections, found.problems
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
    assert build_in_process("build", cwd=root).returncode == 0
    assert not (root / "output" / "pagefind").exists()


def _settings_with(line: str) -> str:
    from tests.support import ROOT

    return (ROOT / "pelicanconf.py").read_text(encoding="utf-8") + "\n" + line + "\n"
