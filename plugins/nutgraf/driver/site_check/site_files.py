"""The files of a built site, as the checks address them."""

from __future__ import annotations

from pathlib import Path

FEED_SUFFIXES = (".atom.xml", ".rss.xml")


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def page_url(base_url: str, output: Path, path: Path) -> str:
    """The URL a static host serves ``path`` at: ``a/index.html`` is ``a/``."""
    relative = path.relative_to(output).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        relative = relative.removesuffix("index.html")
    return base_url + relative


def feed_files(output: Path) -> list[Path]:
    return sorted(path for path in output.rglob("*.xml") if path.name.endswith(FEED_SUFFIXES))


def site_path(base_url: str, url: str) -> str:
    """A URL on the site as a short path for reports (``/explainers/a/#x``)."""
    return "/" + url.removeprefix(base_url) if url.startswith(base_url) else url
