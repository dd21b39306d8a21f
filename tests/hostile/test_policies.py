"""Property-based: the HTML policy and the YAML policy hold for any input, not just the corpus's."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from nutgraf.kernel import safe_yaml
from nutgraf.plugins.explainers.html_policy import LINK_SCHEMES, OWN_TAGS, _markdown, html_breaches, sanitise

SETTINGS = settings(max_examples=300, deadline=None)
RENDERER = _markdown({})

TAGS = ["script", "iframe", "img", "a", "abbr", "sub", "mark", "svg", "style", "object", "q", "div", "span", "td"]
ATTRIBUTES = ["onerror", "onclick", "OnLoad", "style", "src", "href", "cite", "title", "class", "data-x", "srcset"]
VALUES = [
    "javascript:alert(1)",
    " JaVaScRiPt:x",
    "java&#x09;script:x",
    "data:text/html,x",
    "https://elsewhere.example/p.png",
    "//elsewhere.example/p",
    "/images/local.png",
    "images/local.png",
    "#fn:1",
    "text-align: left",
    "position:fixed",
    "mailto:desk@example.org",
    "x onerror=alert(1)",
    '"><script>alert(1)</script>',
]


@st.composite
def raw_html(draw: st.DrawFn) -> str:
    tag = draw(st.sampled_from(TAGS))
    attributes = draw(st.lists(st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)), max_size=3))
    quote = draw(st.sampled_from(['"', "'", ""]))
    written = "".join(f" {name}={quote}{value}{quote}" for name, value in attributes)
    return f"<{tag}{written}>{draw(st.text(max_size=5))}</{tag}>"


MARKDOWN_PIECES = st.sampled_from(
    [
        "\n\n",
        "text ",
        "[link](",
        "![image](",
        ")",
        "{: onclick=x }",
        "<!-- c -->",
        "`code`",
        "```\n",
        "[^1]",
        "\n[^1]: note\n",
        "| a | b |\n|:-|-:|\n| 1 | 2 |\n",
        "[ref]: ",
        "![x][ref]",
        *VALUES,
    ]
)
DOCUMENTS = st.lists(st.one_of(raw_html(), MARKDOWN_PIECES, st.text(max_size=6)), max_size=12).map("".join)


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(sorted((name, value or "") for name, value in attrs))))

    handle_startendtag = handle_starttag


def elements(html: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.elements


def dangerous(html: str) -> list[str]:
    """Script, handlers, styles and other-origin resources in HTML, judged without the policy's own code."""
    found = []
    for tag, attributes in elements(html):
        if tag in {"script", "iframe", "object", "embed", "style", "svg", "math", "base", "meta", "link", "form"}:
            found.append(tag)
        for name, value in attributes:
            compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            scheme = urlsplit(compact).scheme
            if name.startswith("on") or (name == "style" and not compact.startswith("text-align:")):
                found.append(f"{tag} {name}")
            elif name in {"href", "src", "cite"} and scheme and scheme not in LINK_SCHEMES:
                found.append(f"{tag} {name}={value}")
            elif name == "src" and (scheme or compact.startswith("//")):
                found.append(f"{tag} src={value}")
    return found


@SETTINGS
@given(DOCUMENTS)
def test_what_passes_the_check_has_no_script_handler_or_other_origin(document: str) -> None:
    RENDERER.reset()
    html = RENDERER.convert(document)
    if not html_breaches(html):
        assert dangerous(html) == []
        assert dangerous(sanitise(html)) == []


@SETTINGS
@given(DOCUMENTS)
def test_the_sanitiser_keeps_what_passes_the_check(document: str) -> None:
    RENDERER.reset()
    html = RENDERER.convert(document)
    if not html_breaches(html):
        # As the same HTML5 parser leaves it when it removes nothing (it drops a <td> outside a table).
        found = elements(html)
        permissive = nh3.clean(
            html,
            tags={tag for tag, _ in found},
            attributes={"*": {name for _, attributes in found for name, _ in attributes}},
            url_schemes=set(LINK_SCHEMES),
            link_rel=None,
            strip_comments=False,
        )
        assert elements(sanitise(html)) == elements(permissive)


@SETTINGS
@given(st.one_of(DOCUMENTS, st.lists(raw_html(), max_size=6).map("".join)))
def test_the_sanitiser_leaves_nothing_the_check_would_report(html: str) -> None:
    cleaned = sanitise(html)
    # The sanitiser also lets through what our own extensions write (sections, figures, aria-…): no more.
    own = [f"<{tag}>" for tag in OWN_TAGS] + ["aria-"]
    assert [b.message for b in html_breaches(cleaned) if not any(mark in b.message for mark in own)] == []
    assert dangerous(cleaned) == []


# YAML -------------------------------------------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=10))
TREES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=30,
)


@SETTINGS
@given(TREES)
def test_yaml_without_anchors_reads_as_the_safe_loader_reads_it(value: object) -> None:
    text = yaml.safe_dump(value, allow_unicode=True)
    assert safe_yaml.load(text) == yaml.safe_load(text)


@SETTINGS
@given(TREES, st.integers(min_value=0, max_value=20), st.sampled_from(["&anchor ", "*anchor", "<<: *anchor\n"]))
def test_any_anchor_or_alias_is_refused_wherever_it_is(value: object, where: int, reference: str) -> None:
    text = yaml.safe_dump({"a": value, "b": [1, 2]}, allow_unicode=True)
    lines = text.split("\n")
    position = where % len(lines)
    first = "a: &anchor [1]\n" if reference != "&anchor " else ""
    lines[position] = lines[position].replace(": ", f": {reference}", 1) if ": " in lines[position] else lines[position]
    candidate = first + "\n".join(lines)
    if "&anchor" not in candidate and "*anchor" not in candidate:
        return
    try:
        safe_yaml.load(candidate)
    except safe_yaml.RefusedYAML as error:
        assert "anchors and aliases" in str(error.problem)
    except yaml.YAMLError:
        pass  # the edit made it invalid YAML, also refused
    else:
        raise AssertionError(f"anchor or alias accepted: {candidate!r}")


@SETTINGS
@given(st.integers(min_value=1, max_value=400), st.sampled_from(["[", "{a: "]))
def test_nesting_is_bounded_without_recursion(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    text = opener * depth + "1" + closer * depth
    try:
        safe_yaml.load(text)
    except safe_yaml.TooDeepYAML:
        assert depth > safe_yaml.MAX_DEPTH
    else:
        assert depth <= safe_yaml.MAX_DEPTH


@SETTINGS
@given(st.integers(min_value=2, max_value=9), st.integers(min_value=2, max_value=12))
def test_alias_bombs_are_refused_before_they_expand(levels: int, width: int) -> None:
    lines = ["l0: &l0 [x]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * width)}]" for n in range(1, levels)]
    assert math.pow(width, levels) > 1  # what it would expand to
    try:
        safe_yaml.load("\n".join(lines))
    except safe_yaml.RefusedYAML as error:
        assert error.problem_mark.line == 0
    else:
        raise AssertionError("an alias bomb was read")
