"""Embed pages in a production build under a sub-path, in two languages: where they are, what they hold, and
that search, the sitemap and the feeds leave them out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from nutgraf.plugins.search.indexable import indexable_html
from tests.plugins.i18n.test_chart_locale import CHART_EXPLAINER, CSV, monthly
from tests.sitetools import soup
from tests.support import build_in_process

SITEURL = "https://example.org/news"
ENGLISH = CHART_EXPLAINER.format(
    title="Crossings",
    summary="Crossings rose.",
    extra="",
    parts=["What's happening", "Why it matters", "What's next", "Beyond the headlines"],
    text="Some text.",
    chart=monthly(title="Crossings by month", source="A planted test figure", alt="A line rising").strip(),
)
CHINESE = CHART_EXPLAINER.format(
    title="过境人次",
    summary="过境人次有所上升。",
    extra="Lang: zh-Hans\nSlug: crossings\nTranslation: true\n",
    parts=["正在发生什么", "为何重要", "接下来", "头条之外"],
    text="一些文字。",
    chart=monthly(title="每月过境人次", source="测试用数据", alt="一条上升的折线").strip(),
)
EMBED = "explainers/crossings/embed/chart-crossings-by-month/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.support import make_project

    files = {
        "content/data/monthly.csv": CSV,
        "content/explainers/crossings.md": ENGLISH,
        "content/explainers/crossings.zh-hans.md": CHINESE,
    }
    root = make_project(tmp_path_factory.mktemp("embeds") / "site", files)
    result = build_in_process("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": SITEURL})
    assert result.returncode == 0, result.stderr
    return root / "output"


def _zh_embed(site: Path) -> Path:
    (folder,) = (site / "zh-hans" / "explainers" / "crossings" / "embed").iterdir()
    return folder


def test_each_chart_has_an_embed_page_with_its_figure_a_link_back_and_the_site_s_csp(site: Path) -> None:
    page = soup(site / EMBED / "index.html")
    explainer = soup(site / "explainers" / "crossings" / "index.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert csp == explainer.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "frame-ancestors" not in csp and "unsafe" not in csp
    assert page.find("h1").get_text() == "Crossings by month"
    assert page.select_one("figure.chart svg.chart-svg-wide") is not None
    assert page.select_one("figure.chart svg.chart-svg-narrow") is not None
    back = page.select_one(".embed-credit a")
    assert back["href"] == f"{SITEURL}/explainers/crossings/#chart-crossings-by-month"
    assert explainer.select_one("#chart-crossings-by-month") is not None
    scripts = [script["src"] for script in page.find_all("script")]
    assert scripts == [f"{SITEURL}/theme/js/charts.js", f"{SITEURL}/theme/js/embed.js"]
    assert page.select_one("script[data-runtime]")["data-runtime"] == f"{SITEURL}/theme/js/chart-runtime.min.js"
    assert page.select_one("figure.chart")["data-chart-wide"].startswith(f"{SITEURL}/charts/")


def test_the_explainer_offers_the_code_its_oembed_file_gives(site: Path) -> None:
    page = soup(site / EMBED / "index.html")
    link = page.find("link", attrs={"type": "application/json+oembed"})
    assert link["rel"] == ["alternate"] and link["href"] == f"{SITEURL}/{EMBED}oembed.json"
    answer = json.loads((site / EMBED / "oembed.json").read_text(encoding="utf-8"))
    assert answer["type"] == "rich" and answer["provider_url"] == f"{SITEURL}/"
    explainer = soup(site / "explainers" / "crossings" / "index.html")
    disclosure = explainer.select_one("figure.chart + details.chart-embed")
    assert disclosure.select_one("summary").get_text() == "Embed"
    code = disclosure.select_one("textarea").get_text()
    assert code == answer["html"]
    frame = BeautifulSoup(code, "html.parser")
    assert frame.iframe["src"] == f"{SITEURL}/{EMBED}"
    assert frame.script["src"] == f"{SITEURL}/theme/js/embed-resize.js"
    assert (site / "theme" / "js" / "embed-resize.js").is_file()
    assert (site / answer["thumbnail_url"].removeprefix(SITEURL + "/")).is_file()


def test_a_translation_s_charts_are_embedded_in_its_language(site: Path) -> None:
    folder = _zh_embed(site)
    page = soup(folder / "index.html")
    assert page.html["lang"] == "zh-Hans"
    assert page.find("h1").get_text() == "每月过境人次"
    assert page.select_one(".chart-source").get_text() == "来源： 测试用数据"
    assert page.select_one(".embed-credit a")["href"].startswith(f"{SITEURL}/zh-hans/explainers/crossings/#")
    explainer = soup(site / "zh-hans" / "explainers" / "crossings" / "index.html")
    disclosure = explainer.select_one("details.chart-embed")
    assert disclosure.select_one("summary").get_text() == "嵌入"
    relative = folder.relative_to(site).as_posix()
    assert f'src="{SITEURL}/{relative}/"' in disclosure.select_one("textarea").get_text()


def test_embed_pages_are_left_out_of_search_the_sitemap_and_the_feeds(site: Path) -> None:
    for page in (site / EMBED / "index.html", _zh_embed(site) / "index.html"):
        assert indexable_html(page.read_text(encoding="utf-8")) is None
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITEURL}/explainers/crossings/" in sitemap
    assert "/embed/" not in sitemap
    feeds = sorted((site / "feeds").rglob("*.xml"))
    assert feeds
    for feed in feeds:
        text = feed.read_text(encoding="utf-8")
        assert "chart-embed" not in text and "/embed/" not in text, feed


def test_a_draft_s_charts_get_no_embed_code_nor_page(project: Callable[..., Path]) -> None:
    draft = ENGLISH.replace("Topic: Testing\n", "Topic: Testing\nStatus: draft\n")
    root = project({"content/data/monthly.csv": CSV, "content/explainers/crossings.md": draft})
    result = build_in_process("build", cwd=root)
    assert result.returncode == 0, result.stderr
    page = soup(root / "output" / "drafts" / "crossings" / "index.html")
    assert page.select_one("figure.chart") is not None
    assert page.select_one("details.chart-embed") is None
    assert not list((root / "output").rglob("embed"))
