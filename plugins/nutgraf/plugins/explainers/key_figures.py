"""Key figures: a fenced ``figure`` block whose YAML gives a number to show large, its label and source.

````markdown
```figure
value: "57,000+"
label: Chinese nationals arrested over cyberscams since 2023
source: Chinese authorities
```
````
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import yaml

from nutgraf.kernel import safe_yaml
from nutgraf.kernel.block_hints import tab_diagnostic, tab_indented_line, unclosed_block
from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.sources import FencedBlock
from nutgraf.kernel.suggest import closest

FIELDS = ("value", "label", "source")


@dataclass(frozen=True)
class KeyFigure:
    value: str
    label: str
    source: str = ""
    line: int = 0


def parse_key_figure(block: FencedBlock, path: str, *, published: bool) -> tuple[KeyFigure | None, list[Diagnostic]]:
    """The key figure a block describes, and every problem with it."""
    name = block.info.split(" ")[0]
    example = f"write it as:\n```{name}\nvalue: …\nlabel: …\nsource: …\n```"
    if (unclosed := unclosed_block(block, path)) is not None:
        return None, [unclosed]
    try:
        data = safe_yaml.load(block.body) if block.body.strip() else None
    except safe_yaml.RefusedYAML as error:
        line = block.body_line + (safe_yaml.error_line(error) or 0)
        message = f"the key figure block: {error.problem}"
        return None, [Diagnostic(path, line, message, "write the value, label and source out in full")]
    except yaml.YAMLError as error:
        if (tab := tab_indented_line(block.body, block.body_line)) is not None:
            return None, [tab_diagnostic(path, tab)]
        mark = getattr(error, "problem_mark", None)
        line = block.body_line + mark.line if mark is not None else block.line
        problem = getattr(error, "problem", None) or "is not valid YAML"
        return None, [Diagnostic(path, line, f"the key figure is not valid YAML ({problem})", "use 'key: value' lines")]
    if not isinstance(data, dict):
        return None, [
            Diagnostic(
                path,
                block.line,
                "the key figure block is empty or not a list of 'key: value' lines",
                example.replace("\n", " "),
            )
        ]
    problems: list[Diagnostic] = []
    body_lines = block.body.split("\n")

    def line_of(key: str) -> int:
        for offset, text in enumerate(body_lines):
            if text.split(":", 1)[0].strip() == key:
                return block.body_line + offset
        return block.line

    for key in data:
        if str(key) not in FIELDS:
            guess = closest(str(key), FIELDS, cutoff=0.75)
            hint = f"did you mean '{guess}'?" if guess else f"a key figure has only {', '.join(FIELDS)}"
            problems.append(Diagnostic(path, line_of(str(key)), f"unknown key '{key}' in the key figure", hint))
    required = FIELDS if published else ("value",)
    for key in required:
        value = data.get(key)
        if value is None or not str(value).strip():
            problems.append(
                Diagnostic(path, block.line, f"the key figure has no '{key}'", f"add a line '{key}: …' to the block")
            )
    if problems:
        return None, problems
    figure = KeyFigure(
        value=str(data["value"]).strip(),
        label=str(data.get("label") or "").strip(),
        source=str(data.get("source") or "").strip(),
        line=block.line,
    )
    return figure, []


def render_key_figure(figure: KeyFigure, gettext: Callable[[str], str] = str) -> str:
    """The key figure as HTML: the number large, its label below, its source in small type."""
    source_label = gettext("Source:")  # outside the f-string, where `pybabel extract` finds it
    source = f"{html.escape(source_label)} {html.escape(figure.source)}"
    caption = " ".join(
        part
        for part in (
            f'<span class="key-figure__label">{html.escape(figure.label)}</span>' if figure.label else "",
            f'<span class="key-figure__source">{source}</span>' if figure.source else "",
        )
        if part
    )
    parts = [
        '<figure class="key-figure">',
        f'<p class="key-figure__value">{html.escape(figure.value)}</p>',
        f"<figcaption>{caption}</figcaption>" if caption else "",
        "</figure>",
    ]
    return "".join(parts)
