"""``--profile``: where a cold build's time goes, profiled with pyinstrument and written as HTML and text.

Two profiles, each of a fresh process as ``invoke build`` runs one: a cold ``nutgraf build`` of the
synthetic site; and a sample of its charts rendered one after another in one process, since the
build renders charts in worker processes the profiler does not see (in the build's profile their
cost is the time spent waiting for the pool). Each writes pyinstrument's session (``pyinstrument
--load PATH.pyisession`` shows it again, with any other options), an HTML report and a text one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer
from pyinstrument.session import Session

from nutgraf.driver.bench.site_builds import BenchSite

# pyinstrument hides installed libraries; show those a cold build spends its time in (jsonschema's
# recursion stays folded into Altair's validate).
LIBRARIES = r".*/(altair|pelican|markdown|jinja2|vl_convert|bs4|concurrent)/.*"
FLAT_LINES = 40  # the heaviest functions by their own time, for the text report's second part
INTERVAL = "0.005"  # seconds between samples: fine enough for a build of minutes, and a report a browser opens
RENDER_SAMPLE = 16  # charts rendered in one process for the renders' profile


def profile_cold_build(site: BenchSite, destination: Path) -> list[Path]:
    """Profile a cold build of ``site`` and a sample of its renders; return the reports written."""
    site.clear_caches()
    written = _profiled(site, destination, ["-m", "nutgraf", "build", "--output", "output"])
    renders = destination.with_name(f"{destination.stem}-renders")
    arguments = ["-m", "nutgraf.driver.bench.render_throughput", str(site.root), "serial", str(RENDER_SAMPLE)]
    return written + _profiled(site, renders, arguments)


def _profiled(site: BenchSite, destination: Path, arguments: list[str]) -> list[Path]:
    """Run ``python ARGUMENTS`` in the site under pyinstrument; write its session and reports."""
    saved, html, text = (destination.with_suffix(suffix) for suffix in (".pyisession", ".html", ".txt"))
    profiler = [sys.executable, "-m", "pyinstrument", "--interval", INTERVAL, "-r", "pyisession", "-o", str(saved)]
    site.run_python(*arguments, runner=profiler)
    session = Session.load(saved)
    tree = ConsoleRenderer(unicode=True, processor_options={"show_regex": LIBRARIES}).render(session)
    flat = ConsoleRenderer(unicode=True, flat=True, show_all=True).render(session).splitlines()
    heaviest = "\n".join(flat[:FLAT_LINES])
    text.write_text(f"{tree}\nThe heaviest functions by their own time:\n{heaviest}\n", encoding="utf-8")
    html.write_text(HTMLRenderer().render(session), encoding="utf-8")
    return [html, text]
