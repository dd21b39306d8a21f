"""The content check on malformed explainers: each problem's message, line and hint, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plugins.explainers.helpers import VALID, errors, findings, line_of

PATH = "content/explainers/a.md"


def test_the_valid_explainer_has_no_problems(tmp_path: Path) -> None:
    assert errors(tmp_path, VALID) == []


def only(tmp_path: Path, text: str | bytes):
    found = errors(tmp_path, text)
    assert len(found) == 1, [str(d) for d in found]
    return found[0]


# (name, how to break VALID, the line's needle in the broken text, expected words in the message, in the hint)
CASES = [
    (
        "missing section",
        lambda t: t.replace("## What's next\n\nThe third part.\n\n", ""),
        "## Beyond the headlines",
        "the section 'What's next' is missing",
        "add '## What's next'",
    ),
    (
        "missing last section",
        lambda t: t.replace("## Beyond the headlines\n\nThe fourth part.\n\n", ""),
        "[^1]: A source",
        "the section 'Beyond the headlines' is missing",
        "at the end",
    ),
    (
        "duplicated section",
        lambda t: t.replace("The fourth part.", "The fourth part.\n\n## Why it matters\n\nAgain."),
        "## Why it matters|2",
        "'Why it matters' appears twice (first on line 13)",
        "merge",
    ),
    (
        "empty section",
        lambda t: t.replace("The third part.\n", ""),
        "## What's next",
        "the section 'What's next' is empty",
        "Status: draft",
    ),
    (
        "misspelt heading",
        lambda t: t.replace("## Why it matters", "## Why it maters"),
        "## Why it maters",
        "the heading 'Why it maters' is not one of the four sections",
        "did you mean 'Why it matters'?",
    ),
    (
        "missing title",
        lambda t: t.replace("Title: Floods in the delta\n", ""),
        "Date:",
        "the explainer has no title",
        "Title:",
    ),
    (
        "empty title",
        lambda t: t.replace("Title: Floods in the delta", "Title:"),
        "Title:",
        "the explainer has no title",
        "Title:",
    ),
    (
        "missing date",
        lambda t: t.replace("Date: 2026-03-02\n", ""),
        "Title:",
        "the explainer has no date",
        "YYYY-MM-DD",
    ),
    (
        "missing summary",
        lambda t: t.replace("Summary: The delta is flooding, and more rain is due.\n", ""),
        "Title:",
        "no summary",
        "at most 200 characters",
    ),
    (
        "missing topic",
        lambda t: t.replace("Topic: Climate\n", ""),
        "Title:",
        "the explainer has no topic",
        "Topic:",
    ),
    (
        "unparseable date",
        lambda t: t.replace("Date: 2026-03-02", "Date: 2026-02-30"),
        "Date:",
        "'Date': '2026-02-30' is not a date",
        "YYYY-MM-DD",
    ),
    (
        "summary too long",
        lambda t: t.replace("Summary: The delta", "Summary: " + "word " * 45 + "The delta"),
        "Summary:",
        "the summary has 269 characters; at most 200",
        "one sentence",
    ),
    (
        "malformed update",
        lambda t: t.replace("Tags:", "Updates: yesterday: we fixed a typo\nTags:"),
        "Updates:",
        "the update 'yesterday: we fixed a typo' has no date",
        "YYYY-MM-DD: what changed",
    ),
    (
        "update with an impossible date",
        lambda t: t.replace("Tags:", "Updates: 2026-13-01: Fixed a typo.\nTags:"),
        "Updates:",
        "the update date '2026-13-01' is not a date",
        "YYYY-MM-DD",
    ),
    (
        "update before publication",
        lambda t: t.replace("Tags:", "Updates: 2026-03-01: Fixed a typo.\nTags:"),
        "Updates:",
        "dated before the explainer was published",
        "",
    ),
    (
        "modified before date",
        lambda t: t.replace("Tags:", "Modified: 2026-01-01\nTags:"),
        "Modified:",
        "'Modified' is earlier than 'Date'",
        "",
    ),
    (
        "front matter with no blank line",
        lambda t: t.replace("Tags: floods, rain\n\nA lede", "Tags: floods, rain\nA lede"),
        "A lede",
        "the front matter does not end with a blank line",
        "add a blank line before line 6",
    ),
    (
        "level-1 heading for the title",
        lambda t: t.replace("A lede paragraph.", "# Floods in the delta\n\nA lede paragraph."),
        "# Floods",
        "is a level-1 heading",
        "'## '",
    ),
    (
        "section as a level-3 heading",
        lambda t: t.replace("## What's next", "### What's next"),
        "### What's next",
        "'What's next' is a level-3 heading; sections are level 2",
        "## What's next",
    ),
    (
        "duplicate key",
        lambda t: t.replace("Topic: Climate", "Topic: Climate\nDate: 2026-03-03"),
        "Date: 2026-03-03",
        "'Date' is given twice (first on line 2)",
        "keep one",
    ),
    (
        "indented continuation of a one-line key",
        lambda t: t.replace("Tags: floods, rain", "Tags: floods,\n    rain"),
        "    rain",
        "continues 'Tags'",
        "join it to line 5",
    ),
    (
        "misspelt front-matter key",
        lambda t: t.replace("Summary:", "Sumary:"),
        "Sumary:",
        "unknown front-matter key 'Sumary'",
        "did you mean 'Summary'?",
    ),
    (
        "category disagreeing with topic",
        lambda t: t.replace("Topic: Climate", "Topic: Climate\nCategory: Weather"),
        "Category:",
        "'Category: Weather' and 'Topic: Climate' (line 4) disagree",
        "keep one of them",
    ),
    (
        "unknown status",
        lambda t: t.replace("Tags:", "Status: publsihed\nTags:"),
        "Status:",
        "unknown status 'publsihed'",
        "Status: draft",
    ),
    (
        "footnote cited but not defined",
        lambda t: t.replace("[^1]", "[^report]").replace("The second part.", "The second part.[^reprot]"),
        "The second part.",
        "the footnote [^reprot] is cited but never defined",
        "did you mean [^report]?",
    ),
    (
        "footnote defined but not cited",
        lambda t: t.replace("The first part.[^1]", "The first part."),
        "[^1]:",
        "the footnote [^1] is never cited",
        "",
    ),
    (
        "lede too long",
        lambda t: t.replace("A lede paragraph.", "One.\n\nTwo.\n\nThree."),
        "Three.",
        "the lede (the text before the first section) has 3 paragraphs; at most 2",
        "move the rest into 'What's happening'",
    ),
    (
        "placeholder left in",
        lambda t: t.replace("The third part.", "TODO: write this section."),
        "TODO",
        "a 'TODO' placeholder is still here",
        "",
    ),
    (
        "key figure without a source",
        lambda t: t.replace("The first part.[^1]", "The first part.[^1]\n\n```figure\nvalue: 12\nlabel: Towns\n```"),
        "```figure",
        "the key figure has no 'source'",
        "source: …",
    ),
    (
        "key figure with a misspelt key",
        lambda t: t.replace(
            "The first part.[^1]", "The first part.[^1]\n\n```figure\nvalue: 12\nlable: Towns\nlabel: x\nsource: y\n```"
        ),
        "lable:",
        "unknown key 'lable' in the key figure",
        "did you mean 'label'?",
    ),
    (
        "key figure that is not YAML",
        lambda t: t.replace("The first part.[^1]", "The first part.[^1]\n\n```figure\nvalue: 12\nlabel: [Towns\n```"),
        "```|1",  # reported on the closing fence, where YAML noticed the open bracket
        "the key figure is not valid YAML",
        "key: value",
    ),
    (
        "key figure never closed",
        lambda t: t.replace("The fourth part.", "The fourth part.\n\n```figure\nvalue: 12"),
        "```figure",
        "the figure block opened at line",
        "add ``` after it",
    ),
    (
        "no front matter",
        lambda t: t[t.index("A lede") :],
        "A lede",
        "the file has no front matter",
        "Title:",
    ),
]


def _line(text: str, needle: str) -> int:
    needle, _, occurrence = needle.partition("|")
    return line_of(text, needle, int(occurrence or 1))


@pytest.mark.parametrize(("name", "breaks", "needle", "message", "hint"), CASES, ids=[case[0] for case in CASES])
def test_a_broken_explainer_gets_one_diagnostic_on_its_line(
    tmp_path: Path, name: str, breaks, needle: str, message: str, hint: str
) -> None:
    text = breaks(VALID)
    assert text != VALID, name
    found = errors(tmp_path, text)
    relevant = [d for d in found if message in d.message]
    assert relevant, [str(d) for d in found]
    diagnostic = relevant[0]
    assert diagnostic.path == PATH
    if needle == "```|1":  # the closing fence of the key figure block
        assert diagnostic.line == [n for n, line in enumerate(text.splitlines(), 1) if line == "```"][-1]
    else:
        assert diagnostic.line == _line(text, needle), str(diagnostic)
    assert hint in diagnostic.hint
    assert "Traceback" not in str(diagnostic)


def test_sections_out_of_order_name_both(tmp_path: Path) -> None:
    text = VALID.replace("## What's next\n\nThe third part.\n\n", "").replace(
        "A lede paragraph.\n", "A lede paragraph.\n\n## What's next\n\nThe third part.\n"
    )
    diagnostic = only(tmp_path, text)
    assert diagnostic.line == line_of(text, "## What's next")
    assert diagnostic.message == "'What's next' is out of order"
    assert "move it after 'Why it matters'" in diagnostic.hint
    assert "'What's happening', 'Why it matters', 'What's next', 'Beyond the headlines'" in diagnostic.hint


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        VALID.replace("Title: Floods in the delta\n", "")
        .replace("Date: 2026-03-02", "Date: someday")
        .replace("## Why it matters", "## Why it maters")
    )
    found = errors(tmp_path, text)
    messages = " | ".join(d.message for d in found)
    assert "no title" in messages
    assert "'someday' is not a date" in messages
    assert "'Why it maters' is not one of the four sections" in messages
    assert [d.line for d in found] == sorted(d.line for d in found)


def test_a_file_that_is_not_utf8_is_named_with_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    data = VALID.replace("The second part.", "The second part, caf\xe9.").encode("latin-1")
    diagnostic = only(tmp_path, data)
    assert diagnostic.line == line_of(VALID, "The second part.")
    assert "is not valid UTF-8" in diagnostic.message
    assert diagnostic.hint == "save the file as UTF-8"


def test_a_bom_and_windows_line_ends_are_read_like_any_file(tmp_path: Path) -> None:
    text = VALID.replace("## Why it matters", "## Why it maters").replace("\n", "\r\n")
    diagnostic = only(tmp_path, "\ufeff" + text)
    assert diagnostic.line == line_of(VALID, "## Why it matters")
    assert diagnostic.hint == "did you mean 'Why it matters'?"


def test_headings_are_recognised_through_aliases_case_and_punctuation(tmp_path: Path) -> None:
    text = (
        VALID.replace("## What's happening", "## WHAT’S HAPPENING?")
        .replace("## Why it matters", "## Why It's Important?")
        .replace("## Beyond the headlines", "## The wider background")
    )
    assert errors(tmp_path, text) == []


def test_setext_headings_count_as_sections(tmp_path: Path) -> None:
    text = VALID.replace("## What's next\n", "What's next\n-----------\n")
    assert errors(tmp_path, text) == []


def test_headings_inside_fenced_blocks_are_not_sections(tmp_path: Path) -> None:
    chart = "```chart\n## What's next\ntitle: not a heading\n```\n\n~~~\n# Why it matters\n~~~"
    text = VALID.replace("The second part.", f"The second part.\n\n{chart}")
    assert errors(tmp_path, text) == []


def test_sub_headings_inside_sections_are_fine(tmp_path: Path) -> None:
    text = VALID.replace("The second part.", "### The money\n\nThe second part.\n\n#### Details\n\nMore.")
    assert errors(tmp_path, text) == []


def test_updates_may_repeat_the_key_or_continue_on_indented_lines(tmp_path: Path) -> None:
    text = VALID.replace(
        "Tags:",
        "Updates: 2026-03-03: Added a chart.\n"
        "    2026-03-04 09:30: Corrected a name.\n"
        "Updates: 2026-03-05 — New figures.\n"
        "Tags:",
    )
    assert errors(tmp_path, text) == []


def test_a_draft_may_be_incomplete_and_says_what_it_lacks(tmp_path: Path) -> None:
    text = (
        "Title: Work in progress\nStatus: draft\n\n## What's happening\n\nTODO: write this section.\n\n"
        "## Why it maters\n\nSomething.\n"
    )
    result = findings(tmp_path, text)
    assert result.errors == []
    notes = [str(note) for note in result.notes]
    assert any("no date (allowed in a draft)" in note for note in notes)
    assert any("'What's next' is missing (allowed in a draft)" in note for note in notes)
    assert any(
        ":8: note: the heading 'Why it maters'" in note and "did you mean 'Why it matters'?" in note for note in notes
    )


def test_a_draft_still_needs_a_title_and_a_readable_date(tmp_path: Path) -> None:
    text = "Status: draft\nDate: soon\n\n## What's happening\n\nText.\n"
    messages = [d.message for d in errors(tmp_path, text)]
    assert "the explainer has no title" in messages
    assert "'Date': 'soon' is not a date in a form that cannot be misread" in messages


UNCLOSED_CHART = "```chart\ntitle: Rain\ndata: data/rain.csv\nmark: bar\nsource: S\nalt: A."


def test_an_unclosed_chart_block_is_one_error_at_its_fence_without_knock_on_errors(tmp_path: Path) -> None:
    text = VALID.replace("The second part.", "The second part.\n\n" + UNCLOSED_CHART)
    text = text.replace("The fourth part.", "The fourth part.\n\n```figure\nvalue: 3\nlabel: L\nsource: S\n```")
    found = [str(d) for d in errors(tmp_path, text)]
    fence = line_of(text, "```chart")
    assert found == [
        f"{PATH}:{fence}: the chart block opened at line {fence} is never closed;"
        f" add ``` after it (on the line after line {fence + 5})"
    ]
    fixed = text.replace("alt: A.", "alt: A.\n```")
    assert errors(tmp_path, fixed) == []


def test_a_key_figure_left_open_at_the_end_is_reported_once(tmp_path: Path) -> None:
    text = VALID + "\n```figure\nvalue: 3\nlabel: L\nsource: S\n"
    found = [str(d) for d in errors(tmp_path, text)]
    assert len(found) == 1 and "the figure block opened at line" in found[0], found


def test_a_tab_in_a_key_figure_names_the_tab(tmp_path: Path) -> None:
    text = VALID.replace("The second part.", "The second part.\n\n```figure\nvalue: 3\n\tlabel: L\nsource: S\n```")
    found = [str(d) for d in errors(tmp_path, text)]
    line = line_of(text, "\tlabel")
    assert found == [f"{PATH}:{line}: line {line} is indented with a tab; YAML needs spaces; indent it with spaces"]


def test_a_todo_in_a_draft_is_a_note_and_in_a_published_piece_an_error(tmp_path: Path) -> None:
    text = VALID.replace("The third part.", "TODO: the third part.")
    line = line_of(text, "TODO")
    assert [str(d) for d in errors(tmp_path, text)] == [
        f"{PATH}:{line}: a 'TODO' placeholder is still here; write the text, or mark it 'Status: draft'"
    ]
    draft = findings(tmp_path, text.replace("Tags:", "Status: draft\nTags:"))
    assert draft.errors == []
    assert [(n.line, n.hint) for n in draft.notes if "TODO" in n.message] == [
        (line + 1, "write the text before it is published")
    ]


@pytest.mark.parametrize(
    ("chart_id", "taken"),
    [
        ("why-it-matters", "the section 'Why it matters'"),
        ("sources", "the sources list"),
        ("corrections", "the correction notice"),
        ("correction-2", "a correction in the notice"),
    ],
)
def test_a_chart_id_may_not_take_a_sections_anchor(tmp_path: Path, chart_id: str, taken: str) -> None:
    chart = f"```chart\nid: {chart_id}\ndata: data/rain.csv\nmark: bar\nsource: S\nalt: A.\n```"
    text = VALID.replace("The second part.", "The second part.\n\n" + chart)
    line = line_of(text, "id: ")
    assert [str(d) for d in errors(tmp_path, text)] == [
        f"{PATH}:{line}: chart id '{chart_id}' is already the id of {taken};"
        " give the chart an id of its own, e.g. id: rain-chart"
    ]


def test_pelicans_category_is_the_topic(tmp_path: Path) -> None:
    assert errors(tmp_path, VALID.replace("Topic: Climate", "Category: Climate")) == []
    assert errors(tmp_path, VALID.replace("Topic: Climate", "Topic: Climate\nCategory: climate")) == []


def test_a_correction_is_dated_in_the_one_grammar(tmp_path: Path) -> None:
    text = VALID.replace("Tags:", "Corrections: 4/3/2026: The town is Hué.\nTags:")
    found = [str(d) for d in errors(tmp_path, text)]
    assert len(found) == 1 and "the correction date '4/3/2026' is not a date" in found[0]
    assert "write 2026-03-04 or 2026-04-03" in found[0]
    assert errors(tmp_path, text.replace("4/3/2026", "2026-03-04")) == []
