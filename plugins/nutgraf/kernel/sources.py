"""The content, read once per build: one record per Markdown source, with line numbers.

Shared by every plugin's checks and stages and by its page hooks, so that all of them agree on which
files are explainers, how they are decoded, what their slug, status and language are, and where a
fenced block starts. The build context holds a build's ``Content`` (``BuildContext.content``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from nutgraf.kernel.diagnostics import Diagnostic, display_path
from nutgraf.kernel.frontmatter import FrontMatter, parse_front_matter

MARKDOWN_SUFFIXES = (".md", ".markdown")
_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>[^\n]*)$")


@dataclass(frozen=True)
class SourceFile:
    """A Markdown file of the content, decoded."""

    path: Path
    display: str  # as editors see it in diagnostics, e.g. content/explainers/a.md
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


@dataclass(frozen=True)
class FencedBlock:
    """A fenced code block: its info string (e.g. ``chart``), body, and 1-based line numbers."""

    info: str
    body: str
    line: int  # the opening fence
    body_line: int  # the body's first line
    end_line: int  # the closing fence (or the last line, when the fence is never closed)
    closed: bool


class RealPaths:
    """``os.path.realpath`` of many files in few folders, each folder resolved once (a full realpath looks up
    every folder of the path again: thousands of times for a site's files). Made for one pass over the
    files: a folder that becomes a link afterwards is not seen."""

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: str | Path) -> str:
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", ".."):
            return os.path.realpath(path)
        joined = os.path.join(self.folder(folder), name)  # noqa: PTH118 - strings: thousands of calls
        return os.path.realpath(joined) if os.path.islink(joined) else joined  # noqa: PTH114

    def folder(self, folder: str) -> str:
        """``os.path.realpath(folder)``, worked out once."""
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = os.path.realpath(folder)
        return real


def content_folders(settings: Mapping[str, Any], key: str = "ARTICLE_PATHS") -> list[Path]:
    """The folders of one content kind (``ARTICLE_PATHS`` or ``PAGE_PATHS``), absolute."""
    root = Path(settings["PATH"])
    return [root / folder for folder in settings.get(key) or []]


def markdown_files(
    settings: Mapping[str, Any], key: str = "ARTICLE_PATHS", real_path: RealPaths | None = None
) -> list[Path]:
    """The Markdown files Pelican will read as that content kind, in a stable order.

    An entry of ``ARTICLE_PATHS`` may name a file, as Pelican allows (the live preview renders an edited
    page first from the file alone). Files reached through a link out of content/ are left out:
    ``links_out_of_content`` reports them.
    """
    ignored = set(settings.get("IGNORE_FILES") or [])
    root = os.path.join(os.path.realpath(settings["PATH"]), "")  # noqa: PTH118
    real_path = real_path or RealPaths()
    files: set[Path] = set()
    for folder in content_folders(settings, key):
        found = folder.rglob("*") if folder.is_dir() else [folder]
        files.update(
            path
            for path in found
            if path.suffix in MARKDOWN_SUFFIXES and path.is_file() and not path.name.startswith(".")
            if path.name not in ignored and real_path(path).startswith(root)
        )
    return sorted(files)


def links_out_of_content(settings: Mapping[str, Any]) -> list[Diagnostic]:
    """Every symbolic link in content/ that leads outside it.

    Pelican follows links, so a link to a file elsewhere on the machine (a key, a password file)
    would be read as an explainer or copied into the public site as a static file.
    """
    content = Path(settings["PATH"])
    root = content.resolve()
    project = content.absolute().parent
    found: list[Diagnostic] = []
    for folder, subfolders, names in os.walk(content):  # links are not followed, only looked at
        for name in sorted([*subfolders, *names]):
            # A Path made only for links: the live preview runs this on every save, over thousands of files.
            if not os.path.islink(os.path.join(folder, name)):  # noqa: PTH114, PTH118
                continue
            path = Path(folder) / name
            if not path.resolve().is_relative_to(root):
                shown = Path(os.path.relpath(path.absolute(), project)).as_posix()
                found.append(
                    Diagnostic(
                        shown,
                        1,
                        f"is a link to {path.readlink()}, outside content/",
                        "copy what you need into content/ instead of linking to it",
                    )
                )
    return found


def read_source(path: Path, root: Path | None = None, display: str | None = None) -> SourceFile | Diagnostic:
    """The file decoded as UTF-8 (a leading BOM dropped), or a diagnostic saying why not. ``display``: the
    path as ``display_path(path, root)`` gives it, when the caller has it already."""
    display = display if display is not None else display_path(path, root)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Diagnostic(display, 1, f"cannot be read ({error.strerror})", "check the file's permissions")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Diagnostic(
            display,
            line,
            f"is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            "save the file as UTF-8",
        )
    return SourceFile(path, display, text.replace("\r\n", "\n").replace("\r", "\n"))


def read_sources(settings: Mapping[str, Any], key: str = "ARTICLE_PATHS") -> Iterator[SourceFile | Diagnostic]:
    """Every Markdown source of one content kind, decoded, or its diagnostic."""
    root = Path(settings["PATH"]).parent
    # display_path's answer, each folder resolved once (display_path resolves every folder of every path).
    base = os.path.join(os.path.realpath(root), "")  # noqa: PTH118
    real_path = RealPaths()
    for path in markdown_files(settings, key, real_path):
        real = real_path(path)
        display = Path(real[len(base) :] if real.startswith(base) else real).as_posix()
        yield read_source(path, root, display)


def fenced_blocks(text: str) -> list[FencedBlock]:
    """The fenced code blocks of a Markdown text, as Python-Markdown's fenced_code sees them."""
    lines = text.split("\n")
    blocks: list[FencedBlock] = []
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening or (opening["fence"][0] == "`" and "`" in opening["info"]):
            index += 1
            continue
        fence = opening["fence"]
        start = index
        index += 1
        body: list[str] = []
        closed = False
        while index < len(lines):
            closing = _FENCE.match(lines[index])
            if (
                closing
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"].strip()
            ):
                closed = True
                break
            body.append(lines[index])
            index += 1
        blocks.append(
            FencedBlock(
                info=opening["info"].strip().lstrip("{").rstrip("}").strip(),
                body="\n".join(body),
                line=start + 1,
                body_line=start + 2,
                end_line=min(index, len(lines) - 1) + 1,
                closed=closed,
            )
        )
        index += 1
    return blocks


def lines_outside_fences(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for every line not inside a fenced block."""
    fenced: set[int] = set()
    for block in fenced_blocks(text):
        fenced.update(range(block.line, block.end_line + 1))
    for number, line in enumerate(text.split("\n"), start=1):
        if number not in fenced:
            yield number, line


def pelican_slug(text: str, settings: Mapping[str, Any]) -> str:
    """``text`` as Pelican slugifies it, honouring SLUG_REGEX_SUBSTITUTIONS and the SLUGIFY_* settings."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return slugify(
        text,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


@dataclass(frozen=True)
class SourceRecord:
    """One Markdown source as Pelican will read it: text, front matter, slug, status, language, fenced blocks."""

    source: SourceFile
    kind: str  # ARTICLE_PATHS or PAGE_PATHS
    front_matter: FrontMatter
    slug: str
    slug_line: int  # the line that sets the slug (its ``Slug:`` or ``Title:``), 1 when the file name does
    status: str  # lower case; DEFAULT_METADATA's when the file gives none
    lang_given: str  # the file's ``Lang:``, '' when it has none
    lang: str  # the file's language: its ``Lang:``, else DEFAULT_LANG
    blocks: tuple[FencedBlock, ...]

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def display(self) -> str:
        return self.source.display

    @property
    def text(self) -> str:
        return self.source.text

    def blocks_named(self, info: str) -> list[FencedBlock]:
        """The fenced blocks whose info string starts with ``info`` (``chart``, a key-figure block)."""
        return [block for block in self.blocks if block.info.split(" ")[0] == info]


def _slug(front: FrontMatter, source: SourceFile, settings: Mapping[str, Any]) -> tuple[str, int]:
    given = front.first("slug")
    if given is not None and given.value:
        return given.value, given.line
    title = front.first("title")
    by_title = settings.get("SLUGIFY_SOURCE", "title") == "title" and title is not None
    text = title.value if by_title and title else source.path.stem
    return pelican_slug(text, settings), title.line if by_title and title else 1


def front_matter_status(front: FrontMatter, default_metadata: Mapping[str, Any] | None = None) -> str:
    """The ``Status:`` Pelican gives a file (lower case): its own, else DEFAULT_METADATA's, else published."""
    status = front.first("status")
    if status is not None:
        return status.value.strip().lower()
    return str((default_metadata or {}).get("status", "published")).lower()


def source_record(source: SourceFile, kind: str, settings: Mapping[str, Any]) -> SourceRecord:
    front = parse_front_matter(source.text)
    slug, slug_line = _slug(front, source, settings)
    lang = front.first("lang")
    lang_given = lang.value.strip() if lang is not None else ""
    return SourceRecord(
        source=source,
        kind=kind,
        front_matter=front,
        slug=slug,
        slug_line=slug_line,
        status=front_matter_status(front, settings.get("DEFAULT_METADATA")),
        lang_given=lang_given,
        lang=lang_given or str(settings.get("DEFAULT_LANG") or "en"),
        blocks=tuple(fenced_blocks(source.text)),
    )


@dataclass(frozen=True)
class Content:
    """Every Markdown source of a build: the records, and the articles that could not be read."""

    records: tuple[SourceRecord, ...]
    unreadable_articles: tuple[Diagnostic, ...]
    unreadable_pages: tuple[Diagnostic, ...] = ()

    @property
    def articles(self) -> list[SourceRecord]:
        return [record for record in self.records if record.kind == "ARTICLE_PATHS"]

    @property
    def pages(self) -> list[SourceRecord]:
        return [record for record in self.records if record.kind == "PAGE_PATHS"]

    @cached_property
    def _real_path(self) -> RealPaths:
        return RealPaths()

    @cached_property
    def _by_path(self) -> dict[str, SourceRecord]:
        return {self._real_path(record.path): record for record in self.records}

    def record_for(self, path: str | Path) -> SourceRecord | None:
        """The record of a file Pelican read (by its path), None if it is not one of the content's."""
        return self._by_path.get(self._real_path(path))


def read_content(settings: Mapping[str, Any]) -> Content:
    """Read every article and page source once."""
    records: list[SourceRecord] = []
    unreadable: dict[str, list[Diagnostic]] = {"ARTICLE_PATHS": [], "PAGE_PATHS": []}
    for kind in ("ARTICLE_PATHS", "PAGE_PATHS"):
        for item in read_sources(settings, kind):
            if isinstance(item, SourceFile):
                records.append(source_record(item, kind, settings))
            else:
                unreadable[kind].append(item)
    return Content(tuple(records), tuple(unreadable["ARTICLE_PATHS"]), tuple(unreadable["PAGE_PATHS"]))
