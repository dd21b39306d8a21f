"""What the search index reads from a built page: its text, with charts made searchable.

Charts are inline SVG: their axis ticks would only add noise to excerpts, while their
accessible names (``aria-label``, ``<title>``, ``<desc>``) say what they show. The index
gets a copy of each page where every SVG is replaced by those words; the page itself is
not changed.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

BODY_ATTRIBUTE = "data-pagefind-body"
HEADINGS = "h2, h3, h4, h5, h6"


def _text(element: LexborNode) -> str:
    return element.text(separator=" ", strip=True)


def _accessible_text(element: LexborNode) -> list[str]:
    """The words an assistive technology would read for a chart: its label, title and description."""
    texts = [element.attrs.get("aria-label") or ""]
    for child_name in ("title", "desc"):
        child = element.css_first(child_name)
        if child is not None:
            texts.append(_text(child))
    return [" ".join(text.split()) for text in texts if text and text.strip()]


def _unique(texts: list[str], already: str) -> list[str]:
    seen: list[str] = []
    for text in texts:
        if text not in seen and text not in already:
            seen.append(text)
    return seen


def _figure_of(element: LexborNode) -> LexborNode | None:
    parent = element.parent
    while parent is not None and parent.tag != "figure":
        parent = parent.parent
    return parent


def _span(document: LexborHTMLParser, text: str) -> LexborNode:
    span = document.create_node("span")
    span.insert_child(text)
    return span


def indexable_html(html: str) -> str | None:
    """The page as the index should read it, or None when the page is not searchable content.

    Only pages that mark their main content with ``data-pagefind-body`` are indexed
    (explainers and pages, not listings). Parsed by Lexbor (selectolax), an HTML5 parser that reads
    inline SVG as browsers do, in a fraction of BeautifulSoup's time (a chart's SVG is thousands of tags).
    """
    document = LexborHTMLParser(html)
    if document.css_first(f"[{BODY_ATTRIBUTE}]") is None:
        return None
    for svg in document.css("svg"):
        figure = _figure_of(svg)
        caption = figure.css_first("figcaption") if figure is not None else None
        around = _text(caption) if caption is not None else ""
        # Read the SVG's own words before removing it from the copy.
        svg.replace_with(_span(document, " ".join(_unique(_accessible_text(svg), around))))
    for labelled in document.css("figure[aria-label], [role=img][aria-label]"):
        texts = _unique(_accessible_text(labelled), _text(labelled))
        if texts:
            note = _span(document, " ".join(texts))
            if labelled.first_child is not None:
                labelled.first_child.insert_before(note)
            else:
                labelled.insert_child(note)
    # Pagefind links a sub-result to the id of the heading above the match. An explainer's section
    # carries the address readers share (#why-it-matters) and its heading a label id
    # (#why-it-matters-heading): in the index's copy the heading takes the section's id.
    for section in document.css("section[id]"):
        heading = section.css_first(HEADINGS)
        if heading is not None:
            heading.attrs["id"] = section.attrs["id"]
    return document.html


def page_url(relative_path: str) -> str:
    """The address a static host serves a file at: ``a/index.html`` is ``/a/``."""
    if relative_path == "index.html":
        return "/"
    if relative_path.endswith("/index.html"):
        return "/" + relative_path.removesuffix("index.html")
    return "/" + relative_path
