"""Front matter as Python-Markdown's ``meta`` extension (and so Pelican) reads it, with line numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

# The same patterns as markdown.extensions.meta, so that we and Pelican agree on every file.
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)")
_BEGIN = re.compile(r"^-{3}(\s.*)?")
_END = re.compile(r"^(-{3}|\.{3})(\s.*)?")


@dataclass(frozen=True)
class Field:
    """One value of a front-matter key; a key given twice, or continued on indented lines, has several."""

    key: str  # lower case, as Pelican sees it
    name: str  # as the editor wrote it
    value: str
    line: int
    continued: bool = False  # an indented continuation line rather than ``Key: value``


@dataclass(frozen=True)
class FrontMatter:
    fields: tuple[Field, ...] = ()
    body_line: int = 1  # the first line after the front matter (and its closing blank line)
    ended_without_blank_line: int | None = None  # the line that ended the front matter, when not blank
    first_line: int = 1

    def values(self, key: str) -> list[Field]:
        return [f for f in self.fields if f.key == key]

    def first(self, key: str) -> Field | None:
        found = self.values(key)
        return found[0] if found else None

    def text(self, key: str) -> str:
        """A key's values joined as Pelican joins a formatted field (by newlines), stripped."""
        return "\n".join(f.value for f in self.values(key)).strip()

    @property
    def keys_in_order(self) -> list[Field]:
        """The first field of each key, in order (continuation lines left out)."""
        seen: dict[str, Field] = {}
        for field in self.fields:
            seen.setdefault(field.key, field)
        return list(seen.values())


def parse_front_matter(text: str) -> FrontMatter:
    """Read the ``Key: value`` lines at the top of a Markdown text exactly as ``markdown.extensions.meta`` does."""
    lines = [line.expandtabs(4) for line in text.split("\n")]
    # Python-Markdown's whitespace normalisation makes lines of spaces blank.
    lines = ["" if not line.strip(" ") else line for line in lines]
    index = 0
    first_line = 1
    if lines and _BEGIN.match(lines[0]):
        index = 1
        first_line = 2
    fields: list[Field] = []
    key: str | None = None
    name = ""
    while index < len(lines):
        line = lines[index]
        number = index + 1
        if line.strip() == "" or _END.match(line):
            return FrontMatter(tuple(fields), number + 1, None, first_line)
        match = _META.match(line)
        if match:
            name = match["key"].strip()
            key = name.lower()
            fields.append(Field(key, name, match["value"].strip(), number))
        else:
            more = _META_MORE.match(line)
            if more and key:
                fields.append(Field(key, name, more["value"].strip(), number, continued=True))
            else:
                return FrontMatter(tuple(fields), number, number if fields else None, first_line)
        index += 1
    return FrontMatter(tuple(fields), len(lines) + 1, None, first_line)
