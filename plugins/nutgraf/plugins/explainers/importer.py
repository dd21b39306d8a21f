"""Plain-text explainers (parts headed by lines like "What's Happening?") turned into Markdown explainers.

Recognised headings become the canonical ``## `` headings; lines that look like headings but name
none of the four sections are reported, never guessed at, and kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.plugins.explainers.settings import ExplainerSettings

_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]$")
_MAX_HEADING_WORDS = 8


@dataclass(frozen=True)
class ImportedText:
    """The explainer's parts found in a text: the lede and each section's paragraphs, by key."""

    lede: tuple[str, ...]
    sections: dict[str, tuple[str, ...]]
    problems: tuple[Diagnostic, ...]


def _looks_like_heading(line: str, following: str) -> bool:
    """Short, capitalised, not ending like a sentence (a question mark, as in the headings we know, is allowed),
    and followed by a line that starts a sentence (not by the rest of a broken one)."""
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS or not line[0].isupper() or line.endswith(","):
        return False
    if following and not (following[0].isupper() or following[0].isdigit() or following[0] in "\"“‘'("):
        return False
    return line.endswith("?") or not _SENTENCE_END.search(line)


def _paragraphs(lines: list[str]) -> tuple[str, ...]:
    """Lines joined into paragraphs: a blank line, or a line ending a sentence, ends a paragraph.

    Plain-text sources often put one paragraph on a line, and sometimes break a line mid-sentence.
    """
    result: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        text = " ".join(line.split())
        if text:
            current.append(text)
        if current and (not text or _SENTENCE_END.search(text)):
            result.append(" ".join(current))
            current = []
    return tuple(result)


def import_text(text: str, source: str, settings: ExplainerSettings) -> ImportedText:
    """Split a plain-text explainer into its parts; ``source`` names the file in diagnostics."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    parts: dict[str | None, list[str]] = {None: []}
    current: str | None = None
    problems: list[Diagnostic] = []
    previous_blank = True
    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        line = " ".join(raw.split())
        following = next((" ".join(later.split()) for later in lines[number:] if later.strip()), "")
        spec = settings.section_for(line) if line else None
        if spec is not None:
            if spec.key in parts:
                problems.append(
                    Diagnostic(
                        source, number, f"'{line}' heads a second '{spec.label}' part", "merge the two parts", "note"
                    )
                )
            current = spec.key
            parts.setdefault(current, [])
            previous_blank = True
            continue
        if line and previous_blank and _looks_like_heading(line, following):
            problems.append(
                Diagnostic(
                    source,
                    number,
                    f"'{line}' looks like a heading but is none of the four parts; it was kept as text",
                    "rename it to one of " + ", ".join(f"'{s.label}'" for s in settings.sections) + ", or edit it",
                    "note",
                )
            )
        parts[current].append(raw)
        previous_blank = not line or bool(_SENTENCE_END.search(line))
    sections = {key: _paragraphs(lines) for key, lines in parts.items() if key is not None}
    return ImportedText(_paragraphs(parts[None]), sections, tuple(problems))


def imported_bodies(imported: ImportedText, settings: ExplainerSettings) -> tuple[str, ...]:
    """Each canonical section's Markdown body, in order (a TODO where the text had none)."""
    return tuple(
        "\n\n".join(imported.sections.get(spec.key, ())) or "TODO: write this section." for spec in settings.sections
    )
