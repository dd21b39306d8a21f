"""Python-Markdown extension: each ```chart block becomes its rendered figure.

It runs before fenced code (priority 25) and Pelican's meta (27), and only looks charts up:
they were validated and rendered by ``prepare_build`` before Pelican started.
"""

from __future__ import annotations

from collections.abc import Callable

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from charts.block import CHART_INFO
from charts.library import ChartLibrary
from nutgraf.sources import fenced_blocks

PRIORITY = 29


class ChartPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, library: Callable[[], ChartLibrary]) -> None:
        super().__init__(md)
        self.library = library

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        blocks = [b for b in fenced_blocks(text) if b.closed and b.info.split()[:1] == [CHART_INFO]]
        if not blocks:
            return lines
        used_ids: set[str] = set()  # per document: one extension instance serves every file
        figures = [self.library().figure(block.body, used_ids) for block in blocks]
        result = list(lines)
        for block, figure in reversed(list(zip(blocks, figures, strict=True))):
            placeholder = self.md.htmlStash.store(figure)
            result[block.line - 1 : block.end_line] = ["", placeholder, ""]
        return result


class ChartExtension(Extension):
    def __init__(self, library: Callable[[], ChartLibrary]) -> None:
        super().__init__()
        self.library = library

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(ChartPreprocessor(md, self.library), "nutgraf_charts", PRIORITY)
