"""The Markdown side of explainers: key-figure blocks rendered, sections and sources wrapped.

One extension instance serves every file Pelican reads, so it keeps no per-document state.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree import ElementTree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from nutgraf.kernel.sources import fenced_blocks
from nutgraf.plugins.explainers.html_policy import sanitise
from nutgraf.plugins.explainers.key_figures import parse_key_figure, render_key_figure
from nutgraf.plugins.explainers.settings import ExplainerSettings

# A document's `Lang:` (or None) → the gettext of its page; English as written when there is none.
Translator = Callable[[str | None], Callable[[str], str]]


def _english(lang: str | None) -> Callable[[str], str]:
    return str


def _document_lang(md: Markdown) -> str | None:
    """The `Lang:` the meta extension (priority 27, before ours) read from this document, if any."""
    return ((getattr(md, "Meta", None) or {}).get("lang") or [None])[0]


SECTION_CLASS = "explainer-section"


class KeyFigurePreprocessor(Preprocessor):
    """Replaces each ``figure`` fenced block by its HTML before fenced_code sees it."""

    def __init__(self, md: Markdown, settings: ExplainerSettings, translator: Translator = _english) -> None:
        super().__init__(md)
        self.settings = settings
        self.translator = translator

    def run(self, lines: list[str]) -> list[str]:
        blocks = [b for b in fenced_blocks("\n".join(lines)) if b.info.split(" ")[0] == self.settings.figure_block]
        for block in reversed(blocks):
            figure, _ = parse_key_figure(block, "", published=False)
            # The content check has already reported a broken block; it renders as nothing.
            html = render_key_figure(figure, self.translator(_document_lang(self.md))) if figure else ""
            placeholder = self.md.htmlStash.store(html) if html else ""
            lines[block.line - 1 : block.end_line] = ["", placeholder, ""]
        return lines


class SectionTreeprocessor(Treeprocessor):
    """Wraps the lede, each canonical section and the footnotes ("Sources") in landmarks with stable ids."""

    def __init__(self, md: Markdown, settings: ExplainerSettings, translator: Translator = _english) -> None:
        super().__init__(md)
        self.settings = settings
        self.translator = translator

    def run(self, root: ElementTree.Element) -> None:
        # The meta extension has read this document's front matter: its `Lang:` picks the labels.
        lang = _document_lang(self.md)
        settings = self.settings.for_lang(lang)
        children = list(root)
        starts = [
            (index, spec)
            for index, child in enumerate(children)
            if child.tag == "h2" and (spec := settings.section_for("".join(child.itertext()))) is not None
        ]
        if not starts:
            return  # not an explainer (a page, a summary): leave it as it is
        footnotes = [c for c in children if c.tag == "div" and "footnote" in (c.get("class") or "").split()]
        for child in children:
            root.remove(child)
        used: set[str] = set()
        lede = [c for c in children[: starts[0][0]] if c not in footnotes]
        if lede:
            wrapper = ElementTree.SubElement(root, "div", {"class": "explainer-lede"})
            wrapper.extend(lede)
        for position, (index, spec) in enumerate(starts):
            end = starts[position + 1][0] if position + 1 < len(starts) else len(children)
            section_id = _unique(spec.id, used)
            heading = children[index]
            heading.set("id", f"{section_id}-heading")
            heading.set("class", f"{SECTION_CLASS}__heading")
            section = ElementTree.SubElement(
                root,
                "section",
                {
                    "class": f"{SECTION_CLASS} {SECTION_CLASS}--{spec.key}",
                    "id": section_id,
                    "aria-labelledby": f"{section_id}-heading",
                },
            )
            # Every part opens the same way: its label, as the heading. The heading only ever names the part
            # ("What's Happening?", "Why It's Important?" are its aliases), so nothing of the writer's is lost,
            # and a label over a differently worded heading would say the same thing twice, two ways.
            for child in list(heading):
                heading.remove(child)
            heading.text = spec.label
            heading.set("class", f"{SECTION_CLASS}__heading {SECTION_CLASS}__heading--label")
            section.append(heading)
            section.extend(c for c in children[index + 1 : end] if c not in footnotes)
        for footnote in footnotes:
            root.append(self._sources(footnote, self.translator(lang)(settings.sources_heading)))

    def _sources(self, footnote: ElementTree.Element, title: str) -> ElementTree.Element:
        """Python-Markdown's footnotes as a numbered "Sources" list."""
        sources = ElementTree.Element(
            "section", {"class": "sources", "id": "sources", "aria-labelledby": "sources-heading"}
        )
        heading = ElementTree.SubElement(sources, "h2", {"id": "sources-heading", "class": "sources__heading"})
        heading.text = title
        for child in footnote:
            if child.tag == "ol":
                child.set("class", "sources__list")
                sources.append(child)
        return sources


def _unique(candidate: str, used: set[str]) -> str:
    """Ids stay unique when a draft repeats a section."""
    result, number = candidate, 2
    while result in used:
        result, number = f"{candidate}-{number}", number + 1
    used.add(result)
    return result


class SanitisePostprocessor(Postprocessor):
    """The page's HTML through the HTML policy's sanitiser, last of all (the check has reported any breach)."""

    def run(self, text: str) -> str:
        return sanitise(text)


class ExplainerExtension(Extension):
    def __init__(self, settings: ExplainerSettings, translator: Translator = _english) -> None:
        super().__init__()
        self.settings = settings
        self.translator = translator

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        # After meta (27), before fenced_code (25): a figure block must not become a code block.
        md.preprocessors.register(
            KeyFigurePreprocessor(md, self.settings, self.translator), "explainer_key_figures", 26
        )
        # After inline (20) and the footnotes (50, 19, 15); before prettify (10) and toc (5), so toc keeps our ids.
        md.treeprocessors.register(SectionTreeprocessor(md, self.settings, self.translator), "explainer_sections", 12)
        # Priority 0: after the raw HTML is put back (30) and every other postprocessor.
        md.postprocessors.register(SanitisePostprocessor(md), "nutgraf_sanitise", 0)
