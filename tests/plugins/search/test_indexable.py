"""What the search index reads from a page: its text, with charts' accessible names in place of their SVG."""

from __future__ import annotations

from bs4 import BeautifulSoup

from nutgraf.plugins.search.indexable import indexable_html, page_url

PAGE = """<html><body><main data-pagefind-body>
<section id="why-it-matters"><h2>Why it matters</h2>
<figure aria-label="Crossings by month"><svg role="img" aria-label="Ferry crossings, 2025">
<title>Ferry crossings, 2025</title>
<desc>Falling after March.</desc><text>Jan</text></svg><figcaption>Arrivals fell. Source: X.</figcaption></figure>
</section></main></body></html>"""


def test_pages_without_a_searchable_body_are_not_indexed() -> None:
    assert indexable_html("<html><body><main><h1>Archive</h1></main></body></html>") is None


def test_svg_is_replaced_by_its_accessible_name_and_description_once() -> None:
    document = BeautifulSoup(indexable_html(PAGE), "html.parser")
    assert document.find("svg") is None
    text = document.get_text(" ", strip=True)
    assert text.count("Ferry crossings, 2025") == 1
    assert "Falling after March." in text
    assert "Crossings by month" in text
    assert "Jan" not in text  # axis ticks are noise in excerpts
    assert "Arrivals fell." in text


def test_a_section_id_names_its_heading_so_results_can_link_to_the_section() -> None:
    document = BeautifulSoup(indexable_html(PAGE), "html.parser")
    assert document.find("h2")["id"] == "why-it-matters"


def test_a_heading_with_its_own_id_takes_the_section_id_in_the_index_copy() -> None:
    page = (
        '<main data-pagefind-body><section id="whats-next" aria-labelledby="whats-next-heading">'
        '<h2 id="whats-next-heading">What\'s next</h2><p>Talks resume.</p></section></main>'
    )
    document = BeautifulSoup(indexable_html(page), "html.parser")
    assert document.find("h2")["id"] == "whats-next"


def test_page_url_is_the_address_a_static_host_serves() -> None:
    assert page_url("index.html") == "/"
    assert page_url("explainers/a/index.html") == "/explainers/a/"
    assert page_url("404.html") == "/404.html"
