"""``check-site --changed REV`` on a real git history: the pages a change affects, the sample, nothing else."""

from __future__ import annotations

import subprocess
from argparse import ArgumentTypeError
from pathlib import Path

import pytest

from nutgraf.driver.build import load_settings
from nutgraf.driver.site_check.scope import ScopeError, changed_files, select
from tests.plugins.charts.test_build import CHART_A
from tests.plugins.i18n.test_translations import chinese
from tests.readersite import explainer
from tests.support import make_project, run_nutgraf

# One page of each template, whatever changed: floods is the first explainer in file order.
SAMPLE = {
    "index.html",
    "search/index.html",
    "topics/index.html",
    "topics/climate/index.html",
    "tags/index.html",
    "tags/floods/index.html",
    "archives/index.html",
    "404.html",
    "explainers/heat/embed/chart-sales-by-year/index.html",  # the first chart's embed page
    "explainers/floods/index.html",
}


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed project: tides (with a Chinese translation), floods, and heat (with a chart)."""
    root = make_project(
        tmp_path_factory.mktemp("scope") / "site",
        {
            "content/explainers/tides.md": explainer("Tides in the strait", topic="Transport"),
            "content/explainers/tides.zh-hans.md": chinese(slug="tides"),
            "content/explainers/floods.md": explainer("Floods in the delta", topic="Climate").replace(
                "Tags: testing, reader", "Tags: floods"
            ),
            "content/explainers/heat.md": explainer("Heat in the city", topic="Climate", body_extra=CHART_A).replace(
                "Tags: testing, reader", "Tags: heat"
            ),
            "content/data/a.csv": "year,sales\n2020,3\n2021,5\n",
        },
    )
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "first")
    return root


def _scope(root: Path, revision: str) -> set[str]:
    built = run_nutgraf("build", cwd=root)
    assert built.returncode == 0, built.stderr
    settings = load_settings(root / "pelicanconf.py")
    return set(select(root / "output", settings, changed_files(revision, root), root).reasons)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_explainer_its_translation_its_listings_and_the_sample(repo: Path) -> None:
    _edit(repo / "content/explainers/tides.md", "The next part.", "The next part, edited.")
    try:
        pages = _scope(repo, "HEAD")
    finally:
        _git(repo, "checkout", "-q", "--", ".")
    assert pages == SAMPLE | {
        "explainers/tides/index.html",
        "zh-hans/explainers/tides/index.html",  # its translation
        # The listings that show it, in each language.
        "archives/index.html",
        "topics/transport/index.html",
        "tags/testing/index.html",
        "tags/reader/index.html",
        "zh-hans/index.html",
        "zh-hans/archives/index.html",
        "zh-hans/topics/testing/index.html",
    }
    # Not the other explainers, nor the pages that do not show it.
    assert not pages & {"explainers/heat/index.html", "tags/heat/index.html", "zh-hans/search/index.html"}


def test_a_committed_data_change_checks_the_explainer_whose_chart_reads_it(repo: Path) -> None:
    base = _git(repo, "rev-parse", "HEAD")
    (repo / "content/data/a.csv").write_text("year,sales\n2020,3\n2021,6\n", encoding="utf-8")
    _git(repo, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qam", "new data")
    try:
        pages = _scope(repo, base)
    finally:
        _git(repo, "reset", "-q", "--hard", base)
    assert pages == SAMPLE | {"explainers/heat/index.html", "tags/heat/index.html"}


def test_a_change_outside_content_checks_the_sample_only_and_a_bad_revision_is_an_error(repo: Path) -> None:
    (repo / "notes.txt").write_text("not part of the site\n", encoding="utf-8")
    try:
        assert _scope(repo, "HEAD") == SAMPLE
    finally:
        (repo / "notes.txt").unlink()
    with pytest.raises(ScopeError, match="no-such-revision"):
        changed_files("no-such-revision", repo)


def test_a_paginated_listing_is_checked_on_the_page_that_shows_the_explainer(tmp_path: Path) -> None:
    """Two explainers a page, newest first: e5 e4 | e3 e2 | e1, in English and Chinese."""
    from tests.theme.test_pagination import paginated_project

    root = paginated_project(tmp_path / "site")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "first")
    _edit(root / "content/explainers/e3.md", "The next part.", "The next part, edited.")
    pages = _scope(root, "HEAD")
    assert {"explainers/e3/index.html", "zh-hans/explainers/e3/index.html"} <= pages
    listings = {page for page in pages if not page.startswith(("explainers/", "zh-hans/explainers/"))}
    assert listings == {
        # The pages that show e3: page 2 of each listing, in each language, and the (one-page) archives.
        "page/2/index.html",
        "topics/testing/page/2/index.html",
        "tags/testing/page/2/index.html",
        "tags/reader/page/2/index.html",
        "archives/index.html",
        "zh-hans/page/2/index.html",
        "zh-hans/topics/testing/page/2/index.html",
        "zh-hans/archives/index.html",
        # The sample: page 1 of the home, of a topic and of a tag.
        "index.html",
        "topics/testing/index.html",
        "tags/reader/index.html",
        "search/index.html",
        "topics/index.html",
        "tags/index.html",
        "404.html",
    }


@pytest.mark.browser
def test_the_scoped_check_finds_defects_on_the_pages_in_scope_only(repo: Path) -> None:
    from nutgraf.driver.site_check.runner import check_served_site
    from nutgraf.driver.site_check.server import serving

    planted = '<p foo="bar">An attribute HTML does not have.</p><a href="/no-such-page/">Gone</a></main>'
    _edit(repo / "content/explainers/tides.md", "The next part.", "The next part, edited.")
    try:
        output = repo / "output-production"
        with serving(output) as base_url:
            built = run_nutgraf(
                "build",
                "--settings",
                "publishconf.py",
                "--output",
                str(output),
                cwd=repo,
                env={"SITEURL": base_url.rstrip("/")},
            )
            assert built.returncode == 0, built.stderr
            for page in ("explainers/tides/index.html", "explainers/heat/index.html"):
                _edit(output / page, "</main>", planted)
            settings = load_settings(repo / "pelicanconf.py")
            scope = select(output, settings, changed_files("HEAD", repo), repo)
            report = check_served_site(output, base_url, pages=scope.pages(output))
    finally:
        _git(repo, "checkout", "-q", "--", ".")
    locations = {finding.location.split(":")[0] for finding in report.findings}
    assert locations == {"/explainers/tides/index.html", "/explainers/tides/"}, report.findings
    assert report.count("html") == 1
    assert report.count("links") == 1


def test_shards_share_every_page_once(tmp_path: Path) -> None:
    from nutgraf.driver.cli import _shard
    from nutgraf.driver.site_check.runner import shard_pages

    for name in ("index.html", "a/index.html", "b/index.html", "c/index.html", "404.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<!doctype html>", encoding="utf-8")
    shares = [shard_pages(tmp_path, (number, 3)) for number in (1, 2, 3)]
    assert sorted(page for share in shares for page in share) == sorted(tmp_path.rglob("*.html"))
    assert [len(share) for share in shares] == [2, 2, 1]
    assert _shard("2/4") == (2, 4)
    for wrong in ("0/4", "5/4", "a/b", "4"):
        with pytest.raises(ArgumentTypeError, match="is not a share"):
            _shard(wrong)
