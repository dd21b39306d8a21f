"""The site check's time on the synthetic site: every page (pushes, nightly) and a pull request's
scope after a one-explainer edit (``--changed``), with the per-page cost to extrapolate from.

Each ``check-site`` builds the site for its local address first (into the cache folder, from warm caches) and
then checks it; the build is timed alone, so the per-page cost is the checking alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from nutgraf.driver.site_check.runner import SITE_CHECK_FOLDER, site_check_port
from nutgraf.driver.stale_cache import folder_size

ROOT = Path(__file__).resolve().parents[4]
_SCOPE = re.compile(r"Checking (\d+) of (\d+) pages")
_SHARE = re.compile(r"Checking share \d+ of \d+: (\d+) of (\d+) pages")
# The full check of a large site is timed on one share of its pages (as one of CI's parallel jobs checks
# one): about this many pages, at a few seconds a page; its per-page cost gives the whole site's time.
FULL_CHECK_SAMPLE = 100


@dataclass(frozen=True)
class Timed:
    seconds: float
    stdout: str


def _run(command: list[str], root: Path, env: dict[str, str]) -> Timed:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    # Findings on the synthetic site are not the point here (exit 1); a crash or a missing tool is.
    if result.returncode not in (0, 1) or "Traceback" in result.stderr:
        msg = f"{' '.join(command)} failed (exit {result.returncode}):\n{result.stderr[-4000:]}"
        raise RuntimeError(msg)
    return Timed(seconds, result.stdout)


def _git(root: Path, *args: str) -> None:
    identity = ["-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run(["git", *identity, *args], cwd=root, check=True, capture_output=True)


def measure(root: Path, env: dict[str, str], explainers: int) -> dict[str, float]:
    """Seconds for the full and the scoped check of the site in ``root``, pages checked, per-page costs."""
    nutgraf = [sys.executable, "-m", "nutgraf"]
    if not (root / "node_modules").exists():
        (root / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    # The build check-site makes and keeps (its folder, its address), warmed as the last check left it, and one
    # production build on those warm caches timed.
    output = str(root / ".cache" / SITE_CHECK_FOLDER)
    production = env | {"SITEURL": f"http://127.0.0.1:{site_check_port(root)}"}
    _run([*nutgraf, "build", "--settings", "publishconf.py", "--output", output], root, production)
    build = _run([*nutgraf, "build", "--settings", "publishconf.py", "--output", output, "--force"], root, production)
    _run([*nutgraf, "clean", "--stale"], root, env)
    cache_bytes = folder_size(root / ".cache") - folder_size(Path(output))
    pages = len(list(Path(output).rglob("*.html")))
    print(
        f"  build on a warm cache {build.seconds:.1f} s; {pages} pages; cache {cache_bytes / 1e6:.1f} MB",
        file=sys.stderr,
    )

    (root / ".gitignore").write_text("output*/\n.cache/\nnode_modules\n", encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "the synthetic site")
    edited = root / "content" / "explainers" / "bench-00003.md"
    with edited.open("a", encoding="utf-8") as handle:
        handle.write("\nA closing sentence, as an editor's edit in a pull request.\n")

    scoped = _run([*nutgraf, "check-site", "--changed", "HEAD"], root, env)
    found = _SCOPE.search(scoped.stdout)
    if found is None:
        msg = f"the scoped check did not say what it checks:\n{scoped.stdout[-2000:]}"
        raise RuntimeError(msg)
    scoped_pages = int(found[1])
    print(f"  --changed: {scoped_pages} pages in {scoped.seconds:.1f} s", file=sys.stderr, flush=True)
    shares = full_check_shares(pages)
    full = _run([*nutgraf, "check-site", *(["--shard", f"1/{shares}"] if shares > 1 else [])], root, env)
    checked = pages
    if shares > 1:
        share = _SHARE.search(full.stdout)
        if share is None:
            msg = f"the sampled check did not say what it checks:\n{full.stdout[-2000:]}"
            raise RuntimeError(msg)
        checked = int(share[1])
    full_per_page = (full.seconds - build.seconds) / checked
    scoped_per_page = (scoped.seconds - build.seconds) / scoped_pages
    return {
        "site_check_explainers": explainers,
        "site_check_build_s": build.seconds,
        "site_check_pages": pages,
        # Every page's check: as measured, or, from one share of them, their per-page cost times the pages.
        "site_check_full_s": full.seconds if shares == 1 else build.seconds + full_per_page * pages,
        "site_check_full_per_page_s": full_per_page,
        "site_check_full_checked_pages": checked,
        "site_check_full_shares": shares,
        "site_check_scoped_pages": scoped_pages,
        "site_check_scoped_s": scoped.seconds,
        "site_check_scoped_per_page_s": scoped_per_page,
        "cache_mb_after_prune": cache_bytes / 1_000_000,
    }


def full_check_shares(pages: int) -> int:
    """Into how many shares to cut the pages so that one share, the one timed, has about FULL_CHECK_SAMPLE."""
    return max(1, round(pages / FULL_CHECK_SAMPLE))


def extrapolate(results: dict[str, float], explainers: int, build_s: float | None = None) -> dict[str, float]:
    """The full and scoped check at ``explainers``, from the measured per-page costs (pages grow with
    explainers; a one-explainer change's page count does not), on a build of ``build_s`` (default: scaled).

    The scoped figure is a lower bound: the home, topic and tag pages are paginated (a constant size), but the
    archive in every scope lists every explainer, so it costs more to check the larger the site."""
    scale = explainers / results["site_check_explainers"]
    build = build_s if build_s is not None else results["site_check_build_s"] * scale
    pages = results["site_check_pages"] * scale
    return {
        "explainers": explainers,
        "pages": pages,
        "full_s": build + pages * results["site_check_full_per_page_s"],
        "scoped_s": build + results["site_check_scoped_pages"] * results["site_check_scoped_per_page_s"],
    }


def print_table(results: dict[str, float], at: dict[str, float], stream: object = sys.stdout) -> None:
    n = int(results["site_check_explainers"])
    shares = int(results.get("site_check_full_shares", 1))
    full = "  full check (every page, four modes)            "
    if shares > 1:
        full = f"  full check, from share 1 of {shares} ({int(results['site_check_full_checked_pages'])} pages)"
        full = f"{full:<49}"
    lines = [
        f"site check, {n} explainers ({int(results['site_check_pages'])} pages), measured:",
        f"  production build on a warm cache               {results['site_check_build_s']:9.1f} s",
        f"{full}{results['site_check_full_s']:9.1f} s  ({results['site_check_full_per_page_s']:.2f} s a page)",
        f"  --changed, one explainer edited                {results['site_check_scoped_s']:9.1f} s"
        f"  ({int(results['site_check_scoped_pages'])} pages, {results['site_check_scoped_per_page_s']:.2f} s a page)",
        f"  cache after invoke clean --stale               {results['cache_mb_after_prune']:9.1f} MB",
        f"extrapolated to {int(at['explainers'])} explainers (~{int(at['pages'])} pages) from the per-page cost:",
        f"  full check                                     {at['full_s']:9.0f} s",
        f"  --changed, one explainer edited                {at['scoped_s']:9.0f} s  (a lower bound: the archive,",
        "   in every scope, lists every explainer and grows with the site; measure it there)",
    ]
    print("\n".join(lines), file=stream)  # type: ignore[arg-type]
