"""``invoke new``: a draft explainer that builds, and never an overwritten file."""

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
    build = build_in_process("build", cwd=root)
    assert build.returncode == 0, build.stderr
    assert (root / "output" / "drafts" / "floods-in-the-delta-what-we-know" / "index.html").is_file()


def test_new_refuses_to_overwrite(project: Callable[..., Path]) -> None:
    root = project()
    assert run_invoke(root, "new", "Same title").returncode == 0
    path = root / "content" / "explainers" / "same-title.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nEdited by hand.\n", encoding="utf-8")
    second = run_invoke(root, "new", "Same title")
    assert second.returncode != 0
    assert "already exists" in second.stderr
    assert "Edited by hand." in path.read_text(encoding="utf-8")
