"""Theme assets (Pelican plugin): each page's stylesheets as one minified, fingerprinted file.

A template names the theme stylesheets its page needs, ``{{ ["site", "explainer"]|stylesheet }}``, and
gets the site path of their concatenation, minified: one render-blocking request a page instead of
three (Lighthouse's first paint on a phone), under the same ``style-src 'self'``. The theme's
stylesheets stay separate files to edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from nutgraf.plugins.assets.stylesheets import Stylesheets


def add_stylesheet_filter(pelican: Any) -> None:
    settings = pelican.settings
    static = str(settings.get("THEME_STATIC_DIR") or "theme").strip("/")
    source = Path(settings["THEME"]) / "static" / "css"
    stylesheets = Stylesheets(source, Path(settings["OUTPUT_PATH"]), f"{static}/css")
    settings.setdefault("JINJA_FILTERS", {})["stylesheet"] = stylesheets.path


def register() -> None:
    signals.initialized.connect(add_stylesheet_filter)
