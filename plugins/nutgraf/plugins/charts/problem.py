"""A problem with one chart, located at a key of its block or at a line of a file it names."""

from __future__ import annotations

from dataclasses import dataclass

from nutgraf.kernel.diagnostics import Diagnostic, NutgrafError
from nutgraf.plugins.charts.block import ChartBlock


@dataclass(frozen=True)
class ChartProblem:
    message: str
    hint: str = ""
    key: str | None = None  # the block key it belongs to (its line is reported)
    path: str | None = None  # or a file of its own (a spec or module), as editors see it
    line: int = 1

    def diagnostic(self, block: ChartBlock) -> Diagnostic:
        if self.path:
            return Diagnostic(self.path, self.line, self.message, self.hint)
        return block.diagnostic(self.key, self.message, self.hint)


class ChartError(NutgrafError):
    """Raised when a chart cannot be built; carries every problem found."""

    def __init__(self, problems: list[ChartProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(problem.message for problem in problems))
