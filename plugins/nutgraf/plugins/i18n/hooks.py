"""Pelican signal handlers of the i18n plugin: each a thin call into the pure parts."""

from __future__ import annotations

from typing import Any

from nutgraf.kernel.context import context_for
from nutgraf.kernel.languages import name_in, url_prefix
from nutgraf.plugins.i18n import feeds
from nutgraf.plugins.i18n.catalogues import Catalogues
from nutgraf.plugins.i18n.listings import language_listings
from nutgraf.plugins.i18n.plugin import PLUGIN
from nutgraf.plugins.i18n.settings import I18nSettings
from nutgraf.plugins.i18n.templating import PageLanguage, item_lang

I18N_EXTENSION = "jinja2.ext.i18n"


def page_language(settings: dict[str, Any]) -> PageLanguage:
    """The build's PageLanguage (its catalogues loaded once), kept in the build context."""
    context = context_for(settings)
    return context.state(PLUGIN.name, lambda: _new_page_language(settings))


def _new_page_language(settings: dict[str, Any]) -> PageLanguage:
    options = I18nSettings.from_settings(settings)
    return PageLanguage(options, Catalogues(options.catalogues))


def add_jinja_extension(pelican: Any) -> None:
    """``initialized``: Jinja's i18n extension, for ``{{ _("…") }}`` and ``{% trans %}`` in the theme."""
    environment = pelican.settings.setdefault("JINJA_ENVIRONMENT", {})
    extensions = environment.setdefault("extensions", [])
    if I18N_EXTENSION not in extensions:
        extensions.append(I18N_EXTENSION)
    # Plugins that write HTML in Python (charts, key figures, explainers' updates) get the page's gettext
    # and dates in its language from the build context.
    context = context_for(pelican.settings)
    state = page_language(pelican.settings)
    context.gettext_for = state.gettext_for
    context.format_date = lambda value, lang, default_format: state.format(
        value, lang or state.settings.default_lang, default_format
    )


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


def write_language_pages(generator: Any, writer: Any) -> None:
    """``article_writer_finalized``: each other language's listing pages (home, topics, tags, archive, a page per
    topic and tag: ``i18n.listings``) and its search page."""
    state = page_language(generator.settings)
    options = state.settings
    by_lang: dict[str, list[Any]] = {}
    for article in [*generator.articles, *generator.translations]:
        lang = item_lang(article, options.default_lang)
        if not state.in_default_lang(lang):
            by_lang.setdefault(lang, []).append(article)
    relative_urls = generator.settings.get("RELATIVE_URLS", False)
    direct_templates = list(generator.settings.get("DIRECT_TEMPLATES") or [])
    for lang, articles in sorted(by_lang.items()):
        newest = sorted(articles, key=lambda article: article.date, reverse=True)
        if options.home_pages:
            for listing in language_listings(lang, newest, direct_templates, generator.settings):
                # Named by its template and address, so Pelican paginates it as the default language's.
                writer.write_file(
                    listing.save_as,
                    generator.get_template(listing.template),
                    generator.context,
                    relative_urls,
                    template_name=listing.template,
                    url=listing.url,
                    **listing.values,
                )
        if options.search_enabled and "SEARCH_URL" in generator.settings:
            writer.write_file(
                f"{url_prefix(lang)}/{options.search_save_as}",
                generator.get_template("search"),
                generator.context,
                relative_urls,
                page_name="search",
                template_name="search",
                PAGE_LANG=lang,
            )


def localise_feed(context: dict[str, Any], feed: Any) -> None:
    """``feed_generated``: the feed's language (``xml:lang``), the site-wide feed in the default language only,
    and a language's own feed titled in it ("nutgraf（中文 (简体)）"): ``i18n.feeds``."""
    state = page_language(context)
    default_lang = state.settings.default_lang
    articles = [*(context.get("articles") or []), *(context.get("hidden_articles") or [])]
    languages = feeds.link_languages(articles, str(context.get("SITEURL") or ""), default_lang)
    site = str(context.get("SITENAME") or "")
    default_only = feeds.is_feed(feed, context.get("FEED_ALL_ATOM_URL") or context.get("FEED_ALL_ATOM"))
    feeds.localise_feed(feed, languages, default_lang, default_only=default_only)
    lang = feed.feed.get("language")
    if lang and not state.in_default_lang(lang) and feed.feed.get("title") == site:
        title = state.gettext_for(lang)("%(site)s in %(language)s")
        feed.feed["title"] = title % {"site": site, "language": name_in(lang, lang)}
