"""The plugins without nutgraf's driver: a plain ``pelican`` run opens its own build context when a handler asks."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.support import SAMPLE_EXPLAINER, nutgraf_env


def test_a_plain_pelican_run_builds_the_explainer(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/floods.md": SAMPLE_EXPLAINER})
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "output"],
        cwd=root,
        env=nutgraf_env(cwd=root),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = (root / "output" / "explainers" / "floods" / "index.html").read_text(encoding="utf-8")
    assert "The first part." in page
    assert "1 min read" in page  # the explainers plugin's page hook ran, with its options from the context
