"""After an edit, the chart files of the site (renders, data for download, social cards, oEmbed answers) that did
not change are linked from the chart and card caches or the previous site, not written anew, and the site is
byte for byte the one a build of every page (``--force``) writes."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from nutgraf.driver.bench import synthetic
from nutgraf.plugins.charts.cache import INDEX
from tests.support import build_in_process, make_project

EPOCH = {"SOURCE_DATE_EPOCH": "1798761600"}  # late enough that every synthetic explainer is published


def build(root: Path, *args: str, output: str = "output") -> str:
    result = build_in_process("build", "--output", output, *args, cwd=root, env=EPOCH | {"NUTGRAF_CACHE": ".cache"})
    assert result.returncode == 0, result.stderr
    return result.stderr


def chart_files(output: Path) -> dict[str, os.stat_result]:
    """The site's files the chart and social-card plugins write after Pelican (and the oEmbed answers)."""
    found = [*(output / "charts").iterdir(), *(output / "social").rglob("bench-*.png"), *output.rglob("oembed.json")]
    return {path.relative_to(output).as_posix(): path.stat() for path in found if path.is_file()}


def stamp(status: os.stat_result) -> tuple[int, int]:
    """A file linked from a cache or the previous site keeps its inode and modification time."""
    return (status.st_ino, status.st_mtime_ns)


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("edit") / "site", {})
    synthetic.write_site(root / "content", 3)
    build(root)
    return root


def test_an_edit_links_every_unchanged_chart_file_and_writes_the_forced_builds_site(site: Path) -> None:
    before = chart_files(site / "output")
    assert any(name.endswith("-data.csv") for name in before) and any(name.startswith("social/") for name in before)
    assert (site / ".cache" / "charts" / INDEX).is_file()
    source = site / "content" / "explainers" / "bench-00001.md"
    source.write_text(source.read_text(encoding="utf-8") + "\nA sentence added.\n", encoding="utf-8")
    build(site)
    after = chart_files(site / "output")
    assert after.keys() == before.keys()
    written = sorted(name for name, status in after.items() if stamp(status) != stamp(before[name]))
    assert written == [], "written anew though unchanged"
    page_mode = stat.S_IMODE((site / "output" / "index.html").stat().st_mode)
    # Linked files share their mode with the cache's: the site's must be as readable as its pages.
    assert {name for name, status in after.items() if stat.S_IMODE(status.st_mode) != page_mode} == set()
    build(site, "--force", output="output-forced")
    assert tree(site / "output") == tree(site / "output-forced")


@pytest.mark.parametrize("linked", ["social/bench-00002.png", "charts/*-wide.vg.json"])
def test_a_file_damaged_through_the_sites_link_is_made_again_not_served(site: Path, linked: str) -> None:
    target = next((site / "output").glob(linked))
    good = target.read_bytes()
    time.sleep(0.05)  # past the clock's tick
    with target.open("r+b") as file:  # written in place: the cache's file is the same one
        file.seek(len(good) // 2)
        file.write(b"\0\0\0\0")
    assert target.read_bytes() != good
    build(site)
    assert target.read_bytes() == good
