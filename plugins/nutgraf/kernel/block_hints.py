"""The real cause of a broken YAML block (a chart or a key figure), said the way an editor can act on it.

YAML's own messages name the symptom ("found character that cannot start any token"); a fence never
closed makes the block swallow the prose and headings after it, and every check after that blames
them. These name the cause once, at its line.
"""

from __future__ import annotations

import re

import yaml

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.sources import FencedBlock

# Lines that show a block ran on into the text after it: a section heading, or another block's opening fence.
# (A single '#' starts a YAML comment, so only a block whose YAML fails is judged by them.)
_RUNAWAY = re.compile(r"^(#{2,6}\s|\s{0,3}(`{3,}|~{3,})\s*\S)")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def tab_indented_line(body: str, body_line: int) -> int | None:
    """The file line of the block's first line indented with a tab (YAML allows spaces only), if any."""
    for offset, line in enumerate(body.split("\n")):
        indentation = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indentation:
            return body_line + offset
    return None


def tab_diagnostic(path: str, line: int) -> Diagnostic:
    return Diagnostic(path, line, f"line {line} is indented with a tab; YAML needs spaces", "indent it with spaces")


def unclosed_block(block: FencedBlock, path: str) -> Diagnostic | None:
    """The one diagnostic for a YAML block whose closing fence is missing, or None when it is closed.

    A fence is "closed" by any later bare fence, so a block that ran on into a heading or into the next
    block's opening is unclosed too: Markdown has made the text after it part of the block.
    """
    lines = block.body.split("\n")
    runaway = next((offset for offset, line in enumerate(lines) if _RUNAWAY.match(line)), None)
    if block.closed and (runaway is None or _is_yaml(block.body)):
        return None
    end = runaway if runaway is not None else len(lines)
    blank = next((offset for offset, line in enumerate(lines[:end]) if not line.strip()), end)
    last = block.line + max(blank, 1)  # the block's last line of YAML
    name = block.info.split(" ")[0] or "code"
    return Diagnostic(
        path,
        block.line,
        f"the {name} block opened at line {block.line} is never closed",
        f"add ``` after it (on the line after line {last})",
    )


def _is_yaml(text: str) -> bool:
    try:
        yaml.load(text, Loader=_Loader)  # a safe loader
    except (yaml.YAMLError, RecursionError):
        return False
    return True
