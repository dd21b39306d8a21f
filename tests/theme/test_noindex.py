"""SITE_NOINDEX: a pull request's preview build asks search engines, on every page, not to list it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.plugins.explainers.helpers import VALID
from tests.sitetools import pages, soup
from tests.support import run_nutgraf


def _robots(page: Path) -> list[str]:
    return [str(meta.get("content")) for meta in soup(page).find_all("meta", attrs={"name": "robots"})]


def test_site_noindex_marks_every_page_once_and_only_when_set(project: Callable[..., Path], tmp_path: Path) -> None:
    root = project({"content/explainers/a.md": VALID})
    preview = tmp_path / "preview"
    result = run_nutgraf("build", "--output", str(preview), cwd=root, env={"SITE_NOINDEX": "1"})
    assert result.returncode == 0, result.stderr
    built = list(pages(preview))
    assert len(built) > 5
    for page in built:
        assert _robots(page) == ["noindex"], page

    result = run_nutgraf("build", cwd=root, env={"SITE_NOINDEX": ""})
    assert result.returncode == 0, result.stderr
    assert _robots(root / "output" / "explainers" / "a" / "index.html") == []
    assert _robots(root / "output" / "search" / "index.html") == ["noindex"]
