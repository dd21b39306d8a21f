"""A project site lives under a sub-path (https://user.github.io/repo/): every link must keep it."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import feedparser
import pytest

from nutgraf.driver.crawl import crawl, http_fetch, links_in
from tests.support import build_in_process

PREFIX = "/nutgraf-site"


class SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` at PREFIX/ only, as GitHub Pages serves a project site; 404 elsewhere."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if route != PREFIX and not route.startswith(PREFIX + "/"):
            return str(Path(self.directory) / ".outside-the-site")  # never exists
        return super().translate_path(path[len(PREFIX) :] or "/")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Like GitHub Pages: the site's own 404 page, at whatever depth was asked for.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file() or not urlsplit(self.path).path.startswith(PREFIX + "/"):
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The real content built for production at http://127.0.0.1:PORT/nutgraf-site and served there."""
    output = tmp_path_factory.mktemp("subpath") / "output"
    output.mkdir()
    handler = functools.partial(SubPathHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    site_url = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    result = build_in_process(
        "build", "--settings", "publishconf.py", "--output", str(output), env={"SITEURL": site_url}
    )
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site_url, output
    finally:
        server.shutdown()
        server.server_close()


def _start_urls(site_url: str, output: Path) -> list[str]:
    """The home page, then every page, feed, sitemap and text file, orphans included."""
    starts = [f"{site_url}/"]
    for path in sorted(output.rglob("*")):
        if path.suffix in {".html", ".xml", ".txt", ".css", ".json"}:
            starts.append(f"{site_url}/{path.relative_to(output).as_posix().removesuffix('index.html')}")
    return starts


def test_every_link_on_a_subpath_site_works(subpath_site: tuple[str, Path]) -> None:
    site_url, output = subpath_site
    result = crawl(http_fetch, _start_urls(site_url, output))
    assert [str(link) for link in result.broken] == []
    visited = {urlsplit(url).path for url in result.visited}
    # Links were followed, not only the start pages fetched: the stylesheet and favicon are only linked.
    assert f"{PREFIX}/favicon.ico" in visited
    assert any(re.fullmatch(f"{PREFIX}/theme/css/site\\.[0-9a-f]{{12}}\\.css", path) for path in visited), visited
    assert len(visited) >= 10


def test_the_404_page_works_at_any_depth(subpath_site: tuple[str, Path]) -> None:
    site_url, _ = subpath_site
    deep = f"{site_url}/no/such/page/here/"
    response = http_fetch(deep)
    assert response.status == 404
    assert b"Page not found" in response.body
    links, _ = links_in(deep, response)
    assert links, "the 404 page links nowhere"
    for url in links:
        if urldefrag(url)[0] == deep:  # the skip link, on the page itself
            continue
        assert url.startswith(site_url + "/"), f"{url} leaves the site's sub-path"
        assert http_fetch(url.split("#")[0]).status == 200, url


def test_feeds_keep_the_subpath(subpath_site: tuple[str, Path]) -> None:
    site_url, output = subpath_site
    feed = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"{site_url}/feeds/all.atom.xml"]
    assert feed.entries
    for entry in feed.entries:
        # The site-wide feed carries every language; translations live under their language's folder.
        assert re.match(rf"{re.escape(site_url)}/([a-z-]+/)?explainers/", entry.link), entry.link


def test_crawler_finds_a_link_that_drops_the_subpath(subpath_site: tuple[str, Path], tmp_path: Path) -> None:
    """The check is not vacuous: a root-relative link, fine at a domain's root, is broken here."""
    site_url, output = subpath_site
    page = output / "broken-on-purpose.html"
    page.write_text('<a href="/theme/css/site.css">x</a> <a href="./#no-such-id">y</a>', encoding="utf-8")
    try:
        result = crawl(http_fetch, f"{site_url}/broken-on-purpose.html")
    finally:
        page.unlink()
    reasons = sorted((link.url.removeprefix(site_url.split(PREFIX)[0]), link.reason) for link in result.broken)
    assert reasons == [
        ("/nutgraf-site/#no-such-id", "no element with id 'no-such-id'"),
        ("/theme/css/site.css", "HTTP 404"),
    ]
