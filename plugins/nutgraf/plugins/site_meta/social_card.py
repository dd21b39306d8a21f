"""1200×630 cards for social sites: the explainer's lead chart beside its headline, or a title card.

Drawn as SVG and rasterised by vl-convert (already the chart renderer), so no image library
is needed; a chart card embeds the chart's PNG as a data URI. Text is wrapped by an estimate of
glyph widths for the bold serif used; rendering the same SVG twice gives the same bytes, so cards
are cached by their SVG, which holds everything they show.
"""

from __future__ import annotations

import base64
import hashlib
import re
import struct
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import vl_convert

from nutgraf.kernel import fonts, used_keys

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# Average advance of a glyph of DejaVu Serif Bold (the card's headline face, fonts.SERIF), in ems.
GLYPH_EM = 0.6
# The fonts nutgraf ships (kernel.fonts), so that a card is the same image on every machine. Single quotes:
# the stack goes into a double-quoted SVG attribute.
SERIF = f"{fonts.SERIF}, serif".replace('"', "'")
SANS = f"{fonts.SANS}, sans-serif".replace('"', "'")
# The four section accents, as a band: the card says "four parts" without words.
BAND = ("#1c5f8f", "#a3361b", "#2a6b32", "#6b3f8f")
# A line-breaking unit of text without spaces: one full-width glyph, or a run of anything else.
_UNITS = re.compile(
    r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+"
)
# Punctuation that may not begin a line in CJK typesetting (it stays with the glyph before it).
_NO_LINE_START = "，。、；：？！）」』”’》〉】…·,.;:?!)"


@dataclass(frozen=True)
class CardText:
    """What a card says and how it is set in the explainer's language: the tagline, and fonts named first."""

    tagline: str = "Explained in four parts"
    fonts: tuple[str, ...] = ()  # e.g. ('"Nutgraf CJK SC"',): shipped families with the script's glyphs

    def serif(self) -> str:
        return self._stack(SERIF)

    def sans(self) -> str:
        return self._stack(SANS)

    def _stack(self, base: str) -> str:
        # Single quotes: the stack goes into a double-quoted SVG attribute.
        return ", ".join([*(font.replace('"', "'") for font in self.fonts), base])


def _width_in_ems(text: str) -> float:
    """A run's advance, estimated: CJK and other full-width glyphs are one em, others GLYPH_EM."""
    return sum(1.0 if unicodedata.east_asian_width(char) in "WF" else GLYPH_EM for char in text)


def _wrap_wide(text: str, columns: float) -> list[str]:
    """Lines of text written without spaces between words (Chinese, Japanese): a line may break between any two
    full-width glyphs, never inside a run of Latin letters or digits, and never before closing punctuation."""
    units = _UNITS.findall(text)
    lines: list[str] = []
    line = ""
    for unit in units:
        if line and _width_in_ems(line + unit) > columns and unit[0] not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = unit.lstrip()
        else:
            line += unit
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _wrap(text: str, columns: float, max_lines: int | None = None) -> list[str]:
    if not any(unicodedata.east_asian_width(char) in "WF" for char in text):
        if max_lines is None:
            return textwrap.wrap(text, width=int(columns))
        return textwrap.wrap(text, width=int(columns), max_lines=max_lines, placeholder=" …")
    lines = _wrap_wide(text, columns * GLYPH_EM)  # columns of GLYPH_EM-wide glyphs, in ems
    if max_lines is not None and len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1].rstrip()[:-1] + "…"]
    return lines


def wrap_headline(
    title: str, max_lines: int = 4, width: int = WIDTH - 2 * MARGIN, sizes: tuple[int, ...] = (76, 68, 60, 54, 48)
) -> tuple[int, list[str]]:
    """The largest font size (px) at which the headline fits ``width`` px in ``max_lines``, and its lines."""
    for size in sizes:
        columns = width / (size * GLYPH_EM)
        lines = _wrap(title, columns)
        if len(lines) <= max_lines:
            return size, lines
    return size, _wrap(title, columns, max_lines)


def _band() -> str:
    band_width = WIDTH // len(BAND)
    return "".join(
        f'<rect x="{index * band_width}" y="0" width="{band_width}" height="16" fill="{colour}"/>'
        for index, colour in enumerate(BAND)
    )


def _lines(lines: list[str], x: int, top: int, line_height: int) -> str:
    return "".join(
        f'<tspan x="{x}" y="{top + index * line_height}">{escape(line)}</tspan>' for index, line in enumerate(lines)
    )


