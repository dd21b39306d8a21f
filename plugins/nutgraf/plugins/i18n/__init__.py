"""Multilingual sites (Pelican plugin): the theme speaks each page's language.

Pages are rendered with gettext from the theme's catalogues (``theme/translations``), chosen per page by
its ``Lang:``; other languages than DEFAULT_LANG live under their own URL prefix (``zh-hans/``) with a home
and a search page of their own. Translations are checked by the explainer plugin (``explainers.translations``).
Its build stage (checking the catalogues) is in ``plugin``; ``register`` wires the Pelican signals.
"""

from __future__ import annotations

__all__ = ["register"]


def register() -> None:
    from pelican import signals

    from nutgraf.plugins.i18n import hooks

    signals.initialized.connect(hooks.add_jinja_extension)
    signals.generator_init.connect(hooks.install_callables)
    signals.content_object_init.connect(hooks.localise_content)
    signals.article_writer_finalized.connect(hooks.write_language_pages)
    signals.feed_generated.connect(hooks.localise_feed)
