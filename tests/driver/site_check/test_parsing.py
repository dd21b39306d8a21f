"""The site checks' parsing, without a browser or a server."""

from __future__ import annotations

import json
from pathlib import Path

from nutgraf.driver.crawl import Response, links_in
from nutgraf.driver.site_check.feeds import check_feed
from nutgraf.driver.site_check.findings import Finding, Report
from nutgraf.driver.site_check.html_validator import parse_messages

BASE = "http://127.0.0.1:9/"


def test_vnu_errors_become_findings_at_the_page_and_line(tmp_path: Path) -> None:
    report = json.dumps(
        {
            "messages": [
                {"type": "error", "url": f"file:{tmp_path}/a/index.html", "lastLine": 7, "message": "Stray end tag."},
                {"type": "info", "subType": "warning", "url": f"file:{tmp_path}/a/index.html", "message": "Advice."},
            ]
        }
    )
    assert parse_messages(report, tmp_path) == [Finding("html", "/a/index.html:7", "Stray end tag.")]


def test_references_cover_links_assets_srcsets_and_social_images() -> None:
    html = b"""<link rel="stylesheet" href="/s.css"><meta property="og:image" content="/c.png">
    <a href="/a/#x">a</a><img src="i.png" srcset="i1.png 1x, i2.png 2x" alt=""><script src="/j.js"></script>"""
    links, _ = links_in(BASE + "p/", Response(200, "text/html", html))
    expected = ["s.css", "c.png", "a/#x", "p/i.png", "p/i1.png", "p/i2.png", "j.js"]
    assert sorted(links) == sorted(BASE + path for path in expected)


def test_sitemap_locations_are_read() -> None:
    xml = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc> http://x/a/ </loc></url></urlset>'
    assert links_in(BASE + "sitemap.xml", Response(200, "application/xml", xml))[0] == ["http://x/a/"]


def test_a_broken_feed_is_a_finding() -> None:
    good = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-01-01T00:00:00Z</updated></feed>'
    assert check_feed(BASE + "f.atom.xml", Response(200, "application/atom+xml", good), BASE) == []
    [finding] = check_feed(BASE + "f.atom.xml", Response(200, "application/atom+xml", good[:40]), BASE)
    assert finding.check == "feeds" and finding.location == "/f.atom.xml"


def test_report_prints_one_count_per_check(capsys) -> None:
    report = Report([Finding("links", "/a/", "b -> HTTP 404")])
    report.print()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "/a/: [links] b -> HTTP 404"
    assert len(out) == 7
    assert out[2].split()[0] == "1" and "broken links" in out[2]
    assert not report.ok
