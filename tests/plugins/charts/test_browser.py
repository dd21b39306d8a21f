"""The real site in Debian's Chromium: static without JavaScript, interactive with it, under the strict CSP."""

from __future__ import annotations

import itertools

import feedparser
import pytest
from playwright.sync_api import Browser, Locator, Page

pytestmark = pytest.mark.browser

PAGE = "explainers/iowa-electricity-renewables/"
# Reports every Content-Security-Policy violation as a console error, which the tests collect.
REPORT_CSP = (
    "document.addEventListener('securitypolicyviolation',"
    " e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
)


def test_static_chart_is_visible_without_javascript(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + PAGE)
    chart = page.locator("figure.chart").first
    static = chart.locator("svg.chart-svg-wide")
    assert static.is_visible()
    assert static.bounding_box()["width"] > 500
    assert chart.locator(".chart-graphic").get_attribute("role") == "img"
    assert chart.locator(".chart-interactive").count() == 0
    context.close()


def _is_runtime(url: str) -> bool:
    return url.endswith("chart-runtime.min.js") or url.endswith(".vg.json")


@pytest.mark.parametrize("width", [1280, 320])
def test_chart_upgrades_in_place_after_an_interaction_with_tooltips_and_no_errors(
    browser: Browser, site_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800}, has_touch=width < 600)
    page = context.new_page()
    messages: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: messages.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    page.on("request", lambda request: requests.append(request.url))
    page.add_init_script(REPORT_CSP)
    page.goto(site_url + PAGE, wait_until="load")
    page.wait_for_load_state("networkidle")
    chart = page.locator("figure.chart").first
    graphic = chart.locator(".chart-graphic")
    assert graphic.is_visible()  # the first chart is on screen at load, yet nothing of the runtime was fetched
    assert [url for url in requests if _is_runtime(url)] == []
    assert graphic.locator(".chart-interactive").count() == 0
    before = graphic.bounding_box()

    if width < 600:
        graphic.tap()  # a touch is intent too
    else:
        graphic.hover()
    page.wait_for_selector("figure.chart .chart-graphic.chart-is-interactive", state="attached", timeout=15000)

    after = graphic.bounding_box()
    assert (after["width"], after["height"]) == (before["width"], before["height"])  # no layout shift
    interactive = graphic.locator(".chart-interactive svg.marks")
    assert interactive.is_visible()
    mark = graphic.locator(".chart-interactive .role-mark path").last  # the renewables area, at the bottom
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] - 2)
    tooltip = page.locator(".chart-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert "Renewables" in tooltip.inner_text()
    assert "Thousand MWh" in tooltip.inner_text()
    assert [m for m in messages if m.startswith(("error", "pageerror", "warning"))] == []
    context.close()


def test_keyboard_focus_in_a_chart_upgrades_it(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(site_url + PAGE)
    chart = page.locator("figure.chart").first
    chart.locator(".chart-source a, .chart-download").first.focus()
    page.wait_for_selector("figure.chart .chart-graphic.chart-is-interactive", state="attached", timeout=15000)
    context.close()


def test_only_same_origin_scripts_and_no_eval(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + PAGE)
    page.mouse.wheel(0, 200)  # the reader's first scroll arms the near-viewport upgrade for later charts
    page.locator("figure.chart").last.scroll_into_view_if_needed()
    page.wait_for_selector("figure.chart >> nth=1 >> .chart-is-interactive", state="attached", timeout=15000)
    assert requests and all(url.startswith(site_url) for url in requests)
    assert sum(url.endswith("chart-runtime.min.js") for url in requests) == 1  # loaded once, for every chart
    context.close()


# Every visible text of every static chart shown: its box, the chart's box, and the axis it labels (-1 if none).
LABEL_BOXES = """() => Array.from(document.querySelectorAll("svg.chart-svg")).filter(svg => svg.getClientRects().length)
  .map(svg => {
    const frame = svg.getBoundingClientRect();
    const axes = Array.from(svg.querySelectorAll(".role-axis"));
    const texts = Array.from(svg.querySelectorAll("text"))
      .filter(text => text.getAttribute("opacity") !== "0" && text.textContent.trim());
    return {left: frame.left, right: frame.right, labels: texts.map(text => {
      const box = text.getBoundingClientRect();
      return {text: text.textContent, axis: axes.indexOf(text.closest(".role-axis")),
              left: box.left, right: box.right, top: box.top, bottom: box.bottom};
    })};
  })"""


@pytest.mark.parametrize(
    ("page_path", "width", "media"),
    [
        (page_path, width, media)
        for page_path in (PAGE, "explainers/us-jobs-great-recession/")
        for width, media in ((360, "screen"), (1280, "screen"), (794, "print"))
    ],
)
def test_static_labels_stay_inside_the_chart_and_apart_in_the_fonts_chromium_draws(
    browser: Browser, site_url: str, page_path: str, width: int, media: str
) -> None:
    """Text is measured at build time in another engine; here it is drawn with the reader's fonts (DejaVu Sans
    for system-ui on Debian, as wide as UI fonts get): no label may cross the chart's edge or touch another."""
    context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    page.goto(site_url + page_path)
    page.emulate_media(media=media)
    charts = page.evaluate(LABEL_BOXES)
    assert charts
    for chart in charts:
        assert not [label["text"] for label in chart["labels"] if label["text"].endswith("…")]  # wrapped, never cut
        for label in chart["labels"]:
            assert label["left"] >= chart["left"] - 0.5 and label["right"] <= chart["right"] + 0.5, label
        for axis in {label["axis"] for label in chart["labels"] if label["axis"] >= 0}:
            boxes = [label for label in chart["labels"] if label["axis"] == axis]
            for one, other in itertools.combinations(boxes, 2):
                apart = (
                    one["right"] <= other["left"]
                    or other["right"] <= one["left"]
                    or one["bottom"] <= other["top"]
                    or other["bottom"] <= one["top"]
                )
                assert apart, (one["text"], other["text"])
    context.close()


def _interactive(page: Page, figure: Locator) -> None:
    figure.locator(".chart-graphic.chart-is-interactive").wait_for(state="attached", timeout=15000)
    page.wait_for_timeout(100)


def test_a_tap_near_a_point_shows_its_values_and_a_tap_outside_hides_them(browser: Browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + PAGE)
    figure = page.locator("figure#iowa-renewables-share")
    figure.scroll_into_view_if_needed()
    graphic = figure.locator(".chart-graphic")
    box = graphic.bounding_box()
    page.touchscreen.tap(box["x"] + 4, box["y"] + 4)  # the first tap is intent: the view upgrades
    _interactive(page, figure)
    # The points, left to right, are the years 2001 to 2017: tap 10 px above the tenth, 2010.
    points = figure.locator(".chart-interactive svg.marks .role-mark.mark-symbol path")
    assert points.count() == 17
    point = sorted((points.nth(i).bounding_box() for i in range(17)), key=lambda b: b["x"])[9]
    page.touchscreen.tap(point["x"] + point["width"] / 2, point["y"] + point["height"] / 2 - 10)
    tooltip = page.locator(".chart-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().split("\n") == ["Year: 2010", "Renewables' share: 17.9%", "Thousand MWh: 10,308"]
    ring = figure.locator(".chart-focus-ring").bounding_box()
    assert abs(ring["x"] + ring["width"] / 2 - (point["x"] + point["width"] / 2)) < 1  # the point is marked
    page.touchscreen.tap(180, page.locator("h1").bounding_box()["y"] + 5)  # outside the chart
    tooltip.wait_for(state="hidden", timeout=5000)
    assert figure.locator(".chart-focus-ring").count() == 0
    context.close()


def test_keyboard_steps_through_the_points_announcing_each_in_the_tooltips_words(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(site_url + PAGE)
    figure = page.locator("figure#iowa-renewables-share")
    live = figure.locator("[aria-live]")
    assert live.text_content() == ""
    for _ in range(80):  # Tab from the top of the page until the chart has focus: one stop per chart
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('#iowa-renewables-share .chart-graphic')"):
            break
    else:
        pytest.fail("Tab never reached the chart")
    _interactive(page, figure)
    assert live.text_content() == "Year: 2001, Renewables' share: 3.5%, Thousand MWh: 1,437"
    page.keyboard.press("ArrowRight")
    assert live.text_content() == "Year: 2002, Renewables' share: 4.6%, Thousand MWh: 1,963"
    tooltip = page.locator(".chart-tooltip")
    assert tooltip.is_visible() and ", ".join(tooltip.inner_text().split("\n")) == live.text_content()
    page.keyboard.press("End")
    assert live.text_content().startswith("Year: 2017")
    page.keyboard.press("Escape")
    assert tooltip.is_hidden()
    page.keyboard.press("Tab")  # and on out of the chart: the next stop is not another point
    assert not page.evaluate("document.activeElement.matches('.chart-graphic')")
    context.close()


def test_a_feed_entry_without_the_site_s_css_reads_title_image_then_source(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Feed readers drop the stylesheet that places the source under the chart: the entry itself is in order."""
    from tests.plugins.charts.test_build import CHART_A, files
    from tests.support import make_project, run_nutgraf

    chart = CHART_A.replace("alt:", "subtitle: Thousands, by year\nalt:")
    root = make_project(tmp_path_factory.mktemp("feed") / "site", files(chart))
    result = run_nutgraf("build", "--settings", "publishconf.py", cwd=root, env={"SITEURL": "https://example.org"})
    assert result.returncode == 0, result.stderr
    output = root / "output"
    feed = feedparser.parse((output / "feeds" / "all.atom.xml").read_bytes())
    entry = feed.entries[0].content[0].value
    context = browser.new_context(viewport={"width": 600, "height": 900})
    page = context.new_page()
    # The entry's image, from the built site: no request leaves the machine.
    page.route("https://example.org/**", lambda route: route.fulfill(path=output / route.request.url.split("/", 3)[3]))
    page.set_content(f"<!doctype html><html><body>{entry}</body></html>", wait_until="load")
    assert page.evaluate("document.styleSheets.length") == 0
    page.screenshot(path=str(tmp_path_factory.mktemp("screens") / "feed-entry.png"))

    def box(selector: str) -> dict[str, float]:
        found = page.locator(f"figure.chart {selector}")
        assert found.count() == 1, selector
        return found.bounding_box()

    title, subtitle, image, source = (box(s) for s in (".chart-title", ".chart-subtitle", "img", ".chart-source"))
    assert image["height"] > 100 and page.evaluate("document.querySelector('figure.chart img').naturalWidth") > 0
    assert title["y"] + title["height"] <= subtitle["y"] < subtitle["y"] + subtitle["height"] <= image["y"]
    assert image["y"] + image["height"] <= source["y"]  # the source is its own line, under the chart
    assert page.locator("figure.chart .chart-source").inner_text() == "Source: Test bureau"
    context.close()
