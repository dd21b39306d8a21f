"""Charts in the language of their explainer: d3 number and date locales, and a font stack with the script's
glyphs (vl-convert measures and draws them in the CJK font nutgraf ships: kernel.fonts).

A chart in DEFAULT_LANG gets none of this (``ChartLocale.none()``): its specs, cache keys and output are
exactly what they were before translations existed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import vl_convert

# Fonts for scripts that the usual system stack may lack, by the BCP 47 script (or language) they write.
# Named first, so readers' browsers and vl-convert pick them for those glyphs.
SCRIPT_FONTS = {
    "Hans": ('"Noto Sans CJK SC"', '"Source Han Sans SC"', '"PingFang SC"', '"Microsoft YaHei"'),
    "Hant": ('"Noto Sans CJK TC"', '"Source Han Sans TC"', '"PingFang TC"', '"Microsoft JhengHei"'),
    "ja": ('"Noto Sans CJK JP"', '"Hiragino Sans"', '"Yu Gothic"'),
    "ko": ('"Noto Sans CJK KR"', '"Apple SD Gothic Neo"', '"Malgun Gothic"'),
}
_LANG_LINE = re.compile(r"^lang:\s*(?P<value>\S.*?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ChartLocale:
    """How one language's charts differ from the default: d3 locales (as dicts) and fonts put first."""

    lang: str = ""
    format_locale: dict[str, Any] | None = None
    time_format_locale: dict[str, Any] | None = None
    fonts: tuple[str, ...] = ()

    @classmethod
    def none(cls) -> ChartLocale:
        return cls()

    def font_stack(self, base: str) -> str:
        return ", ".join([*self.fonts, base]) if self.fonts else base

    def cache_inputs(self) -> dict[str, Any]:
        """What the cache key must include: the locale decides how numbers, dates and glyphs are drawn."""
        if not self.lang:
            return {}
        return {"locale": {"lang": self.lang, "format": self.format_locale, "time": self.time_format_locale}}


def document_lang(lines: list[str] | str) -> str:
    """The `Lang:` of a Markdown document's front matter (the lines before the first blank one), or ''."""
    for line in lines.split("\n") if isinstance(lines, str) else lines:
        if not line.strip():
            break
        match = _LANG_LINE.match(line)
        if match:
            return match["value"]
    return ""


def _d3_locale(getter: Any, names: list[str]) -> dict[str, Any] | None:
    for name in names:
        try:
            return getter(name)
        except ValueError:
            continue
    return None


@cache
def chart_locale(lang: str, default_lang: str = "en") -> ChartLocale:
    """The locale of charts in ``lang``; none for the default language or a language Babel does not know."""
    from babel import Locale, UnknownLocaleError

    if not lang or lang.replace("_", "-").casefold() == default_lang.replace("_", "-").casefold():
        return ChartLocale.none()
    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return ChartLocale.none()
    from nutgraf.kernel.languages import d3_locale_names

    names = d3_locale_names(lang)
    fonts = SCRIPT_FONTS.get(locale.script or "", ()) or SCRIPT_FONTS.get(locale.language, ())
    if not locale.script and locale.language == "zh":
        fonts = SCRIPT_FONTS["Hant" if locale.territory in ("TW", "HK", "MO") else "Hans"]
    return ChartLocale(
        lang=lang,
        format_locale=_d3_locale(vl_convert.get_format_locale, names),
        time_format_locale=_d3_locale(vl_convert.get_time_format_locale, names),
        fonts=fonts,
    )
