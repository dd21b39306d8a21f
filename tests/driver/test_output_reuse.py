"""A rebuild renders again only the pages whose inputs changed, links the others from the previous site, and
writes byte for byte the site a build that renders every page (``--force``) writes."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nutgraf.driver import stages
from nutgraf.driver.bench import synthetic
from tests.support import ROOT, build_in_process

# Late enough that every synthetic explainer is published (listed, with its embed pages).
EPOCH = {"SOURCE_DATE_EPOCH": "1798761600"}
EXPLAINER = "explainers/bench-00001/index.html"


def tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each page's (modification time, size): a page linked from the previous site keeps both."""
    return {
        path.relative_to(folder).as_posix(): (path.stat().st_mtime_ns, path.stat().st_size)
        for path in folder.rglob("*.html")
    }


def build(root: Path, *args: str, output: str = "output") -> str:
    result = build_in_process("build", "--output", output, *args, cwd=root, env=EPOCH | {"NUTGRAF_CACHE": ".cache"})
    assert result.returncode == 0, result.stderr
    return result.stderr


@pytest.fixture(scope="module")
def warm_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic site of four explainers, built once (its charts rendered) for every test to copy."""
    from tests.support import make_project

    root = make_project(tmp_path_factory.mktemp("reuse") / "site", {})
    (root / "theme").unlink()  # a theme of its own: one test edits a template
    shutil.copytree(ROOT / "theme", root / "theme")
    synthetic.write_site(root / "content", 4)
    build(root)
    return root


@pytest.fixture
def site(warm_site: Path, tmp_path: Path) -> Iterator[Path]:
    """A copy of the warm site, built once in its own place: the next build may reuse that build's pages."""
    root = tmp_path / "site"
    shutil.copytree(warm_site, root, symlinks=True)
    shutil.rmtree(root / "output")
    build(root)
    yield root


def rendered_again(root: Path, edit: Callable[[], None]) -> set[str]:
    """The pages a build after ``edit`` writes anew; the site must be the one every page rendered gives."""
    before = stamps(root / "output")
    edit()
    assert "reused" in build(root)
    after = stamps(root / "output")
    build(root, "--force", output="output-forced")
    assert tree(root / "output") == tree(root / "output-forced")
    return {page for page, stamp in after.items() if before.get(page) != stamp}


def edit_file(path: Path, change: Callable[[str], str]) -> Callable[[], None]:
    return lambda: path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def explainer_pages(pages: set[str], slug: str) -> set[str]:
    return {page for page in pages if page.startswith(f"explainers/{slug}/")}


def test_a_body_edit_renders_its_pages_and_the_listings_and_nothing_else(site: Path) -> None:
    source = site / "content" / "explainers" / "bench-00001.md"
    again = rendered_again(site, edit_file(source, lambda text: text + "\nA closing sentence added.\n"))
    assert "A closing sentence added." in (site / "output" / EXPLAINER).read_text(encoding="utf-8")
    pages = set(stamps(site / "output"))
    own = explainer_pages(pages, "bench-00001")
    assert len(own) == 3  # the explainer and its two charts' embed pages
    assert own <= again
    others = {page for page in pages if page.startswith("explainers/")} - own
    assert not others & again, "another explainer's page was rendered again"
    assert again - own <= {page for page in pages if not page.startswith("explainers/")}  # listings only
    assert "tags/tag-1/index.html" in again
    assert "tags/tag-2/index.html" not in again, "a tag page without the explainer was rendered again"


def test_a_new_title_shows_on_every_listing(site: Path) -> None:
    source = site / "content" / "explainers" / "bench-00002.md"
    old_title = next(line for line in source.read_text(encoding="utf-8").splitlines() if line.startswith("Title:"))
    rendered_again(site, edit_file(source, lambda text: text.replace(old_title, "Title: A brand new headline")))
    for listing in ("index.html", "archives/index.html"):
        assert "A brand new headline" in (site / "output" / listing).read_text(encoding="utf-8")


def test_a_template_edit_renders_every_page(site: Path) -> None:
    base = site / "theme" / "templates" / "base.html"
    again = rendered_again(site, edit_file(base, lambda text: text.replace("<body>", "<body><!-- edited -->")))
    pages = {page for page in stamps(site / "output") if "/embed/" not in page}  # embed pages have their own
    assert pages <= again
    assert "<!-- edited -->" in (site / "output" / "index.html").read_text(encoding="utf-8")


