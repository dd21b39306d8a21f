"""Shared fixtures: real builds of the real content, and throwaway projects (helpers: ``tests.support``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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
