"""Language codes as Babel knows them: validation, URL prefixes, writing direction, names, d3 locale names.

Codes are BCP 47 as in `Lang:` (``zh-Hans``, ``pt-BR``); Babel spells them with ``_``.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global


@cache
def babel_locale(code: str) -> Locale | None:
    """The Babel locale of a BCP 47 code, or None when Babel does not know the language."""
    text = code.strip().replace("-", "_")
    if not text or not all(part.isalnum() for part in text.split("_")):
        return None
    try:
        locale = Locale.parse(text)
    except (UnknownLocaleError, ValueError):
        return None
    # Babel falls back to the nearest locale it has (zh_Hanz → zh_Hans): a code is known only if every part is.
    parts = {str(part).casefold() for part in (locale.language, locale.script, locale.territory, locale.variant)}
    return locale if {part.casefold() for part in text.split("_")} <= parts else None


def is_known(code: str) -> bool:
    return babel_locale(code) is not None


def canonical(code: str) -> str:
    """The code as BCP 47 writes it: ``zh-hans`` → ``zh-Hans``, ``pt_br`` → ``pt-BR``."""
    locale = babel_locale(code)
    if locale is None:
        return code.strip()
    return "-".join(part for part in (locale.language, locale.script, locale.territory, locale.variant) if part)


def same_language(one: str, other: str) -> bool:
    """BCP 47 codes compare case-insensitively."""
    return one.strip().replace("_", "-").casefold() == other.strip().replace("_", "-").casefold()


def url_prefix(code: str) -> str:
    """The folder a language's pages live in: the code in lower case (``zh-hans``)."""
    return code.strip().replace("_", "-").lower()


def text_direction(code: str) -> str:
    """``rtl`` or ``ltr``, for ``<html dir>``."""
    locale = babel_locale(code)
    return locale.text_direction if locale is not None else "ltr"


def native_name(code: str) -> str:
    """The language's name in itself, as a language switcher shows it: ``中文 (简体)``, ``English``."""
    locale = babel_locale(code)
    return (locale.get_display_name(locale) or code) if locale is not None else code


def name_in(code: str, reader: str) -> str:
    """The language's name in the reader's language: ``英语`` for ``en`` read in ``zh-Hans``."""
    locale, in_locale = babel_locale(code), babel_locale(reader)
    if locale is None:
        return code
    return locale.get_display_name(in_locale or locale) or code


def d3_locale_names(code: str) -> list[str]:
    """Candidate d3-format / d3-time-format locale names (``zh-CN`` for ``zh-Hans``), most specific first."""
    locale = babel_locale(code)
    if locale is None:
        return []
    names = []
    if locale.territory:
        names.append(f"{locale.language}-{locale.territory}")
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.script}", locale.language) if locale.script else (locale.language,):
        parts = str(likely.get(key) or "").split("_")
        # zh is likeliest written in Hans in CN: right for zh-Hans, wrong for zh-Hant (TW).
        if len(parts) == 3 and (not locale.script or parts[1] == locale.script):
            names.append(f"{locale.language}-{parts[2]}")
            break
    names.append(locale.language)
    return list(dict.fromkeys(names))
