"""The crawler on an in-memory site: what it follows, and what it calls broken."""

from __future__ import annotations

from nutgraf.driver.crawl import BrokenLink, Response, crawl

SITE = "https://example.org/repo"
HTML = "text/html; charset=utf-8"


def _fetcher(files: dict[str, tuple[str, str]]):
    fetched: list[str] = []

    def fetch(url: str) -> Response:
        fetched.append(url)
        if url in files:
            content_type, body = files[url]
            return Response(200, content_type, body.encode())
        return Response(404, HTML, b"not found")

    return fetch, fetched


def test_follows_pages_assets_css_feeds_and_checks_fragments() -> None:
    files = {
        f"{SITE}/": (
            HTML,
            '<link rel="stylesheet" href="theme/site.css"><img srcset="a.png 1x, b.png 2x">'
            '<a href="post/#part">ok</a><a href="post/#nope">bad</a><a href="#top">self</a><p id="top"></p>'
            '<a href="https://elsewhere.example/x">foreign</a><a href="mailto:a@b">mail</a>'
            f'<figure data-spec="{SITE}/charts/c.json"></figure>',
        ),
        f"{SITE}/theme/site.css": ("text/css", "body { background: url('../img/bg.svg') }"),
        f"{SITE}/img/bg.svg": ("image/svg+xml", "<svg/>"),
        f"{SITE}/a.png": ("image/png", ""),
        f"{SITE}/post/": (HTML, '<h2 id="part">x</h2><a href="/theme/site.css">root-relative</a>'),
        f"{SITE}/charts/c.json": ("application/json", "{}"),
        f"{SITE}/feed.xml": (
            "application/atom+xml",
            '<feed xmlns="http://www.w3.org/2005/Atom"><link href="https://example.org/repo/post/"/>'
            '<entry><link href="https://example.org/repo/gone/"/></entry></feed>',
        ),
    }
    fetch, fetched = _fetcher(files)
    result = crawl(fetch, [f"{SITE}/", f"{SITE}/feed.xml"])
    assert result.broken == [
        BrokenLink(f"{SITE}/", f"{SITE}/b.png", "HTTP 404"),
        BrokenLink(f"{SITE}/", f"{SITE}/post/#nope", "no element with id 'nope'"),
        BrokenLink(f"{SITE}/feed.xml", f"{SITE}/gone/", "HTTP 404"),
        BrokenLink(f"{SITE}/post/", "https://example.org/theme/site.css", "HTTP 404"),
    ]
    assert "https://elsewhere.example/x" not in fetched
    assert len(fetched) == len(set(fetched)), "a URL was fetched twice"
    assert f"{SITE}/img/bg.svg" in fetched


def test_a_broken_start_url_is_reported() -> None:
    fetch, _ = _fetcher({})
    assert crawl(fetch, f"{SITE}/").broken == [BrokenLink("(start)", f"{SITE}/", "HTTP 404")]
