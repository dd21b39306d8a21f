"""What templates get to speak the page's language: gettext callables that pick the catalogue of the page
being rendered, its ``lang`` and ``dir``, its language versions, and dates in its locale.

Every callable reads the page's language from the template context (``pass_context``): the article or
page being rendered, else ``PAGE_LANG`` (set for each language's listing pages), else DEFAULT_LANG.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel.dates import format_date
from jinja2 import pass_context
from jinja2.runtime import Context

from nutgraf.kernel.languages import babel_locale, name_in, native_name, same_language, text_direction, url_prefix
from nutgraf.plugins.i18n.catalogues import Catalogues
from nutgraf.plugins.i18n.listings import page_name as listing_page_name
from nutgraf.plugins.i18n.plurals import plural_examples
from nutgraf.plugins.i18n.settings import I18nSettings


@dataclass(frozen=True)
class LanguageVersion:
    """One language version of a page, as the switcher and the ``hreflang`` links show it."""

    lang: str
    name: str  # in its own language
    url: str  # relative to SITEURL
    current: bool
    original: bool


def item_lang(item: Any, default: str) -> str:
    lang = getattr(item, "lang", None)
    return lang if isinstance(lang, str) and lang else default


def _is_original(item: Any, group: list[Any], default_lang: str) -> bool:
    """As Pelican decides: not marked `Translation: true`, and in the default language if any version is."""
    if str(getattr(item, "metadata", {}).get("translation", "false")).lower() != "false":
        return False
    in_default = [other for other in group if same_language(item_lang(other, default_lang), default_lang)]
    return not in_default or item in in_default


def language_versions(item: Any, default_lang: str) -> list[LanguageVersion]:
    """The item and its translations (Pelican's ``translations``), the original first; [] when it has none."""
    group = [item, *(getattr(item, "translations", None) or [])]
    if len(group) == 1:
        return []
    versions = [
        LanguageVersion(
            lang := item_lang(version, default_lang),
            native_name(lang),
            version.url,
            version is item,
            _is_original(version, group, default_lang),
        )
        for version in group
    ]
    return sorted(versions, key=lambda v: (not v.original, v.lang.casefold()))


class PageLanguage:
    """The Jinja globals, filters and gettext callables, bound to the build's settings and catalogues."""

    def __init__(self, settings: I18nSettings, catalogues: Catalogues) -> None:
        self.settings = settings
        self.catalogues = catalogues

    def lang(self, context: Context) -> str:
        for name in ("article", "page"):
            item = context.get(name)
            if item is not None and isinstance(getattr(item, "lang", None), str) and item.lang:
                return item.lang
        return str(context.get("PAGE_LANG") or self.settings.default_lang)

    def in_default_lang(self, lang: str) -> bool:
        return same_language(lang, self.settings.default_lang)

    def globals(self) -> dict[str, Any]:
        @pass_context
        def page_lang(context: Context) -> str:
            return self.lang(context)

        @pass_context
        def page_dir(context: Context) -> str:
            return text_direction(self.lang(context))

        @pass_context
        def lang_url(context: Context, path: str = "") -> str:
            """A site path in the page's language: ``topics/`` is ``zh-hans/topics/`` on a Chinese page (the
            i18n plugin writes each language's home, listing and search pages there)."""
            lang = self.lang(context)
            if self.in_default_lang(lang):
                return path
            search = str(context.get("SEARCH_URL") or "search/")
            if not self.settings.home_pages and path != search:
                return path  # I18N_HOME_PAGES off: only the search page exists in each language
            return f"{url_prefix(lang)}/{path}"

        @pass_context
        def listing_name(context: Context) -> str:
            """The direct template this page is (``index``, ``categories``, ``tags``, ``archives``), else "": Pelican
            gives templates ``page_name``, its save-as without extension, not the template's name."""
            page_name = context.get("page_name")
            for name in context.get("DIRECT_TEMPLATES") or ():
                save_as = str(context.get(f"{name.upper()}_SAVE_AS", f"{name}.html"))
                if save_as and page_name == listing_page_name(save_as):
                    return str(name)
            return ""

        @pass_context
        def in_page_lang(context: Context, item: Any) -> Any:
            """The version of a page or explainer in the page's language, else the item itself."""
            lang = self.lang(context)
            for version in [item, *(getattr(item, "translations", None) or [])]:
                if same_language(item_lang(version, self.settings.default_lang), lang):
                    return version
            return item

        @pass_context
        def language_feed(context: Context) -> str | None:
            """The page language's Atom feed, relative to FEED_DOMAIN: the site's feed (FEED_ALL_ATOM, the default
            language's: ``i18n.feeds``) on default-language pages, TRANSLATION_FEED_ATOM's on others."""
            lang = self.lang(context)
            if self.in_default_lang(lang) and context.get("FEED_ALL_ATOM"):
                return str(context["FEED_ALL_ATOM"])
            pattern = context.get("TRANSLATION_FEED_ATOM")
            return str(pattern).format(lang=lang) if pattern else None

        @pass_context
        def language_name(context: Context, code: str) -> str:
            """A language's name in the page's language (``英语`` on a Chinese page)."""
            return name_in(code, self.lang(context))

        @pass_context
        def page_plural_examples(context: Context) -> dict[str, int]:
            """The page language's plural categories, each with a number in it (for scripts' messages)."""
            return plural_examples(self.lang(context))

        def versions(item: Any) -> list[LanguageVersion]:
            return language_versions(item, self.settings.default_lang)

        return {
            "page_lang": page_lang,
            "page_dir": page_dir,
            "lang_url": lang_url,
            "in_page_lang": in_page_lang,
            "listing_name": listing_name,
            "language_feed": language_feed,
            "language_name": language_name,
            "language_versions": versions,
            "plural_examples": page_plural_examples,
        }

    def filters(self) -> dict[str, Any]:
        @pass_context
        def localdate(context: Context, value: dt.date | dt.datetime, fallback_format: str = "%-d %B %Y") -> str:
            """A date as the page's language writes it (the default language keeps DEFAULT_DATE_FORMAT)."""
            return self.format(value, self.lang(context), str(context.get("DEFAULT_DATE_FORMAT") or fallback_format))

        return {"localdate": localdate}

    def format(self, value: dt.date | dt.datetime, lang: str, default_format: str) -> str:
        locale = babel_locale(lang)
        if self.in_default_lang(lang) or locale is None:
            return value.strftime(default_format)
        return format_date(value, self.settings.date_format, locale=locale)

    def gettext_for(self, lang: str | None) -> Callable[[str], str]:
        """The gettext of a page in ``lang`` (for HTML that plugins write in Python, such as chart captions)."""
        return self.catalogues.for_language(lang or self.settings.default_lang).gettext

    def gettext_callables(self) -> tuple[Any, Any]:
        @pass_context
        def gettext(context: Context, message: str) -> str:
            return self.catalogues.for_language(self.lang(context)).gettext(message)

        @pass_context
        def ngettext(context: Context, singular: str, plural: str, number: int) -> str:
            return self.catalogues.for_language(self.lang(context)).ngettext(singular, plural, number)

        return gettext, ngettext
