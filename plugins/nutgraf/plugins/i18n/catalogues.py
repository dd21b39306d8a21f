"""The theme's message catalogues: ``theme/translations/<lang>/LC_MESSAGES/messages.po``, compiled by Babel
in memory when the build starts (no ``.mo`` file is written or committed), one gettext per language.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from nutgraf.kernel.diagnostics import Diagnostic
from nutgraf.kernel.languages import babel_locale, same_language

DOMAIN = "messages"


def catalogue_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """(language folder name, .po file) for every catalogue of the theme."""
    if folder.is_dir():
        for po in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            yield po.parents[1].name, po


def read_catalogue(po: Path) -> Catalog:
    """One .po file, parsed strictly (PoFileError when malformed)."""
    with po.open("rb") as handle:
        return read_po(handle, locale=babel_locale(po.parents[1].name), abort_invalid=True)


def compile_catalogue(catalogue: Catalog) -> Translations:
    """Babel's compiler, into memory: the .mo bytes never touch the disk."""
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


def check_catalogues(folder: Path, root: Path) -> list[Diagnostic]:
    """A catalogue that does not parse, is named for a language Babel does not know, or whose translation
    has other %(name)s placeholders than its msgid (which would fail the page that shows it)."""
    problems = []
    for language, po in catalogue_files(folder):
        display = po.relative_to(root).as_posix() if po.is_relative_to(root) else str(po)
        if babel_locale(language) is None:
            problems.append(
                Diagnostic(display, 1, f"unknown language '{language}'", "name the folder with a BCP 47 code")
            )
            continue
        try:
            catalogue = read_catalogue(po)
        except PoFileError as error:
            line = int(getattr(error, "lineno", 0) or 0) + 1  # Babel counts lines from 0
            reason = re.sub(r" on \d+$", "", str(error))
            problems.append(Diagnostic(display, line, f"the catalogue does not parse: {reason}", "fix the entry"))
            continue
        for message, errors in catalogue.check():
            for error in errors:
                problems.append(
                    Diagnostic(
                        display,
                        message.lineno or 1,
                        f"the translation of '{message.id}' does not fit it: {error}",
                        "use the msgid's %(name)s placeholders, no more and no fewer",
                    )
                )
    return problems


@dataclass
class Catalogues:
    """gettext for each language that has a catalogue; English (the msgids) for any other."""

    folder: Path
    _loaded: dict[str, NullTranslations] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the loaded translations (they hold lambdas): Pelican's content cache pickles
        the settings, which hold these catalogues; they load again from ``folder`` when needed."""
        return {"folder": self.folder, "_loaded": {}}

    def for_language(self, language: str) -> NullTranslations:
        key = language.casefold()
        if key not in self._loaded:
            self._loaded[key] = self._load(language)
        return self._loaded[key]

    def _load(self, language: str) -> NullTranslations:
        for name, po in catalogue_files(self.folder):
            if same_language(name, language):
                return compile_catalogue(read_catalogue(po))
        return NullTranslations()

    def languages(self) -> list[str]:
        return [name for name, _ in catalogue_files(self.folder)]
