"""``Topic:`` in front matter is the explainer's Pelican category."""

from __future__ import annotations

from typing import Any

from pelican.contents import Article
from pelican.urlwrappers import Category


def apply_topic(content: Any) -> None:
    """Use the ``Topic`` metadata as the category (editors say topic, Pelican says category)."""
    if not isinstance(content, Article):
        return
    topic = content.metadata.get("topic")
    if isinstance(topic, str) and topic.strip():
        content.category = Category(topic.strip(), content.settings)
        content.metadata["category"] = content.category
