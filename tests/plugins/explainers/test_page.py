"""What readers and machines get from an explainer: a real build of a throwaway project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.plugins.explainers.helpers import VALID
from tests.sitetools import soup
from tests.support import build_in_process, make_project

SECTION_IDS = ["whats-happening", "why-it-matters", "whats-next", "beyond-the-headlines"]

FULL = (
    VALID.replace(
        "Tags: floods, rain",
        "Tags: floods, rain\nAuthors: A. Writer\n"
        "Updates: 2026-03-03: Added the number of towns.\n    2026-03-05 10:30: Corrected a name.",
    )
    .replace("## Why it matters", "## Why It's Important?")
    .replace(
        "The first part.[^1]",
        "The first part.[^1]\n\n```figure\nvalue: 12\nlabel: Towns under water\nsource: The delta's water board\n```",
    )
    .replace("The second part.", "The second part, which matters. It has a second sentence.[^2]")
    .replace("[^1]: A source named here.", "[^1]: A source named here.\n[^2]: Another </script> source.")
)
SIBLING = VALID.replace("Title: Floods in the delta", "Title: Rain in the hills").replace(
    "Tags: floods, rain", "Tags: rain"
)
UNRELATED = VALID.replace("Topic: Climate", "Topic: Sport").replace("Tags: floods, rain", "Tags: football")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(
        tmp_path_factory.mktemp("explainers") / "site",
        {
            "content/explainers/floods.md": FULL,
            "content/explainers/rain.md": SIBLING,
            "content/explainers/football.md": UNRELATED,
        },
    )
    result = build_in_process("build", cwd=root)
    assert result.returncode == 0, result.stderr
    return root / "output"


def page(site: Path, slug: str = "floods"):
    return soup(site / "explainers" / slug / "index.html")


def test_sections_are_landmarks_with_stable_ids_and_labels(site: Path) -> None:
    document = page(site)
    sections = document.select("section.explainer-section")
    assert [s["id"] for s in sections] == SECTION_IDS
    for section in sections:
        heading = document.find(id=section["aria-labelledby"])
        assert heading.name == "h2" and heading.parent is section
    matters = document.find(id="why-it-matters")
    assert "explainer-section--matters" in matters["class"]
    # The writer's "Why It's Important?" names the part: the heading shows the part's label, once.
    assert matters.select_one(".explainer-section__label") is None
    assert matters.h2.get_text() == "Why it matters" and "explainer-section__heading--label" in matters.h2["class"]
    assert document.select_one(".explainer-lede").get_text(strip=True) == "A lede paragraph."


def test_jump_nav_links_each_section_by_its_label(site: Path) -> None:
    links = page(site).select("nav.jump-nav a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("What's happening", "#whats-happening"),
        ("Why it matters", "#why-it-matters"),
        ("What's next", "#whats-next"),
        ("Beyond the headlines", "#beyond-the-headlines"),
    ]


def test_key_figure_shows_value_label_and_source(site: Path) -> None:
    figure = page(site).select_one("#whats-happening figure.key-figure")
    assert figure.select_one(".key-figure__value").get_text() == "12"
    assert figure.select_one(".key-figure__label").get_text() == "Towns under water"
    assert figure.select_one(".key-figure__source").get_text() == "Source: The delta's water board"
    assert not page(site).select("code.language-figure")


def test_footnotes_are_a_numbered_sources_list(site: Path) -> None:
    document = page(site)
    sources = document.select_one("section.sources")
    assert sources.h2.get_text() == "Sources"
    items = sources.select("ol > li")
    assert [li["id"] for li in items] == ["fn:1", "fn:2"]
    assert document.select_one("#why-it-matters sup a.footnote-ref")["href"] == "#fn:2"
    assert not document.select("div.footnote")
    assert sources.find_parent("section", class_="explainer-section") is None


def test_updates_show_in_the_byline_and_as_a_log(site: Path) -> None:
    document = page(site)
    updated = document.select_one(".byline a.byline__updated")
    assert updated["href"] == "#updates"
    assert updated.get_text(" ", strip=True) == "Updated 5 March 2026"
    log = document.select("#updates li")
    assert [li.get_text(" ", strip=True) for li in log] == [
        "5 March 2026 : Corrected a name.",
        "3 March 2026 : Added the number of towns.",
    ]
    assert "min read" in document.select_one(".byline__reading-time").get_text()


def test_json_ld_is_a_news_article_with_the_fields(site: Path) -> None:
    document = page(site)
    scripts = document.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Floods in the delta"
    assert data["description"] == "The delta is flooding, and more rain is due."
    assert data["datePublished"] == "2026-03-02T00:00:00+00:00"
    assert data["dateModified"] == "2026-03-05T10:30:00+00:00"
    assert data["author"] == [{"@type": "Person", "name": "A. Writer"}]
    assert data["publisher"]["name"] == "nutgraf"
    assert data["articleSection"] == "Climate"
    # Without a chart, the social image is the generated title card.
    assert data["image"] == ["/social/floods.png"]


def test_no_inline_script_can_be_closed_early(site: Path) -> None:
    html = (site / "explainers" / "floods" / "index.html").read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">')
    assert "</script>" not in html[start + 10 : html.index("</script>", start)]
    assert not page(site).select("script:not([src]):not([type='application/ld+json'])")


def test_social_tags_appear_once(site: Path) -> None:
    document = page(site)
    # A development build has no absolute address, so no canonical link (production builds do).
    assert document.find("link", rel="canonical") is None
    assert len(document.find_all("meta", property="og:title")) == 1
    properties = {m.get("property") or m.get("name"): m["content"] for m in document.find_all("meta", content=True)}
    assert properties["og:type"] == "article"
    assert properties["og:title"] == "Floods in the delta"
    assert properties["twitter:card"] == "summary_large_image"  # the generated title card
    assert properties["article:modified_time"] == "2026-03-05T10:30:00+00:00"


def test_related_explainers_share_topic_or_tags(site: Path) -> None:
    related = [a["href"] for a in page(site).select("section.related a")]
    assert related == ["/explainers/rain/"]
    assert page(site, "football").select("section.related") == []


def test_a_corrected_explainer_says_so_at_the_top_and_tells_machines(tmp_path: Path) -> None:
    text = VALID.replace("Tags:", "Corrections: 2026-03-04 09:00: The town is Hué, not Huế.\nTags:")
    root = make_project(tmp_path / "site", {"content/explainers/a.md": text})
    result = build_in_process("build", cwd=root)
    assert result.returncode == 0, result.stderr
    page = soup(root / "output" / "explainers" / "a" / "index.html")
    notice = page.select_one("aside.corrections")
    assert notice is not None and "The town is Hué, not Huế." in notice.get_text()
    assert notice.find_previous("h1") is not None and notice.find_next("section", id="whats-happening") is not None
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2026-03-04T09:00:00+00:00",
            "text": "The town is Hué, not Huế.",
        }
    ]
    assert data["dateModified"] == "2026-03-04T09:00:00+00:00"
