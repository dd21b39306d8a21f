"""The render pool with real vl-convert workers: each chart once, written to the cache by the workers."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

from nutgraf.plugins.charts.cache import FILES, ChartCache
from nutgraf.plugins.charts.pool import JOBS_AHEAD, pool_size, render_missing
from nutgraf.plugins.charts.prepare import prepare_chart
from nutgraf.plugins.charts.render import RenderJob
from tests.plugins.charts.helpers import SHORTHAND, block, content, settings


def jobs(tmp_path: Path, count: int) -> list[RenderJob]:
    """``count`` distinct charts of the same data (each its own height, so its own key)."""
    chart_settings = settings(content(tmp_path))
    return [prepare_chart(block(f"{SHORTHAND}height: {200 + 10 * n}\n"), chart_settings).job for n in range(count)]


def test_workers_write_each_distinct_chart_into_the_cache_once(tmp_path: Path) -> None:
    made = jobs(tmp_path, 3)
    cache = ChartCache(tmp_path / "cache")
    report = render_missing([*made, made[0]], cache, workers=2)  # the same chart twice renders once
    assert (report.rendered, report.cached, report.failed) == (3, 0, {})
    for job in made:
        assert all(cache.read(job.key, name) for name in FILES)
        assert cache.read(job.key, "wide.svg").startswith(b"<svg")
    again = render_missing(made, cache, workers=2)
    assert (again.rendered, again.cached) == (0, 3)


def test_a_chart_that_cannot_be_drawn_is_reported_by_key_and_not_cached(tmp_path: Path) -> None:
    good, bad = jobs(tmp_path, 2)
    broken_spec = {**bad.specs["wide"], "transform": [{"calculate": "datum.year +", "as": "next"}]}
    bad = dataclasses.replace(bad, specs={**bad.specs, "wide": broken_spec})
    cache = ChartCache(tmp_path / "cache")
    report = render_missing([bad, good], cache, workers=2)
    assert report.rendered == 1 and list(report.failed) == [bad.key]
    assert "Vega-Lite could not draw it" in report.failed[bad.key][0]
    assert good.key in cache and bad.key not in cache


def test_jobs_are_taken_only_as_workers_are_ready_for_them(tmp_path: Path) -> None:
    """The build makes each job (its spec loaded, sized, themed) just in time, holding a few at once."""
    made = jobs(tmp_path, 2 * JOBS_AHEAD + 4)
    cache = ChartCache(tmp_path / "cache")
    ahead: list[int] = []

    def lazily() -> Iterator[RenderJob]:
        for taken, job in enumerate(made):
            ahead.append(taken - sum(earlier.key in cache for earlier in made[:taken]))
            yield job

    report = render_missing(lazily(), cache, workers=2, count=len(made))
    assert report.rendered == len(made)
    assert max(ahead) <= JOBS_AHEAD * 2  # jobs handed out and not yet finished, never more


def test_a_worker_for_every_few_charts_and_never_the_build_process() -> None:
    assert [pool_size(2, renders) for renders in (1, 2, 8, 9, 1500)] == [1, 1, 1, 2, 2]
    assert pool_size(4, 20) == 3 and pool_size(1, 1500) == 1
