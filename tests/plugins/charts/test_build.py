"""Real builds of throwaway projects: pages, assets, the cache across builds, failures, feeds."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
from bs4 import BeautifulSoup

from tests.sitetools import soup
from tests.support import build_in_process, make_project

SECTIONS = "## What's happening\n\nText.\n\n{charts}\n\n## Why it matters\n\nText.\n\n## What's next\n\nText.\n\n" + (
    "## Beyond the headlines\n\nText.\n"
)
FRONT = "Title: Charts\nDate: 2026-01-02\nSummary: A test explainer with charts.\nTopic: Tests\n\n"
CHART_A = """```chart
title: Sales by year
data: data/a.csv
mark: bar
x: year:O
y: sales:Q
source: Test bureau
alt: Bars of sales by year.
```"""
CHART_B = """```chart
title: Costs by year
data: data/b.csv
mark: line
x: year:O
y: costs:Q
source: Test bureau
alt: A line of costs by year.
```"""


def explainer(*charts: str) -> str:
    return FRONT + SECTIONS.format(charts="\n\n".join(charts))


def files(*charts: str) -> dict[str, str]:
    return {
        "content/explainers/a.md": explainer(*charts),
        "content/data/a.csv": "year,sales\n2020,3\n2021,5\n",
        "content/data/b.csv": "year,costs\n2020,2\n2021,4\n",
    }


def rendered_counts(stderr: str) -> tuple[int, int]:
    match = re.search(r"Rendered (\d+) charts? \((\d+) from cache\)", stderr)
    assert match, stderr
    return int(match[1]), int(match[2])


def test_build_renders_figures_then_caches_and_rerenders_only_what_data_changed(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", files(CHART_A, CHART_B))
    first = build_in_process("build", cwd=root)
    assert first.returncode == 0, first.stderr
    assert rendered_counts(first.stderr) == (2, 0)

    output = root / "output"
    page = soup(output / "explainers" / "a" / "index.html")
    figures = page.select("figure.chart")
    assert [f["id"] for f in figures] == ["chart-sales-by-year", "chart-costs-by-year"]
    for figure in figures:
        graphic = figure.select_one(".chart-graphic[role=img]")
        assert graphic["aria-label"].endswith("by year.")
        assert graphic.select("svg.chart-svg-wide") and graphic.select("svg.chart-svg-narrow")
        caption = figure.select_one("figcaption")
        assert "Source: Test bureau" in caption.get_text(" ")
        link = caption.select_one("a.chart-download")
        assert link.get_text() == "Download the data (CSV)"
        assert (output / link["href"].lstrip("/")).is_file()
        # This build writes no feeds, the PNG's only reader (see the feed test): none is drawn or named.
        assert not figure.has_attr("data-chart-image")
        assert (output / figure["data-chart-wide"].lstrip("/")).is_file()
        assert figure.select("details.chart-data table tbody tr")  # two rows: small enough for a table
    html = (output / "explainers" / "a" / "index.html").read_text(encoding="utf-8")
    # No inline style (the CSP forbids it); the embed code shown as text to copy may have some.
    assert page.select("[style]") == [] and page.find("style") is None and "<style" not in html
    assert 'src="/theme/js/charts.js"' in html and re.search(r'href="/theme/css/site-explainer-charts\.\w+\.css"', html)
    assert "charts.js" not in (output / "index.html").read_text(encoding="utf-8")  # no charts, no script

    second = build_in_process("build", cwd=root)
    assert second.returncode == 0, second.stderr
    assert rendered_counts(second.stderr) == (0, 2)

    (root / "content" / "data" / "b.csv").write_text("year,costs\n2020,2\n2021,6\n", encoding="utf-8")
    third = build_in_process("build", cwd=root)
    assert third.returncode == 0, third.stderr
    assert rendered_counts(third.stderr) == (1, 1)
    assert "Download the data" in (output / "explainers" / "a" / "index.html").read_text(encoding="utf-8")


def test_misspelt_field_fails_the_build_with_path_line_and_suggestion(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", files(CHART_A.replace("y: sales:Q", "y: sale:Q")))
    result = build_in_process("build", cwd=root)
    assert result.returncode == 1
    line = explainer(CHART_A).splitlines().index("y: sales:Q") + 1
    assert (
        f"content/explainers/a.md:{line}: field 'sale' is not in data/a.csv (did you mean 'sales'?);"
        " its columns are: year, sales"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "output").exists()


def test_a_category_label_too_long_for_a_phone_fails_the_build_instead_of_being_cut(tmp_path: Path) -> None:
    """Vega would draw "Pneumonoultramicroscopicsilicov…": a reader must never see a name the data lacks."""
    chart = CHART_A.replace("x: year:O", "x: sector:N")
    project_files = files(chart)
    project_files["content/data/a.csv"] = "sector,sales\nMining,3\nPneumonoultramicroscopicsilicovolcanoconiosis,5\n"
    root = make_project(tmp_path / "site", project_files)
    result = build_in_process("build", cwd=root)
    assert result.returncode == 1, result.stderr
    line = explainer(chart).splitlines().index("```chart") + 1
    assert (
        f"content/explainers/a.md:{line}: chart cannot be drawn: the axis label"
        " 'Pneumonoultramicroscopicsilicovolcanoconiosis' is"
    ) in result.stderr
    assert "shorten the label in the data" in result.stderr and "Traceback" not in result.stderr
    assert not (root / "output").exists()


def test_altair_module_failing_at_build_is_a_diagnostic_not_a_traceback(tmp_path: Path) -> None:
    chart = "```chart\naltair: charts/broken.py:build\nsource: S\nalt: A chart.\n```"
    project_files = files(chart)
    project_files["content/charts/broken.py"] = "def build():\n    return 1 / 0\n"
    root = make_project(tmp_path / "site", project_files)
    assert build_in_process("check", cwd=root).returncode == 0  # checks never run editors' code
    result = build_in_process("build", cwd=root)
    assert result.returncode == 1
    line = explainer(chart).splitlines().index("altair: charts/broken.py:build") + 1
    assert (
        f"content/explainers/a.md:{line}: charts/broken.py:build raised ZeroDivisionError"
        " at content/charts/broken.py:2: division by zero"
    ) in result.stderr
    assert "Traceback" not in result.stderr


def test_feed_entries_show_each_chart_as_an_image_by_absolute_url(tmp_path: Path) -> None:
    root = make_project(tmp_path / "site", files(CHART_A))
    result = build_in_process("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": "https://example.org"})
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((root / "output" / "feeds" / "all.atom.xml").read_text(encoding="utf-8"))
    assert not feed.bozo
    content = feed.entries[0].content[0].value
    image = BeautifulSoup(content, "html.parser").select_one("figure.chart img")
    assert re.fullmatch(r"https://example\.org/charts/[0-9a-f]{16}\.png", image["src"])
    assert image["alt"] == "Bars of sales by year."
    assert "<svg" not in content


def test_every_chart_placeholder_is_replaced_in_pages_and_feeds(built_site: Path) -> None:
    """Figures go in as pages are written (the template filter): none may be left behind anywhere."""
    written = [*built_site.rglob("*.html"), *built_site.rglob("*.xml")]
    charted = [path for path in written if 'class="chart"' in path.read_text(encoding="utf-8")]
    assert charted, "the real content has charts"
    assert [path for path in written if "nutgraf-chart" in path.read_text(encoding="utf-8")] == []


ANNOTATED = """```chart
title: Visits by month
data: data/c.csv
mark: line
x: month:T
y: visits:Q
annotations:
  - {x: 2020-02-01, y: 9, text: Peak of 9}
  - {x: 2020-03-01, text: Site relaunch}
source: Test bureau
alt: A line of visits by month.
```"""


def test_annotated_chart_shows_its_notes_in_both_svgs_and_to_screen_readers(tmp_path: Path) -> None:
    project = {**files(ANNOTATED), "content/data/c.csv": "month,visits\n2020-01-01,4\n2020-02-01,9\n2020-03-01,6\n"}
    root = make_project(tmp_path / "site", project)
    result = build_in_process("build", cwd=root)
    assert result.returncode == 0, result.stderr
    figure = soup(root / "output" / "explainers" / "a" / "index.html").select_one("figure.chart")
    for variant in ("wide", "narrow"):
        texts = [text.get_text() for text in figure.select(f"svg.chart-svg-{variant} text")]
        assert "Peak of 9" in texts and "Site relaunch" in texts, texts
    marked = "Marked on the chart: Peak of 9 (at 2020-02-01, 9); Site relaunch (at 2020-03-01)."
    assert figure.select_one(".chart-graphic")["aria-label"] == f"A line of visits by month. {marked}"
    assert figure.select_one("caption").get_text() == f"The data: Visits by month. {marked}"
    assert len(figure.select("details.chart-data tbody tr")) == 3  # the annotations are not rows of the data


def test_annotation_date_that_does_not_parse_fails_the_build_at_its_line(tmp_path: Path) -> None:
    bad = ANNOTATED.replace("{x: 2020-03-01, text", "{x: '2020-13-01', text")
    project = {**files(bad), "content/data/c.csv": "month,visits\n2020-01-01,4\n2020-02-01,9\n2020-03-01,6\n"}
    root = make_project(tmp_path / "site", project)
    result = build_in_process("build", cwd=root)
    assert result.returncode == 1
    line = explainer(bad).splitlines().index("  - {x: '2020-13-01', text: Site relaunch}") + 1
    assert f"content/explainers/a.md:{line}: annotation x '2020-13-01' is not a date; write YYYY-MM-DD" in result.stderr
