"""The Hugo yardstick builds the same pages as plain Pelican from the same synthetic explainers."""

from __future__ import annotations

from pathlib import Path

from nutgraf.driver.bench.site_builds import BenchSite


def _pages(output: Path) -> set[str]:
    return {path.relative_to(output).as_posix() for path in output.rglob("*.html")}


def test_hugo_builds_the_pages_plain_pelican_builds(tmp_path: Path) -> None:
    site = BenchSite.create(tmp_path / "site", 5)
    site.baseline()
    site.hugo()
    pelican, hugo = _pages(site.root / "output-plain"), _pages(site.root / "output-hugo")
    # Five explainers, home, archives, the topics and the tags (bench, tag-0 … tag-4) with their indexes.
    assert len(pelican) == 16
    assert hugo == pelican
    page = (site.root / "output-hugo" / "explainers" / "bench-00003" / "index.html").read_text(encoding="utf-8")
    assert "Synthetic explainer number 3" in page
    assert page.count("<h2") == 4 and page.count("<p>") > 8  # the four sections' text, rendered
