"""The theme's message catalogues: ``theme/translations/<lang>/LC_MESSAGES/messages.po``, compiled by Babel
in memory when the build starts (no ``.mo`` file is written or committed), one gettext per language.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from i18n.languages import babel_locale, same_language
from nutgraf.diagnostics import Diagnostic

DOMAIN = "messages"


def catalogue_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """(language folder name, .po file) for every catalogue of the theme."""
    if folder.is_dir():
        for po in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            yield po.parents[1].name, po


def compile_po(po: Path, display: str) -> Translations:
    """One .po file as gettext translations (Babel's compiler, into memory); PoFileError when malformed."""
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=babel_locale(po.parents[1].name), abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def check_catalogues(folder: Path, root: Path) -> list[Diagnostic]:
    """A catalogue that does not parse, or is named for a language Babel does not know."""
    problems = []
    for language, po in catalogue_files(folder):
        display = po.relative_to(root).as_posix() if po.is_relative_to(root) else str(po)
        if babel_locale(language) is None:
            problems.append(
                Diagnostic(display, 1, f"unknown language '{language}'", "name the folder with a BCP 47 code")
            )
            continue
        try:
            compile_po(po, display)
        except (PoFileError, ValueError) as error:
            line = getattr(error, "lineno", 1) or 1
            problems.append(Diagnostic(display, int(line), f"the catalogue does not parse: {error}", "fix the entry"))
    return problems


@dataclass
class Catalogues:
    """gettext for each language that has a catalogue; English (the msgids) for any other."""

    folder: Path
    _loaded: dict[str, NullTranslations] = field(default_factory=dict)

    def for_language(self, language: str) -> NullTranslations:
        key = language.casefold()
        if key not in self._loaded:
            self._loaded[key] = self._load(language)
        return self._loaded[key]

    def _load(self, language: str) -> NullTranslations:
        for name, po in catalogue_files(self.folder):
            if same_language(name, language):
                return compile_po(po, str(po))
        return NullTranslations()

    def languages(self) -> list[str]:
        return [name for name, _ in catalogue_files(self.folder)]
