"""Render the charts the cache lacks, each once, across processes; report what was done."""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field

from charts.cache import ChartCache
from charts.render import RenderJob, render_outcome


@dataclass
class RenderReport:
    rendered: int = 0
    cached: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # key -> why


def render_missing(
    jobs: Iterable[RenderJob], cache: ChartCache, *, workers: int, progress_threshold: int = 8
) -> RenderReport:
    """Render each distinct job not in the cache; identical charts (same key) render once."""
    unique = {job.key: job for job in jobs}
    missing = [job for key, job in unique.items() if key not in cache]
    report = RenderReport(cached=len(unique) - len(missing))
    if not missing:
        return report
    if len(missing) == 1 or workers <= 1:
        outcomes = (render_outcome(job) for job in missing)
        _collect(outcomes, cache, report, len(missing), progress_threshold)
        return report
    # Spawned, not forked: vl-convert runs its own threads, which a fork would copy half-alive.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(missing)), mp_context=context) as executor:
        futures = [executor.submit(render_outcome, job) for job in missing]
        _collect((future.result() for future in as_completed(futures)), cache, report, len(missing), progress_threshold)
    return report


def _collect(
    outcomes: Iterable[tuple[str, dict[str, bytes] | str]],
    cache: ChartCache,
    report: RenderReport,
    total: int,
    threshold: int,
) -> None:
    progress = None
    if total > threshold and sys.stderr.isatty():
        from rich.progress import Progress  # Pelican's own dependency; only worth loading for a bar

        progress = Progress(transient=True)
        progress.start()
        task = progress.add_task("Rendering charts", total=total)
    try:
        for key, result in outcomes:
            if isinstance(result, str):
                report.failed[key] = result
            else:
                cache.write(key, result)
                report.rendered += 1
            if progress is not None:
                progress.advance(task)
    finally:
        if progress is not None:
            progress.stop()
