"""A ```chart block: its YAML parsed into options, each remembered with its line in the Markdown file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import yaml

from nutgraf.kernel import safe_yaml
from nutgraf.kernel.block_hints import tab_diagnostic, tab_indented_line, unclosed_block
from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.sources import SourceFile, SourceRecord, fenced_blocks

CHART_INFO = "chart"

COMMON_KEYS = frozenset(
    {"title", "subtitle", "source", "source_url", "alt", "note", "id", "aspect", "height", "table", "legend"}
)
# Encoding channels the shorthand form accepts (Vega-Lite's names, snake_case allowed for strokeDash).
CHANNELS = frozenset(
    {"x", "y", "x2", "y2", "color", "size", "shape", "opacity", "theta", "radius", "text", "tooltip", "detail"}
    | {"order", "stroke_dash", "row", "column", "facet", "xOffset", "yOffset"}
)
# `missing:` says how empty cells are drawn (cell_types): it changes the spec, so every form keys its memo on it.
# `annotations:` notes, rules and ranges drawn over the chart (annotations.py): the shorthand form only.
SHORTHAND_KEYS = frozenset({"data", "mark", "sort_by", "missing", "annotations"}) | CHANNELS
# `map:` a base map (TopoJSON or GeoJSON) with a choropleth's join or a locator map's points (maps.py).
MAP_KEYS = frozenset(
    {"map", "feature", "projection", "data", "key", "map_key", "name", "longitude", "latitude", "color", "size"}
    | {"missing"}
)
FORM_KEYS = {
    "shorthand": SHORTHAND_KEYS,
    "map": MAP_KEYS,
    "spec": frozenset({"spec", "missing"}),
    "altair": frozenset({"altair", "data", "missing"}),
}
ALL_KEYS = COMMON_KEYS | SHORTHAND_KEYS | FORM_KEYS["spec"] | FORM_KEYS["altair"] | MAP_KEYS
REQUIRED_KEYS = ("source", "alt")


@dataclass(frozen=True)
class ChartBlock:
    """One chart block of one Markdown file."""

    path: str  # the Markdown file, as editors see it
    line: int  # the opening fence
    body: str
    options: dict[str, Any] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)
    lang: str = ""  # the explainer's `Lang:` when it is not DEFAULT_LANG: the chart is drawn in its locale

    @property
    def form(self) -> str:
        if "spec" in self.options:
            return "spec"
        if "altair" in self.options:
            return "altair"
        if "map" in self.options:
            return "map"
        return "shorthand"

    @property
    def digest(self) -> str:
        """What the Markdown extension looks the rendered chart up by: the block's own text."""
        return block_digest(self.body)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)

    def diagnostic(self, key: str | None, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(self.path, self.line_of(key) if key else self.line, message, hint)


def block_digest(body: str) -> str:
    normalised = "\n".join(line.rstrip() for line in body.strip("\n").split("\n"))
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def chart_blocks(source: SourceFile | SourceRecord) -> list[ChartBlock | Diagnostic]:
    """Every chart block of a Markdown file, parsed, or the diagnostic saying why it cannot be."""
    found: list[ChartBlock | Diagnostic] = []
    for fenced in fenced_blocks(source.text):
        if fenced.info.split()[:1] != [CHART_INFO]:
            continue
        if (unclosed := unclosed_block(fenced, source.display)) is not None:
            found.append(unclosed)
            continue
        found.append(parse_block(fenced.body, source.display, fenced.line))
    return found


def parse_block(body: str, path: str, line: int) -> ChartBlock | Diagnostic:
    """The block's YAML as options with line numbers (``line`` is the opening fence's)."""
    first = line + 1
    try:
        node, options = safe_yaml.load_with_node(body)  # the nodes give each key's line
    except (safe_yaml.TooDeepYAML, RecursionError):
        return Diagnostic(path, line, "chart block is nested too deeply", "write one 'key: value' per line")
    except safe_yaml.RefusedYAML as error:
        where = first + (safe_yaml.error_line(error) or 0)
        return Diagnostic(path, where, f"chart block: {error.problem}", "write each value out in full")
    except yaml.YAMLError as error:
        if (tab := tab_indented_line(body, first)) is not None:
            return tab_diagnostic(path, tab)
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        where = first + mark.line if mark else line
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return Diagnostic(path, where, f"chart block is not valid YAML: {problem}", "write one 'key: value' per line")
    if not isinstance(options, dict) or not isinstance(node, yaml.MappingNode):
        return Diagnostic(
            path, line, "chart block must hold 'key: value' lines", "see the chart block syntax in README"
        )
    key_lines: dict[str, int] = {}
    for key, value in node.value:
        where = first + key.start_mark.line
        if str(key.value) in key_lines:  # YAML keeps the last silently; the editor meant one of them
            message = f"chart key '{key.value}' is given twice (first on line {key_lines[str(key.value)]})"
            return Diagnostic(path, where, message, "keep one of them")
        key_lines[str(key.value)] = where
        if isinstance(value, yaml.SequenceNode):  # each item's own line, as 'key.0', 'key.1', ...
            for index, item in enumerate(value.value):
                key_lines[f"{key.value}.{index}"] = first + item.start_mark.line
    return ChartBlock(path, line, body, {str(k): v for k, v in options.items()}, key_lines)
