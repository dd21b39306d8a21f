"""Which browser the site check and the browser tests launch: the runner's, named by a variable."""

from __future__ import annotations

import shutil

import pytest

from nutgraf.driver.site_check.browser import chromium_executable

DEBIANS = "/usr/bin/chromium"  # Debian's chromium package, where the tests run


def test_nutgraf_chromium_then_chrome_path_then_debians(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NUTGRAF_CHROMIUM", raising=False)
    monkeypatch.delenv("CHROME_PATH", raising=False)
    assert chromium_executable() == shutil.which("chromium") == DEBIANS
    monkeypatch.setenv("CHROME_PATH", "/opt/google/chrome/chrome")
    assert chromium_executable() == "/opt/google/chrome/chrome"
    monkeypatch.setenv("NUTGRAF_CHROMIUM", " /usr/bin/google-chrome ")
    assert chromium_executable() == "/usr/bin/google-chrome"
    monkeypatch.setenv("NUTGRAF_CHROMIUM", "")
    assert chromium_executable() == "/opt/google/chrome/chrome"


def test_no_other_code_names_a_browser_path() -> None:
    from tests.support import ROOT

    files = [ROOT / "tasks.py", *(ROOT / "plugins").rglob("*.py"), *(ROOT / "tests").rglob("*.py")]
    naming = [path.relative_to(ROOT).as_posix() for path in files if DEBIANS in path.read_text(encoding="utf-8")]
    assert naming == ["tests/driver/site_check/test_browser_choice.py"]
