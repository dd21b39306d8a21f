"""The synthetic site: the same bytes for the same N, four sections, real data files behind every chart."""

from __future__ import annotations

from pathlib import Path

from nutgraf.driver.bench import synthetic
from tests.support import run_nutgraf


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_site_is_deterministic(tmp_path: Path) -> None:
    synthetic.write_site(tmp_path / "a", 4)
    synthetic.write_site(tmp_path / "b", 4)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")


def test_explainers_have_the_four_sections_and_two_charts_of_real_data(tmp_path: Path) -> None:
    text, data = synthetic.explainer(7)
    for heading in ("## What's happening", "## Why it matters", "## What's next", "## Beyond the headlines"):
        assert heading in text
    assert text.count("```chart") == 2
    assert len(data) == 2 and all(csv.count("\n") > 2 for csv in data.values())
    words = len(synthetic.explainer(7, with_charts=False)[0].split())
    assert 550 < words < 800


def test_a_synthetic_explainer_passes_the_content_check(project) -> None:
    text, data = synthetic.explainer(0)
    root = project({"content/explainers/bench-00000.md": text, **{f"content/{p}": v for p, v in data.items()}})
    result = run_nutgraf("check", cwd=root)
    assert result.returncode == 0, result.stderr
