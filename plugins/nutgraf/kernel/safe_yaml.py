"""YAML as editors may write it, read by every part of nutgraf that reads YAML (chart blocks, key-figure
blocks, YAML chart specs): PyYAML's safe subset, bounded.

A YAML alias re-uses a node by reference; nine nested aliases ("billion laughs") make a few hundred
bytes expand to gigabytes when constructed. No chart needs anchors, so they are refused outright rather
than counted, and so are documents nested deeper, or with more nodes, than any chart needs. The events
are scanned first (libyaml's parser, which never expands an alias), then the text is loaded.
"""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: several times faster, same results.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64  # no chart needs more; later steps (and Python's recursion) would choke on thousands
MAX_NODES = 200_000  # scalars and collections: a spec of 5,000 rows x 20 columns is 100,000


class RefusedYAML(yaml.MarkedYAMLError):
    """YAML that is valid but beyond what nutgraf reads; ``problem_mark`` says where (0-based line)."""


class TooDeepYAML(RefusedYAML):
    pass


def check_events(text: str) -> None:
    """Raise RefusedYAML at the first anchor, alias, nesting past MAX_DEPTH or node past MAX_NODES."""
    depth = nodes = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            problem = "anchors and aliases (&name, *name) are not allowed"
            raise RefusedYAML(problem=problem, problem_mark=event.start_mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise TooDeepYAML(problem=f"nested more than {MAX_DEPTH} levels deep", problem_mark=event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_NODES:
                raise RefusedYAML(problem=f"has more than {MAX_NODES:,} values", problem_mark=event.start_mark)


def load(text: str) -> Any:
    """The YAML document in ``text`` (safe tags only), or RefusedYAML / another yaml.YAMLError."""
    check_events(text)
    return yaml.load(text, Loader=Loader)


def load_with_node(text: str) -> tuple[yaml.Node | None, Any]:
    """The document's node tree (which knows each key's line) and its value, parsed once after the check."""
    check_events(text)
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def error_line(error: yaml.YAMLError) -> int | None:
    """The 0-based line a YAML error points at, if it says."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    return mark.line if mark is not None else None
