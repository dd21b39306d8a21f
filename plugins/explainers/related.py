"""Related explainers: those sharing the topic or tags, the closest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _names(items: Any) -> set[str]:
    return {str(item).casefold() for item in items or ()}


def relatedness(article: Any, other: Any) -> int:
    """A shared topic counts twice as much as a shared tag."""
    same_topic = (
        getattr(article, "category", None) is not None
        and str(article.category).casefold() == str(getattr(other, "category", "")).casefold()
    )
    return 2 * same_topic + len(_names(getattr(article, "tags", ())) & _names(getattr(other, "tags", ())))


def related_explainers(article: Any, candidates: Sequence[Any], count: int) -> list[Any]:
    """Up to ``count`` other explainers with something in common with ``article``, closest then newest first."""
    scored = [
        (relatedness(article, other), other)
        for other in candidates
        if other is not article and getattr(other, "source_path", None) != getattr(article, "source_path", object())
    ]
    scored = [(score, other) for score, other in scored if score > 0]
    scored.sort(key=lambda pair: (-pair[0], -pair[1].date.timestamp(), pair[1].title))
    return [other for _, other in scored[:count]]
