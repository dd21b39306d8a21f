"""A 1200×630 title card for social sites: the explainer's topic and headline, as SVG then PNG.

Drawn as SVG and rasterised by vl-convert (already the chart renderer), so no image library
is needed. Text is wrapped by an estimate of glyph widths for the bold serif used; rendering
the same text twice gives the same bytes, so cards are cached by their SVG.
"""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

import vl_convert

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# Average advance of a glyph of DejaVu Serif Bold (the widest face in the stack), in ems.
GLYPH_EM = 0.6
SERIF = "Georgia, 'DejaVu Serif', 'Liberation Serif', serif"
SANS = "'Helvetica Neue', Arial, 'DejaVu Sans', 'Liberation Sans', sans-serif"
# The four section accents, as a band: the card says "four parts" without words.
BAND = ("#1c5f8f", "#a3361b", "#2a6b32", "#6b3f8f")


def wrap_headline(title: str, max_lines: int = 4) -> tuple[int, list[str]]:
    """The largest font size (px) at which the headline fits in ``max_lines``, and its lines."""
    for size in (76, 68, 60, 54, 48):
        width = int((WIDTH - 2 * MARGIN) / (size * GLYPH_EM))
        lines = textwrap.wrap(title, width=width)
        if len(lines) <= max_lines:
            return size, lines
    lines = textwrap.wrap(title, width=width, max_lines=max_lines, placeholder=" …")
    return size, lines


def title_card_svg(title: str, kicker: str, site_name: str) -> str:
    """The card as an SVG document."""
    size, lines = wrap_headline(" ".join(title.split()))
    line_height = round(size * 1.15)
    top = 230 if len(lines) <= 2 else 200
    band_width = WIDTH // len(BAND)
    band = "".join(
        f'<rect x="{index * band_width}" y="0" width="{band_width}" height="16" fill="{colour}"/>'
        for index, colour in enumerate(BAND)
    )
    headline = "".join(
        f'<tspan x="{MARGIN}" y="{top + index * line_height}">{escape(line)}</tspan>'
        for index, line in enumerate(lines)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>{band}'
        f'<text x="{MARGIN}" y="120" font-family="{SANS}" font-size="30" font-weight="700" letter-spacing="2"'
        f' fill="#a3361b">{escape(kicker.upper())}</text>'
        f'<text font-family="{SERIF}" font-size="{size}" font-weight="700" fill="#1b1b1b">{headline}</text>'
        f'<rect x="{MARGIN}" y="{HEIGHT - 110}" width="{WIDTH - 2 * MARGIN}" height="2" fill="#d6d4cf"/>'
        f'<text x="{MARGIN}" y="{HEIGHT - 60}" font-family="{SANS}" font-size="32" font-weight="700"'
        f' fill="#1b1b1b">{escape(site_name)}</text>'
        f'<text x="{WIDTH - MARGIN}" y="{HEIGHT - 60}" text-anchor="end" font-family="{SANS}" font-size="28"'
        f' fill="#5a5a5a">Explained in four parts</text>'
        "</svg>"
    )


def render_png(svg: str, cache: Path) -> bytes:
    """The card as PNG, from the cache when this exact SVG was rendered before."""
    key = hashlib.sha256(svg.encode("utf-8")).hexdigest()[:32]
    cached = cache / f"{key}.png"
    if cached.is_file():
        return cached.read_bytes()
    png = vl_convert.svg_to_png(svg)
    cache.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(png)
    return png


def write_card(destination: Path, title: str, kicker: str, site_name: str, cache: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(render_png(title_card_svg(title, kicker, site_name), cache))
