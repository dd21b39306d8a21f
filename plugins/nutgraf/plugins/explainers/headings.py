"""Headings of a Markdown body, found as Python-Markdown finds them (outside fenced blocks)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

# Python-Markdown's ATX rule: hashes at the start of a line, no space required, closing hashes dropped.
_ATX = re.compile(r"^(?P<hashes>#{1,6})(?P<text>(?:\\.|[^\\])*?)#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^(?P<char>[=-])+[ ]*$")
_NOT_A_PARAGRAPH_START = re.compile(r"^(\s{4,}|\s{0,3}([-*+]|\d+\.)\s|\s{0,3}>|\s{0,3}<)")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    line: int
    setext: bool = False


def find_headings(lines: Iterable[tuple[int, str]]) -> list[Heading]:
    """ATX (``## Text``) and setext (``Text`` over ``---``) headings among numbered lines.

    ``lines`` must leave out fenced blocks (``nutgraf.kernel.sources.lines_outside_fences``).
    """
    numbered = list(lines)
    headings: list[Heading] = []
    previous_blank = True
    skip_next = False
    for position, (number, line) in enumerate(numbered):
        if skip_next:
            skip_next = False
            previous_blank = False
            continue
        atx = _ATX.match(line)
        if atx:
            headings.append(Heading(len(atx["hashes"]), atx["text"].strip(), number))
            previous_blank = False
            continue
        following = numbered[position + 1] if position + 1 < len(numbered) else None
        if (
            previous_blank
            and line.strip()
            and following is not None
            and following[0] == number + 1
            and not _NOT_A_PARAGRAPH_START.match(line)
        ):
            underline = _SETEXT_UNDERLINE.match(following[1])
            if underline:
                headings.append(Heading(1 if underline["char"] == "=" else 2, line.strip(), number, setext=True))
                skip_next = True
                continue
        previous_blank = not line.strip()
    return headings
