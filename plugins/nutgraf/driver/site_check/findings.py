"""What a site check finds, and the report that counts findings per check."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from nutgraf.kernel.diagnostics import NutgrafError

# The checks, in the order the report prints them.
CHECKS = ("html", "links", "accessibility", "console", "csp", "feeds")
LABELS = {
    "html": "HTML errors (Nu HTML checker)",
    "links": "broken links and anchors",
    "accessibility": "accessibility violations (axe-core)",
    "console": "console errors",
    "csp": "Content-Security-Policy violations",
    "feeds": "feeds that do not parse",
}


class ToolMissingError(NutgrafError, RuntimeError):
    """A checking tool is not installed (``invoke test`` installs them)."""


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: which check found it, where (a site path), and what it is."""

    check: str
    location: str
    message: str


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    def count(self, check: str) -> int:
        return sum(1 for finding in self.findings if finding.check == check)

    @property
    def ok(self) -> bool:
        return not self.findings

    def print(self, stream: TextIO | None = None) -> None:
        """Every finding on its own line, then one count per check."""
        stream = stream or sys.stdout
        for finding in sorted(set(self.findings)):
            print(f"{finding.location}: [{finding.check}] {finding.message}", file=stream)
        for check in CHECKS:
            print(f"{self.count(check):>5}  {LABELS[check]}", file=stream)
