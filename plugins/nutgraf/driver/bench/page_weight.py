"""What a reader downloads for one explainer page, gzipped: HTML, stylesheets and scripts."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def page_gz_bytes(output: Path, page: Path, extra_scripts: list[Path] | None = None) -> int:
    """The gzipped bytes of ``page`` plus every stylesheet and script it references.

    ``extra_scripts`` are files a page's scripts load later (e.g. the chart runtime).
    """
    html = page.read_bytes()
    document = BeautifulSoup(html, "html.parser")
    files: set[Path] = set(extra_scripts or [])
    for element in document.find_all(["link", "script"]):
        url = element.get("src") or (element.get("href") if "stylesheet" in (element.get("rel") or []) else None)
        if url and not urlsplit(url).netloc:
            files.add(output / urlsplit(url).path.lstrip("/"))
    return _gz(html) + sum(_gz(path.read_bytes()) for path in sorted(files) if path.is_file())
