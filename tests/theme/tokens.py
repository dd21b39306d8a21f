"""The design system's colour tokens as site.css declares them, per colour scheme, and WCAG contrast."""

from __future__ import annotations

import re

from tests.support import ROOT

SITE_CSS = ROOT / "theme" / "static" / "css" / "site.css"
DARK_QUERY = "@media (prefers-color-scheme: dark)"


def tokens(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", block))


def modes(css: str | None = None) -> dict[str, dict[str, str]]:
    """{"light": {token: colour}, "dark": {...}}: the dark scheme overrides the light one's tokens."""
    css = SITE_CSS.read_text(encoding="utf-8") if css is None else css
    before, after = css.split(DARK_QUERY, 1)
    light = tokens(before)
    dark = tokens(after.split("}\n}", 1)[0])
    return {"light": light, "dark": {**light, **dark}}


def luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
