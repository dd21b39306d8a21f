"""The pieces of a chart's embed: its address, iframe code, oEmbed answer and the explainer's disclosure."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from nutgraf.plugins.charts.embeds import (
    FRAME_PADDING,
    disclosure_html,
    embed_folder,
    frame_size,
    headed,
    oembed,
    oembed_json,
    snippet,
    svg_size,
)

URL = "https://example.org/news/explainers/a/embed/chart-x/"
SCRIPT = "https://example.org/news/theme/js/embed-resize.js"


def test_the_embed_page_lives_under_its_page_in_the_page_s_language() -> None:
    assert embed_folder("explainers/a/", "chart-x") == "explainers/a/embed/chart-x/"
    assert embed_folder("zh-hans/explainers/a/", "chart-x") == "zh-hans/explainers/a/embed/chart-x/"
    assert embed_folder("explainers/a.html", "chart-x") == "explainers/a/embed/chart-x/"


def test_the_svg_size_is_read_from_its_root_element() -> None:
    assert svg_size(
        b'<svg xmlns="http://www.w3.org/2000/svg" class="x" width="608" height="380.5" viewBox="0 0 1 1">'
    ) == (
        608.0,
        380.5,
    )


def test_the_frame_is_the_chart_plus_its_text_and_more_text_makes_it_taller() -> None:
    plain = frame_size(608, 380, "A title", "", "")
    assert plain.width == 608 + 2 * FRAME_PADDING
    assert plain.height > 380
    longer = frame_size(608, 380, "A title " * 10, "A subtitle " * 8, "A note")
    assert longer.height > plain.height
    assert longer.width == plain.width


def test_the_box_keeps_the_chart_s_aspect_plus_its_text_at_any_width() -> None:
    size = frame_size(600, 300, "A title", "", "")
    style = size.box_style()
    assert style.startswith("position:relative;padding-top:calc(50.00% + ")
    extra = int(style.removeprefix("position:relative;padding-top:calc(50.00% + ").removesuffix("px)"))
    # At the desktop width the box is exactly the frame's height; at any width, the chart's height plus its text.
    assert size.width * 0.5 + extra == size.height
    assert 320 * 0.5 + extra == (320 - 2 * FRAME_PADDING) * 0.5 + size.text_height


def test_the_snippet_is_a_titled_iframe_in_its_box_and_the_optional_resize_script() -> None:
    code = snippet(URL, 'Jobs "lost" & <found>', frame_size(608, 380, "t", "", ""), SCRIPT)
    document = BeautifulSoup(code, "html.parser")
    box, script = document.contents
    assert box.name == "div" and "padding-top:calc(" in box["style"]
    (frame,) = box.contents
    assert frame.name == "iframe"
    assert frame["src"] == URL
    assert frame["title"] == 'Jobs "lost" & <found>'
    assert frame.has_attr("data-nutgraf-embed")
    assert frame["loading"] == "lazy"
    assert "width:100%;height:100%" in frame["style"]
    assert script.name == "script" and script["src"] == SCRIPT and script.has_attr("async")
    assert "&quot;lost&quot; &amp; &lt;found&gt;" in code  # escaped
    assert "\n" not in code  # one line, as a CMS's embed field takes it


def test_the_oembed_answer_is_a_rich_type_with_the_snippet() -> None:
    size = frame_size(608, 380, "t", "", "")
    code = snippet(URL, "A chart", size, SCRIPT)
    answer = oembed(
        title="A chart",
        html=code,
        size=size,
        provider_name="nutgraf",
        provider_url="https://example.org/news/",
        thumbnail=("https://example.org/news/charts/x.png", 608, 380),
    )
    parsed = json.loads(oembed_json(answer))
    assert parsed["version"] == "1.0"
    assert parsed["type"] == "rich"
    assert parsed["html"] == code
    assert (parsed["width"], parsed["height"]) == (size.width, size.height)
    assert parsed["title"] == "A chart"
    assert parsed["provider_name"] == "nutgraf"
    assert parsed["provider_url"] == "https://example.org/news/"
    assert (parsed["thumbnail_url"], parsed["thumbnail_width"], parsed["thumbnail_height"]) == (
        "https://example.org/news/charts/x.png",
        608,
        380,
    )
    assert "thumbnail_url" not in oembed(
        title="t", html=code, size=size, provider_name="n", provider_url="https://example.org/"
    )


def test_the_disclosure_holds_the_code_to_copy_in_a_labelled_field_in_the_page_s_language() -> None:
    code = snippet(URL, "A chart", frame_size(608, 380, "t", "", ""), SCRIPT)
    words = {"Embed": "嵌入", "Copy this code to show the chart on another website:": "复制这段代码："}
    document = BeautifulSoup(disclosure_html(code, "chart-x", lambda m: words.get(m, m)), "html.parser")
    details = document.select_one("details.chart-embed")
    assert details is not None and details.has_attr("data-pagefind-ignore")
    assert details.select_one("summary").get_text() == "嵌入"
    field = details.select_one("textarea")
    assert field.has_attr("readonly")
    assert details.select_one("label")["for"] == field["id"] == "chart-x-embed-code"
    assert field.get_text() == code  # exactly what an editor copies


def test_the_embed_page_heads_its_figure_with_the_chart_s_title() -> None:
    figure = (
        '<figure><figcaption><p class="chart-title">Jobs</p>\n<p class="chart-subtitle">s</p></figcaption></figure>'
    )
    assert headed(figure).startswith('<figure><figcaption><h1 class="chart-title">Jobs</h1>')
    assert headed("<figure><p>no title</p></figure>") == "<figure><p>no title</p></figure>"
