"""The 1200×630 title card."""

from __future__ import annotations

import struct
from pathlib import Path

from site_meta.social_card import HEIGHT, WIDTH, render_png, title_card_svg, wrap_headline


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_short_headlines_are_large_and_long_ones_fit_in_four_lines() -> None:
    size, lines = wrap_headline("Floods in the delta")
    assert size == 76 and lines == ["Floods in the delta"]
    size, lines = wrap_headline("word " * 60)
    assert len(lines) == 4 and lines[-1].endswith("…")


def test_card_is_a_1200_by_630_png_with_the_text_escaped(tmp_path: Path) -> None:
    svg = title_card_svg("Tom & Jerry <at> war", "Cartoons", "nutgraf")
    assert "Tom &amp; Jerry &lt;at&gt; war" in svg
    png = render_png(svg, tmp_path)
    assert png_size(png) == (WIDTH, HEIGHT)
    assert render_png(svg, tmp_path) == png
    assert len(list(tmp_path.glob("*.png"))) == 1, "the second render came from the cache"
