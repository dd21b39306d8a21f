"""``invoke new --from FILE.txt``: a plain-text explainer becomes a draft with the canonical headings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from nutgraf.plugins.explainers.importer import import_text
from nutgraf.plugins.explainers.settings import ExplainerSettings
from tests.support import run_invoke, run_nutgraf

SEED_LIKE = (
    "What's Happening?\nFirst part, broken in the\nmiddle of a sentence.\n"
    "Why It's Important?\nSecond part.   \n\n\n"
    "What's Next?\nThird part.\n"
    "Beyond the Headlines\nFourth part.\n\n\n\n"
)


def test_parts_are_found_by_their_headings_and_lines_rejoined() -> None:
    imported = import_text(SEED_LIKE, "a.txt", ExplainerSettings())
    assert imported.problems == ()
    assert imported.sections == {
        "happening": ("First part, broken in the middle of a sentence.",),
        "matters": ("Second part.",),
        "next": ("Third part.",),
        "background": ("Fourth part.",),
    }


def test_unknown_heading_like_lines_are_reported_not_guessed() -> None:
    text = SEED_LIKE.replace("Beyond the Headlines", "Looking Further Ahead")
    imported = import_text(text, "a.txt", ExplainerSettings())
    assert [(p.line, p.message) for p in imported.problems] == [
        (10, "'Looking Further Ahead' looks like a heading but is none of the four parts; it was kept as text")
    ]
    assert "background" not in imported.sections
    assert "Looking Further Ahead" in imported.sections["next"][1]


def test_invoke_new_from_a_seed_like_text_makes_a_draft_that_checks_and_builds(project: Callable[..., Path]) -> None:
    root = project()
    source = root / "seed.txt"
    source.write_text(SEED_LIKE, encoding="utf-8")  # a seed text's shape, in the repository
    result = run_invoke(root, "new", "--from", str(source))
    assert result.returncode == 0, result.stderr
    path = root / "content" / "explainers" / "seed.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("Title: TODO: the headline\n")
    assert "Status: draft" in text
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings == ["## What's happening", "## Why it matters", "## What's next", "## Beyond the headlines"]
    assert not text.endswith("\n\n") and all(line == line.rstrip() for line in text.splitlines())
    assert run_nutgraf("check", cwd=root).returncode == 0
    assert run_nutgraf("build", cwd=root).returncode == 0


def test_invoke_new_from_with_a_title_names_the_file_after_it(project: Callable[..., Path]) -> None:
    root = project()
    (root / "in.txt").write_text(SEED_LIKE.replace("What's Next?", "Our Verdict"), encoding="utf-8")
    result = run_invoke(root, "new", "--title", "Scams in Myanmar", "--from", "in.txt")
    assert result.returncode == 0, result.stderr
    assert "in.txt:8: note: 'Our Verdict' looks like a heading" in result.stderr
    text = (root / "content" / "explainers" / "scams-in-myanmar.md").read_text(encoding="utf-8")
    assert text.startswith("Title: Scams in Myanmar\n")
    assert "## What's next\n\nTODO: write this section." in text
