"""Related explainers from the index give what scoring every pair gives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from nutgraf.plugins.explainers.related import TOPIC_WEIGHT, related_by_article


@dataclass(eq=False)
class Piece:
    title: str
    date: dt.datetime
    category: str | None
    tags: list[str] = field(default_factory=list)
    source_path: str = ""


def all_pairs(articles: list[Piece], candidates: list[Piece], count: int) -> dict[int, list[Piece]]:
    """The definition: every candidate scored against every article (shared topic TOPIC_WEIGHT, each shared
    tag 1), those sharing something ranked closest, newest, by title, by place."""

    def names(piece: Piece) -> dict[str, int]:
        found = {f"tag:{tag.casefold()}": 1 for tag in piece.tags}
        if piece.category is not None:
            found[f"topic:{piece.category.casefold()}"] = TOPIC_WEIGHT
        return found

    related = {}
    for article in articles:
        mine = names(article)
        ranked = []
        for position, candidate in enumerate(candidates):
            if candidate is article or candidate.source_path == article.source_path:
                continue
            score = sum(weight for name, weight in mine.items() if name in names(candidate))
            if score:
                ranked.append((-score, -candidate.date.timestamp(), candidate.title, position))
        related[id(article)] = [candidates[position] for *_, position in sorted(ranked)[:count]]
    return related


pieces = st.lists(
    st.builds(
        Piece,
        title=st.sampled_from(["A", "B", "C"]),
        date=st.integers(0, 5).map(lambda day: dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=day)),
        category=st.sampled_from([None, "Rain", "rain", "Money"]),
        tags=st.lists(st.sampled_from(["all", "Bench", "bench", "x", "y", "z"]), max_size=4, unique=True),
        source_path=st.sampled_from(["", "a.md", "b.md", "c.md", "d.md", "e.md", "f.md"]),
    ),
    max_size=14,
)


@settings(max_examples=300, deadline=None)
@given(pieces, st.integers(0, 4), st.integers(0, 3))
def test_index_gives_what_scoring_every_pair_gives(articles: list[Piece], count: int, drafts: int) -> None:
    candidates = articles[drafts:]  # drafts are related to published pieces, never offered as related
    assert related_by_article(articles, candidates, count) == all_pairs(articles, candidates, count)


def test_a_tag_every_piece_has_ranks_below_a_shared_topic() -> None:
    day = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rain = Piece("Rain", day, "Weather", ["bench"], "rain.md")
    older = Piece("Older", day - dt.timedelta(days=9), "Weather", ["bench"], "older.md")
    newer = [Piece(f"News {n}", day + dt.timedelta(days=n), "Money", ["bench"], f"{n}.md") for n in range(1, 4)]
    related = related_by_article([rain], [rain, older, *newer], 3)
    assert related[id(rain)] == [older, newer[2], newer[1]]
