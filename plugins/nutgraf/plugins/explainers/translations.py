"""Translations checked across files: each language code known, each translation's original there.

Pelican links translations by slug: a file with `Lang: zh-Hans` and the `Slug:` of an English explainer is
its Chinese version. A file in another language than DEFAULT_LANG is a translation unless it says
`Translation: false` (an original written in that language); `Translation: true` marks one in any language.
The four-part rule for each translation is checked with its own language's labels (``validate_source``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.frontmatter import Field
from nutgraf.kernel.languages import is_known, same_language
from nutgraf.kernel.sources import SourceRecord
from nutgraf.kernel.suggest import closest
from nutgraf.plugins.explainers.settings import DEFAULT_SECTIONS_BY_LANG

COMMON_LANGUAGES = ("en", "zh-Hans", "zh-Hant", "fr", "es", "de", "ar", "my", "th", "vi", "ja", "ko", "ru", "pt")
_LANGUAGE_SUFFIX = re.compile(r"\.[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Version:
    """One explainer file as translations see it: its language and slug, and where they are written."""

    source: SourceRecord
    lang: str
    lang_line: int
    slug: str
    slug_line: int
    slug_given: bool
    translation: bool
    status: str

    @property
    def path(self) -> str:
        return self.source.display


def _version(record: SourceRecord, settings: Mapping[str, Any]) -> Version:
    front = record.front_matter
    default_lang = str(settings.get("DEFAULT_LANG") or "en")
    first = front.first_line
    lang: Field | None = front.first("lang")
    slug: Field | None = front.first("slug")
    marked: Field | None = front.first("translation")
    mark = marked.value.strip().lower() if marked is not None else ""
    return Version(
        source=record,
        lang=record.lang,
        lang_line=lang.line if lang is not None else first,
        slug=record.slug,
        slug_line=slug.line if slug is not None else (lang.line if lang is not None else first),
        slug_given=slug is not None,
        translation=mark == "true" or (not same_language(record.lang, default_lang) and mark != "false"),
        status=record.status,
    )


def _original_slug_guess(version: Version, originals: Iterable[str]) -> str | None:
    """The slug the translation probably means: its file name without the language (a.zh-hans.md → a)."""
    stem = _LANGUAGE_SUFFIX.sub("", version.source.path.stem)
    choices = list(originals)
    if stem in choices:
        return stem
    return closest(version.slug, choices, cutoff=0.8)


def check_translations(sources: Iterable[SourceRecord], settings: Mapping[str, Any]) -> list[Diagnostic]:
    """Unknown language codes and translations without an original (or whose original has another status).

    Two files with one language and slug are ``validate.duplicate_slugs``'s to report: they collide on one URL."""
    default_lang = str(settings.get("DEFAULT_LANG") or "en")
    versions = [_version(source, settings) for source in sources]
    # The languages this site is set up for come first in a "did you mean".
    site_languages = [default_lang, *DEFAULT_SECTIONS_BY_LANG, *(settings.get("EXPLAINER_SECTIONS_BY_LANG") or {})]
    diagnostics: list[Diagnostic] = []
    for version in versions:
        if not is_known(version.lang):
            guess = closest(version.lang, site_languages, cutoff=0.75) or closest(
                version.lang, COMMON_LANGUAGES, cutoff=0.75
            )
            hint = f"did you mean 'Lang: {guess}'?" if guess else "write a BCP 47 code, such as 'en', 'zh-Hans' or 'fr'"
            diagnostics.append(Diagnostic(version.path, version.lang_line, f"unknown language '{version.lang}'", hint))
    # Pelican pairs translations within published, draft and hidden explainers separately.
    originals = {(v.slug, v.status) for v in versions if same_language(v.lang, default_lang) and not v.translation}
    for version in versions:
        if not version.translation or (version.slug, version.status) in originals:
            continue
        other = next((status for slug, status in originals if slug == version.slug), None)
        if other is not None:
            diagnostics.append(
                Diagnostic(
                    version.path,
                    version.slug_line,
                    f"this translation is {version.status} but its original is {other}",
                    f"give both the same 'Status:' (a translation of a {other} explainer is {other} too)",
                )
            )
            continue
        guess = _original_slug_guess(version, {slug for slug, _ in originals})
        if guess and guess != version.slug:
            hint = f"give it the original's slug: 'Slug: {guess}'"
        else:
            hint = (
                f"add the original in '{default_lang}' with this slug, or write 'Translation: false' "
                "if this explainer has no original"
            )
        where = "its 'Slug:'" if version.slug_given else "its file name"
        diagnostics.append(
            Diagnostic(
                version.path,
                version.slug_line,
                f"this translation has no original: no '{default_lang}' explainer has the slug '{version.slug}' "
                f"(from {where})",
                hint,
            )
        )
    return diagnostics
