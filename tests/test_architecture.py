"""The import direction of nutgraf's layers (pyproject.toml ``[tool.importlinter]``): the driver may import
plugins and the kernel, a plugin only the kernel, the kernel nothing of ours, and no plugin another."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nutgraf

REPO = Path(__file__).resolve().parents[1]
PACKAGE = Path(nutgraf.__file__).resolve().parent


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts, on the ``nutgraf`` package found in ``package_parent``."""
    script = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert script, "import-linter is not installed (requirements-test.txt)"
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(
        [script, "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_the_layers_keep_their_import_direction() -> None:
    result = lint_imports(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_an_import_from_the_kernel_into_a_plugin_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "nutgraf"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    planted = copy / "kernel" / "diagnostics.py"
    planted.write_text(planted.read_text(encoding="utf-8") + "\nfrom nutgraf.plugins.charts import hooks  # planted\n")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert "driver > plugins > kernel BROKEN" in result.stdout
    assert "nutgraf.kernel.diagnostics -> nutgraf.plugins.charts.hooks" in result.stdout
