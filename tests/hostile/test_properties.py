"""Property-based: the chart-block, front-matter and heading parsers, and the checks built on them,
answer any text with diagnostics, never an exception."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.frontmatter import parse_front_matter
from nutgraf.kernel.sources import SourceFile, fenced_blocks, lines_outside_fences
from nutgraf.plugins.charts.block import ALL_KEYS, ChartBlock, chart_blocks, parse_block
from nutgraf.plugins.charts.settings import ChartSettings
from nutgraf.plugins.charts.validate import check_block
from nutgraf.plugins.explainers.headings import find_headings
from nutgraf.plugins.explainers.settings import ExplainerSettings
from nutgraf.plugins.explainers.validate import validate_source

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CONTENT = Path(__file__).resolve().parents[2] / "content"  # the real content/, read only
CHARTS = ChartSettings.from_settings({"PATH": str(CONTENT), "CHARTS_WORKERS": 1})
EXPLAINERS = ExplainerSettings()

# Text that looks like what editors (and attackers) write: YAML and Markdown punctuation, fences, NUL, BOMs.
PIECES = st.sampled_from(
    [
        *("\n", ": ", "- ", "  ", "    ", "```", "~~~", "```chart", "#", "## ", "---", "...", "[", "]", "{", "}"),
        *("'", '"', "!!python/object:os.system", "&a", "*a", "|", ">", "\t", "\0", "\ufeff", "<script>", "..", "/"),
        *("Title", "Date", "Summary", "Topic", "Updates", "2026-03-02", "What's happening", "Why it matters", "%"),
    ]
)
TEXTISH = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=40).map("".join))

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(["data/iowa-electricity.csv", "../x.csv", "/etc/passwd", "year:T", "net_generation:Q", "line"]),
    st.sampled_from(["charts/none.py:build", "spec.vl.json", "a:b:c", "source:Z", "bar", "sum(x):Q"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
OPTIONS = st.dictionaries(st.sampled_from(sorted(ALL_KEYS)) | st.text(max_size=10), VALUES, max_size=8)


@SETTINGS
@given(TEXTISH)
def test_any_text_as_a_chart_block_is_a_block_or_a_diagnostic(body: str) -> None:
    parsed = parse_block(body, "content/explainers/a.md", 10)
    assert isinstance(parsed, ChartBlock | Diagnostic)
    if isinstance(parsed, Diagnostic):
        assert parsed.line >= 10
    else:
        assert all(isinstance(d, Diagnostic) for d in check_block(parsed, CHARTS))


@SETTINGS
@given(OPTIONS)
def test_any_chart_options_are_checked_without_an_exception(options: dict) -> None:
    body = yaml.safe_dump(options, allow_unicode=True)
    parsed = parse_block(body, "content/explainers/a.md", 10)
    assert isinstance(parsed, ChartBlock | Diagnostic)
    if isinstance(parsed, ChartBlock):
        assert all(isinstance(d, Diagnostic) for d in check_block(parsed, CHARTS))


@SETTINGS
@given(TEXTISH)
def test_any_markdown_yields_blocks_front_matter_and_headings(text: str) -> None:
    source = SourceFile(Path("content/explainers/a.md"), "content/explainers/a.md", text)
    total = len(text.split("\n"))
    for found in chart_blocks(source):
        assert isinstance(found, ChartBlock | Diagnostic)
        assert 1 <= found.line <= total
    for block in fenced_blocks(text):
        assert 1 <= block.line <= block.end_line <= total
    front = parse_front_matter(text)
    assert all(1 <= field.line <= total for field in front.fields)
    assert all(1 <= heading.line <= total for heading in find_headings(lines_outside_fences(text)))


@SETTINGS
@given(TEXTISH)
def test_any_explainer_source_is_validated_without_an_exception(text: str) -> None:
    source = SourceFile(Path("content/explainers/a.md"), "content/explainers/a.md", text)
    found = validate_source(source, EXPLAINERS)
    total = max(len(text.split("\n")), 1)
    assert all(isinstance(d, Diagnostic) and 1 <= d.line <= total + 1 for d in [*found.errors, *found.notes])
