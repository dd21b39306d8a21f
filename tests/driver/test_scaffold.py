"""``invoke new``: a draft explainer that builds and shows how to write each part, a chart started from a data file,
the preview's list of drafts, and never an overwritten file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.support import build_in_process, run_invoke


def test_new_creates_an_explainer_that_builds(project: Callable[..., Path]) -> None:
    root = project()
    result = run_invoke(root, "new", "Floods in the delta: what we know")
    assert result.returncode == 0, result.stderr
    path = root / "content" / "explainers" / "floods-in-the-delta-what-we-know.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Title: Floods in the delta: what we know\n")
    for heading in ("## What's happening", "## Why it matters", "## What's next", "## Beyond the headlines"):
        assert heading in text
    # The note at its end shows each thing an explainer may hold, in a form the editor can copy.
    guide = text[text.index("<!--") :]
    for example in (
        "```chart",
        "spec: charts/",
        "altair: charts/",
        "```figure",
        "`[^1]:`",
        "Updates: ",
        "![",
        "{static}",
    ):
        assert example in guide, example
    assert "preview" in result.stderr.lower() and "http://127.0.0.1:8000/drafts/floods-in-the-delta-what-we-know/" in (
        result.stderr
    )
    build = build_in_process("build", cwd=root)
    assert build.returncode == 0, build.stderr
    draft = (root / "output" / "drafts" / "floods-in-the-delta-what-we-know" / "index.html").read_text(encoding="utf-8")
    assert "<figure" not in draft.split("<main", 1)[1]  # the examples are not built: they are only in the note
    home = (root / "output" / "index.html").read_text(encoding="utf-8")
    assert 'id="drafts-heading"' in home and "/drafts/floods-in-the-delta-what-we-know/" in home
    # A production build never lists drafts.
    production = build_in_process(
        "build",
        "--settings",
        "publishconf.py",
        "--output",
        str(root / "published"),
        cwd=root,
        env={"SITEURL": "https://example.org"},
    )
    assert production.returncode == 0, production.stderr
    assert "drafts-heading" not in (root / "published" / "index.html").read_text(encoding="utf-8")


def test_new_with_data_starts_a_chart_of_its_columns(project: Callable[..., Path]) -> None:
    root = project({"content/data/rain.csv": "month,region,millimetres\n2026-01,North,12.5\n2026-01,South,3\n"})
    result = run_invoke(root, "new", "Rain", "--data", "data/rain.csv")
    assert result.returncode == 0, result.stderr
    text = (root / "content" / "explainers" / "rain.md").read_text(encoding="utf-8")
    chart = text[text.index("```chart") : text.index("```", text.index("```chart") + 3)]
    for line in ("data: data/rain.csv", "mark: line", "x: month:T", "y: millimetres:Q", "color: region:N"):
        assert line in chart
    build = build_in_process("build", cwd=root)
    assert build.returncode == 0, build.stderr
    assert "chart-svg-wide" in (root / "output" / "drafts" / "rain" / "index.html").read_text(encoding="utf-8")


def test_new_with_a_data_file_that_is_not_there_says_so(project: Callable[..., Path]) -> None:
    root = project()
    result = run_invoke(root, "new", "Rain", "--data", "data/rian.csv")
    assert result.returncode != 0
    assert "data/rian.csv" in result.stderr and "does not exist" in result.stderr
    assert not (root / "content" / "explainers" / "rain.md").exists()


def test_new_refuses_to_overwrite(project: Callable[..., Path]) -> None:
    root = project()
    assert run_invoke(root, "new", "Same title").returncode == 0
    path = root / "content" / "explainers" / "same-title.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEdited by hand.\n", encoding="utf-8")
    second = run_invoke(root, "new", "Same title")
    assert second.returncode != 0
    assert "already exists" in second.stderr
    assert "Edited by hand." in path.read_text(encoding="utf-8")
