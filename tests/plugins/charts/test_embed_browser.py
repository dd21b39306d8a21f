"""A chart embedded in another site's page: the host page on one origin, the built site on another, in Chromium."""

from __future__ import annotations

import functools
import http.server
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Frame, Locator, Page

pytestmark = pytest.mark.browser

EMBED = "explainers/iowa-electricity-renewables/embed/iowa-generation-by-source/"
# Every Content-Security-Policy violation, in any frame, as a console error (init scripts run in every frame).
REPORT_CSP = (
    "document.addEventListener('securitypolicyviolation',"
    " e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
)
HOST_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>A partner's story</title><link rel="icon" href="data:,"></head>
<body><main><h1>A partner's story</h1><p>Text before the chart.</p>
{code}
<p>Text after the chart.</p></main></body>
</html>
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@pytest.fixture(scope="module")
def host_url(tmp_path_factory: pytest.TempPathFactory, built_site: Path, site_url: str) -> Iterator[str]:
    """A page on another origin (another port) holding the chart's embed code as its oEmbed file gives it.

    The test build has no SITEURL, so the code's addresses are made absolute here, as production writes them."""
    folder = tmp_path_factory.mktemp("host")
    answer = json.loads((built_site / EMBED / "oembed.json").read_text(encoding="utf-8"))
    code = answer["html"].replace('src="/', f'src="{site_url}')
    assert code.count(site_url) == 2  # the iframe and the resize script
    (folder / "index.html").write_text(HOST_PAGE.format(code=code), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _embed(page: Page) -> tuple[Locator, Frame]:
    iframe = page.locator("iframe[data-nutgraf-embed]")
    frame = iframe.element_handle().content_frame()
    assert frame is not None
    frame.wait_for_load_state("load")
    return iframe, frame


def _content_height(frame: Frame) -> float:
    return frame.evaluate("document.querySelector('.embed-frame').getBoundingClientRect().height")


def _wait_until_fitted(iframe: Locator, frame: Frame) -> float:
    """The iframe's height once it equals the embed page's content height (the resize script's work)."""
    deadline = time.monotonic() + 10
    while True:
        height, content = iframe.bounding_box()["height"], _content_height(frame)
        if abs(height - content) <= 1 or time.monotonic() > deadline:
            assert abs(height - content) <= 1, (height, content)
            return height
        time.sleep(0.1)


@pytest.mark.parametrize(("width", "render"), [(800, "wide"), (360, "narrow")])
def test_an_embedded_chart_shows_fits_its_frame_and_upgrades_with_no_errors_in_either_frame(
    browser: Browser, host_url: str, site_url: str, width: int, render: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(REPORT_CSP)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    page.goto(host_url, wait_until="load")
    iframe, frame = _embed(page)
    assert frame.url == site_url + EMBED
    assert not site_url.startswith(host_url)  # two origins

    height = _wait_until_fitted(iframe, frame)
    assert height > 300
    # The phone's render where the frame is narrow, as on the site: the frame has no fixed aspect any more.
    assert frame.locator(f".chart-svg-{render}").is_visible()
    assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight")  # nothing scrolls

    graphic = frame.locator(".chart-graphic")
    graphic.hover()
    frame.wait_for_selector(".chart-graphic.chart-is-interactive", state="attached", timeout=15000)
    assert graphic.locator(".chart-interactive svg.marks").is_visible()
    _wait_until_fitted(iframe, frame)

    frame.locator("details.chart-data summary").click()  # the data table opens: the frame grows with it
    assert _wait_until_fitted(iframe, frame) > height + 100

    frame.evaluate("console.info('the embed frame is heard')")
    assert "info: the embed frame is heard" in messages  # the recorder hears both frames
    assert [m for m in messages if m.startswith(("error", "pageerror", "warning"))] == []
    context.close()


def test_the_resize_script_takes_a_height_only_from_its_frame(browser: Browser, host_url: str) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 900})
    page = context.new_page()
    page.goto(host_url, wait_until="load")
    iframe, frame = _embed(page)
    height = _wait_until_fitted(iframe, frame)
    page.evaluate("window.postMessage({nutgraf: 'embed-height', height: 40}, '*')")  # the host's own window
    page.wait_for_timeout(300)
    assert iframe.bounding_box()["height"] == height
    context.close()


def test_without_javascript_the_frame_shows_the_whole_static_chart_in_its_aspect(
    browser: Browser, host_url: str
) -> None:
    context = browser.new_context(viewport={"width": 800, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.goto(host_url, wait_until="load")
    iframe, frame = _embed(page)
    box = iframe.bounding_box()
    wide = frame.locator("svg.chart-svg-wide")
    assert wide.is_visible()
    assert wide.bounding_box()["width"] > 700
    assert frame.locator(".chart-interactive").count() == 0
    # The box is the chart's aspect plus room for its text: the whole figure and its credit show, unscrolled.
    assert _content_height(frame) <= box["height"]
    assert frame.locator(".embed-credit a").is_visible()
    context.close()
