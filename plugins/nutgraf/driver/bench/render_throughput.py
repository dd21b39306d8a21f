"""Chart rendering throughput: the build's process pool against one process rendering in turn.

Each mode runs in a fresh process, so both pay their own start-up (one vl-convert warm-up for
the serial run; spawning and warming the workers for the pool), as a real cold build does.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SAMPLE = 64  # charts per measurement: enough to amortise start-up, small enough to repeat


def _jobs(root: Path, sample: int) -> list[Any]:
    from nutgraf.driver.build import load_settings
    from nutgraf.kernel.sources import read_content
    from nutgraf.plugins.charts.hooks import content_blocks
    from nutgraf.plugins.charts.prepare import prepare_chart
    from nutgraf.plugins.charts.settings import ChartSettings

    settings = load_settings(root / "pelicanconf.py")
    chart_settings = ChartSettings.from_settings(settings)
    blocks, _ = content_blocks(read_content(settings), settings)
    # Distinct charts only: the pool renders identical charts once, and so must the serial run.
    charts = {chart.key: chart for chart in (prepare_chart(block, chart_settings) for block in blocks)}
    return [chart.job for chart in list(charts.values())[:sample]]


def _time_mode(root: Path, mode: str, sample: int) -> float:
    """Seconds to render ``sample`` charts in ``mode`` (serial or pool), into an empty cache."""
    from nutgraf.plugins.charts.cache import ChartCache
    from nutgraf.plugins.charts.pool import render_into_cache, render_missing

    jobs = _jobs(root, sample)
    with tempfile.TemporaryDirectory() as cache_dir:
        cache = ChartCache(Path(cache_dir))
        started = time.perf_counter()
        if mode == "serial":  # what each pool worker does, one chart after another in this process
            for job in jobs:
                _, failure = render_into_cache(job, cache)
                assert failure is None, failure
        else:
            report = render_missing(jobs, cache, workers=os.cpu_count() or 1)
            assert report.rendered == len(jobs) and not report.failed, report
        return time.perf_counter() - started


def measure(root: Path, rounds: int, sample: int = SAMPLE) -> dict[str, Any]:
    """Median seconds of each mode over ``rounds``, and the speed-up within each round."""
    per_round = []
    for _ in range(rounds):
        times = {}
        for mode in ("serial", "pool"):
            command = [sys.executable, "-m", "nutgraf.driver.bench.render_throughput", str(root), mode, str(sample)]
            result = subprocess.run(command, capture_output=True, text=True, check=True)
            times[mode] = float(result.stdout.strip().splitlines()[-1])
        per_round.append(times)
    return {
        "render_sample_charts": sample,
        "serial_render_s": statistics.median(r["serial"] for r in per_round),
        "parallel_render_s": statistics.median(r["pool"] for r in per_round),
        "parallel_speedup": statistics.median(r["serial"] / r["pool"] for r in per_round),
        "render_rounds": per_round,
    }


if __name__ == "__main__":
    project, mode, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    os.chdir(project)
    print(json.dumps(_time_mode(project, mode, count)))
