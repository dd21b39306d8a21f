"""The printed table: each nutgraf figure beside its ratios to plain Pelican and to Hugo."""

from __future__ import annotations

import io

from nutgraf.driver.bench.__main__ import FIGURES, TARGETS, print_table

_SECONDS = ("hugo_s", "baseline_cold_s", "baseline_warm_s", "serial_render_s", "parallel_render_s")
_OTHERS = ("peak_pss_mb", "peak_main_rss_mb", "peak_rss_mb_warm", "page_gz_bytes_charts", "cold_over_baseline_cold")


def test_each_figure_has_its_pelican_and_hugo_ratio_in_its_row() -> None:
    results: dict[str, float] = dict.fromkeys((*_SECONDS, *TARGETS, *_OTHERS), 1.0)
    for number, figure in enumerate(FIGURES, start=1):
        pelican = "cold_over_baseline_cold" if figure == "cold" else f"{figure}_over_baseline_warm"
        results |= {f"{figure}_s": number, pelican: number * 10, f"{figure}_over_hugo": number * 100}
    results |= {"hugo_s": 0.25, "explainers": 100, "rounds": 3}
    stream = io.StringIO()
    print_table(results, stream)
    lines = stream.getvalue().splitlines()
    assert lines[1].split()[-2:] == ["×", "Hugo"]
    assert next(line for line in lines if "Hugo, full build" in line).split()[-1] == "0.25"
    rows = [line for line in lines if line.startswith("  nutgraf ")]
    assert [row.split()[-3:] for row in rows] == [
        [f"{n:.2f}", f"{n * 10:.2f}×", f"{n * 100:.2f}×"] for n in range(1, len(FIGURES) + 1)
    ]


def test_quick_prints_the_table_without_the_render_pools_rounds() -> None:
    """--quick skips the serial-against-pool renders (half its time): their rows say so, the rest is printed."""
    results: dict[str, float] = dict.fromkeys((*_SECONDS, *TARGETS, *_OTHERS), 1.0)
    for figure in FIGURES:
        pelican = "cold_over_baseline_cold" if figure == "cold" else f"{figure}_over_baseline_warm"
        results |= {f"{figure}_s": 1.0, pelican: 1.0, f"{figure}_over_hugo": 1.0}
    for key in ("serial_render_s", "parallel_render_s", "parallel_speedup"):
        del results[key]
    results |= {"explainers": 100, "rounds": 3}
    stream = io.StringIO()
    print_table(results, stream)
    text = stream.getvalue()
    assert "charts rendered in the pool" in text and "not measured by --quick" in text
    assert "parallel_speedup" not in text and "preview_latency_s" in text
