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
from charts.locale import document_lang
from nutgraf.sources import fenced_blocks

PRIORITY = 29
# A document's `Lang:` → (the language its charts are drawn in, '' for the default; its page's gettext or None).
Language = Callable[[str], tuple[str, Callable[[str], str] | None]]


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
        used_ids: set[str] = set()  # per document: one extension instance serves every file
        # Meta has not run yet (priority 27): the front matter is still the first lines.
        lang, gettext = self.language(document_lang(lines)) if self.language else ("", None)
        figures = [self.library().figure(block.body, used_ids, lang=lang, gettext=gettext) for block in blocks]
        result = list(lines)
        for block, figure in reversed(list(zip(blocks, figures, strict=True))):
            placeholder = self.md.htmlStash.store(figure)
            result[block.line - 1 : block.end_line] = ["", placeholder, ""]
        return result


class ChartExtension(Extension):
    def __init__(self, library: Callable[[], ChartLibrary], language: Language | None = None) -> None:
        super().__init__()
        self.library = library
        self.language = language

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.register(ChartPreprocessor(md, self.library, self.language), "nutgraf_charts", PRIORITY)
