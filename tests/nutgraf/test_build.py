"""The strict build: a warning fails it, and a failed build never touches output/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import run_nutgraf

GOOD = """Title: A good explainer
Date: 2026-01-02
Summary: One sentence.
Topic: Testing

## What's happening

Text.

## Why it matters

Text.

## What's next

Text.

## Beyond the headlines

Text.
"""


def test_build_writes_the_site(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": GOOD})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert (root / "output" / "explainers" / "good" / "index.html").is_file()
    assert (root / "output" / "index.html").is_file()
    assert not list(root.glob(".output-*")), "the staging folder was left behind"


def test_invalid_date_fails_the_build_naming_the_file(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/bad-date.md": GOOD.replace("2026-01-02", "not a date")})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode != 0
    assert "bad-date.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "output").exists()


def test_failed_build_leaves_previous_site_untouched(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/good.md": GOOD})
    assert run_nutgraf("build", cwd=root).returncode == 0
    before = {p.relative_to(root / "output"): p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    (root / "content/explainers/bad.md").write_text(GOOD.replace("2026-01-02", "yesterday"), encoding="utf-8")
    assert run_nutgraf("build", cwd=root).returncode != 0
    after = {p.relative_to(root / "output"): p.read_bytes() for p in (root / "output").rglob("*") if p.is_file()}
    assert after == before
