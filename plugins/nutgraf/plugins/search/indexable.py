"""What the search index reads from a built page: its text, with charts made searchable.

Charts are inline SVG: their axis ticks would only add noise to excerpts, while their
accessible names (``aria-label``, ``<title>``, ``<desc>``) say what they show. The index
gets a copy of each page where every SVG is replaced by those words; the page itself is
not changed.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

BODY_ATTRIBUTE = "data-pagefind-body"
HEADINGS = ("h2", "h3", "h4", "h5", "h6")


def _accessible_text(element: Tag) -> list[str]:
    """The words an assistive technology would read for a chart: its label, title and description."""
    texts = [element.get("aria-label", "")]
    for child_name in ("title", "desc"):
        child = element.find(child_name)
        if child is not None:
            texts.append(child.get_text(" ", strip=True))
    return [" ".join(text.split()) for text in texts if text and text.strip()]


def _unique(texts: list[str], already: str) -> list[str]:
    seen: list[str] = []
    for text in texts:
        if text not in seen and text not in already:
            seen.append(text)
    return seen


def indexable_html(html: str) -> str | None:
    """The page as the index should read it, or None when the page is not searchable content.

    Only pages that mark their main content with ``data-pagefind-body`` are indexed
    (explainers and pages, not listings).
    """
    document = BeautifulSoup(html, "html.parser")
    if document.find(attrs={BODY_ATTRIBUTE: True}) is None:
        return None
    for svg in document.find_all("svg"):
        figure = svg.find_parent("figure")
        caption = figure.find("figcaption") if figure is not None else None
        around = caption.get_text(" ", strip=True) if caption is not None else ""
        # Read the SVG's own words before removing it from the copy.
        texts = _unique(_accessible_text(svg), around)
        replacement = document.new_tag("span")
        replacement.string = " ".join(texts)
        svg.replace_with(replacement)
    for labelled in document.select("figure[aria-label], [role=img][aria-label]"):
        texts = _unique(_accessible_text(labelled), labelled.get_text(" ", strip=True))
        if texts:
            note = document.new_tag("span")
            note.string = " ".join(texts)
            labelled.insert(0, note)
    # Pagefind links a sub-result to the id of the heading above the match. An explainer's section
    # carries the address readers share (#why-it-matters) and its heading a label id
    # (#why-it-matters-heading): in the index's copy the heading takes the section's id.
    for section in document.select("section[id]"):
        heading = section.find(HEADINGS)
        if heading is not None:
            heading["id"] = section["id"]
    return str(document)


def page_url(relative_path: str) -> str:
    """The address a static host serves a file at: ``a/index.html`` is ``/a/``."""
    if relative_path == "index.html":
        return "/"
    if relative_path.endswith("/index.html"):
        return "/" + relative_path.removesuffix("index.html")
    return "/" + relative_path
