"""Related explainers: those sharing the topic or tags, the closest first."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from typing import Any

TOPIC_WEIGHT = 2  # a shared topic counts twice as much as a shared tag


def _names(article: Any) -> dict[str, int]:
    """What an explainer can share with another, each with its weight: its topic and its tags."""
    names = {f"tag:{str(tag).casefold()}": 1 for tag in getattr(article, "tags", None) or ()}
    if getattr(article, "category", None) is not None:
        names[f"topic:{str(article.category).casefold()}"] = TOPIC_WEIGHT
    return names


def related_by_article(articles: Sequence[Any], candidates: Sequence[Any], count: int) -> dict[int, list[Any]]:
    """For each article (by ``id``), up to ``count`` candidates with something in common, closest then newest first.

    Candidates are found through an index of topics and tags, so each article is scored only
    against those it shares something with, and each explainer's names are read once.
    """
    index: dict[str, list[int]] = {}
    for position, candidate in enumerate(candidates):
        for name in _names(candidate):
            index.setdefault(name, []).append(position)
    # Closest first, then newest, then by title: computed once per candidate, not once per pair.
    order = [(-candidate.date.timestamp(), str(candidate.title)) for candidate in candidates]
    related = {}
    for article in articles:
        scores: Counter[int] = Counter()
        for name, weight in _names(article).items():
            for position in index.get(name, ()):
                scores[position] += weight
        source = getattr(article, "source_path", object())
        best = heapq.nsmallest(
            count,
            (
                (-score, *order[position], position)
                for position, score in scores.items()
                if candidates[position] is not article and getattr(candidates[position], "source_path", None) != source
            ),
        )
        related[id(article)] = [candidates[position] for *_, position in best]
    return related
