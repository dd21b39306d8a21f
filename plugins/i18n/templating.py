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

from i18n.catalogues import Catalogues
from i18n.languages import babel_locale, name_in, native_name, same_language, text_direction, url_prefix
from i18n.settings import I18nSettings


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
            """A site path in the page's language: ``search/`` is ``zh-hans/search/`` on a Chinese page."""
            lang = self.lang(context)
            return path if self.in_default_lang(lang) else f"{url_prefix(lang)}/{path}"

        @pass_context
        def language_name(context: Context, code: str) -> str:
            """A language's name in the page's language (``英语`` on a Chinese page)."""
            return name_in(code, self.lang(context))

        def versions(item: Any) -> list[LanguageVersion]:
            return language_versions(item, self.settings.default_lang)

        return {
            "page_lang": page_lang,
            "page_dir": page_dir,
            "lang_url": lang_url,
            "language_name": language_name,
            "language_versions": versions,
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
