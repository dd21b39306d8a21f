"""Pelican's ``Category:`` is accepted as the topic: an explainer written with it builds under that topic."""

from __future__ import annotations

from pathlib import Path

from tests.readersite import explainer
from tests.support import make_project, run_nutgraf


def test_an_explainer_with_pelicans_category_builds_under_its_topic(tmp_path: Path) -> None:
    text = explainer("Ferries in the strait", topic="Transport").replace("Topic: Transport", "Category: Transport")
    root = make_project(tmp_path / "site", {"content/explainers/ferries.md": text})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    topic = root / "output" / "topics" / "transport" / "index.html"
    assert "Ferries in the strait" in topic.read_text(encoding="utf-8")
