"""``python -m nutgraf.driver.bench``: time nutgraf against plain Pelican and Hugo on a synthetic site.

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

from nutgraf.driver.bench import build_profile, page_weight, preview_latency, render_throughput, site_check_timing
from nutgraf.driver.bench.site_builds import BenchSite

TARGETS = {
    "warm_over_baseline_warm": ("<=", 1.25),
    "edit_over_cold": ("<=", 0.2),
    "data_edit_over_cold": ("<=", 0.2),
    "parallel_speedup": (">=", 1.7),
    "peak_rss_mb": ("<=", 300.0),
    "page_gz_bytes_no_charts": ("<=", 20 * 1024),
    "preview_latency_s": ("<=", 1.0),
}
# Medians want three rounds; a site this large takes long enough per round for one to do.
ONE_ROUND_FROM = 5000
# The nutgraf builds each round times, by the name of their figure.
FIGURES = ("cold", "warm", "forced", "edit", "data_edit")


def minimum_rounds(explainers: int) -> int:
    return 1 if explainers >= ONE_ROUND_FROM else 3


def one_round(site: BenchSite, round_number: int) -> dict[str, float]:
    site.clear_caches()
    hugo = site.hugo()
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
    seconds = {
        "hugo_s": hugo.seconds,
        "baseline_cold_s": baseline_cold.seconds,
        "baseline_warm_s": baseline_warm.seconds,
        "cold_s": cold.seconds,
        "warm_s": warm.seconds,
        "forced_s": forced.seconds,
        "edit_s": edit.seconds,
        "data_edit_s": data_edit.seconds,
    }
    return seconds | {
        "peak_rss_mb": max(run.peak_rss_mb for run in (cold, warm, forced, edit, data_edit)),
        "peak_pss_mb": max(run.peak_pss_mb for run in (cold, warm, forced, edit, data_edit)),
        "peak_main_rss_mb": max(run.peak_main_rss_mb for run in (cold, warm, forced, edit, data_edit)),
        "peak_rss_mb_warm": max(run.peak_rss_mb for run in (warm, forced, edit, data_edit)),
        "warm_over_baseline_warm": warm.seconds / baseline_warm.seconds,
        "forced_over_baseline_warm": forced.seconds / baseline_warm.seconds,
        "cold_over_baseline_cold": cold.seconds / baseline_cold.seconds,
        "edit_over_cold": edit.seconds / cold.seconds,
        "data_edit_over_cold": data_edit.seconds / cold.seconds,
        "edit_over_baseline_warm": edit.seconds / baseline_warm.seconds,
        "data_edit_over_baseline_warm": data_edit.seconds / baseline_warm.seconds,
        **{f"{figure}_over_hugo": seconds[f"{figure}_s"] / hugo.seconds for figure in FIGURES},
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
    print(f"  {'':<40} {'seconds':>9}  {'× Pelican':>10}  {'× Hugo':>7}", file=stream)
    for label, key in (
        ("Hugo, full build (minimal layout)", "hugo_s"),
        ("plain Pelican, cold", "baseline_cold_s"),
        ("plain Pelican, content cache warm", "baseline_warm_s"),
    ):
        print(f"  {label:<40} {results[key]:9.2f}", file=stream)
    # Each nutgraf figure beside its ratio (the median of each round's) to Pelican's build of the same
    # kind, cold to cold and the rest to its warm build, and to Hugo's full build.
    for label, figure, pelican in (
        ("nutgraf cold (caches empty)", "cold", "cold_over_baseline_cold"),
        ("nutgraf warm (no change)", "warm", "warm_over_baseline_warm"),
        ("nutgraf warm, --force (all pages again)", "forced", "forced_over_baseline_warm"),
        ("nutgraf after one text edit", "edit", "edit_over_baseline_warm"),
        ("nutgraf after one data edit", "data_edit", "data_edit_over_baseline_warm"),
    ):
        ratios = f"{results[pelican]:9.2f}×  {results[f'{figure}_over_hugo']:6.2f}×"
        print(f"  {label:<40} {results[f'{figure}_s']:9.2f}  {ratios}", file=stream)
    for label, key in (
        ("charts rendered one by one", "serial_render_s"),
        ("charts rendered in the pool", "parallel_render_s"),
        ("preview latency (save -> refreshed page)", "preview_latency_s"),
    ):
        shown = f"{results[key]:9.2f}" if key in results else f"{'-':>9}  not measured by --quick"
        print(f"  {label:<40} {shown}", file=stream)
    print(file=stream)
    checks = verdicts(results)
    extra = ("peak_pss_mb", "peak_main_rss_mb", "peak_rss_mb_warm")
    for key in (*TARGETS, *extra, "page_gz_bytes_charts"):
        if key not in results:  # the render pool's speed-up, without --quick only
            continue
        op, limit = TARGETS.get(key, ("", None))
        target = f"{op} {limit:g}" if limit is not None else ""
        verdict = ("ok" if checks[key] else "MISSED") if key in checks else ""
        print(f"  {key:<40} {results[key]:9.2f}  {target:<10} {verdict}", file=stream)


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="nutgraf.driver.bench", description=__doc__)
    parser.add_argument("--explainers", type=int, default=1000, help="how many explainers (default 1,000)")
    parser.add_argument("--quick", action="store_true", help="100 explainers")
    parser.add_argument(
        "--rounds", type=int, default=3, help=f"rounds to take the median of (at least 3; 1 from {ONE_ROUND_FROM:,})"
    )
    parser.add_argument("--json", type=Path, help="also write the results as JSON here")
    parser.add_argument(
        "--keep",
        type=Path,
        help="build the synthetic site here and keep it; a site kept before is written over, its caches kept warm",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="instead of timing, profile one cold build and its renders: PATH.html, PATH.txt, PATH-renders.*",
    )
    parser.add_argument(
        "--site-check",
        action="store_true",
        help="time only the site check, full and --changed, and extrapolate to 1,000 explainers (default N = 100)",
    )
    parser.add_argument(
        "--preview-latency",
        action="store_true",
        help="time only the live preview's save -> refreshed page, over five edits (the first build is not timed)",
    )
    args = parser.parse_args(argv)
    if args.site_check and argv_lacks(argv, "--explainers"):
        args.explainers = 100
    if args.quick:
        args.explainers = 100
    if args.explainers < 1:
        parser.error(f"--explainers {args.explainers}: the site needs at least one explainer")
    if args.rounds < minimum_rounds(args.explainers):
        parser.error(
            f"--rounds {args.rounds}: {args.explainers:,} explainers need at least "
            f"{minimum_rounds(args.explainers)} rounds for a median; one round is allowed from {ONE_ROUND_FROM:,}"
        )
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    count, rounds = args.explainers, args.rounds
    if args.site_check:
        return _site_check(args.keep, count, args.json)
    if args.preview_latency:
        return _preview_latency(args.keep, count, args.json)

    with tempfile.TemporaryDirectory(prefix="nutgraf-bench-") as temporary:
        root = args.keep or Path(temporary) / "site"
        print(f"Writing a synthetic site of {count} explainers to {root}…", file=sys.stderr)
        site = BenchSite.create(root, count)
        if args.profile:
            written = build_profile.profile_cold_build(site, args.profile.resolve())
            print("Profiles of one cold build and of its renders written to:", *written, sep="\n  ")
            return 0
        # Once untimed, so that no round pays for reading Hugo's binary from disk, and a Hugo that cannot
        # build the site stops the benchmark before its long builds.
        site.hugo()
        per_round = []
        for number in range(rounds):
            print(f"Round {number + 1} of {rounds}…", file=sys.stderr)
            per_round.append(one_round(site, number))
            # A round of a large site takes long: show its times as it ends, not only the medians at the end.
            times = ", ".join(
                f"{key.removesuffix('_s')} {value:.2f}" for key, value in per_round[-1].items() if key.endswith("_s")
            )
            print(f"  seconds: {times}", file=sys.stderr)
        results: dict[str, Any] = {key: statistics.median(r[key] for r in per_round) for key in per_round[0]}
        results.update(page_weights(site))
        # A cold build of 1,000 explainers renders ~1,500 charts: a large sample weighs the pool's start-up as
        # little as the build does. Its rounds took half of --quick's time: --quick keeps to its five minutes
        # without them (the pool's speed-up is the machine's, not the site's).
        if not args.quick:
            results.update(render_throughput.measure(site.root, rounds, 128))
        latencies = preview_latency.measure(site.root, _edited(site), edits=rounds)
        results["preview_latency_s"] = statistics.median(latencies)
    results.update(explainers=count, rounds=rounds, per_round=per_round, targets_met=verdicts(results))
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


def argv_lacks(argv: list[str] | None, flag: str) -> bool:
    return not any(arg == flag or arg.startswith(flag + "=") for arg in (sys.argv[1:] if argv is None else argv))


def _edited(site: BenchSite) -> Path:
    """The explainer whose saves the preview latency is timed on: one with charts."""
    return site.root / "content" / "explainers" / "bench-00000.md"


PREVIEW_EDITS = 5


def _preview_latency(keep: Path | None, count: int, json_path: Path | None) -> int:
    """The live preview alone: the rounds' builds are not needed to time it, and at 1,000 explainers they take
    most of an hour. The preview's own first (cold) build is waited for, not timed."""
    with tempfile.TemporaryDirectory(prefix="nutgraf-bench-") as temporary:
        root = keep or Path(temporary) / "site"
        print(f"Writing a synthetic site of {count} explainers to {root}…", file=sys.stderr)
        site = BenchSite.create(root, count)
        seconds = preview_latency.measure(site.root, _edited(site), edits=PREVIEW_EDITS)
    results = {"explainers": count, "preview_latency_s": statistics.median(seconds), "preview_edits_s": seconds}
    results["targets_met"] = verdicts(results)
    listed = ", ".join(f"{value:.2f}" for value in seconds)
    verdict = "ok" if results["targets_met"]["preview_latency_s"] else "MISSED"
    op, limit = TARGETS["preview_latency_s"]
    print(f"nutgraf bench: {count} explainers, the live preview alone ({PREVIEW_EDITS} edits)")
    label = "preview latency (save -> refreshed page)"
    print(f"  {label:<40} {results['preview_latency_s']:9.2f}  {op} {limit:g}  {verdict}")
    print(f"  each edit: {listed} s")
    if json_path:
        json_path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return 0


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
