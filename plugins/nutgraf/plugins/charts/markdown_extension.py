"""Python-Markdown extension: each ```chart block becomes a placeholder for its figure.

It runs before fenced code (priority 25) and Pelican's meta (27). The placeholder names the
chart by its key (the block's digest, and its language) and is swapped for the rendered
figure when the page is written (the template filter ``hooks.chart_figures``), so Pelican's
content cache, keyed on the Markdown file alone, can keep the parsed page while the chart's
data changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from nutgraf.kernel.chart_locale import document_lang
from nutgraf.kernel.sources import fenced_blocks
from nutgraf.plugins.charts.block import CHART_INFO, block_digest
from nutgraf.plugins.charts.library import ChartLibrary, chart_key

PRIORITY = 29
# A document's `Lang:` → the language its charts are drawn in ('' for the default language).
Language = Callable[[str], str]
PLACEHOLDER = re.compile(r"<!-- nutgraf-chart ((?:[A-Za-z0-9-]+:)?[0-9a-f]{64}) -->")


def placeholder_html(key: str) -> str:
    return f"<!-- nutgraf-chart {key} -->"


class ChartPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, library: Callable[[], ChartLibrary], language: Language | None = None) -> None:
        super().__init__(md)
        self.library = library
        self.language = language

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        blocks = [b for b in fenced_blocks(text) if b.closed and b.info.split()[:1] == [CHART_INFO]]
        if not blocks:
            return lines
        # Meta has not run yet (priority 27): the front matter is still the first lines.
        lang = self.language(document_lang(lines)) if self.language else ""
        result = list(lines)
        for block in reversed(blocks):
            self.library().lookup(block.body, lang)  # prepared (or, outside ``invoke build``, rendered) now
            placeholder = self.md.htmlStash.store(placeholder_html(chart_key(block_digest(block.body), lang)))
            result[block.line - 1 : block.end_line] = ["", placeholder, ""]
        return result


class ChartExtension(Extension):
    def __init__(self, library: Callable[[], ChartLibrary], language: Language | None = None) -> None:
        super().__init__()
        self.library = library
        self.language = language

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(ChartPreprocessor(md, self.library, self.language), "nutgraf_charts", PRIORITY)
