"""Explainers as a content type (Pelican plugin): four sections checked at build, and what readers and machines get.

``check_content`` is nutgraf's content-check stage (``invoke check`` and every build); ``register`` wires
the Pelican signals. Both stay light to import: Pelican is loaded only when it runs.
"""

from __future__ import annotations

from nutgraf.plugins.explainers.embargo import withheld as build_inputs
from nutgraf.plugins.explainers.validate import check_content

__all__ = ["build_inputs", "check_content", "register"]


def register() -> None:
    from pelican import signals

    from nutgraf.plugins.explainers import hooks
    from nutgraf.plugins.explainers.embargo import withhold_embargoed
    from nutgraf.plugins.explainers.topic import apply_topic

    signals.initialized.connect(hooks.add_markdown_extension)
    signals.content_object_init.connect(apply_topic)
    signals.content_object_init.connect(hooks.attach_explainer)
    signals.article_generator_finalized.connect(hooks.link_related)
    signals.article_generator_finalized.connect(withhold_embargoed)
