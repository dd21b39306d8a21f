"""The staging folder and the swap: ``output/`` is the old site or the new one, never a mix."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from nutgraf.driver import atomic_output
from nutgraf.driver.atomic_output import replace_directory, staged_directory
from tests.support import nutgraf_env


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def old_site(tmp_path: Path) -> Path:
    output = tmp_path / "output"
    (output / "explainers").mkdir(parents=True)
    (output / "index.html").write_text("old home", encoding="utf-8")
    (output / "explainers" / "gone.html").write_text("old page", encoding="utf-8")
    return output


def _leftovers(output: Path) -> list[str]:
    return sorted(p.name for p in output.parent.iterdir() if p.name != output.name)


def test_success_replaces_the_whole_site(old_site: Path) -> None:
    with staged_directory(old_site) as staging:
        assert staging.parent == old_site.parent
        (staging / "index.html").write_text("new home", encoding="utf-8")
    assert _tree(old_site) == {"index.html": b"new home"}
    assert old_site.stat().st_mode & 0o777 == 0o755
    assert _leftovers(old_site) == []


def test_first_build_creates_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "output"
    with staged_directory(target) as staging:
        (staging / "index.html").write_text("home", encoding="utf-8")
    assert _tree(target) == {"index.html": b"home"}


@pytest.mark.parametrize("error", [ValueError("bad chart"), KeyboardInterrupt(), SystemExit(1)])
def test_any_failure_leaves_the_old_site_byte_identical(old_site: Path, error: BaseException) -> None:
    before = _tree(old_site)
    with pytest.raises(type(error)), staged_directory(old_site) as staging:
        (staging / "index.html").write_text("half-written", encoding="utf-8")
        raise error
    assert _tree(old_site) == before
    assert _leftovers(old_site) == []


def test_the_fallback_swap_without_renameat2(old_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic_output, "_exchange", lambda a, b: False)
    new = tmp_path / "new"
    new.mkdir()
    (new / "index.html").write_text("new", encoding="utf-8")
    replace_directory(new, old_site)
    assert _tree(old_site) == {"index.html": b"new"}
    assert _leftovers(old_site) == []


def test_the_previous_site_is_deleted_in_the_trash_without_the_build_waiting(old_site: Path, tmp_path: Path) -> None:
    trash = tmp_path / "cache" / "trash"
    (trash / "site-left-by-a-killed-deletion" / "explainers").mkdir(parents=True)
    with staged_directory(old_site, trash) as staging:
        (staging / "index.html").write_text("new home", encoding="utf-8")
    assert _tree(old_site) == {"index.html": b"new home"}
    assert _leftovers(old_site) == ["cache"]
    deadline = time.monotonic() + 60
    while any(trash.iterdir()) and time.monotonic() < deadline:  # a process of its own deletes them
        time.sleep(0.1)
    assert list(trash.iterdir()) == []
    assert _tree(old_site) == {"index.html": b"new home"}


INTERRUPTED_SWAP = """
import os, signal, sys
from pathlib import Path
# Ctrl-C as a terminal delivers it, even where the test runner was started in the background (a shell then
# starts it, and so this process, with SIGINT ignored).
signal.signal(signal.SIGINT, signal.default_int_handler)
from nutgraf.driver import atomic_output
from nutgraf.driver.atomic_output import InterruptedAfterSwap, staged_directory

swap = atomic_output.replace_directory

def interrupted_swap(new, target, *rest):
    os.kill(os.getpid(), signal.SIGINT)  # held back until the swap is done
    swap(new, target, *rest)

atomic_output.replace_directory = interrupted_swap
try:
    with staged_directory(Path(sys.argv[1])) as staging:
        (staging / "index.html").write_text("new home", encoding="utf-8")
except InterruptedAfterSwap:
    sys.exit(130)
"""


def test_an_interrupt_during_the_swap_waits_for_it(old_site: Path) -> None:
    """Ctrl-C pressed while output/ is being replaced: the swap completes, then the interrupt is raised.

    Run in its own process: signals reach only a main thread, which a test worker may not be.
    """
    result = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_SWAP, str(old_site)],
        env=nutgraf_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 130, result.stderr
    assert _tree(old_site) == {"index.html": b"new home"}
    assert _leftovers(old_site) == []
