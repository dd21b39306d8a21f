"""The weight budget and script loading of the built pages (sizes, not timings)."""

from __future__ import annotations

import gzip
from pathlib import Path

from tests.sitetools import pages, resolve_internal, soup

SEED = "explainers/china-cyberscam-crackdown/index.html"
BUDGET = 20 * 1024


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def test_explainer_without_charts_is_within_20_kb_gzipped(built_site: Path) -> None:
    page = built_site / SEED
    document = soup(page)
    assets = [link["href"] for link in document.find_all("link", rel="stylesheet")]
    assets += [script["src"] for script in document.find_all("script", src=True)]
    total = gzipped(page.read_bytes())
    for url in assets:
        target = resolve_internal(built_site, page, url)
        assert target is not None and target.is_file(), url
        total += gzipped(target.read_bytes())
    assert total <= BUDGET, f"{total} bytes gzipped"


def test_no_script_blocks_rendering_and_none_is_inline(built_site: Path) -> None:
    for page in pages(built_site):
        for script in soup(page).find_all("script"):
            if script.get("type") == "application/ld+json":
                continue
            assert script.get("src"), f"{page}: inline script"
            assert script.get("type") == "module" or script.has_attr("defer") or script.has_attr("async"), page


def test_no_inline_styles(built_site: Path) -> None:
    for page in pages(built_site):
        document = soup(page)
        assert document.find("style") is None, page
        assert document.find(style=True) is None, page
