"""The real content, built for real: what readers get."""

from __future__ import annotations

import re
from pathlib import Path

from tests.sitetools import pages, references, resolve_internal, soup

SEED = "explainers/china-cyberscam-crackdown/index.html"
SECTION_IDS = ["whats-happening", "why-it-matters", "whats-next", "beyond-the-headlines"]


def test_seed_explainer_has_its_four_sections_with_stable_ids(built_site: Path) -> None:
    page = soup(built_site / SEED)
    ids = [element["id"] for element in page.select("section[id], h2[id]") if element["id"] in SECTION_IDS]
    assert ids == SECTION_IDS
    text = page.get_text(" ")
    assert "arresting over 57,000 Chinese nationals" in text
    assert "a 'new generation of power' in Laukkaing" in text
    assert "economic desperation driving individuals" in text


def test_home_page_links_the_seed_explainer(built_site: Path) -> None:
    links = [a["href"] for a in soup(built_site / "index.html").find_all("a", href=True)]
    assert "/explainers/china-cyberscam-crackdown/" in links


def test_every_page_has_the_landmarks_and_one_h1(built_site: Path) -> None:
    for page in pages(built_site):
        document = soup(page)
        assert document.find("main"), page
        assert len(document.find_all("h1")) == 1, page
        if "embed" in page.relative_to(built_site).parts:
            continue  # a chart's embed page is a frame in another site: only the figure (plugins/charts/embeds.py)
        assert document.find("header"), page
        assert document.find("footer"), page
        assert document.find("a", class_="skip-link", href="#main"), page


def test_every_internal_link_and_asset_resolves(built_site: Path) -> None:
    broken = []
    for page in pages(built_site):
        ids = {element["id"] for element in soup(page).find_all(id=True)}
        for _, url in references(page):
            target = resolve_internal(built_site, page, url)
            if target is None:
                continue
            if not target.is_file():
                broken.append(f"{page.relative_to(built_site)} -> {url}")
            elif "#" in url and target == page and url.split("#", 1)[1] not in ids:
                broken.append(f"{page.relative_to(built_site)} -> {url} (no such id)")
    assert broken == []
    assert len(list(pages(built_site))) >= 8


def test_no_page_loads_anything_from_another_origin(built_site: Path) -> None:
    foreign = []
    for page in pages(built_site):
        for tag, url in references(page):
            if tag != "a" and re.match(r"^(https?:)?//", url):
                foreign.append(f"{page.relative_to(built_site)}: <{tag}> {url}")
    assert foreign == []


def test_favicon_and_404_page_exist(built_site: Path) -> None:
    assert (built_site / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert "Page not found" in (built_site / "404.html").read_text(encoding="utf-8")
