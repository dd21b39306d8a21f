"""Python-Markdown extension: each ```chart block becomes a placeholder for its figure.

It runs before fenced code (priority 25) and Pelican's meta (27). The placeholder names the
block by its digest and is swapped for the rendered figure when the page object is made
(``hooks.attach_charts``), so Pelican's content cache, keyed on the Markdown file alone,
can keep the parsed page while the chart's data changes underneath it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from charts.block import CHART_INFO, block_digest
from charts.library import ChartLibrary
from nutgraf.sources import fenced_blocks

PRIORITY = 29
PLACEHOLDER = re.compile(r"<!-- nutgraf-chart ([0-9a-f]{64}) -->")


def placeholder_html(digest: str) -> str:
    return f"<!-- nutgraf-chart {digest} -->"


class ChartPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, library: Callable[[], ChartLibrary]) -> None:
        super().__init__(md)
        self.library = library

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        blocks = [b for b in fenced_blocks(text) if b.closed and b.info.split()[:1] == [CHART_INFO]]
        if not blocks:
            return lines
        for block in blocks:
            self.library().lookup(block.body)  # prepared (or, outside ``invoke build``, rendered) now
        result = list(lines)
        for block in reversed(blocks):
            placeholder = self.md.htmlStash.store(placeholder_html(block_digest(block.body)))
            result[block.line - 1 : block.end_line] = ["", placeholder, ""]
        return result


class ChartExtension(Extension):
    def __init__(self, library: Callable[[], ChartLibrary]) -> None:
        super().__init__()
        self.library = library

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(ChartPreprocessor(md, self.library), "nutgraf_charts", PRIORITY)
