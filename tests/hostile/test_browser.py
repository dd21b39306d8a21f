"""Hostile chart titles and data in Chromium, JavaScript on: hovering every mark runs no payload, breaks no CSP."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from nutgraf.driver.serve import make_server
from nutgraf.driver.site_check.browser import CHROMIUM_ARGS, chromium_executable
from tests.hostile.payloads import CHART_ONLY, CLOSING_LABEL, LABEL, build_site
from tests.plugins.charts.test_browser import REPORT_CSP

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    output = build_site(tmp_path_factory.mktemp("hostile-browser") / "site", CHART_ONLY)
    server = make_server(Path(output), port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/explainers/hostile/"
    server.shutdown()
    server.server_close()


def test_hovering_hostile_marks_runs_no_payload(site_url: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        messages: list[str] = []
        page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
        page.add_init_script(REPORT_CSP)
        page.goto(site_url)
        tips: set[str] = set()
        for figure in page.locator("figure.chart").all():
            figure.scroll_into_view_if_needed()
            graphic = figure.locator(".chart-graphic.chart-is-interactive")
            graphic.wait_for(state="attached", timeout=15000)
            marks = figure.locator(".chart-interactive svg .role-mark path, .chart-interactive svg .role-mark line")
            marks.first.wait_for(state="attached", timeout=5000)
            for index in range(marks.count()):
                mark = marks.nth(index)
                if mark.bounding_box():
                    mark.hover(force=True)
                    tooltip = page.locator(".chart-tooltip")
                    if tooltip.is_visible():
                        tips.add(tooltip.inner_text())
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert any(LABEL in tip for tip in tips), tips  # the tooltip shows the payload as text
        assert any(CLOSING_LABEL in tip for tip in tips), tips
        assert page.locator("figure.chart script, .chart-tooltip *:is(script, img)").count() == 0
        assert [m for m in messages if m.startswith(("error", "pageerror"))] == []
        browser.close()
