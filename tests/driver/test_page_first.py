"""The live preview's page-first render: a saved explainer's page alone, put into the site before the full rebuild."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nutgraf.driver.bench import synthetic
from nutgraf.driver.build import load_settings
from nutgraf.driver.page_first import FirstPages, render_first, saved_articles
from tests.support import build_in_process, nutgraf_env

EDITED = "content/explainers/bench-00000.md"


@pytest.fixture
def site(project: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A one-explainer site with two charts, built; the test runs in it, as the preview does."""
    root = project()
    synthetic.write_site(root / "content", 1)
    result = build_in_process("build", cwd=root, env={"SOURCE_DATE_EPOCH": "1767225600"})
    assert result.returncode == 0, result.stderr
    monkeypatch.chdir(root)
    for name, value in nutgraf_env({"SOURCE_DATE_EPOCH": "1767225600"}, cwd=root).items():
        monkeypatch.setenv(name, value)
    yield root


def first(root: Path, *changed: str) -> FirstPages:
    settings = load_settings(root / "pelicanconf.py")
    sources = saved_articles({str(root / name) for name in changed}, settings)
    assert sources is not None
    return render_first(settings, sources)


def edit(root: Path, old: str, new: str) -> None:
    path = root / EDITED
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_the_saved_page_alone_is_put_into_the_site_as_the_full_build_writes_it(site: Path) -> None:
    output = site / "output"
    home = (output / "index.html").read_bytes()
    edit(site, "\n## ", "\nA sentence saved a moment ago.\n\n## ")

    result = first(site, EDITED)

    # The page, and its charts' embed pages (written with it, as by the full build).
    embeds = [url for url in result.urls if url.startswith("/explainers/bench-00000/embed/")]
    assert result.ok and sorted(set(result.urls) - set(embeds)) == ["/explainers/bench-00000/"] and embeds
    assert "A sentence saved a moment ago." in (output / "explainers/bench-00000/index.html").read_text()
    assert (output / "index.html").read_bytes() == home  # listings wait for the full build
    assert not list(site.glob(".output.first-*"))
    rebuilt = build_in_process("build", cwd=site)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert sorted(result.unchanged_in(output)) == sorted(result.urls)  # no second reload needed


def test_a_chart_redrawn_in_the_saved_file_brings_its_new_files(site: Path) -> None:
    output = site / "output"
    before = {path.relative_to(output) for path in output.rglob("*") if path.is_file()}
    text = (site / EDITED).read_text(encoding="utf-8")
    mark = text[text.index("mark: ") : text.index("\n", text.index("mark: "))]
    edit(site, mark, "mark: point" if mark != "mark: point" else "mark: bar")

    result = first(site, EDITED)

    assert result.ok, result.errors
    after = {path.relative_to(output) for path in output.rglob("*") if path.is_file()}
    added = after - before
    assert added and all(not path.name.endswith(".html") for path in added)


def test_a_broken_save_is_reported_with_its_line_and_the_page_stays(site: Path) -> None:
    page = (site / "output/explainers/bench-00000/index.html").read_bytes()
    edit(site, "\n## ", "\n# A second title\n\n## ")

    result = first(site, EDITED)

    assert not result.ok and not result.pages
    assert any(error.startswith(f"{EDITED}:") for error in result.errors), result.errors
    assert (site / "output/explainers/bench-00000/index.html").read_bytes() == page


def test_only_saved_explainers_are_rendered_first(site: Path) -> None:
    settings = load_settings(site / "pelicanconf.py")
    data = next((site / "content" / "data").rglob("*.csv"))
    assert saved_articles({str(site / EDITED)}, settings) == [(site / EDITED).resolve()]
    assert saved_articles({str(site / EDITED), str(data)}, settings) is None  # a data file can change any page
    assert saved_articles({str(site / "pelicanconf.py")}, settings) is None
    (site / EDITED).unlink()
    assert saved_articles({str(site / EDITED)}, settings) is None  # a deleted page: the full build
