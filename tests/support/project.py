"""Throwaway nutgraf projects, and running nutgraf on them: in the test process, or as editors and CI do."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pelican import log as pelican_log

ROOT = Path(__file__).resolve().parents[2]


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


def build_in_process(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``nutgraf ARGS`` (build, check) run by ``nutgraf.driver.cli.main`` in this process, its stderr captured.

    For tests of what a build makes; the CLI's contract (exit codes, stderr as printed, signals) is tested
    with ``run_nutgraf``. The process's state a build touches is put back: the working folder, the
    environment (a build sets SOURCE_DATE_EPOCH), Pelican's memory of warnings already logged.
    """
    from nutgraf.driver.cli import main

    root_logger = logging.getLogger()
    environ, folder, handlers, level = dict(os.environ), Path.cwd(), list(root_logger.handlers), root_logger.level
    os.environ.update(nutgraf_env(env, cwd))
    pelican_log.LimitFilter._raised_messages.clear()  # Pelican logs a message once per process
    stderr = io.StringIO()
    try:
        os.chdir(cwd)
        with contextlib.redirect_stderr(stderr):
            try:
                code = main(list(args))
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        os.chdir(folder)
        os.environ.clear()
        os.environ.update(environ)
        for handler in set(root_logger.handlers) - set(handlers):  # the build's, writing to its stderr
            root_logger.removeHandler(handler)
        root_logger.setLevel(level)
    return subprocess.CompletedProcess(["nutgraf", *args], code, "", stderr.getvalue())
