"""Pelican signal handlers: each one a thin call into the pure core."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nutgraf.kernel.sources import read_source
from nutgraf.plugins.explainers.document import parse_explainer
from nutgraf.plugins.explainers.markdown_extension import ExplainerExtension
from nutgraf.plugins.explainers.model import Explainer
from nutgraf.plugins.explainers.related import related_by_article
from nutgraf.plugins.explainers.settings import ExplainerSettings

logger = logging.getLogger(__name__)

# The options of each Pelican run, keyed by its settings dict (read once, in ``initialized``).
_OPTIONS: dict[int, tuple[dict[str, Any], ExplainerSettings]] = {}


def options_for(settings: dict[str, Any]) -> ExplainerSettings:
    known = _OPTIONS.get(id(settings))
    if known is not None and known[0] is settings:
        return known[1]
    options = ExplainerSettings.from_settings(settings)
    _OPTIONS[id(settings)] = (settings, options)
    return options


class Translator:
    """A page's gettext, from the i18n plugin (set up after us, so looked up when a file is read).

    A class rather than a closure: Pelican pickles its settings, and with them this, into its content cache.
    """

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings

    def __call__(self, lang: str | None) -> Callable[[str], str]:
        gettext = self.settings.get("I18N_GETTEXT")
        return gettext(lang) if callable(gettext) else str


def add_markdown_extension(pelican: Any) -> None:
    """``initialized``: our Markdown extension joins the reader's (once, however often the plugin is loaded)."""
    options = options_for(pelican.settings)
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(extension, ExplainerExtension) for extension in extensions):
        extensions.append(ExplainerExtension(options, Translator(pelican.settings)))


def attach_explainer(content: Any) -> None:
    """``content_object_init``: give each explainer its structure, and its latest update as ``modified``."""
    from pelican.contents import Article  # Pelican is running when this is called

    if not isinstance(content, Article) or not getattr(content, "source_path", None):
        return
    source = read_source(Path(content.source_path))
    if not hasattr(source, "text"):
        return  # the content check has reported it
    options = options_for(content.settings).for_lang(getattr(content, "lang", None))
    explainer = Explainer(content, parse_explainer(source.text, options), options)
    content.explainer = explainer
    content.matters_line = explainer.matters_line
    latest = explainer.date_modified
    if (explainer.updates or explainer.corrections) and latest not in (
        getattr(content, "date", None),
        getattr(content, "modified", None),
    ):
        content.modified = latest
        content.locale_modified = latest.strftime(content.date_format)


def link_related(generator: Any) -> None:
    """``article_generator_finalized``: related explainers, among the published ones."""
    options = options_for(generator.settings)
    everything = [*generator.articles, *generator.drafts]
    explainers = [article for article in everything if getattr(article, "explainer", None) is not None]
    related = related_by_article(explainers, list(generator.articles), options.related_count)
    for article in explainers:
        article.explainer.related = related[id(article)]
