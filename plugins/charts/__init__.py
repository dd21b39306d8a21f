"""Charts in explainers (Pelican plugin): ```chart blocks become sourced, accessible static charts
that upgrade to interactive ones.

``check_content``, ``prepare_build`` and ``finalize_output`` are build stages (see nutgraf.stages);
``register`` only wires Pelican's signals.
"""

from __future__ import annotations

from pelican import signals

from charts.feed import rewrite_feed
from charts.hooks import add_markdown_extension, attach_charts, check_content, finalize_output, prepare_build

__all__ = ["check_content", "finalize_output", "prepare_build", "register"]


def register() -> None:
    signals.initialized.connect(add_markdown_extension)
    signals.content_object_init.connect(attach_charts)
    signals.feed_generated.connect(rewrite_feed)
