"""Reading a built site in tests: its pages, links and asset references."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

# Attributes that make a browser fetch or navigate to another resource.
LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "srcset", "iframe": "src"}


def pages(output: Path) -> Iterator[Path]:
    yield from sorted(output.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def references(page: Path) -> Iterator[tuple[str, str]]:
    """Every (tag name, URL) a page links to or loads."""
    for tag, attribute in LINK_ATTRIBUTES.items():
        for element in soup(page).find_all(tag):
            value = element.get(attribute)
            if value:
                yield tag, value.split(" ")[0] if attribute == "srcset" else value


def resolve_internal(output: Path, page: Path, url: str, site_prefix: str = "") -> Path | None:
    """The file in ``output`` that an internal URL points to; None for other origins."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "data:")):
        return None
    path = unquote(parts.path)
    if not path:  # a fragment on the same page
        return page
    if path.startswith("/"):
        assert path.startswith(site_prefix + "/"), f"{url} escapes the site's prefix {site_prefix!r}"
        target = output / path[len(site_prefix) + 1 :]
    else:
        target = page.parent / path
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target
