from __future__ import annotations

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.sources import SourceFile
from nutgraf.plugins.charts.block import ChartBlock, chart_blocks, parse_block
from tests.plugins.charts.helpers import block


def test_keys_remember_their_line_in_the_markdown_file() -> None:
    parsed = block("title: T\ndata: data/x.csv\n\nmark: bar\n", line=7)
    assert parsed.key_lines == {"title": 8, "data": 9, "mark": 11}
    assert parsed.form == "shorthand"


def test_yaml_error_is_reported_at_its_line() -> None:
    found = parse_block("title: T\nmark: [bar\nalt: x", "content/explainers/a.md", 3)
    assert isinstance(found, Diagnostic)
    assert found.path == "content/explainers/a.md"
    assert found.line in (5, 6)
    assert "not valid YAML" in found.message


def test_block_that_is_not_a_mapping_is_a_diagnostic() -> None:
    found = parse_block("- a\n- b", "a.md", 1)
    assert isinstance(found, Diagnostic)
    assert "key: value" in found.message


def test_chart_blocks_finds_only_chart_fences_and_unclosed_ones() -> None:
    text = "# T\n\n```python\nx = 1\n```\n\n```chart\nspec: charts/a.vl.json\n```\n\n```chart\nalt: x\n"
    found = chart_blocks(SourceFile(path=None, display="a.md", text=text))  # type: ignore[arg-type]
    assert isinstance(found[0], ChartBlock) and found[0].line == 7 and found[0].form == "spec"
    assert isinstance(found[1], Diagnostic) and found[1].line == 11 and "never closed" in found[1].message


def test_digest_ignores_trailing_whitespace_only() -> None:
    assert block("a: 1  \nb: 2").digest == block("a: 1\nb: 2").digest
    assert block("a: 1\nb: 2").digest != block("a: 1\nb: 3").digest


def test_a_tab_in_the_yaml_names_the_tab_and_its_line() -> None:
    found = parse_block("title: T\nmark:\n\ttype: bar\nalt: x", "content/explainers/a.md", 3)
    assert (
        str(found)
        == "content/explainers/a.md:6: line 6 is indented with a tab; YAML needs spaces; indent it with spaces"
    )


def test_a_chart_block_that_runs_into_the_next_block_is_unclosed_once() -> None:
    text = "```chart\ntitle: T\nalt: x\n\n## Why it matters\n\nProse.\n\n```figure\nvalue: 1\n```\n"
    found = chart_blocks(SourceFile(path=None, display="a.md", text=text))  # type: ignore[arg-type]
    assert [str(d) for d in found] == [
        "a.md:1: the chart block opened at line 1 is never closed; add ``` after it (on the line after line 3)"
    ]
