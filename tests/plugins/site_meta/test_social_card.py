"""The 1200×630 title card."""

from __future__ import annotations

import struct
from pathlib import Path

import png
import vl_convert

from nutgraf.plugins.site_meta.social_card import (
    HEIGHT,
    WIDTH,
    CardCache,
    chart_card_svg,
    render_png,
    title_card_svg,
    wrap_headline,
)


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def colours(image: bytes) -> list[list[tuple[int, int, int]]]:
    """A PNG's pixels as rows of RGB triples, alpha left out (decoded by pypng; the cards are opaque)."""
    _, _, rows, _ = png.Reader(bytes=image).asRGBA8()
    return [[tuple(row[i : i + 3]) for i in range(0, len(row), 4)] for row in rows]


def test_short_headlines_are_large_and_long_ones_fit_in_four_lines() -> None:
    size, lines = wrap_headline("Floods in the delta")
    assert size == 76 and lines == ["Floods in the delta"]
    size, lines = wrap_headline("word " * 60)
    assert len(lines) == 4 and lines[-1].endswith("…")


def test_card_is_a_1200_by_630_png_with_the_text_escaped(tmp_path: Path) -> None:
    svg = title_card_svg("Tom & Jerry <at> war", "Cartoons", "nutgraf")
    assert "Tom &amp; Jerry &lt;at&gt; war" in svg
    png = render_png(svg, CardCache(tmp_path))
    assert png_size(png) == (WIDTH, HEIGHT)
    assert render_png(svg, CardCache(tmp_path)) == png
    assert len(list(tmp_path.glob("*.png"))) == 1, "the second render came from the cache"


def test_chart_card_embeds_the_chart_image_beside_the_headline(tmp_path: Path) -> None:
    red_square = vl_convert.svg_to_png(
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="100">'
        '<rect width="160" height="100" fill="#ff0000"/></svg>'
    )
    svg = chart_card_svg("Floods in the delta", "Weather", "nutgraf", "Rain by month", red_square)
    card = render_png(svg, CardCache(tmp_path))
    assert png_size(card) == (WIDTH, HEIGHT)
    pixels = colours(card)
    assert pixels[300][700] == (255, 0, 0), "the embedded chart is drawn"
    assert pixels[600][300] == (255, 255, 255)
    assert "Rain by month" in svg and "Floods in the" in svg


def test_chinese_headlines_wrap_by_glyph_width_and_never_start_a_line_with_punctuation() -> None:
    title = (
        "中国打击网络诈骗团伙，自2023年以来已逮捕超过5.7万名参与网络诈骗的本国公民，这是针对缅甸边境城镇老街黑帮的行动"
    )
    size, lines = wrap_headline(title)
    assert "".join(lines) == title, "nothing lost, no spaces added"
    assert 1 < len(lines) <= 4
    assert not [line for line in lines if line[0] in "，。、"]
    assert not [line for line in lines if "2023" not in line and "202" in line], "a number is never split"
    # A full-width glyph is an em wide: a line of Chinese fits the card at its size (closing punctuation may
    # hang one glyph over, as CJK typesetting allows).
    assert all(len(line) * size <= 1200 - 2 * 80 + size for line in lines)


def test_chinese_card_draws_real_glyphs(tmp_path: Path) -> None:
    """Two headlines of ten different glyphs each: empty boxes would draw them the same, real glyphs differ."""
    from nutgraf.kernel import fonts
    from nutgraf.plugins.site_meta.social_card import CardText

    text = CardText(tagline="四个部分，讲清新闻", fonts=(fonts.CJK,))
    svg = title_card_svg("中国打击网络诈骗团伙", "China", "nutgraf", text)
    assert "font-family=\"'Nutgraf CJK SC', " in svg
    one = colours(render_png(svg, CardCache(tmp_path)))
    other = colours(render_png(title_card_svg("缅甸边境城镇老街黑帮", "China", "nutgraf", text), CardCache(tmp_path)))
    headline = slice(150, 260)
    inked = sum(pixel != (255, 255, 255) for row in one[headline] for pixel in row)
    assert inked > 5000, "the headline is drawn"
    assert one[headline] != other[headline], "the glyphs are the characters' own, not the same empty box"


def test_an_english_card_is_unchanged_by_languages() -> None:
    from nutgraf.plugins.site_meta.social_card import CardText

    assert title_card_svg("Floods", "Weather", "nutgraf") == title_card_svg("Floods", "Weather", "nutgraf", CardText())
    assert "Explained in four parts" in title_card_svg("Floods", "Weather", "nutgraf")
