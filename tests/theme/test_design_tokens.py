"""The design system's colours: every text colour reaches 4.5:1 on the page and surface, in both modes."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

CSS = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
TEXT_TOKENS = (
    "ink",
    "muted",
    "accent",
    "section-happening",
    "section-matters",
    "section-next",
    "section-background",
)
BACKGROUNDS = ("paper", "surface")


def tokens(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", block))


def modes() -> dict[str, dict[str, str]]:
    light = tokens(CSS.split("@media (prefers-color-scheme: dark)")[0])
    dark_block = CSS.split("@media (prefers-color-scheme: dark)")[1].split("}\n}")[0]
    return {"light": light, "dark": {**light, **tokens(dark_block)}}


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_text_tokens_reach_4_5_to_1(mode: str) -> None:
    palette = modes()[mode]
    for token in TEXT_TOKENS:
        for background in BACKGROUNDS:
            ratio = contrast(palette[token], palette[background])
            assert ratio >= 4.5, f"{mode}: --{token} on --{background} is {ratio:.2f}:1"
    assert contrast(palette["paper"], palette["accent"]) >= 4.5, "button text on the accent"


def test_the_four_section_accents_differ_in_each_mode() -> None:
    for palette in modes().values():
        accents = {palette[f"section-{key}"] for key in ("happening", "matters", "next", "background")}
        assert len(accents) == 4


def test_motion_focus_print_and_tap_targets_are_provided() -> None:
    assert "prefers-reduced-motion: reduce" in CSS
    assert ":focus-visible" in CSS
    assert "@media print" in CSS
    assert "--tap: 44px" in CSS
