"""``nutgraf check`` and ``nutgraf build`` on bad explainers: exit status, one line per problem, no traceback."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from tests.plugins.explainers.helpers import VALID, line_of
from tests.support import ROOT, run_nutgraf

SEED = ROOT / "content" / "explainers" / "china-cyberscam-crackdown.md"


def test_the_seed_without_whats_next_fails_build_and_check(project: Callable[..., Path]) -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("## What's Next?")
    broken = text[:start] + text[text.index("## Beyond the Headlines") :]
    root = project({"content/explainers/seed-copy.md": broken})
    expected = f"content/explainers/seed-copy.md:{line_of(broken, '## Beyond the Headlines')}: "
    for command in ("check", "build"):
        result = run_nutgraf(command, cwd=root)
        assert result.returncode == 1, result.stderr
        assert expected + "the section 'What's next' is missing" in result.stderr
        assert "Traceback" not in result.stderr
    assert not (root / "output").exists()


def test_an_unreadable_date_is_our_diagnostic_not_pelicans_traceback(project: Callable[..., Path]) -> None:
    root = project({"content/explainers/a.md": VALID.replace("Date: 2026-03-02", "Date: 2026-02-30")})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 1
    assert "content/explainers/a.md:2: 'Date': '2026-02-30' is not a date (day is out of range" in result.stderr
    assert "; write it as YYYY-MM-DD" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Could not process" not in result.stderr


def test_several_files_and_problems_are_reported_together_one_per_line(project: Callable[..., Path]) -> None:
    root = project(
        {
            "content/explainers/a.md": VALID.replace("## Why it matters", "## Why it maters"),
            "content/explainers/b.md": VALID.replace("Title: Floods in the delta\n", "").encode("utf-8"),
            "content/explainers/c.md": VALID.replace("The second part.", "caf\xe9").encode("latin-1"),
        }
    )
    result = run_nutgraf("check", cwd=root)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if re.match(r"^content/explainers/\w\.md:\d+: ", line)]
    assert [line.split(":")[0] for line in lines] == [
        "content/explainers/a.md",
        "content/explainers/b.md",
        "content/explainers/c.md",
    ]
    assert "3 problems found; nothing was built." in result.stderr
    assert "Traceback" not in result.stderr


def test_a_draft_with_missing_parts_builds_and_says_what_it_lacks(project: Callable[..., Path]) -> None:
    draft = "Title: Work in progress\nStatus: draft\n\n## What's happening\n\nA start.\n"
    root = project({"content/explainers/a.md": VALID, "content/explainers/wip.md": draft})
    result = run_nutgraf("build", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "content/explainers/wip.md:6: note: the section 'Why it matters' is missing (allowed in a draft)" in (
        result.stderr
    )
    assert (root / "output" / "drafts" / "wip" / "index.html").is_file()


def test_check_passes_on_the_real_content() -> None:
    result = run_nutgraf("check")
    assert result.returncode == 0, result.stderr
    assert "Content is valid." in result.stderr


def test_check_counts_the_notes_it_printed_when_content_is_valid(project: Callable[..., Path]) -> None:
    draft = "Title: Work in progress\nStatus: draft\n\n## What's happening\n\nA start. TODO: the numbers.\n"
    root = project({"content/explainers/a.md": VALID, "content/explainers/wip.md": draft})
    result = run_nutgraf("check", cwd=root)
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if ": note: " in line]
    assert len(notes) >= 2, result.stderr
    assert f"Content is valid ({len(notes)} notes)." in result.stderr
