"""README's quick start for real: a fresh virtual environment, `pip install -r requirements.txt` in a copy of the
project, then the `nutgraf` command and `python -m nutgraf` from another folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.support import ROOT

SKIPPED = shutil.ignore_patterns(".git", ".venv", "venv", "node_modules", "output", ".output-*", ".cache", "*.egg-info")


def test_pip_install_of_requirements_gives_the_nutgraf_command_in_a_fresh_venv(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=SKIPPED, symlinks=True)
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    scripts = environment / ("Scripts" if sys.platform == "win32" else "bin")
    python = scripts / ("python.exe" if sys.platform == "win32" else "python")
    # The pinned dependencies come from this test's own environment (as --system-site-packages would give them),
    # so pip fetches only the build backend (setuptools, wheel: from its cache once seen); nutgraf itself is
    # really installed, from the copy.
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site_packages, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-r", "requirements.txt"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    assert "Successfully installed nutgraf" in install.stdout

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for command in ([str(scripts / "nutgraf"), "--help"], [str(python), "-m", "nutgraf", "--help"]):
        result = subprocess.run(command, cwd=elsewhere, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
        assert "livereload" in result.stdout and "build" in result.stdout
    where = subprocess.run(
        [str(python), "-c", "import nutgraf; print(nutgraf.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(where.strip()).is_relative_to(project), where  # the copy's code, not this checkout's
