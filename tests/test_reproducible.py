"""Reproducible builds: two clean builds of the same commit are byte-identical."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from nutgraf.driver.build import source_date_epoch
from tests.support import ROOT, SAMPLE_EXPLAINER, make_project, nutgraf_env

COMMIT_DATE = "2026-03-04T05:06:07+00:00"
SITE_URL = "https://user.github.io/repo"


def _git(*args: str, cwd: Path) -> None:
    env = dict(os.environ, GIT_AUTHOR_DATE=COMMIT_DATE, GIT_COMMITTER_DATE=COMMIT_DATE)
    subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, check=True)


def _clean_build(root: Path, hash_seed: str) -> dict[str, bytes]:
    """A production build of a fresh checkout: own caches, another hash seed, "now" taken from the commit."""
    _git("init", "--quiet", cwd=root)
    _git("add", "-A", cwd=root)
    _git("-c", "user.name=CI", "-c", "user.email=ci@example.org", "commit", "--quiet", "-m", "site", cwd=root)
    env = nutgraf_env({"SITEURL": SITE_URL, "PYTHONHASHSEED": hash_seed}, root)
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        [sys.executable, "-m", "nutgraf", "build", "--settings", "publishconf.py"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    output = root / "output"
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in output.rglob("*") if path.is_file()}


def _real_content_with_ties(root: Path) -> Path:
    """The real content plus explainers that tie on date, so that listing order must not depend on chance."""
    ties = {
        f"content/explainers/same-day-{n}.md": SAMPLE_EXPLAINER.replace("Floods in the delta", f"Tie {n}")
        for n in range(4)
    }
    return make_project(root, ties, with_real_content=True)


def test_two_clean_builds_of_the_same_commit_are_byte_identical(tmp_path: Path) -> None:
    first = _clean_build(_real_content_with_ties(tmp_path / "checkout-a" / "site"), hash_seed="1")
    second = _clean_build(_real_content_with_ties(tmp_path / "checkout-b" / "another-name"), hash_seed="2")
    assert sorted(first) == sorted(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert differing == []
    assert "feeds/all.atom.xml" in first
    # Nothing machine-specific leaks into the site.
    for name, data in first.items():
        assert b"checkout-a" not in data, name


def test_an_explainer_dated_after_the_build_is_published_not_held_back(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/later.md": SAMPLE_EXPLAINER.replace("2026-03-02", "2999-01-01")})
    result = subprocess.run(
        [sys.executable, "-m", "nutgraf", "build"],
        cwd=root,
        env=nutgraf_env(cwd=root),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (root / "output" / "explainers" / "later" / "index.html").is_file()
    assert not (root / "output" / "drafts").exists()


def test_source_date_epoch_comes_from_the_variable_then_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date_epoch(ROOT) == 1700000000
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    _git("init", "--quiet", cwd=tmp_path)
    _git("add", "a.txt", cwd=tmp_path)
    _git("-c", "user.name=CI", "-c", "user.email=ci@example.org", "commit", "--quiet", "-m", "a", cwd=tmp_path)
    assert source_date_epoch(tmp_path) == 1772600767  # COMMIT_DATE
