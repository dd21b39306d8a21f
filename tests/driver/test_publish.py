"""`invoke publish`: the production build onto a gh-pages branch, pushed with real git and real ghp-import."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import SAMPLE_EXPLAINER, nutgraf_env, run_nutgraf

SITE_URL = "https://user.github.io/repo"


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def repo_and_remote(project: Callable[..., Path], tmp_path: Path) -> tuple[Path, Path]:
    """A project under git with one commit, and an empty bare repository to publish to."""
    root = project({"content/explainers/good.md": SAMPLE_EXPLAINER})
    _git("init", "--quiet", "--initial-branch=main", cwd=root)
    _git("config", "user.name", "Test Editor", cwd=root)
    _git("config", "user.email", "editor@example.org", cwd=root)
    _git("add", "content", "pelicanconf.py", "publishconf.py", cwd=root)
    _git("commit", "--quiet", "-m", "content", cwd=root)
    remote = tmp_path / "remote.git"
    _git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    return root, remote


def _publish(root: Path, *args: str, site_url: str = SITE_URL, cname: str = "") -> subprocess.CompletedProcess[str]:
    return run_nutgraf("publish", *args, cwd=root, env={"SITEURL": site_url, "PUBLISH_CNAME": cname})


def _published_files(remote: Path) -> set[str]:
    return set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).splitlines())


def test_invoke_publish_pushes_the_site_to_gh_pages(repo_and_remote: tuple[Path, Path]) -> None:
    root, remote = repo_and_remote
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--remote", str(remote)],
        cwd=root,
        env=nutgraf_env({"SITEURL": SITE_URL}, root),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    files = _published_files(remote)
    assert {"index.html", ".nojekyll", "explainers/good/index.html", "feeds/all.atom.xml", "404.html"} <= files
    assert "CNAME" not in files
    index = _git("show", "gh-pages:index.html", cwd=remote)
    assert re.search(f'href="{re.escape(SITE_URL)}/theme/css/site\\.[0-9a-f]{{12}}\\.css"', index), index[:2000]
    source = _git("rev-parse", "HEAD", cwd=root)
    assert _git("log", "-1", "--format=%s", "gh-pages", cwd=remote) == f"Publish the site built from {source}"


def test_a_second_publish_is_a_new_commit_on_top_and_writes_cname(repo_and_remote: tuple[Path, Path]) -> None:
    root, remote = repo_and_remote
    assert _publish(root, "--remote", str(remote)).returncode == 0
    first = _git("rev-parse", "gh-pages", cwd=remote)
    (root / "content/explainers/second.md").write_text(
        SAMPLE_EXPLAINER.replace("Floods in", "Another"), encoding="utf-8"
    )
    result = _publish(root, "--remote", str(remote), site_url="https://news.example.org", cname="news.example.org")
    assert result.returncode == 0, result.stderr
    assert _git("rev-parse", "gh-pages^", cwd=remote) == first
    files = _published_files(remote)
    assert {"CNAME", ".nojekyll", "explainers/second/index.html"} <= files
    assert _git("show", "gh-pages:CNAME", cwd=remote) == "news.example.org"


def test_publish_starts_from_the_remote_branch_not_a_stale_local_one(repo_and_remote: tuple[Path, Path]) -> None:
    root, remote = repo_and_remote
    assert _publish(root, "--remote", str(remote)).returncode == 0
    first = _git("rev-parse", "gh-pages", cwd=remote)
    _git("branch", "-D", "gh-pages", cwd=root)  # e.g. another machine published last
    assert _publish(root, "--remote", str(remote), "--no-build").returncode == 0
    assert _git("rev-parse", "gh-pages^", cwd=remote) == first


def test_no_build_publishes_the_existing_output(repo_and_remote: tuple[Path, Path]) -> None:
    root, remote = repo_and_remote
    assert run_nutgraf("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": SITE_URL}).returncode == 0
    (root / "output" / "marker.txt").write_text("built earlier", encoding="utf-8")
    result = _publish(root, "--remote", str(remote), "--no-build")
    assert result.returncode == 0, result.stderr
    assert "marker.txt" in _published_files(remote)


@pytest.mark.parametrize(
    ("prepare", "args", "env", "expected"),
    [
        pytest.param(None, ["--no-build"], {}, "has no built site", id="output-missing"),
        pytest.param("bad-content", [], {}, "nothing was published", id="build-fails"),
        pytest.param("dev-build", ["--no-build"], {}, "was not built for SITEURL", id="output-built-for-development"),
        pytest.param(
            None,
            [],
            {"PUBLISH_CNAME": "news.example.org"},
            "PUBLISH_CNAME is news.example.org but",
            id="cname-mismatch",
        ),
        pytest.param(
            None, [], {"PUBLISH_CNAME": "https://news.example.org/"}, "not a host name", id="cname-not-a-host"
        ),
    ],
)
def test_publish_refuses_and_pushes_nothing(
    repo_and_remote: tuple[Path, Path], prepare: str | None, args: list[str], env: dict[str, str], expected: str
) -> None:
    root, remote = repo_and_remote
    if prepare == "bad-content":
        (root / "content/explainers/bad.md").write_text(
            SAMPLE_EXPLAINER.replace("2026-03-02", "someday"), encoding="utf-8"
        )
    if prepare == "dev-build":
        assert run_nutgraf("build", cwd=root).returncode == 0
    result = run_nutgraf("publish", "--remote", str(remote), *args, cwd=root, env={"SITEURL": SITE_URL, **env})
    assert result.returncode == 1
    assert expected.lower() in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert _git("branch", "--list", cwd=remote) == ""


def test_publish_refuses_an_unreachable_remote(repo_and_remote: tuple[Path, Path], tmp_path: Path) -> None:
    root, _ = repo_and_remote
    result = _publish(root, "--remote", str(tmp_path / "no-such-repo.git"))
    assert result.returncode == 1
    assert "cannot read the remote" in result.stderr
    assert "Traceback" not in result.stderr
