"""Pelican's content cache, made safe: keyed on settings and code, never served stale or damaged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.sitetools import soup
from tests.support import SAMPLE_EXPLAINER, build_in_process


def _cache_files(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "pelican").glob("*/*Readers"))


def test_a_damaged_cache_file_is_dropped_not_fatal(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    assert build_in_process("build", cwd=root).returncode == 0
    articles = next(path for path in _cache_files(root) if path.name.startswith("Articles"))
    articles.write_bytes(articles.read_bytes()[:40])  # as a build killed while saving leaves it
    result = build_in_process("build", "--force", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_a_changed_setting_starts_a_fresh_cache(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    assert build_in_process("build", cwd=root).returncode == 0
    [before] = {path.parent for path in _cache_files(root)}
    settings = root / "pelicanconf.py"
    settings.write_text(settings.read_text(encoding="utf-8") + '\nEXPLAINER_SOURCES_HEADING = "Notes"\n')
    assert build_in_process("build", cwd=root).returncode == 0
    [after] = {path.parent for path in _cache_files(root)}
    assert after != before and not before.exists()


def test_an_edited_explainer_is_read_again(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    assert build_in_process("build", cwd=root).returncode == 0
    path = root / "content/explainers/good.md"
    path.write_text(
        SAMPLE_EXPLAINER.replace("## What's next\n\nThe third part.", "## What's next\n\nA new sentence."),
        encoding="utf-8",
    )
    assert build_in_process("build", cwd=root).returncode == 0
    page = soup(root / "output/explainers/good/index.html")
    assert "A new sentence." in page.select_one("#whats-next").get_text()
