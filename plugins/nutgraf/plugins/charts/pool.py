"""Render the charts the cache lacks, each once, across processes; report what was done.

Frugal by design: workers write each chart's files into the cache themselves and answer with its
key alone (or why it cannot be drawn), so render bytes never cross the pipe nor pile up in the build
process; and jobs are taken from the caller's iterable only as workers are ready for them, so the
build holds a few jobs (each three specs, data inlined) at a time, never all of them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import itertools
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

from nutgraf.plugins.charts.cache import ChartCache
from nutgraf.plugins.charts.render import RenderError, RenderJob, render

# Jobs handed to each worker ahead of its results: one drawing, one waiting in the queue, so a
# worker never idles while the build process makes its next job.
JOBS_AHEAD = 2
# A worker costs ~1 s to start (Python, vl-convert, its first render) and renders ~3 charts a second:
# a second one pays for itself only past about eight charts (a data edit re-renders one or two).
RENDERS_PER_WORKER = 8
# Workers are not recycled (max_tasks_per_child): vl-convert's V8 heap takes ~140 MB within a worker's
# first 20 renders and then levels off (156 MB after 244 renders, 158 MB after 500, on the bench site),
# and replacing workers every 200 renders lowered a 1,000-chart run's peak by 2-4 MB, within noise.
# (On Python 3.11 max_tasks_per_child can also hang a pool with queued work: python/cpython#115634.)


_PR_SET_PDEATHSIG = 1
PARENT_POLL_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """Pool initializer: a worker ends when the build does, however the build ends (SIGKILL included).

    The executor stops its workers when the build exits normally; a killed build cannot, and a worker
    left behind keeps the build's output pipes open (``invoke build`` never returns). Linux kills the
    worker itself (PR_SET_PDEATHSIG); everywhere, a thread notices the build is gone (the worker is
    handed to another parent) within PARENT_POLL_SECONDS.
    """
    library = ctypes.util.find_library("c") if sys.platform.startswith("linux") else None
    if library:
        ctypes.CDLL(library, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="watch-build", daemon=True).start()


@dataclass
class RenderReport:
    rendered: int = 0
    cached: int = 0
    failed: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> why, and what to do


def render_into_cache(job: RenderJob, cache: ChartCache) -> tuple[str, tuple[str, str] | None]:
    """For worker processes: (key, None) once the chart's files are in the cache, or (key, (why not, hint))."""
    try:
        files = render(job)
    except RenderError as error:
        return job.key, (str(error), error.hint)
    cache.write(job.key, files)  # atomic, so two workers (or builds) writing one key is harmless
    return job.key, None


def render_missing(
    jobs: Iterable[RenderJob],
    cache: ChartCache,
    *,
    workers: int,
    count: int | None = None,
    progress_threshold: int = 8,
) -> RenderReport:
    """Render each distinct job not in the cache; identical charts (same key) render once.

    ``jobs`` is read lazily, so a generator can make each job just before a worker takes it;
    ``count`` says how many it yields (its length, when it has one), for the progress bar.
    """
    report = RenderReport()
    fresh = _fresh(jobs, cache, report)
    first = next(fresh, None)
    if first is None:  # all in the cache: no worker is started
        return report
    total = count if count is not None else len(jobs) if isinstance(jobs, Sized) else 0
    queue = itertools.chain([first], fresh)
    size = pool_size(workers, total) if total else workers  # an unknown number of jobs may be many
    _collect(_pooled(queue, cache, size), report, total, progress_threshold)
    return report


def pool_size(workers: int, renders: int) -> int:
    """Worker processes for ``renders`` charts: one per RENDERS_PER_WORKER, at most ``workers``, at least one.

    Even one chart renders in a worker, never in the build process: vl-convert's V8 heap (~100 MB)
    would stay in the build process through Pelican's run, and Pagefind's after it.
    """
    return max(1, min(workers, math.ceil(renders / RENDERS_PER_WORKER)))


def _fresh(jobs: Iterable[RenderJob], cache: ChartCache, report: RenderReport) -> Iterator[RenderJob]:
    """The jobs whose key is neither in the cache nor seen before, counting the cached ones."""
    seen: set[str] = set()
    for job in jobs:
        if job.key in seen:
            continue
        seen.add(job.key)
        if job.key in cache:
            report.cached += 1
        else:
            yield job


def _pooled(jobs: Iterator[RenderJob], cache: ChartCache, size: int) -> Iterator[tuple[str, tuple[str, str] | None]]:
    """Outcomes as ``size`` workers finish, submitting a new job for each one done (finished futures let go)."""
    # Spawned, not forked: vl-convert runs its own threads, which a fork would copy half-alive.
    context = multiprocessing.get_context("spawn")
    watch = {"initializer": _exit_with_parent, "initargs": (os.getpid(),)}
    with ProcessPoolExecutor(max_workers=size, mp_context=context, **watch) as executor:
        pending: set[Future[tuple[str, str | None]]] = set()
        while True:
            for job in itertools.islice(jobs, JOBS_AHEAD * size - len(pending)):
                pending.add(executor.submit(render_into_cache, job, cache))
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()


def _collect(
    outcomes: Iterable[tuple[str, tuple[str, str] | None]], report: RenderReport, total: int, threshold: int
) -> None:
    progress = None
    if total > threshold and sys.stderr.isatty():
        from rich.progress import Progress  # Pelican's own dependency; only worth loading for a bar

        progress = Progress(transient=True)
        progress.start()
        task = progress.add_task("Rendering charts", total=total)
    try:
        for key, failure in outcomes:
            if failure is not None:
                report.failed[key] = failure
            else:
                report.rendered += 1
            if progress is not None:
                progress.advance(task)
    finally:
        if progress is not None:
            progress.stop()
