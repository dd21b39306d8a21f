"""The live preview in Debian's Chromium: a saved edit refreshes the open page by itself, a broken save shows the
build's messages over it, and the fix clears them; all under the site's strict CSP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from nutgraf.driver.serve import BuildStatus, PreviewState, addresses
from tests.plugins.charts.test_browser import REPORT_CSP
from tests.support import make_project, nutgraf_env

FRONT = "Title: Floods in the delta\nDate: 2026-01-02\nSummary: What we know.\nTopic: Weather\n\n"
BODY = (
    "## What's happening\n\n{text}\n\n## Why it matters\n\nText.\n\n## What's next\n\nText.\n\n"
    "## Beyond the headlines\n\nText.\n"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def live_preview(tmp_path: Path) -> Iterator[tuple[Path, str, list[str]]]:
    """A small project under `nutgraf livereload`: its explainer's path, the preview's address, and its log."""
    root = make_project(tmp_path / "site", {"content/explainers/floods.md": FRONT + BODY.format(text="First text.")})
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "nutgraf", "livereload", "--port", str(port)],
        cwd=root,
        # A fixed "now" (the project is no git checkout): the first render and the full rebuild date pages alike.
        env=nutgraf_env({"SOURCE_DATE_EPOCH": "1790000000"}, cwd=root),
        stderr=subprocess.PIPE,
        text=True,
    )
    ready = threading.Event()
    log: list[str] = []

    def read_log() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            log.append(line)
            if line.startswith("Live preview at"):
                ready.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        assert ready.wait(120), "the live preview did not start"
        yield root / "content" / "explainers" / "floods.md", f"http://127.0.0.1:{port}/", log
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = browser.new_page()
    page.add_init_script(REPORT_CSP)
    yield page
    page.close()


def saved(path: Path, text: str) -> float:
    path.write_text(text, encoding="utf-8")
    return time.monotonic()


@pytest.mark.browser
def test_the_open_page_follows_the_editor(live_preview: tuple[Path, str, list[str]], page: Page) -> None:
    source, address, _ = live_preview
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(address + "explainers/floods/")
    assert page.get_by_text("First text.").is_visible()

    start = saved(source, FRONT + BODY.format(text="Second text, saved."))
    page.get_by_text("Second text, saved.").wait_for(timeout=60_000)  # no reload by hand
    print(f"save -> refreshed page: {time.monotonic() - start:.2f} s")

    saved(source, FRONT + BODY.format(text="Text.").replace("## Why it matters", "## Why it matters\n\n# A title"))
    overlay = page.get_by_role("alert")
    overlay.wait_for(timeout=60_000)
    assert "content/explainers/floods.md:" in overlay.inner_text()
    assert "Second text, saved." in page.inner_text("main")  # the last good build stays underneath

    saved(source, FRONT + BODY.format(text="Third text, fixed."))
    page.get_by_text("Third text, fixed.").wait_for(timeout=60_000)
    assert page.get_by_role("alert").count() == 0
    assert not [error for error in errors if "CSP" in error], errors


def full_builds(log: list[str]) -> int:
    return sum(line.startswith("Built ") for line in log)


@pytest.mark.browser
def test_the_saved_page_comes_first_and_other_pages_follow_the_full_rebuild(
    live_preview: tuple[Path, str, list[str]], browser: Browser
) -> None:
    source, address, log = live_preview
    edited, home = browser.new_page(), browser.new_page()
    edited.goto(address + "explainers/floods/")
    home.goto(address)
    loads = {"edited": 0, "home": 0}
    edited.on("load", lambda _: loads.update(edited=loads["edited"] + 1))
    home.on("load", lambda _: loads.update(home=loads["home"] + 1))
    builds = full_builds(log)

    saved(source, FRONT + BODY.format(text="Saved, and shown first."))
    edited.get_by_text("Saved, and shown first.").wait_for(timeout=60_000)

    assert any(line.startswith("Refreshed /explainers/floods/ in ") for line in log), log
    deadline = time.monotonic() + 120
    while full_builds(log) == builds and time.monotonic() < deadline:
        time.sleep(0.2)
    assert full_builds(log) > builds, log
    while loads["home"] == 0 and time.monotonic() < deadline:  # the full rebuild's event reaches both pages
        home.wait_for_timeout(200)
    edited.wait_for_timeout(1000)
    # The full rebuild wrote the saved page as it was shown: no second reload; the home page follows it once.
    assert loads == {"edited": 1, "home": 1}


def test_built_pages_never_carry_the_preview_script(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert pages
    assert not [page for page in pages if b"/_nutgraf/" in page.read_bytes()]


def test_a_page_waiting_for_the_next_build_is_told_of_it() -> None:
    state = PreviewState()
    first = state.status
    assert state.next_status(first, timeout=0.01) is first  # nothing new: the stream sends a keep-alive
    threading.Timer(0.05, state.built, args=(False, ["a.md:3: wrong; fix it"])).start()
    failed = state.next_status(first, timeout=5)
    assert failed == BuildStatus(first.build, ("a.md:3: wrong; fix it",), base=first.build)
    state.built(True)
    assert state.status.build != first.build and state.status.errors == ()


def test_a_first_page_build_names_its_pages_and_the_full_one_those_it_left_as_they_were() -> None:
    state = PreviewState()
    state.built(True, only=["/explainers/a/"])
    first = state.status
    state.built(True, same=["/explainers/a/"])
    event = json.loads(state.status.event().decode().removeprefix("data: "))
    assert json.loads(first.event().decode().removeprefix("data: "))["only"] == ["/explainers/a/"]
    assert event == {
        "build": state.status.build,
        "errors": [],
        "only": [],
        "same": ["/explainers/a/"],
        "base": first.build,
    }


def test_a_preview_open_to_the_network_prints_both_addresses() -> None:
    assert addresses("127.0.0.1", 8000) == ["http://127.0.0.1:8000/"]
    found = addresses("0.0.0.0", 8000)
    assert found[0] == "http://127.0.0.1:8000/"
    assert all(address.startswith("http://") and ":8000/" in address for address in found)
