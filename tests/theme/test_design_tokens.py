"""The design system's colours: every text colour reaches 4.5:1 on the page and surface, in both modes."""

from __future__ import annotations

import pytest

from tests.theme.tokens import SITE_CSS, contrast, modes

CSS = SITE_CSS.read_text(encoding="utf-8")

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
