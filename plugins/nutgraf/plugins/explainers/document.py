"""An explainer's source split into its parts: front matter, lede, sections, footnotes, blocks.

Pure and line-based (no Markdown rendering), so that ``invoke check`` is quick and every part
keeps the line number an editor needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nutgraf.kernel.frontmatter import FrontMatter, parse_front_matter
from nutgraf.kernel.sources import FencedBlock, fenced_blocks
from nutgraf.plugins.explainers.headings import Heading, find_headings
from nutgraf.plugins.explainers.settings import ExplainerSettings, SectionSpec

_FOOTNOTE_DEFINITION = re.compile(r"^[ ]{0,3}\[\^(?P<label>[^\]]*)\]:[ ]*(?P<text>.*)$")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<label>[^\]]+)\](?!:)")
_LINK_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]^][^\]]*\]:\s*\S")
_INLINE_CODE = re.compile(r"(`+).+?\1")


@dataclass(frozen=True)
class Section:
    """A level-2 (or stray level-1) heading and the lines under it, up to the next such heading."""

    heading: Heading
    spec: SectionSpec | None  # None when the heading names no canonical section
    lines: tuple[tuple[int, str], ...]  # every line of the body, fenced blocks included

    @property
    def content_lines(self) -> list[tuple[int, str]]:
        """Lines that a reader sees as the section's text (not blank, not footnote or link definitions)."""
        return [(n, line) for n, line in self.lines if line.strip()]


@dataclass(frozen=True)
class FootnoteDefinition:
    label: str
    text: str
    line: int


@dataclass(frozen=True)
class ExplainerSource:
    """An explainer's Markdown, split into the parts the checks and the page need."""

    front_matter: FrontMatter
    headings: tuple[Heading, ...]
    lede: tuple[tuple[int, str], ...]
    sections: tuple[Section, ...]
    blocks: tuple[FencedBlock, ...]
    footnote_definitions: tuple[FootnoteDefinition, ...]
    footnote_references: tuple[tuple[str, int], ...]  # (label, line)
    prose: tuple[tuple[int, str], ...] = field(default=())  # body lines outside fenced blocks and definitions
    last_line: int = 1  # the last line with text

    def blocks_named(self, info: str) -> list[FencedBlock]:
        return [block for block in self.blocks if block.info.split(" ")[0] == info]

    def sections_for(self, key: str) -> list[Section]:
        return [section for section in self.sections if section.spec and section.spec.key == key]


def paragraphs(lines: tuple[tuple[int, str], ...] | list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Runs of non-blank lines, separated by blank lines."""
    groups: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, line in lines:
        if line.strip():
            current.append((number, line))
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _definition_lines(body: list[tuple[int, str]], fenced: set[int]) -> tuple[set[int], list[FootnoteDefinition]]:
    """Line numbers taken by footnote and link definitions (with their indented continuations)."""
    taken: set[int] = set()
    definitions: list[FootnoteDefinition] = []
    in_footnote = False
    for number, line in body:
        if number in fenced:
            in_footnote = False
            continue
        footnote = _FOOTNOTE_DEFINITION.match(line)
        if footnote:
            definitions.append(FootnoteDefinition(footnote["label"], footnote["text"].strip(), number))
            taken.add(number)
            in_footnote = True
        elif _LINK_DEFINITION.match(line):
            taken.add(number)
            in_footnote = False
        elif in_footnote and (line.startswith("    ") or not line.strip()):
            taken.add(number)
        else:
            in_footnote = False
    return taken, definitions


@lru_cache(maxsize=4096)
def parse_explainer(text: str, settings: ExplainerSettings) -> ExplainerSource:
    """Split an explainer's text (LF line ends, no BOM) into its parts.

    Remembered: the checks (sections, slugs, translations) and the page hooks each need the parts,
    and parsing once per file keeps a build of thousands of explainers quick. Callers never change it.
    """
    front_matter = parse_front_matter(text)
    all_lines = text.split("\n")
    blocks = fenced_blocks(text)
    fenced = {n for block in blocks for n in range(block.line, block.end_line + 1)}
    body = [(n, line) for n, line in enumerate(all_lines, start=1) if n >= front_matter.body_line]
    definition_lines, definitions = _definition_lines(body, fenced)
    prose = [(n, line) for n, line in body if n not in fenced and n not in definition_lines]
    headings = find_headings((n, line) for n, line in body if n not in fenced)

    references: list[tuple[str, int]] = []
    for number, line in prose:
        references.extend(
            (match["label"], number) for match in _FOOTNOTE_REFERENCE.finditer(_INLINE_CODE.sub("", line))
        )
    for definition in definitions:  # a footnote may cite another
        references.extend((m["label"], definition.line) for m in _FOOTNOTE_REFERENCE.finditer(definition.text))

    top = [heading for heading in headings if heading.level <= 2]
    # Lines that belong to no part: the top-level headings themselves, setext underlines, definitions.
    structural = {h.line for h in top} | {h.line + 1 for h in top if h.setext}
    visible = [(n, line) for n, line in body if n not in definition_lines and n not in structural]
    first_top = top[0].line if top else None
    lede = tuple((n, line) for n, line in visible if first_top is None or n < first_top)
    sections = []
    for position, heading in enumerate(top):
        end = top[position + 1].line if position + 1 < len(top) else len(all_lines) + 1
        lines = tuple((n, line) for n, line in visible if heading.line < n < end)
        spec = settings.section_for(heading.text) if heading.level == 2 else None
        sections.append(Section(heading, spec, lines))
    return ExplainerSource(
        front_matter=front_matter,
        headings=tuple(headings),
        lede=lede,
        sections=tuple(sections),
        blocks=tuple(blocks),
        footnote_definitions=tuple(definitions),
        footnote_references=tuple(references),
        prose=tuple(prose),
        last_line=max((n for n, line in enumerate(all_lines, start=1) if line.strip()), default=1),
    )
