"""Pelican signal handlers: each one a thin call into the pure core."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nutgraf.kernel.context import BuildHandle, context_for
from nutgraf.kernel.languages import url_prefix
from nutgraf.plugins.explainers.corrections_log import FeedPlace, by_language, corrections_feed, corrections_of
from nutgraf.plugins.explainers.markdown_extension import ExplainerExtension
from nutgraf.plugins.explainers.model import Explainer
from nutgraf.plugins.explainers.page_facts import page_facts
from nutgraf.plugins.explainers.plugin import PLUGIN
from nutgraf.plugins.explainers.publishing import build_now
from nutgraf.plugins.explainers.related import related_by_article
from nutgraf.plugins.explainers.settings import ExplainerSettings

logger = logging.getLogger(__name__)


def options_for(settings: dict[str, Any]) -> ExplainerSettings:
    """The build's explainer settings, read once per build (kept in its context)."""
    return context_for(settings).state(PLUGIN.name, lambda: ExplainerSettings.from_settings(settings))


@dataclass(frozen=True)
class Translator:
    """A page's gettext, from the build context (the i18n plugin's, when it is loaded; looked up when a file
    is read). A class holding only the build's handle: Pelican pickles its settings, and with them this."""

    build: BuildHandle

    def __call__(self, lang: str | None) -> Callable[[str], str]:
        return self.build.context().gettext_for(lang)


def add_markdown_extension(pelican: Any) -> None:
    """``initialized``: our Markdown extension joins the reader's (once, however often the plugin is loaded)."""
    options = options_for(pelican.settings)
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(extension, ExplainerExtension) for extension in extensions):
        extensions.append(ExplainerExtension(options, Translator(context_for(pelican.settings).handle)))


def attach_explainer(content: Any) -> None:
    """``content_object_init``: give each explainer its structure, and its latest update as ``modified``."""
    from pelican.contents import Article  # Pelican is running when this is called

    if not isinstance(content, Article) or not getattr(content, "source_path", None):
        return
    context = context_for(content.settings)
    source = context.content.record_for(content.source_path)
    if source is None:
        return  # not read as an article (the content check has reported it if unreadable)
    lang = getattr(content, "lang", None)
    site_options = options_for(content.settings)
    options = site_options.for_lang(lang)
    format_date = context.format_date
    explainer = Explainer(
        content,
        page_facts(context, source, lang, site_options),
        options,
        lambda date: format_date(date, lang, options.date_format),
    )
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


def add_corrections_filter(pelican: Any) -> None:
    """``initialized``: templates get ``corrections`` (``articles|corrections``: the corrections page)."""
    pelican.settings.setdefault("JINJA_FILTERS", {})["corrections"] = corrections_of


def write_corrections_feeds(generator: Any, writer: Any) -> None:
    """``article_writer_finalized``: the corrections feed (CORRECTIONS_FEED_ATOM), of the explainers the default
    language's corrections page lists, and one per other language under its folder, of that language's
    explainers, as its corrections page (``i18n.listings``) lists them."""
    settings = generator.settings
    path = settings.get("CORRECTIONS_FEED_ATOM")
    if not path:
        return
    default_lang = str(settings.get("DEFAULT_LANG") or "en")
    context = context_for(settings)
    site_url = str(settings.get("SITEURL") or "")
    page = str(settings.get("CORRECTIONS_URL") or "corrections/")
    for lang, articles in by_language(generator.articles, generator.translations, default_lang):
        prefix = "" if lang == default_lang else f"{url_prefix(lang)}/"
        place = FeedPlace(
            site_name=str(settings.get("SITENAME") or ""),
            site_url=site_url,
            feed_domain=str(settings.get("FEED_DOMAIN") or site_url),
            feed_path=f"{prefix}{path}",
            page_path=f"{prefix}{page}",
            lang=lang,
        )
        # An empty feed is as new as the newest explainer it could have listed corrections of.
        quiet_since = max((article.date for article in articles), default=build_now(settings))
        feed = corrections_feed(corrections_of(articles), place, context.gettext_for(lang), quiet_since)
        target = Path(generator.output_path) / place.feed_path
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as stream:
            feed.write(stream, "utf-8")
