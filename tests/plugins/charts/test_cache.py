"""The chart cache: one build checks a whole entry once, every file it reads every time, and the next build anew."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutgraf.plugins.charts.cache import ChartCache, DamagedCacheEntryError
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
