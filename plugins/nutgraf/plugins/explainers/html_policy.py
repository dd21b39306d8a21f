"""The HTML an editor may write in Markdown, checked in the source and enforced on every rendered page.

Policy (README, "HTML in Markdown"): Markdown's own output, plus a few inline elements Markdown has no
syntax for (EDITOR_TAGS). Never script, frames, objects, embedded media, forms or style: no ``on…``
handlers, ``style`` attributes (tables' text-align aside), ``javascript:``/``data:`` URLs. Links may go
to any web address; an image may not load from another origin (the reader's browser would ask it, and
it can change or vanish): the file is copied into content/ and named by a relative path.

``html_problems`` reports whatever is beyond the policy as ``path:line`` errors, at the line of the source
where the HTML (or the Markdown that makes it) is written; nothing is stripped silently. ``sanitise``
then runs nh3 (a maintained sanitiser, html5ever's parser) over every page as it is rendered, with the
same lists: content that passed the check comes out with the same elements and attributes.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nh3

from nutgraf.kernel.diagnostics import Diagnostic, display_path
from nutgraf.kernel.file_memo import FileMemo
from nutgraf.kernel.sources import SourceRecord

# What Python-Markdown (with extra, toc, footnotes, tables) writes for Markdown syntax.
MARKDOWN_TAGS = frozenset(
    {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "a", "img", "code", "pre"}
    | {"ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd"}
    | {"div", "sup", "abbr"}  # footnotes and the table of contents are divs; footnote marks are sup
)
# Inline HTML an editor may write, for what Markdown cannot say.
EDITOR_TAGS = frozenset({"abbr", "sub", "sup", "kbd", "mark", "br", "small", "s", "q", "cite"})
ALLOWED_TAGS = MARKDOWN_TAGS | EDITOR_TAGS
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "align"},
    "td": {"colspan", "rowspan", "align"},
}
# Markdown's tables align columns with style="text-align: …": the one style allowed.
STYLED = {"th", "td"}
STYLE = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$", re.IGNORECASE)
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
LOADING_ATTRIBUTES = frozenset({"src"})  # fetched by the browser as the page loads (href, cite are not)
# What our own Markdown extensions add after the editor's text (sections, key figures, chart placeholders).
OWN_TAGS = frozenset({"section", "figure", "figcaption", "span"})
OWN_ATTRIBUTES = {"*": {"aria-labelledby", "aria-hidden"}}
POLICY_HINT = (
    "write it in Markdown; of HTML only <abbr>, <sub>, <sup>, <kbd>, <mark>, <br>, <small>, <s>, <q> and <cite> "
    "may be used (README, 'HTML in Markdown')"
)


@dataclass(frozen=True)
class Breach:
    """One thing beyond the policy in rendered HTML, and text to find it by in the source."""

    message: str
    hint: str
    needles: tuple[str, ...]


def _url_breach(tag: str, name: str, value: str) -> Breach | None:
    url = value.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme and scheme not in LINK_SCHEMES:
        message = f"a {scheme}: address in <{tag} {name}> is not allowed"
        return Breach(message, "link to a web page, or copy the file into content/", (url[:40], f"{scheme}:"))
    if name in LOADING_ATTRIBUTES and (scheme or parts.netloc or url.startswith("//")):
        where = parts.netloc or url
        message = f"<{tag}> would load {url[:80]} from another origin ({where})"
        hint = "copy the file into content/ (e.g. content/images/) and refer to it by a relative path"
        return Breach(message, hint, (url[:60], where))
    return None


def breaches(tag: str, attributes: list[tuple[str, str | None]]) -> Iterator[Breach]:
    """What is wrong with one start tag under the policy (nothing when it is allowed)."""
    if tag not in ALLOWED_TAGS:
        yield Breach(f"HTML element <{tag}> is not allowed", POLICY_HINT, (f"<{tag}",))
        return
    allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
    for name, value in attributes:
        text = value or ""
        if name.startswith("on"):
            message = f"event handler {name}= on <{tag}> is not allowed: pages run no script of the content"
            yield Breach(message, "remove it", (f"{name}=", name))
        elif name == "style":
            if tag not in STYLED or not STYLE.match(text):
                message = f"style attribute on <{tag}> is not allowed"
                yield Breach(message, "remove it: the theme styles the page", ("style=", "style"))
        elif name not in allowed:
            yield Breach(f"attribute {name}= on <{tag}> is not allowed", POLICY_HINT, (f"{name}=", name))
        elif name in URL_ATTRIBUTES and (found := _url_breach(tag, name, text)):
            yield found


class _StartTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def html_breaches(html: str) -> list[Breach]:
    """Everything in rendered HTML beyond the policy, in document order."""
    parser = _StartTags()
    parser.feed(html)
    parser.close()
    return [breach for tag, attributes in parser.tags for breach in breaches(tag.lower(), attributes)]


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "style" and not (tag in STYLED and STYLE.match(value)):
        return None
    if name in URL_ATTRIBUTES and _url_breach(tag, name, value) is not None:
        return None
    return value


def sanitise(html: str) -> str:
    """``html`` with only what the policy (and our own extensions) allow; comments (chart placeholders) kept."""
    attributes = {tag: set(names) for tag, names in ATTRIBUTES.items()}
    attributes["*"] |= OWN_ATTRIBUTES["*"]
    for tag in STYLED:
        attributes[tag] = attributes.get(tag, set()) | {"style"}
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS | OWN_TAGS),
        attributes=attributes,
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=False,
    )


def _markdown(settings: dict[str, Any]) -> Any:
    import markdown

    configs = (settings.get("MARKDOWN") or {}).get("extension_configs") or {"markdown.extensions.extra": {}}
    return markdown.Markdown(extensions=list(configs), extension_configs=configs, output_format="html5")


def _line_of(source: SourceRecord, needles: Iterable[str], after: int, body: int, fenced: set[int]) -> int:
    """The first line from ``after`` (else from the body's start) holding one of ``needles``, in that order."""
    lines = source.text.split("\n")
    for start in (after, body):
        for needle in needles:
            lowered = needle.lower()
            for number in range(start, len(lines) + 1):
                if number not in fenced and lowered in lines[number - 1].lower():
                    return number
    return after


def source_problems(source: SourceRecord, renderer: Any) -> list[Diagnostic]:
    """The HTML policy applied to one Markdown source: each breach at the line that writes it."""
    renderer.reset()
    html = renderer.convert(source.text)
    found = html_breaches(html)
    if not found:
        return []
    fenced = {n for block in source.blocks for n in range(block.line, block.end_line + 1)}
    body = source.front_matter.body_line  # front matter is text, escaped where it is shown
    diagnostics: list[Diagnostic] = []
    line = body
    for breach in found:
        line = _line_of(source, breach.needles, line, body, fenced)  # in order: the next breach is further on
        diagnostics.append(Diagnostic(source.display, line, breach.message, breach.hint))
    return diagnostics


def memo_salt(settings: dict[str, Any]) -> str:
    """What a source's breaches depend on besides its text: how Markdown renders it, and the libraries' versions."""
    configs = (settings.get("MARKDOWN") or {}).get("extension_configs") or {}
    return json.dumps([repr(configs), version("markdown"), version("nh3")])


def html_problems(
    sources: Iterable[SourceRecord], settings: dict[str, Any], memo: FileMemo | None = None
) -> list[Diagnostic]:
    """The policy applied to every source of the build: explainers and pages alike.

    With ``memo``, a source's breaches are found again only when its text changed (rendering every
    file's Markdown is most of the content check).
    """
    renderer = functools.cache(lambda: _markdown(settings))  # made only when a source is rendered

    def problems(source: SourceRecord) -> list[Diagnostic]:
        if memo is None:
            return source_problems(source, renderer())
        return memo.get(source.display, source.text, lambda: source_problems(source, renderer()))

    return [problem for source in sources for problem in problems(source)]


# An SVG is a document that can carry script: one in content/ would be published as it is.
_SVG_DANGER = [
    (re.compile(r"<script", re.IGNORECASE), "holds a <script>"),
    (re.compile(r"<foreignObject", re.IGNORECASE), "holds a <foreignObject> (HTML inside the image)"),
    (re.compile(r"\son[a-z]+\s*=", re.IGNORECASE), "holds an event handler (on…=)"),
    (re.compile(r"(javascript|data):", re.IGNORECASE), "holds a javascript: or data: address"),
    (re.compile(r"""href\s*=\s*["']?\s*(https?:)?//""", re.IGNORECASE), "loads from another origin"),
]


def svg_problems(settings: dict[str, Any]) -> list[Diagnostic]:
    """SVG files in content/ that could run script or load from elsewhere, at the line that does."""
    content = Path(settings["PATH"])
    found: list[Diagnostic] = []
    # Every folder but those behind links, as rglob walks it; a Path made only for an SVG's name.
    images = [
        Path(folder) / name
        for folder, _, names in os.walk(content)
        for name in names
        if name.lower().endswith((".svg", ".svgz"))
    ]
    for path in sorted(images):
        if not path.is_file():
            continue
        shown = display_path(path, content.absolute().parent)
        try:
            text = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue
        for number, line in enumerate(text.split("\n"), start=1):
            for pattern, what in _SVG_DANGER:
                if pattern.search(line):
                    hint = "remove it, or export the image again as a plain SVG (or PNG)"
                    found.append(Diagnostic(shown, number, f"the SVG {what}", hint))
    return found
