"""Anchors on an explainer's page that must stay unique: a chart's ``id`` may not take a section's or another
chart's (the jump-nav and shared links would lead to the wrong place; the charts plugin finds two charts with
one id), and a block left unclosed is named once."""

from __future__ import annotations

import re

from nutgraf.kernel.block_hints import unclosed_block
from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.plugins.explainers.document import ExplainerSource
from nutgraf.plugins.explainers.settings import ExplainerSettings

CHART_BLOCK = "chart"  # the charts plugin's block name (explainers may not import it)
_ID_LINE = re.compile(r"^id:\s*(?P<quote>['\"]?)(?P<id>[^'\"#\s]+)(?P=quote)\s*(#.*)?$")
# Ids the page gives its own parts besides the sections.
_PAGE_IDS = {
    "sources": "the sources list",
    "sources-heading": "the sources heading",
    "updates": "the updates log",
    "corrections": "the correction notice",  # where the corrections page and feed link
    "corrections-heading": "the correction notice's heading",
}
_CORRECTION_ITEM = re.compile(r"^correction-\d+$")  # each correction's item in the notice (corrections feed ids)


def unclosed_blocks(parsed: ExplainerSource, path: str, settings: ExplainerSettings) -> list[Diagnostic]:
    """Chart and key-figure blocks that run on past their YAML, each reported once, at its opening fence."""
    blocks = [*parsed.blocks_named(CHART_BLOCK), *parsed.blocks_named(settings.figure_block)]
    return [d for block in blocks if (d := unclosed_block(block, path)) is not None]


def chart_id_clashes(parsed: ExplainerSource, path: str, settings: ExplainerSettings) -> list[Diagnostic]:
    """A chart ``id`` that is a section's (or its heading's), or another part's of the page."""
    taken = {spec.id: f"the section '{spec.label}'" for spec in settings.sections}
    taken.update({f"{spec.id}-heading": f"the heading of '{spec.label}'" for spec in settings.sections})
    taken.update(_PAGE_IDS)
    found = []
    for block in parsed.blocks_named(CHART_BLOCK):
        for offset, line in enumerate(block.body.split("\n")):
            match = _ID_LINE.match(line)
            if not match:
                continue
            number = block.body_line + offset
            chart_id = match["id"]
            owner = taken.get(chart_id) or ("a correction in the notice" if _CORRECTION_ITEM.match(chart_id) else None)
            if owner:
                message = f"chart id '{chart_id}' is already the id of {owner}"
                found.append(Diagnostic(path, number, message, "give the chart an id of its own, e.g. id: rain-chart"))
    return found
