"""Preview latency: from saving an explainer to the live preview's page showing the edit, in Chromium.

    python -m nutgraf.driver.bench.preview_latency PROJECT [EXPLAINER.md] [--edits N]

Starts ``nutgraf livereload`` in PROJECT, opens the explainer's page, then saves N edits (each a new sentence at the
end of its first part) and times each until the page, refreshed by the preview itself, shows the sentence.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from nutgraf.driver.site_check.browser import CHROMIUM_ARGS, chromium_executable


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_preview(project: Path, port: int) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "nutgraf", "livereload", "--port", str(port)],
        cwd=project,
        env=dict(os.environ, NUTGRAF_CACHE=str(project / ".cache")),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    ready = threading.Event()

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("Live preview at"):
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    if not ready.wait(1800):
        process.kill()
        raise RuntimeError("the live preview did not start")
    return process


def measure(project: Path, explainer: Path, edits: int = 5, pause: float = 2.0) -> list[float]:
    """Seconds from each save to the page showing it (``pause`` between edits: an editor types)."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    original = explainer.read_text(encoding="utf-8")
    first_part = original.index("\n## ", original.index("\n## ") + 1)  # the end of the first part
    process = _start_preview(project, port)
    seconds = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/explainers/{explainer.stem}/")
            time.sleep(pause * 2)  # the next build's process has done its imports, as between an editor's saves
            for number in range(edits):
                sentence = f"Preview latency edit number {number} at {time.time():.0f}."
                text = f"{original[:first_part]}\n\n{sentence}\n{original[first_part:]}"
                start = time.monotonic()
                explainer.write_text(text, encoding="utf-8")
                page.get_by_text(sentence).wait_for(timeout=600_000)
                seconds.append(time.monotonic() - start)
                time.sleep(pause)
            browser.close()
    finally:
        explainer.write_text(original, encoding="utf-8")
        process.terminate()
        process.wait(30)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nutgraf.driver.bench.preview_latency", description=__doc__)
    parser.add_argument("project", type=Path)
    parser.add_argument("explainer", nargs="?", help="the explainer to edit (default: the first in content/)")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args(argv)
    project = args.project.resolve()
    folder = project / "content" / "explainers"
    explainer = folder / args.explainer if args.explainer else sorted(folder.glob("*.md"))[0]
    seconds = measure(project, explainer, args.edits)
    listed = ", ".join(f"{value:.2f}" for value in seconds)
    print(f"preview latency (save -> refreshed page): median {statistics.median(seconds):.2f} s ({listed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
