"""Shared fixtures: real builds of the real content, and throwaway projects (helpers: ``tests.support``)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from nutgraf.driver.serve import make_server
from nutgraf.driver.site_check.browser import CHROMIUM_ARGS, chromium_executable
from tests.support import build_in_process, make_project


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
    result = build_in_process("build", "--output", str(output))
    assert result.returncode == 0, result.stderr
    return output


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The real site served on a free local port."""
    server = make_server(built_site, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The runner's Chromium (NUTGRAF_CHROMIUM, CHROME_PATH, else Debian's), headless, offline."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
