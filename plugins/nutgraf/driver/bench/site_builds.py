"""The builds the benchmark times: plain Pelican (the baseline) and nutgraf, on one synthetic site."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from nutgraf.driver.bench import hugo_site, measure, synthetic

ROOT = Path(__file__).resolve().parents[4]
SOURCE_DATE_EPOCH = "1798761600"  # 2027-01-01: after every synthetic explainer's date, so production builds publish all

_BASELINE_SETTINGS = """\
# Plain Pelican: the same explainers, no nutgraf plugins or charts, Pelican's own theme
# and its content cache: the yardstick our warm rebuild is measured against.
import runpy
globals().update({{k: v for k, v in runpy.run_path({settings!r}).items() if k.isupper()}})

PATH = "content-plain"
PLUGINS = []
THEME = "simple"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = ".cache/pelican-plain"
TEMPLATE_PAGES = {{}}
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives"]  # Pelican's own: its theme has no corrections page
DEFAULT_PAGINATION = False  # each listing one page, as the Hugo yardstick's minimal layout writes them
"""


@dataclass
class BenchSite:
    """A synthetic project in ``root``: our settings, theme and plugins, plus N explainers."""

    root: Path
    count: int

    @classmethod
    def create(cls, root: Path, count: int) -> BenchSite:
        # Written over a site kept from an earlier run (--keep) the files come out the same, and its caches
        # stay warm: the preview latency alone need not wait for a cold build of 1,000 explainers again.
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / "pelicanconf.py", root / "pelicanconf.py")
        if not (root / "theme").is_symlink():
            (root / "theme").symlink_to(ROOT / "theme", target_is_directory=True)
        shutil.copytree(ROOT / "content" / "extra", root / "content" / "extra", dirs_exist_ok=True)
        synthetic.write_site(root / "content", count)
        # One explainer without charts, for the page-weight budget.
        text, _ = synthetic.explainer(count, with_charts=False)
        (root / "content" / "explainers" / "no-charts.md").write_text(text, encoding="utf-8")
        synthetic.write_site(root / "content-plain", count, with_charts=False)
        (root / "baselineconf.py").write_text(
            _BASELINE_SETTINGS.format(settings=str(root / "pelicanconf.py")), encoding="utf-8"
        )
        hugo_site.write_project(root / "hugo", count)
        return cls(root, count)

    def env(self) -> dict[str, str]:
        # A fixed "now", as CI gives a commit's time: the synthetic site is not a git checkout, and a
        # build dated by the clock is never the same build twice (see nutgraf.driver.build.source_date_epoch).
        # Its caches in the site's own .cache/, which clear_caches empties, whatever NUTGRAF_CACHE says outside.
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", NUTGRAF_CACHE=str(self.root / ".cache"))
        return env | {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}

    def run_python(self, *arguments: str, runner: Sequence[str] = (sys.executable,)) -> measure.Run:
        """``python ARGUMENTS`` in the site, timed (or ``runner ARGUMENTS``: a profiler that runs modules).

        Raises if it fails: a failed build's time is no measurement.
        """
        return self._checked(measure.run([*runner, *arguments], self.root, self.env()))

    def baseline(self) -> measure.Run:
        return self.run_python("-m", "pelican", "-s", "baselineconf.py", "-o", "output-plain", "-q")

    def hugo(self) -> measure.Run:
        """Hugo's full build of the explainers' text into an empty folder (Hugo keeps no cache between builds)."""
        shutil.rmtree(self.root / "output-hugo", ignore_errors=True)
        clock = datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), UTC).isoformat()
        arguments = ["-m", "hugo", "build", "--source", "hugo", "--destination", "../output-hugo"]
        # Hugo's "now" fixed as ours is; its file cache inside the site; a warning (a layout gone stale) fails.
        arguments += ["--clock", clock, "--cacheDir", str(self.root / ".cache" / "hugo"), "--noBuildLock"]
        return self.run_python(*arguments, "--panicOnWarning", "--quiet")

    def nutgraf(self, *, force: bool = False) -> measure.Run:
        return self.run_python("-m", "nutgraf", "build", "--output", "output", *(["--force"] if force else []))

    def clear_caches(self) -> None:
        shutil.rmtree(self.root / ".cache", ignore_errors=True)
        for output in ("output", "output-plain", "output-hugo"):
            shutil.rmtree(self.root / output, ignore_errors=True)

    def edit_text(self, index: int) -> None:
        path = self.root / "content" / "explainers" / f"bench-{index:05d}.md"
        with path.open("a", encoding="utf-8") as handle:
            handle.write("\nAn added closing sentence, as an editor's edit.\n")

    def edit_data(self, index: int) -> None:
        """Drop the last row of one chart's data: a real edit that keeps every number real."""
        path = next((self.root / "content" / "data" / "bench").glob(f"{index:05d}-0-*.csv"))
        lines = path.read_text(encoding="utf-8").splitlines()
        path.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")

    @staticmethod
    def _checked(run: measure.Run) -> measure.Run:
        if run.returncode != 0:
            msg = f"a benchmark build failed (exit {run.returncode}):\n{run.stderr[-4000:]}"
            raise RuntimeError(msg)
        return run
