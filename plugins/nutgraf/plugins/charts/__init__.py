"""Charts in explainers (Pelican plugin): ```chart blocks become sourced, accessible static charts
that upgrade to interactive ones.

Its build stages are in ``plugin``; ``register`` only wires Pelican's signals. Importing the package stays
light on purpose: chart render workers are spawned processes that import ``charts.render`` (and so this
file) and need neither Pelican nor Altair.
"""

from __future__ import annotations

__all__ = ["register"]


def register() -> None:
    from pelican import signals

    from nutgraf.kernel.context import end_of_pelican_run
    from nutgraf.plugins.charts.embed_pages import remember_articles, write_embed_pages
    from nutgraf.plugins.charts.feed import rewrite_feed
    from nutgraf.plugins.charts.hooks import add_markdown_extension, attach_charts

    signals.initialized.connect(add_markdown_extension)
    signals.finalized.connect(end_of_pelican_run)
    signals.content_object_init.connect(attach_charts)
    signals.feed_generated.connect(rewrite_feed)
    signals.article_writer_finalized.connect(remember_articles)
    signals.page_writer_finalized.connect(write_embed_pages)
