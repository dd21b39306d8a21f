"""Charts in explainers (Pelican plugin): ```chart blocks become sourced, accessible static charts
that upgrade to interactive ones.

``check_content``, ``prepare_build`` and ``finalize_output`` are build stages (see nutgraf.driver.stages);
``register`` only wires Pelican's signals. Importing the package stays light on purpose: chart
render workers are spawned processes that import ``charts.render`` (and so this file) and need
neither Pelican nor Altair.
"""

from __future__ import annotations

from typing import Any

__all__ = ["check_content", "finalize_output", "prepare_build", "register"]


def check_content(settings: dict[str, Any]) -> list[Any]:
    from nutgraf.plugins.charts import hooks

    return hooks.check_content(settings)


def prepare_build(settings: dict[str, Any]) -> None:
    from nutgraf.plugins.charts import hooks

    hooks.prepare_build(settings)


def finalize_output(settings: dict[str, Any], output_path: str) -> None:
    from nutgraf.plugins.charts import hooks

    hooks.finalize_output(settings, output_path)


def register() -> None:
    from pelican import signals

    from nutgraf.plugins.charts.feed import rewrite_feed
    from nutgraf.plugins.charts.hooks import add_markdown_extension, attach_charts

    signals.initialized.connect(add_markdown_extension)
    signals.content_object_init.connect(attach_charts)
    signals.feed_generated.connect(rewrite_feed)
