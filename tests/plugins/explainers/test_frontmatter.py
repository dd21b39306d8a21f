"""Our front-matter reader agrees with Python-Markdown's ``meta`` extension, which Pelican uses."""

from __future__ import annotations

import markdown
from hypothesis import given
from hypothesis import strategies as st

from nutgraf.kernel.frontmatter import parse_front_matter

KEY = st.sampled_from(["Title", "Date", "Summary", "Tags", "Updates", "x-y_1"])
VALUE = st.text(alphabet="ab :-.?’é", max_size=12)
LINE = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", KEY, VALUE),
    st.builds(lambda v: f"    {v}", VALUE),
    st.sampled_from(["", "   ", "---", "...", "## What's next", "Body text.", "\tTabbed: yes"]),
)


def pelican_meta(text: str) -> dict[str, list[str]]:
    md = markdown.Markdown(extensions=["markdown.extensions.meta"])
    md.convert(text)
    return md.Meta


@given(st.lists(LINE, max_size=8))
def test_keys_and_values_match_pythons_markdown(lines: list[str]) -> None:
    text = "\n".join(lines)
    ours: dict[str, list[str]] = {}
    for field in parse_front_matter(text).fields:
        ours.setdefault(field.key, []).append(field.value)
    assert ours == pelican_meta(text)


def test_line_numbers_and_where_the_body_starts() -> None:
    front = parse_front_matter("---\nTitle: A\nUpdates: 2026-01-01: x\n    2026-01-02: y\n---\n\nBody")
    assert [(f.key, f.line, f.continued) for f in front.fields] == [
        ("title", 2, False),
        ("updates", 3, False),
        ("updates", 4, True),
    ]
    assert front.body_line == 6
