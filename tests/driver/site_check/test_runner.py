"""The site check on real builds: planted defects are each caught and counted; the real site is clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from nutgraf.driver.site_check.findings import CHECKS
from nutgraf.driver.site_check.runner import check_production_build, check_served_site
from nutgraf.driver.site_check.server import serving
from tests.readersite import explainer
from tests.support import ROOT, make_project, run_nutgraf

# Each defect is planted in the built page, as a broken template or plugin would leave it.
PLANTED = """
<p foo="bar">An attribute HTML does not have.</p>
<img src="/favicon.ico">
<p class="planted-faint">Text too faint to read.</p>
<a href="/no-such-page/">A page that is not there</a>
<a href="#no-such-section">A section that is not there</a>
<script>document.title = "inline";</script>
<script src="/planted-error.js" defer></script>
"""
FAINT_CSS = "\n.planted-faint { color: #d0d0d0 !important; background: #ffffff !important; }\n"
# The image without alt is both invalid HTML and an accessibility violation.
EXPECTED = {"html": 2, "links": 2, "accessibility": 2, "console": 1, "csp": 1, "feeds": 1}


@pytest.mark.browser
def test_every_planted_defect_is_caught_and_counted(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", {"content/explainers/a.md": explainer("A planted page")})
    output = root / "output"
    with serving(output) as base_url:
        built = run_nutgraf("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": base_url.rstrip("/")})
        assert built.returncode == 0, built.stderr
        page = output / "explainers" / "a" / "index.html"
        page.write_text(page.read_text(encoding="utf-8").replace("</main>", PLANTED + "</main>"), encoding="utf-8")
        # The page's one stylesheet (the theme's files joined by the assets plugin).
        href = re.search(r'<link rel="stylesheet" href="([^"]+)"', page.read_text(encoding="utf-8"))[1]
        stylesheet = output / href.removeprefix(base_url)
        stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + FAINT_CSS, encoding="utf-8")
        (output / "planted-error.js").write_text('throw new Error("planted");\n', encoding="utf-8")
        feed = output / "feeds" / "all.atom.xml"
        feed.write_bytes(feed.read_bytes()[:300])
        report = check_served_site(output, base_url)
    counts = {check: report.count(check) for check in CHECKS}
    assert counts == EXPECTED, "\n".join(f"{f.check} {f.location}: {f.message}" for f in report.findings)
    messages = " ".join(finding.message for finding in report.findings)
    for expected in ("image-alt", "color-contrast", "no-such-page", "no-such-section", "planted", "script-src"):
        assert expected in messages


@pytest.mark.browser
def test_the_real_site_passes_every_check() -> None:
    status, report = check_production_build("publishconf.py", ROOT)
    assert status == 0 and report is not None
    assert report.findings == []


def test_check_site_command_exits_non_zero_and_prints_counts(tmp_path: Path) -> None:
    """Through the command line, on a site whose only page links nowhere (no browser needed to fail)."""
    root = make_project(tmp_path / "site", {"content/explainers/a.md": explainer("A")})
    assert run_nutgraf("build", cwd=root).returncode == 0
    (root / "output" / "feeds").mkdir()
    (root / "output" / "feeds" / "broken.atom.xml").write_text("<feed", encoding="utf-8")
    result = run_nutgraf("check-site", "--output", str(root / "output"), cwd=ROOT)
    assert result.returncode == 1, result.stderr
    assert "1  feeds that do not parse" in result.stdout
    assert "0  broken links and anchors" in result.stdout
