"""Charts on other sites: each chart's embed page, its ``<iframe>`` snippet and its oEmbed answer.

An embed page holds only the figure (the same static SVGs and interactive upgrade as on the explainer)
and a link back to the explainer. It lives under the explainer's own address, so it is in the explainer's
language and follows a sub-path SITEURL: ``explainers/a/`` → ``explainers/a/embed/<anchor>/``, with
``oembed.json`` beside it. Pure functions here; ``embed_pages`` (the Pelican writer's side) uses them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

EMBED_FOLDER = "embed"
OEMBED_FILE = "oembed.json"
RESIZE_SCRIPT = "js/embed-resize.js"  # in the theme's static folder: the host page's optional script
SVG_SIZE = re.compile(rb'<svg[^>]*?\swidth="(\d+(?:\.\d+)?)"[^>]*?\sheight="(\d+(?:\.\d+)?)"')

# The embed page's box around the chart, in CSS pixels (theme/static/css/embed.css and charts.css), as laid out
# at the narrowest phone's width (320 px), where its text takes the most lines. The iframe's box is the chart's
# aspect plus this, so that without the resize script the whole figure shows at any width from 320 px up (wider,
# some room is left below it); the line lengths are guesses, so the credit line's room is counted twice.
FRAME_PADDING = 12  # on each side
TITLE_LINE, TITLE_CHARACTERS = 22, 28  # 17 px bold text at line height 1.3; characters in one line
TEXT_LINE, TEXT_CHARACTERS = 21, 36  # 15 and 14 px text: subtitle and note
FIXED_TEXT = 12 + 134 + 42 + 2 * 24  # gap above the chart, source and links (three lines), "Show the data", credit


@dataclass(frozen=True)
class FrameSize:
    """The embed page's size: its chart's desktop render plus the text around it."""

    chart_width: float
    chart_height: float
    text_height: int

    @property
    def width(self) -> int:
        return math.ceil(self.chart_width) + 2 * FRAME_PADDING

    @property
    def height(self) -> int:
        return math.ceil(self.chart_height) + self.text_height

    def box_style(self) -> str:
        """The iframe's box: as high as the chart at the box's width (a percentage of it) plus its text."""
        ratio = self.chart_height / self.chart_width
        text = self.text_height - 2 * FRAME_PADDING * ratio  # the padding's share of the chart's width is text
        return f"position:relative;padding-top:calc({100 * ratio:.2f}% + {text:.0f}px)"


def svg_size(svg: bytes) -> tuple[float, float]:
    """The width and height a rendered chart's SVG declares (vl-convert writes both)."""
    match = SVG_SIZE.search(svg[:2000])
    if match is None:
        msg = "the chart's SVG declares no width and height"
        raise ValueError(msg)
    return float(match[1]), float(match[2])


def _lines(text: str, per_line: int) -> int:
    return math.ceil(len(text) / per_line) if text else 0


def frame_size(chart_width: float, chart_height: float, title: str, subtitle: str, note: str) -> FrameSize:
    """The embed page's size, its text's lines counted by length."""
    text = (
        2 * FRAME_PADDING
        + _lines(title, TITLE_CHARACTERS) * TITLE_LINE
        + (_lines(subtitle, TEXT_CHARACTERS) + _lines(note, TEXT_CHARACTERS)) * TEXT_LINE
        + FIXED_TEXT
    )
    return FrameSize(chart_width, chart_height, text)


def embed_folder(item_url: str, anchor: str) -> str:
    """The embed page's folder, relative to SITEURL, under the page the chart is on (``explainers/a/``)."""
    base = item_url if item_url.endswith("/") or not item_url else item_url.rsplit(".", 1)[0] + "/"
    return f"{base}{EMBED_FOLDER}/{anchor}/"


def snippet(embed_url: str, title: str, size: FrameSize, resize_script_url: str) -> str:
    """What an editor pastes into another site: the iframe in its box, then the optional resize script.

    Without the script (or with scripts stripped by a CMS) the box keeps the chart's aspect at any width, plus
    room for its text; with it, the script sets the iframe's height to the embed page's content height.
    """
    return (
        f'<div style="{size.box_style()}">'
        f'<iframe src="{_attribute(embed_url)}" title="{_attribute(title)}"'
        ' style="position:absolute;top:0;left:0;width:100%;height:100%;border:0"'
        ' loading="lazy" data-nutgraf-embed></iframe></div>'
        f'<script src="{_attribute(resize_script_url)}" async></script>'
    )


def _attribute(text: str) -> str:
    """Text in a double-quoted attribute; apostrophes stay as they are, readable in the code an editor sees."""
    return escape(text, quote=False).replace('"', "&quot;")


def oembed(
    *,
    title: str,
    html: str,
    size: FrameSize,
    provider_name: str,
    provider_url: str,
    thumbnail: tuple[str, int, int] | None = None,
) -> dict[str, object]:
    """The oEmbed 1.0 answer (type ``rich``) for a chart: https://oembed.com/#section2.3."""
    answer: dict[str, object] = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": provider_name,
        "provider_url": provider_url,
        "html": html,
        "width": size.width,
        "height": size.height,
    }
    if thumbnail is not None:  # the three go together (URL, width, height)
        answer.update(zip(("thumbnail_url", "thumbnail_width", "thumbnail_height"), thumbnail, strict=True))
    return answer


def oembed_json(answer: dict[str, object]) -> str:
    return json.dumps(answer, ensure_ascii=False, indent=1) + "\n"


def _english(message: str) -> str:
    return message


def disclosure_html(code: str, anchor: str, gettext: Callable[[str], str] = _english) -> str:
    """The explainer's "Embed" disclosure under a chart: the snippet in a read-only field to copy.

    A ``<details>``: it opens without a script. Left out of the search index; the stylesheets hide it
    in print, and feeds never get it (``hooks.chart_figures`` adds it to pages only).
    """
    field_id = f"{anchor}-embed-code"
    summary = gettext("Embed")
    label = gettext("Copy this code to show the chart on another website:")
    return (
        f'<details class="chart-embed" data-pagefind-ignore><summary>{escape(summary)}</summary>'
        f'<label for="{escape(field_id)}">{escape(label)}</label>'
        f'<textarea id="{escape(field_id)}" readonly rows="6" spellcheck="false">{escape(code)}</textarea>'
        "</details>"
    )


def headed(figure: str) -> str:
    """The figure with its title as the embed page's ``<h1>`` (on the explainer it is a caption line)."""
    return re.sub(r'<p class="chart-title">(.*?)</p>', r'<h1 class="chart-title">\1</h1>', figure, count=1)
