"""``--profile``: one cold nutgraf build of the synthetic site under pyinstrument, written as HTML and text.

The build runs as ``invoke build`` runs it, in a fresh process (``python -m pyinstrument -m nutgraf
build``), and saves pyinstrument's session; the reports are rendered from that session here. Charts
render in worker processes the profiler does not see: in the build process their cost shows as the
time spent waiting for the pool.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer
from pyinstrument.session import Session

from nutgraf.driver.bench.site_builds import BenchSite

# pyinstrument hides installed libraries by default; these are where a cold build's time goes.
LIBRARIES = r".*/(altair|jsonschema|referencing|pelican|markdown|jinja2|vl_convert|bs4|concurrent)/.*"
FLAT_LINES = 60  # the heaviest functions by their own time, for the text report's second part


def profile_cold_build(site: BenchSite, destination: Path) -> tuple[Path, Path]:
    """Profile a cold build of ``site``; write ``destination`` as .html and .txt and return both paths."""
    html_path, text_path = destination.with_suffix(".html"), destination.with_suffix(".txt")
    site.clear_caches()
    with tempfile.TemporaryDirectory(prefix="nutgraf-profile-") as temporary:
        saved = Path(temporary) / "build.pyisession"
        profiler = [sys.executable, "-m", "pyinstrument", "--renderer", "pyisession", "--outfile", str(saved)]
        site.nutgraf(runner=profiler)
        session = Session.load(saved)
    options = {"show_regex": LIBRARIES}
    tree = ConsoleRenderer(unicode=True, processor_options=options).render(session)
    flat = ConsoleRenderer(unicode=True, flat=True, processor_options=options).render(session)
    heaviest = "\n".join(flat.splitlines()[:FLAT_LINES])
    text_path.write_text(f"{tree}\nThe heaviest functions by their own time:\n{heaviest}\n", encoding="utf-8")
    html_path.write_text(HTMLRenderer().render(session), encoding="utf-8")
    return html_path, text_path
