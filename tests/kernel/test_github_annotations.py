"""Content diagnostics under GitHub Actions: workflow commands on the editor's lines, and a summary table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.github_annotations import summary_table, workflow_command
from tests.plugins.explainers.helpers import VALID, line_of
from tests.support import run_nutgraf


@dataclass(frozen=True)
class Note:
    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = "note"


def test_an_error_is_escaped_as_the_toolkit_escapes_it() -> None:
    diagnostic = Diagnostic("content/explainers/a,b:c.md", 7, "100% wrong\r\nhere", "fix: it, now")
    assert workflow_command(diagnostic) == (
        "::error file=content/explainers/a%2Cb%3Ac.md,line=7,title=Content error::100%25 wrong%0D%0Ahere; fix: it, now"
    )


def test_a_note_is_a_notice_and_line_zero_names_the_file_only() -> None:
    assert (
        workflow_command(Note("content/x.md", 0, "a draft")) == "::notice file=content/x.md,title=Content note::a draft"
    )


def test_the_summary_lists_every_diagnostic_errors_first_in_one_line_cells() -> None:
    table = summary_table(
        [
            Note("content/b.md", 3, "say | more"),
            *(Diagnostic(f"content/a{i}.md", i, "bad\nline", "fix") for i in range(12)),
        ]
    )
    lines = table.splitlines()
    assert lines[0] == "### Content check: 12 errors, 1 note"
    rows = [line for line in lines if line.startswith("| ") and "`" in line]
    assert len(rows) == 13  # all of them, not GitHub's ten annotations
    assert rows[0].startswith("| ❌ error | `content/a0.md` | ")
    assert "| bad line | fix |" in rows[0]
    assert rows[-1] == "| ℹ️ note | `content/b.md` | 3 | say \\| more |  |"


def test_check_under_github_actions_annotates_the_line_and_writes_the_summary(
    project: Callable[..., Path], tmp_path: Path
) -> None:
    # A YAML escape puts %, CR and LF into the chart id, which the diagnostic quotes.
    chart = '```chart\nid: "50%\\r\\nof"\n```\n'
    text = VALID.replace("The second part.", "The second part.\n\n" + chart)
    root = project({"content/explainers/x.md": text})
    summary = tmp_path / "summary.md"
    result = run_nutgraf("check", cwd=root, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    line = line_of(text, 'id: "50%')
    assert (
        f"::error file=content/explainers/x.md,line={line},title=Content error::chart id '50%25%0D%0Aof' "
        "is not a valid anchor; use letters, digits, -"
    ) in result.stdout.splitlines()
    # The plain line stays for people reading the log.
    assert "content/explainers/x.md:" in result.stderr
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("### Content check: ")
    assert f"| ❌ error | `content/explainers/x.md` | {line} | chart id '50% of' is not a valid anchor |" in written


def test_check_outside_github_actions_prints_no_workflow_commands(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/x.md": VALID.replace("## Why it matters", "## Why it maters")})
    result = run_nutgraf("check", cwd=root, env={"GITHUB_ACTIONS": ""})
    assert result.returncode == 1
    assert "::error" not in result.stdout + result.stderr
