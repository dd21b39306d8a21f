"""Pages (``content/pages/``) are content too: what applies to them of an explainer's rules is checked the same way,
with the same messages — their encoding, front matter (a title; dates in the one grammar; keys with did-you-mean),
key-figure and chart blocks left open, footnotes and images. The four parts are an explainer's alone."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.sources import Content, SourceFile
from nutgraf.kernel.suggest import closest
from nutgraf.plugins.explainers.anchors import unclosed_blocks
from nutgraf.plugins.explainers.dates import read_date
from nutgraf.plugins.explainers.document import parse_explainer
from nutgraf.plugins.explainers.images import image_problems
from nutgraf.plugins.explainers.key_figures import parse_key_figure
from nutgraf.plugins.explainers.settings import ExplainerSettings
from nutgraf.plugins.explainers.validate import Findings, _check_footnotes


def check_page(source: SourceFile, settings: ExplainerSettings, content_root: Path) -> list[Diagnostic]:
    parsed = parse_explainer(source.text, settings)
    front, path = parsed.front_matter, source.display
    found = Findings()
    title = front.first("title")
    if title is None or not title.value:
        found.error(path, title.line if title else front.first_line, "the page has no title", "add 'Title: …'")
    for item in front.keys_in_order:
        if item.key not in settings.known_metadata and (guess := closest(item.key, settings.known_metadata, 0.8)):
            found.error(
                path, item.line, f"unknown front-matter key '{item.name}'", f"did you mean '{guess.capitalize()}'?"
            )
    for key in ("date", "modified"):
        item = front.first(key)
        if item is not None and (reading := read_date(item.value)).date is None:
            found.error(path, item.line, f"'{item.name}': {reading.problem}", reading.hint)
    unclosed = unclosed_blocks(parsed, path, settings)
    found.errors.extend(unclosed)
    if not unclosed:
        _check_footnotes(parsed, path, found)
    for block in parsed.blocks_named(settings.figure_block):
        _, problems = parse_key_figure(block, path, published=True)
        found.errors.extend(problem for problem in problems if problem not in found.errors)
    found.errors.extend(image_problems(parsed.prose, source.path, path, content_root))
    return found.errors


def check_pages(content: Content, settings: Mapping[str, Any]) -> list[Diagnostic]:
    """Every problem in every page of the site (an unreadable file included)."""
    options = ExplainerSettings.from_settings(settings)
    found: list[Diagnostic] = list(content.unreadable_pages)
    for page in content.pages:
        found.extend(check_page(page, options, Path(settings["PATH"])))
    return found
