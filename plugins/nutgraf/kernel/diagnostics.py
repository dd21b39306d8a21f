"""One type for every problem found in content: ``path:line: what is wrong; how to fix it``."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from nutgraf.kernel import github_annotations

Severity = Literal["error", "note"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """Something to tell an editor about their content, located and with a suggested fix.

    An ``error`` fails the build; a ``note`` (what a draft still lacks, a line an import did not
    recognise) is printed and the build goes on.
    """

    path: str
    line: int
    message: str
    hint: str = ""
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        label = "note: " if self.severity == "note" else ""
        text = f"{self.path}:{self.line}: {label}{self.message}"
        return f"{text}; {self.hint}" if self.hint else text


class NutgrafError(Exception):
    """The base of nutgraf's own errors: a problem nutgraf reports, not a bug in its code."""


class ContentError(NutgrafError):
    """Raised when content is wrong; carries the diagnostics that say why.

    Kept apart from ordinary exceptions, which mean that *our* code is wrong.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def display_path(path: str | Path, root: str | Path | None = None) -> str:
    """The path as an editor would type it: relative to ``root`` (default: cwd)."""
    path = Path(path).resolve()
    base = Path(root).resolve() if root else Path.cwd()
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def print_diagnostics(diagnostics: Iterable[Diagnostic], stream: TextIO | None = None) -> int:
    """The one printer of diagnostics: each on a line of its own (never wrapped); return how many errors.

    Under GitHub Actions each is also a workflow command, and all go to the job summary.
    """
    stream = stream or sys.stderr
    ordered = sorted(diagnostics)
    count = 0
    for diagnostic in ordered:
        print(diagnostic, file=stream)
        count += diagnostic.is_error
    if github_annotations.running_in_actions():  # also on the editor's lines in the pull request
        github_annotations.report(ordered)
    return count