def test_a_data_edit_renders_the_charts_pages(site: Path) -> None:
    # The second chart of explainer 2: not its lead chart, whose thumbnail every listing shows.
    data = next((site / "content" / "data" / "bench").glob("00002-1-*.csv"))
    again = rendered_again(site, edit_file(data, lambda text: "\n".join(text.splitlines()[:-1]) + "\n"))
    pages = set(stamps(site / "output"))
    assert explainer_pages(pages, "bench-00002") <= again
    assert not explainer_pages(again, "bench-00003"), "an explainer without that chart was rendered again"


def drop_last_row(data: Path) -> Callable[[], None]:
    return edit_file(data, lambda text: "\n".join(text.splitlines()[:-1]) + "\n")


def thumbnail(page: Path, address: str) -> str:
    """The thumbnail ``page`` shows for the explainer at ``address`` (its lead chart's, named by the chart's key)."""
    html = page.read_text(encoding="utf-8")
    entry = html[html.index(f"/{address}/") :]
    return entry[entry.index('class="card-thumbnail"') :].split('src="', 1)[1].split('"', 1)[0]


def test_a_lead_charts_data_edit_renders_the_listings_that_show_its_thumbnail_not_every_page(site: Path) -> None:
    before = thumbnail(site / "output" / "index.html", "explainers/bench-00002")
    again = rendered_again(site, drop_last_row(next((site / "content" / "data" / "bench").glob("00002-0-*.csv"))))
    assert thumbnail(site / "output" / "index.html", "explainers/bench-00002") != before, (
        "the home page shows the old thumbnail"
    )
    pages = set(stamps(site / "output"))
    assert explainer_pages(pages, "bench-00002") <= again
    assert {"index.html", "archives/index.html"} & again
    assert not explainer_pages(again, "bench-00003"), "an explainer without that chart was rendered again"


def test_a_drafts_lead_chart_edit_renders_the_home_page_that_previews_it(site: Path) -> None:
    """The home page of a development build lists drafts, from its context, not from the values it is given."""
    source = site / "content" / "explainers" / "bench-00003.md"
    edit_file(source, lambda text: text.replace("\n\n", "\nStatus: draft\n\n", 1))()
    build(site)
    before = thumbnail(site / "output" / "index.html", "drafts/bench-00003")
    again = rendered_again(site, drop_last_row(next((site / "content" / "data" / "bench").glob("00003-0-*.csv"))))
    assert "index.html" in again
    assert thumbnail(site / "output" / "index.html", "drafts/bench-00003") != before


def test_each_page_of_a_listing_is_rendered_again_for_the_explainers_it_shows(site: Path) -> None:
    """Two explainers a page, newest first: the home is 3, 2 | 1, 0 (``synthetic`` dates explainer i in month i+1)."""
    edit_file(site / "pelicanconf.py", lambda text: text + "\nDEFAULT_PAGINATION = 2\n")()
    build(site)
    source = site / "content" / "explainers" / "bench-00001.md"
    again = rendered_again(site, edit_file(source, lambda text: text + "\nA closing sentence added.\n"))
    assert "page/2/index.html" in again
    assert "index.html" not in again, "page 1 does not show the edited explainer"
    # Dated the newest, explainer 1 moves onto page 1 and explainer 2 onto page 2: both are rendered again.
    again = rendered_again(site, edit_file(source, lambda text: text.replace("Date: 2026-02-02", "Date: 2026-12-01")))
    assert {"index.html", "page/2/index.html"} <= again
    page_2 = (site / "output" / "page/2/index.html").read_text(encoding="utf-8")
    assert "/explainers/bench-00002/" in page_2 and "/explainers/bench-00001/" not in page_2


def test_a_failed_build_leaves_the_previous_site_as_it_was(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before, files = stamps(site / "output"), tree(site / "output")
    source = site / "content" / "explainers" / "bench-00001.md"
    edit_file(source, lambda text: text + "\nA closing sentence added.\n")()

    def fails(*args: object) -> None:
        raise RuntimeError("the search index could not be built")

    monkeypatch.setattr(stages, "finalize_output", fails)
    result = build_in_process("build", cwd=site, env=EPOCH | {"NUTGRAF_CACHE": ".cache"})
    assert result.returncode == 1
    assert stamps(site / "output") == before
    assert tree(site / "output") == files
    monkeypatch.undo()
    build(site)  # the next build still reuses only what is unchanged
    build(site, "--force", output="output-forced")
    assert tree(site / "output") == tree(site / "output-forced")
