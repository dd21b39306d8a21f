"""Pelican signal handlers of the i18n plugin: each a thin call into the pure parts."""

from __future__ import annotations

import dataclasses
from typing import Any

from i18n.catalogues import Catalogues
from i18n.languages import url_prefix
from i18n.settings import I18nSettings
from i18n.templating import PageLanguage, item_lang

I18N_EXTENSION = "jinja2.ext.i18n"
# The build's PageLanguage, kept in the settings dict its Pelican run shares.
STATE_SETTING = "I18N_PAGE_LANGUAGE"


def page_language(settings: dict[str, Any]) -> PageLanguage:
    state = settings.get(STATE_SETTING)
    if not isinstance(state, PageLanguage):
        options = I18nSettings.from_settings(settings)
        state = PageLanguage(options, Catalogues(options.catalogues))
        settings[STATE_SETTING] = state
    return state


def add_jinja_extension(pelican: Any) -> None:
    """``initialized``: Jinja's i18n extension, for ``{{ _("…") }}`` and ``{% trans %}`` in the theme."""
    environment = pelican.settings.setdefault("JINJA_ENVIRONMENT", {})
    extensions = environment.setdefault("extensions", [])
    if I18N_EXTENSION not in extensions:
        extensions.append(I18N_EXTENSION)
    # Plugins that write HTML in Python (charts, key figures) look the page's gettext up here.
    pelican.settings["I18N_GETTEXT"] = page_language(pelican.settings).gettext_for


def install_callables(generator: Any) -> None:
    """``generator_init``: each generator's Jinja environment gets the page-aware gettext, globals and filters."""
    state = page_language(generator.settings)
    gettext, ngettext = state.gettext_callables()
    generator.env.install_gettext_callables(gettext, ngettext, newstyle=True)
    generator.env.globals.update(state.globals())
    generator.env.filters.update(state.filters())


def localise_content(content: Any) -> None:
    """``content_object_init``: the language's URL folder for LANG URLs, and dates in its locale."""
    state = page_language(content.settings)
    lang = item_lang(content, state.settings.default_lang)
    # ARTICLE_LANG_URL and friends may use {lang_path}: zh-Hans pages go under zh-hans/.
    content.metadata.setdefault("lang_path", url_prefix(lang))
    if state.in_default_lang(lang):
        return
    default_format = str(content.settings.get("DEFAULT_DATE_FORMAT") or "%-d %B %Y")
    if getattr(content, "date", None) is not None:
        content.locale_date = state.format(content.date, lang, default_format)
    if getattr(content, "modified", None) is not None:
        content.locale_modified = state.format(content.modified, lang, default_format)
    explainer = getattr(content, "explainer", None)
    if explainer is not None and getattr(explainer, "updates", None):
        explainer.updates = [
            dataclasses.replace(update, locale_date=state.format(update.date, lang, default_format))
            for update in explainer.updates
        ]


def write_language_pages(generator: Any, writer: Any) -> None:
    """``article_writer_finalized``: each other language's home page (its explainers) and search page."""
    state = page_language(generator.settings)
    options = state.settings
    by_lang: dict[str, list[Any]] = {}
    for article in [*generator.articles, *generator.translations]:
        lang = item_lang(article, options.default_lang)
        if not state.in_default_lang(lang):
            by_lang.setdefault(lang, []).append(article)
    relative_urls = generator.settings.get("RELATIVE_URLS", False)
    for lang, articles in sorted(by_lang.items()):
        prefix = url_prefix(lang)
        newest = sorted(articles, key=lambda article: article.date, reverse=True)
        if options.home_pages:
            writer.write_file(
                f"{prefix}/index.html",
                generator.get_template("index"),
                generator.context,
                relative_urls,
                articles=newest,
                dates=newest,
                page_name="index",
                PAGE_LANG=lang,
            )
        if options.search_enabled and "SEARCH_URL" in generator.settings:
            writer.write_file(
                f"{prefix}/{options.search_save_as}",
                generator.get_template("search"),
                generator.context,
                relative_urls,
                page_name="search",
                PAGE_LANG=lang,
            )