def title_card_svg(title: str, kicker: str, site_name: str, text: CardText = CardText()) -> str:
    """The card as an SVG document."""
    sans, serif = text.sans(), text.serif()
    size, lines = wrap_headline(" ".join(title.split()))
    line_height = round(size * 1.15)
    top = 230 if len(lines) <= 2 else 200
    band = _band()
    headline = _lines(lines, MARGIN, top, line_height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>{band}'
        f'<text x="{MARGIN}" y="120" font-family="{sans}" font-size="30" font-weight="700" letter-spacing="2"'
        f' fill="#a3361b">{escape(kicker.upper())}</text>'
        f'<text font-family="{serif}" font-size="{size}" font-weight="700" fill="#1b1b1b">{headline}</text>'
        f'<rect x="{MARGIN}" y="{HEIGHT - 110}" width="{WIDTH - 2 * MARGIN}" height="2" fill="#d6d4cf"/>'
        f'<text x="{MARGIN}" y="{HEIGHT - 60}" font-family="{sans}" font-size="32" font-weight="700"'
        f' fill="#1b1b1b">{escape(site_name)}</text>'
        f'<text x="{WIDTH - MARGIN}" y="{HEIGHT - 60}" text-anchor="end" font-family="{sans}" font-size="28"'
        f' fill="#5a5a5a">{escape(text.tagline)}</text>'
        "</svg>"
    )


def png_size(png: bytes) -> tuple[int, int]:
    """A PNG's width and height in pixels, from its header."""
    if png[:8] != b"\x89PNG\r\n\x1a\n":
        msg = "not a PNG image"
        raise ValueError(msg)
    width, height = struct.unpack(">II", png[16:24])
    return width, height


# The chart card: headline on the left, the chart (with its title above it) on the right.
TEXT_WIDTH = 470
CHART_X, CHART_Y, CHART_WIDTH = 600, 64, 540
CHART_BOTTOM = HEIGHT - 48


def chart_card_svg(
    title: str, kicker: str, site_name: str, chart_title: str, chart_png: bytes, text: CardText = CardText()
) -> str:
    """The card for an explainer with charts: its lead chart, drawn beside the headline."""
    sans, serif = text.sans(), text.serif()
    size, lines = wrap_headline(" ".join(title.split()), max_lines=6, width=TEXT_WIDTH, sizes=(56, 50, 44, 40, 36))
    line_height = round(size * 1.15)
    caption_lines = _wrap(" ".join(chart_title.split()), 38, max_lines=2)
    caption = _lines(caption_lines, CHART_X, CHART_Y + 26, 32)
    image_top = CHART_Y + 32 * len(caption_lines) + (16 if caption_lines else 0)
    pixel_width, pixel_height = png_size(chart_png)
    box_height = CHART_BOTTOM - image_top
    # Fit the chart in its box, keeping its proportions, top-aligned under its title.
    scale = min(CHART_WIDTH / pixel_width, box_height / pixel_height)
    image_width, image_height = round(pixel_width * scale), round(pixel_height * scale)
    data = base64.b64encode(chart_png).decode("ascii")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{WIDTH}"'
        f' height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>{_band()}'
        f'<text x="{MARGIN - 16}" y="110" font-family="{sans}" font-size="26" font-weight="700" letter-spacing="2"'
        f' fill="#a3361b">{escape(kicker.upper())}</text>'
        f'<text font-family="{serif}" font-size="{size}" font-weight="700" fill="#1b1b1b">'
        f"{_lines(lines, MARGIN - 16, 110 + line_height, line_height)}</text>"
        f'<text x="{MARGIN - 16}" y="{HEIGHT - 56}" font-family="{sans}" font-size="30" font-weight="700"'
        f' fill="#1b1b1b">{escape(site_name)}</text>'
        f'<text font-family="{sans}" font-size="24" font-weight="700" fill="#1b1b1b">{caption}</text>'
        f'<image x="{CHART_X}" y="{image_top}" width="{image_width}" height="{image_height}"'
        f' href="data:image/png;base64,{data}"/>'
        "</svg>"
    )


@dataclass
class CardCache:
    """Rendered cards by the hash of their SVG and fonts, in ``folder``; ``used`` holds this build's keys
    (recorded at its end: what ``nutgraf clean --stale`` keeps)."""

    folder: Path
    used: set[str] = field(default_factory=set)

    def keys(self) -> set[str]:
        return {path.stem for path in self.folder.glob("*.png")}

    def remove(self, key: str) -> None:
        (self.folder / f"{key}.png").unlink(missing_ok=True)

    def record_used(self) -> None:
        used_keys.record_used(self.folder, self.used)

    def used_by_last_build(self) -> set[str] | None:
        return used_keys.used_by_last_build(self.folder)


def card_key(svg: str) -> str:
    """The card's key in the ``CardCache``: its SVG and the fonts it is drawn in."""
    return hashlib.sha256(f"{fonts.fonts_digest()}\n{svg}".encode()).hexdigest()[:32]


def render_png(svg: str, cache: CardCache) -> bytes:
    """The card as PNG, from the cache when this exact SVG was rendered before in the same fonts."""
    key = card_key(svg)
    cache.used.add(key)
    cached = cache.folder / f"{key}.png"
    if cached.is_file():
        return cached.read_bytes()
    fonts.use_shipped_fonts()
    png = vl_convert.svg_to_png(svg)
    cache.folder.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(png)
    return png


def write_card(destination: Path, svg: str, cache: CardCache) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(render_png(svg, cache))
