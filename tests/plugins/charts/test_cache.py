"""The chart cache: one build checks a whole entry once, every file it reads every time, and the next build anew:
the files it finds as the last build left them (their stat) without hashing them again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nutgraf.plugins.charts import cache as cache_module
from nutgraf.plugins.charts.cache import INDEX, ChartCache, DamagedCacheEntryError
from nutgraf.plugins.charts.pool import render_missing
from tests.plugins.charts.test_pool import jobs


def test_a_build_checks_an_entry_whole_once_and_each_file_it_reads(tmp_path: Path) -> None:
    (job,) = jobs(tmp_path, 1)
    render_missing([job], ChartCache(tmp_path / "cache"), workers=1)
    cache = ChartCache(tmp_path / "cache")  # a build's
    assert job.key in cache
    cache.path(job.key, "narrow.svg").write_bytes(b"<svg/>")  # damaged after this build found it whole
    assert job.key in cache  # found whole once: preparing and rendering do not each hash every file
    with pytest.raises(DamagedCacheEntryError):
        cache.read(job.key, "narrow.svg")  # what the page would show is checked as it is read
    assert job.key not in ChartCache(tmp_path / "cache")  # the next build renders it again
    cache.remove(job.key)
    assert job.key not in cache  # removed: forgotten by this build too


def _rendered_an_hour_ago(tmp_path: Path) -> tuple[str, Path]:
    """One chart's entry, its files dated an hour back: written by a build before, as in a real cache."""
    (job,) = jobs(tmp_path, 1)
    render_missing([job], ChartCache(tmp_path / "cache"), workers=1)
    folder = ChartCache(tmp_path / "cache").folder(job.key)
    hour_ago = time.time_ns() - 3600 * 10**9
    for file in folder.iterdir():
        os.utime(file, ns=(hour_ago, hour_ago))
    return job.key, folder


def _counting_hashes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    hashed: list[int] = []
    real = cache_module._sha256

    def counted(data: bytes) -> str:
        hashed.append(len(data))
        return real(data)

    monkeypatch.setattr(cache_module, "_sha256", counted)
    return hashed


def test_a_later_build_finds_an_unchanged_entry_whole_without_hashing_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, _ = _rendered_an_hour_ago(tmp_path)
    first = ChartCache(tmp_path / "cache")
    assert key in first
    assert first.fact(key, "wide size", "wide.svg", len) == len(first.read(key, "wide.svg"))
    first.save_index([key])
    hashed = _counting_hashes(monkeypatch)
    later = ChartCache(tmp_path / "cache")
    assert key in later
    assert later.fact(key, "wide size", "wide.svg", lambda data: pytest.fail("worked out again")) > 0
    assert hashed == []  # neither the check nor the fact read a file
    assert later.read(key, "narrow.svg").startswith(b"<svg")
    assert len(hashed) == 1  # what a page shows is still checked as it is read


@pytest.mark.parametrize("damage", ["in place, same size", "replaced", "removed"])
def test_an_entry_changed_after_a_build_recorded_it_is_hashed_again_and_found_damaged(
    tmp_path: Path, damage: str
) -> None:
    key, folder = _rendered_an_hour_ago(tmp_path)
    first = ChartCache(tmp_path / "cache")
    assert key in first
    first.save_index([key])
    target = folder / "wide.vg.json"  # a file only linked into the site, never read by a page
    data = target.read_bytes()
    if damage == "in place, same size":  # an edit through output/'s hard link
        with target.open("r+b") as file:
            file.write(b"X")
    elif damage == "replaced":
        target.unlink()
        target.write_bytes(data[:-1] + b"\0")
    else:
        target.unlink()
    assert target.exists() == (damage != "removed")
    assert key not in ChartCache(tmp_path / "cache")


def test_a_file_added_to_a_whole_entry_is_checked_as_the_others(tmp_path: Path) -> None:
    key, folder = _rendered_an_hour_ago(tmp_path)
    first = ChartCache(tmp_path / "cache")
    assert key in first
    first.add(key, "data.csv", b"year,value\n2001,1\n")
    first.save_index([key])
    later = ChartCache(tmp_path / "cache")
    assert key in later and later.has(key, "data.csv")
    assert later.read(key, "data.csv") == b"year,value\n2001,1\n"
    (folder / "data.csv").unlink()
    (folder / "data.csv").write_bytes(b"year,value\n2001,2\n")
    assert key not in ChartCache(tmp_path / "cache")


def test_a_damaged_index_is_no_index(tmp_path: Path) -> None:
    key, _ = _rendered_an_hour_ago(tmp_path)
    first = ChartCache(tmp_path / "cache")
    assert key in first
    first.save_index([key])
    index = tmp_path / "cache" / INDEX
    index.write_bytes(index.read_bytes()[:-9])
    assert key in ChartCache(tmp_path / "cache")  # hashed again, and found whole
