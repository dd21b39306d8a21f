"""``python -m nutgraf.driver.bench``: time nutgraf against plain Pelican on a synthetic site.

Every ratio is computed within one round (the same machine state), then the
median over rounds is reported: this machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from nutgraf.driver.bench import page_weight, render_throughput, site_check_timing
from nutgraf.driver.bench.site_builds import BenchSite

TARGETS = {
    "warm_over_baseline_warm": ("<=", 1.25),
    "edit_over_cold": ("<=", 0.2),
    "data_edit_over_cold": ("<=", 0.2),
    "parallel_speedup": (">=", 1.7),
    "peak_rss_mb": ("<=", 300.0),
    "page_gz_bytes_no_charts": ("<=", 20 * 1024),
}


def one_round(site: BenchSite, round_number: int) -> dict[str, float]:
    site.clear_caches()
    baseline_cold = site.baseline()
    baseline_warm = site.baseline()
    cold = site.nutgraf()
    warm = site.nutgraf()
    # Every page rendered and written again with every cache warm: what a theme edit costs.
    forced = site.nutgraf(force=True)
    site.edit_text(round_number)
    edit = site.nutgraf()
    site.edit_data(round_number + 1)
    data_edit = site.nutgraf()
    return {
        "baseline_cold_s": baseline_cold.seconds,
        "baseline_warm_s": baseline_warm.seconds,
        "cold_s": cold.seconds,
        "warm_s": warm.seconds,
        "forced_s": forced.seconds,
        "edit_s": edit.seconds,
        "data_edit_s": data_edit.seconds,
        "peak_rss_mb": max(run.peak_rss_mb for run in (cold, warm, forced, edit, data_edit)),
        "peak_pss_mb": max(run.peak_pss_mb for run in (cold, warm, forced, edit, data_edit)),
        "peak_main_rss_mb": max(run.peak_main_rss_mb for run in (cold, warm, forced, edit, data_edit)),
        "peak_rss_mb_warm": max(run.peak_rss_mb for run in (warm, forced, edit, data_edit)),
        "warm_over_baseline_warm": warm.seconds / baseline_warm.seconds,
        "forced_over_baseline_warm": forced.seconds / baseline_warm.seconds,
        "cold_over_baseline_cold": cold.seconds / baseline_cold.seconds,
        "edit_over_cold": edit.seconds / cold.seconds,
        "data_edit_over_cold": data_edit.seconds / cold.seconds,
    }


def page_weights(site: BenchSite) -> dict[str, int]:
    output = site.root / "output"
    runtime = sorted((output / "theme" / "js").glob("**/*.js"))
    return {
        "page_gz_bytes_no_charts": page_weight.page_gz_bytes(output, output / "explainers/no-charts/index.html"),
        "page_gz_bytes_charts": page_weight.page_gz_bytes(
            output, output / "explainers/bench-00000/index.html", extra_scripts=runtime
        ),
    }


def verdicts(results: dict[str, Any]) -> dict[str, bool]:
    return {
        key: (results[key] <= limit if op == "<=" else results[key] >= limit)
        for key, (op, limit) in TARGETS.items()
        if key in results
    }


def print_table(results: dict[str, Any], stream: Any = sys.stdout) -> None:
    print(f"nutgraf bench: {results['explainers']} explainers, {results['rounds']} rounds (medians)", file=stream)
    rows = [
        ("plain Pelican, cold", results["baseline_cold_s"], "s"),
        ("plain Pelican, content cache warm", results["baseline_warm_s"], "s"),
        ("nutgraf cold (caches empty)", results["cold_s"], "s"),
        ("nutgraf warm (no change)", results["warm_s"], "s"),
        ("nutgraf warm, --force (all pages again)", results["forced_s"], "s"),
        ("nutgraf after one text edit", results["edit_s"], "s"),
        ("nutgraf after one data edit", results["data_edit_s"], "s"),
        ("charts rendered one by one", results["serial_render_s"], "s"),
        ("charts rendered in the pool", results["parallel_render_s"], "s"),
    ]
    for label, value, unit in rows:
        print(f"  {label:<40} {value:9.2f} {unit}", file=stream)
    print(file=stream)
    checks = verdicts(results)
    extra = ("peak_pss_mb", "peak_main_rss_mb", "peak_rss_mb_warm", "forced_over_baseline_warm")
    for key in (*TARGETS, *extra, "cold_over_baseline_cold", "page_gz_bytes_charts"):
        op, limit = TARGETS.get(key, ("", None))
        target = f"{op} {limit:g}" if limit is not None else ""
        verdict = ("ok" if checks[key] else "MISSED") if key in checks else ""
        print(f"  {key:<40} {results[key]:9.2f}  {target:<10} {verdict}", file=stream)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nutgraf.driver.bench", description=__doc__)
    parser.add_argument("--explainers", type=int, default=1000, help="how many explainers (default 1,000)")
    parser.add_argument("--quick", action="store_true", help="100 explainers")
    parser.add_argument("--rounds", type=int, default=3, help="rounds to take the median of (at least 3)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument("--keep", type=Path, help="build the synthetic site here and keep it")
    parser.add_argument(
        "--site-check",
        action="store_true",
        help="time only the site check, full and --changed, and extrapolate to 1,000 explainers (default N = 100)",
    )
    args = parser.parse_args(argv)
    count = 100 if args.quick else args.explainers
    rounds = max(3, args.rounds)
    if args.site_check:
        return _site_check(args.keep, 100 if argv_lacks(argv, "--explainers") else count, args.json)

    with tempfile.TemporaryDirectory(prefix="nutgraf-bench-") as temporary:
        root = args.keep or Path(temporary) / "site"
        print(f"Writing a synthetic site of {count} explainers to {root}…", file=sys.stderr)
        site = BenchSite.create(root, count)
        per_round = []
        for number in range(rounds):
            print(f"Round {number + 1} of {rounds}…", file=sys.stderr)
            per_round.append(one_round(site, number))
        results: dict[str, Any] = {key: statistics.median(r[key] for r in per_round) for key in per_round[0]}
        results.update(page_weights(site))
        # A cold build of 1,000 explainers renders ~1,500 charts: a larger sample weighs the pool's start-up as
        # little as the build does (--quick keeps to 64 to stay within its five minutes).
        sample = 64 if args.quick else 128
        results.update(render_throughput.measure(site.root, rounds, sample))
    results.update(explainers=count, rounds=rounds, per_round=per_round, targets_met=verdicts(results))
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def argv_lacks(argv: list[str] | None, flag: str) -> bool:
    return not any(arg == flag or arg.startswith(flag + "=") for arg in (sys.argv[1:] if argv is None else argv))


def _site_check(keep: Path | None, count: int, json_path: Path | None) -> int:
    """The site check alone: it takes minutes a hundred pages, so it is not part of every round."""
    with tempfile.TemporaryDirectory(prefix="nutgraf-bench-") as temporary:
        root = keep or Path(temporary) / "site"
        print(f"Writing a synthetic site of {count} explainers to {root}…", file=sys.stderr)
        site = BenchSite.create(root, count)
        (root / "publishconf.py").write_bytes((site_check_timing.ROOT / "publishconf.py").read_bytes())
        results = site_check_timing.measure(root, site.env(), count)
    at_1000 = site_check_timing.extrapolate(results, 1000)
    site_check_timing.print_table(results, at_1000)
    if json_path:
        json_path.write_text(
            json.dumps(results | {"at_1000": at_1000}, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
