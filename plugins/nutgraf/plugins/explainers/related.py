"""Related explainers: those sharing the topic or tags, the closest first."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

TOPIC_WEIGHT = 2  # a shared topic counts twice as much as a shared tag


def _names(article: Any) -> dict[str, int]:
    """What an explainer can share with another, each with its weight: its topic and its tags."""
    names = {f"tag:{str(tag).casefold()}": 1 for tag in getattr(article, "tags", None) or ()}
    if getattr(article, "category", None) is not None:
        names[f"topic:{str(article.category).casefold()}"] = TOPIC_WEIGHT
    return names


@dataclass(frozen=True)
class _Index:
    """The candidates of each topic and tag, best first (newest, then by title, then by place)."""

    candidates: Sequence[Any]
    order: list[tuple[float, str, int]]  # each candidate's place in that ranking, computed once
    by_name: dict[str, list[int]]
    members: dict[str, set[int]]

    @classmethod
    def of(cls, candidates: Sequence[Any]) -> _Index:
        order = [
            (-candidate.date.timestamp(), str(candidate.title), place) for place, candidate in enumerate(candidates)
        ]
        by_name: dict[str, list[int]] = {}
        for place, candidate in enumerate(candidates):
            for name in _names(candidate):
                by_name.setdefault(name, []).append(place)
        for places in by_name.values():
            places.sort(key=order.__getitem__)
        return cls(candidates, order, by_name, {name: set(places) for name, places in by_name.items()})

    def related(self, article: Any, count: int) -> list[Any]:
        """Up to ``count`` candidates sharing something with ``article``, closest first.

        Scored one by one only against those sharing one of its rarer names: the candidates that share
        nothing but its most common name (a tag every explainer has) all score that name's weight, so the
        first of them in that name's list are the best of them, and the rest of the list is never read.
        """
        names = {name: weight for name, weight in _names(article).items() if name in self.by_name}
        if not names:
            return []
        source = getattr(article, "source_path", object())
        candidates = self.candidates

        def eligible(place: int) -> bool:
            candidate = candidates[place]
            return candidate is not article and getattr(candidate, "source_path", None) != source

        common = max(names, key=lambda name: len(self.by_name[name]))
        scores: Counter[int] = Counter()
        for name, weight in names.items():
            if name != common:
                for place in self.by_name[name]:
                    scores[place] += weight
        in_common = self.members[common]
        ranked = [
            (-(score + (names[common] if place in in_common else 0)), *self.order[place])
            for place, score in scores.items()
            if eligible(place)
        ]
        only_common = []
        for place in self.by_name[common]:
            if len(only_common) >= count:
                break
            if place not in scores and eligible(place):
                only_common.append((-names[common], *self.order[place]))
        best = heapq.nsmallest(count, [*ranked, *only_common])
        return [candidates[place] for *_, place in best]


def related_by_article(articles: Sequence[Any], candidates: Sequence[Any], count: int) -> dict[int, list[Any]]:
    """For each article (by ``id``), up to ``count`` candidates with something in common, closest then newest first.

    Candidates are found through an index of topics and tags, so each article is scored only against
    those it shares a rarer name with, and each explainer's names are read once (``_Index.related``).
    """
    index = _Index.of(candidates)
    return {id(article): index.related(article, count) for article in articles}
