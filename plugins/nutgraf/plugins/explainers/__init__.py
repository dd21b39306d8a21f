"""Explainers as a content type (Pelican plugin): four sections checked at build, and what readers and machines get.

Its build stage (the content check: ``invoke check`` and every build) is in ``plugin``; ``register`` wires
the Pelican signals. Both stay light to import: Pelican is loaded only when it runs.
"""

from __future__ import annotations

__all__ = ["register"]


def register() -> None:
    from pelican import signals

    from nutgraf.kernel.context import end_of_pelican_run
    from nutgraf.plugins.explainers import hooks, images, publishing
    from nutgraf.plugins.explainers.topic import apply_topic

    signals.initialized.connect(hooks.add_markdown_extension)
    signals.initialized.connect(images.add_template_filter)
    signals.initialized.connect(hooks.add_corrections_filter)
    signals.finalized.connect(end_of_pelican_run)
    signals.content_object_init.connect(apply_topic)
    signals.content_object_init.connect(images.attach_images)
    signals.content_object_init.connect(hooks.attach_explainer)
    signals.article_generator_pretaxonomy.connect(publishing.apply_to_articles)
    signals.page_generator_finalized.connect(publishing.apply_to_pages)
    signals.article_generator_finalized.connect(hooks.link_related)
    signals.article_writer_finalized.connect(hooks.write_corrections_feeds)
