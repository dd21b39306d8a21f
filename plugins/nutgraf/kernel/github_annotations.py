"""Diagnostics as GitHub Actions sees them: workflow commands that annotate the editor's lines, and a
job-summary table that lists them all (GitHub shows only the first ten annotations of a step).

Pure functions; ``print_diagnostics`` calls ``report`` when it runs under GitHub Actions.
The escaping is @actions/core's (``toolkit/packages/core/src/command.ts``): the runner decodes exactly
these sequences, so a message holding ``%``, a newline or, in a property, ``:`` or ``,`` arrives intact.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Protocol

# A diagnostic's severity -> the workflow command that shows it.
COMMANDS = {"error": "error", "note": "notice"}
TITLES = {"error": "Content error", "note": "Content note"}


class Located(Protocol):
    """What the kernel's Diagnostic provides (``severity`` is optional: without it, an error)."""

    path: str
    line: int
    message: str
    hint: str


def severity(diagnostic: Located) -> str:
    return getattr(diagnostic, "severity", None) or "error"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _text(diagnostic: Located) -> str:
    return f"{diagnostic.message}; {diagnostic.hint}" if diagnostic.hint else diagnostic.message


def workflow_command(diagnostic: Located) -> str:
    """``::error file=…,line=…,title=…::message; hint`` (``::notice`` for a note), escaped."""
    kind = severity(diagnostic)
    properties: dict[str, str] = {"file": diagnostic.path}
    if diagnostic.line and diagnostic.line > 0:  # line 0: the file as a whole
        properties["line"] = str(diagnostic.line)
    properties["title"] = TITLES.get(kind, TITLES["error"])
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS.get(kind, 'error')} {listed}::{escape_data(_text(diagnostic))}"


def _cell(text: str) -> str:
    """Text for a Markdown table cell: one line, its pipes escaped."""
    return " ".join(text.split()).replace("|", "\\|")


def summary_table(diagnostics: Iterable[Located]) -> str:
    """Every diagnostic as a row of a Markdown table, errors first, for ``$GITHUB_STEP_SUMMARY``."""
    rows = sorted(diagnostics, key=lambda d: (severity(d) != "error", d.path, d.line, d.message))
    errors = sum(1 for d in rows if severity(d) == "error")
    lines = [
        f"### Content check: {errors} error{'s' if errors != 1 else ''}, {len(rows) - errors} "
        f"note{'s' if len(rows) - errors != 1 else ''}",
        "",
        "| | File | Line | Problem | How to fix it |",
        "|---|---|---|---|---|",
    ]
    for d in rows:
        mark = "❌ error" if severity(d) == "error" else "ℹ️ note"
        lines.append(f"| {mark} | `{_cell(d.path)}` | {d.line or ''} | {_cell(d.message)} | {_cell(d.hint)} |")
    return "\n".join(lines) + "\n"


def running_in_actions(environ: Mapping[str, str] | None = None) -> bool:
    return bool((environ if environ is not None else os.environ).get("GITHUB_ACTIONS"))


def report(diagnostics: list[Located], environ: Mapping[str, str] | None = None) -> None:
    """Print each diagnostic's workflow command (stdout, where the runner reads them) and append the
    table to the job summary, when there is one."""
    environ = environ if environ is not None else os.environ
    for diagnostic in diagnostics:
        print(workflow_command(diagnostic), flush=True)
    summary = environ.get("GITHUB_STEP_SUMMARY")
    if summary and diagnostics:
        with Path(summary).open("a", encoding="utf-8") as file:
            file.write(summary_table(diagnostics) + "\n")
