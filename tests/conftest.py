"""Shared fixtures: real builds of the real content, and throwaway projects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# Builds of the real content (run in the repository itself) keep their caches here, one folder
# per test process: parallel workers never share a cache, nor touch the developer's .cache/.
# Set for the whole process too, for code under test that starts builds itself.
REAL_CONTENT_CACHE = Path(tempfile.mkdtemp(prefix="nutgraf-test-cache-"))
os.environ["NUTGRAF_CACHE"] = str(REAL_CONTENT_CACHE)


def nutgraf_env(extra: dict[str, str] | None = None, cwd: Path = ROOT) -> dict[str, str]:
    """The environment of a build in ``cwd``: a throwaway project keeps its caches in its own .cache/."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env["NUTGRAF_CACHE"] = str(REAL_CONTENT_CACHE if cwd.resolve() == ROOT else cwd / ".cache")
    env.update(extra or {})
    return env


def run_nutgraf(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m nutgraf ARGS`` as editors and CI do, capturing its output."""
    return subprocess.run(
        [sys.executable, "-m", "nutgraf", *args],
        cwd=cwd,
        env=nutgraf_env(env, cwd),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def run_invoke(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``invoke ARGS`` in a project, as an editor types it."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=root,
        env=nutgraf_env(cwd=root),
        capture_output=True,
        text=True,
        check=False,
    )


def make_project(root: Path, files: dict[str, str | bytes], *, with_real_content: bool = False) -> Path:
    """A throwaway nutgraf project in ``root``: our settings and theme, plus ``files``.

    The code is the installed ``nutgraf`` package.

    ``files`` maps paths such as ``content/explainers/a.md`` to their text (or bytes).
    """
    root.mkdir(parents=True, exist_ok=True)
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py"):
        shutil.copy2(ROOT / name, root / name)
    (root / "theme").symlink_to(ROOT / "theme", target_is_directory=True)
    if with_real_content:
        shutil.copytree(ROOT / "content", root / "content", symlinks=True)
    else:
        for folder in ("explainers", "pages", "data", "extra"):
            (root / "content" / folder).mkdir(parents=True, exist_ok=True)
        for extra in (ROOT / "content" / "extra").iterdir():
            shutil.copy2(extra, root / "content" / "extra" / extra.name)
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Callable[..., Path]:
    """Factory: ``project({"content/explainers/a.md": "..."})`` makes a project to build."""

    def factory(files: dict[str, str | bytes] | None = None, *, with_real_content: bool = False) -> Path:
        return make_project(tmp_path / "site", files or {}, with_real_content=with_real_content)

    return factory


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content/ built once per test process into a temporary folder."""
    output = tmp_path_factory.mktemp("built") / "output"
    result = run_nutgraf("build", "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output
