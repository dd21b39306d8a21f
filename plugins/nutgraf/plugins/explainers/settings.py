"""The explainer plugin's settings, read once with their defaults (documented in README)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

SECTION_KEYS = ("happening", "matters", "next", "background")

DEFAULT_SECTIONS: tuple[dict[str, Any], ...] = (
    {
        "key": "happening",
        "label": "What's happening",
        "id": "whats-happening",
        "aliases": ["What is happening", "What happened", "What's going on", "The news"],
    },
    {
        "key": "matters",
        "label": "Why it matters",
        "id": "why-it-matters",
        "aliases": ["Why it's important", "Why it is important", "Why this matters", "Why does it matter"],
    },
    {
        "key": "next",
        "label": "What's next",
        "id": "whats-next",
        "aliases": ["What happens next", "What comes next", "What to watch", "What's ahead"],
    },
    {
        "key": "background",
        "label": "Beyond the headlines",
        "id": "beyond-the-headlines",
        "aliases": ["The wider background", "Background", "The bigger picture", "Context"],
    },
)

# The four parts in other languages: labels and aliases (ids stay the canonical ones, so anchors are
# stable across languages). Keys are BCP 47 codes as in `Lang:`, matched case-insensitively;
# EXPLAINER_SECTIONS_BY_LANG adds or replaces languages. The "Sources" and "Updates" headings come from the
# theme's catalogues; an entry may override them with "sources_heading" and "updates_heading".
DEFAULT_SECTIONS_BY_LANG: dict[str, dict[str, Any]] = {
    "zh-Hans": {
        "sections": [
            {
                "key": "happening",
                "label": "正在发生什么",
                "aliases": ["发生了什么", "最新进展", "事件经过", "新闻"],
            },
            {
                "key": "matters",
                "label": "为何重要",
                "aliases": ["为什么重要", "为什么这很重要", "为何这很重要", "重要性", "意义何在"],
            },
            {
                "key": "next",
                "label": "接下来",
                "aliases": ["接下来会怎样", "下一步", "后续看点", "未来走向"],
            },
            {
                "key": "background",
                "label": "头条之外",
                "aliases": ["新闻背后", "更广阔的背景", "深层背景", "背景"],
            },
        ],
    },
}

# Front-matter keys Pelican or nutgraf understand; an unknown key close to one of them is a typo.
KNOWN_METADATA = (
    "title",
    "date",
    "modified",
    "summary",
    "teaser",
    "topic",
    "tags",
    "authors",
    "author",
    "status",
    "lang",
    "slug",
    "updates",
    "corrections",
    "category",
    "template",
    "save_as",
    "url",
    "translation",
    "social_image",
)

_APOSTROPHES = str.maketrans({"’": "", "'": "", "‘": "", "`": ""})
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalize_heading(text: str) -> str:
    """Heading text compared case- and punctuation-insensitively: "What's Happening?" → "whats happening"."""
    return _NON_WORD.sub(" ", text.translate(_APOSTROPHES).casefold()).strip()


@dataclass(frozen=True)
class SectionSpec:
    """One of the four canonical sections: its key, reader-facing label, stable id and aliases."""

    key: str
    label: str
    id: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every heading text that names this section, normalised."""
        return tuple(dict.fromkeys(normalize_heading(name) for name in (self.label, *self.aliases)))


def _section_specs(value: Any) -> tuple[SectionSpec, ...]:
    if not isinstance(value, list | tuple) or len(value) != len(SECTION_KEYS):
        msg = f"EXPLAINER_SECTIONS must list the four sections {SECTION_KEYS}, in order"
        raise ValueError(msg)
    specs = []
    for expected_key, entry in zip(SECTION_KEYS, value, strict=True):
        if not isinstance(entry, Mapping) or entry.get("key") != expected_key:
            msg = f"EXPLAINER_SECTIONS: expected the section keyed {expected_key!r} here, got {entry!r}"
            raise ValueError(msg)
        label, section_id = entry.get("label"), entry.get("id")
        if not (isinstance(label, str) and label.strip() and isinstance(section_id, str) and section_id.strip()):
            msg = f"EXPLAINER_SECTIONS: the {expected_key!r} section needs a non-empty 'label' and 'id'"
            raise ValueError(msg)
        aliases = tuple(str(alias) for alias in entry.get("aliases") or ())
        specs.append(SectionSpec(expected_key, label.strip(), section_id.strip(), aliases))
    return tuple(specs)


def language_key(code: str) -> str:
    """BCP 47 codes compare case-insensitively, and '_' is a common misspelling of '-'."""
    return code.strip().replace("_", "-").casefold()


@dataclass(frozen=True)
class LanguageSections:
    """The four parts and the headings the plugin writes, in one language."""

    sections: tuple[SectionSpec, ...]
    sources_heading: str
    updates_heading: str


def _language_sections(
    language: str, value: Any, canonical: tuple[SectionSpec, ...], sources: str, updates: str
) -> LanguageSections:
    entry = {"sections": value} if isinstance(value, list | tuple) else value
    if not isinstance(entry, Mapping):
        msg = f"EXPLAINER_SECTIONS_BY_LANG[{language!r}] must be a dict with 'sections' (or the list of four)"
        raise ValueError(msg)
    # Each language's sections keep the canonical ids: an anchor means the same part in every language.
    listed = [
        {**dict(item), "id": spec.id} if isinstance(item, Mapping) else item
        for item, spec in zip(entry.get("sections") or (), canonical, strict=False)
    ]
    try:
        sections = _section_specs(listed)
    except ValueError as error:
        msg = f"EXPLAINER_SECTIONS_BY_LANG[{language!r}]: {error}"
        raise ValueError(msg) from None
    return LanguageSections(
        sections, str(entry.get("sources_heading") or sources), str(entry.get("updates_heading") or updates)
    )


def _sections_by_lang(
    settings: Mapping[str, Any], canonical: tuple[SectionSpec, ...], sources: str, updates: str
) -> dict[str, LanguageSections]:
    merged = {**DEFAULT_SECTIONS_BY_LANG, **dict(settings.get("EXPLAINER_SECTIONS_BY_LANG") or {})}
    return {
        language_key(language): _language_sections(language, value, canonical, sources, updates)
        for language, value in merged.items()
    }


@dataclass(frozen=True)
class ExplainerSettings:
    """Everything the explainer plugin reads from Pelican's settings."""

    sections: tuple[SectionSpec, ...] = field(default_factory=lambda: _section_specs(list(DEFAULT_SECTIONS)))
    summary_max_length: int = 200
    lede_max_paragraphs: int = 2
    words_per_minute: int = 230
    related_count: int = 3
    figure_block: str = "figure"
    sources_heading: str = "Sources"
    updates_heading: str = "Updates"
    publisher_logo: str = ""
    extra_metadata: tuple[str, ...] = ()
    date_format: str = "%-d %B %Y"
    site_name: str = ""
    site_url: str = ""
    default_lang: str = "en"
    # Other languages' sections and headings, by language_key(); see for_lang().
    by_lang: Mapping[str, LanguageSections] = field(default_factory=dict, compare=False)

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ExplainerSettings:
        sections = _section_specs(settings.get("EXPLAINER_SECTIONS") or list(DEFAULT_SECTIONS))
        sources = str(settings.get("EXPLAINER_SOURCES_HEADING", "Sources"))
        updates = str(settings.get("EXPLAINER_UPDATES_HEADING", "Updates"))
        return cls(
            sections=sections,
            summary_max_length=int(settings.get("EXPLAINER_SUMMARY_MAX_LENGTH", 200)),
            lede_max_paragraphs=int(settings.get("EXPLAINER_LEDE_MAX_PARAGRAPHS", 2)),
            words_per_minute=int(settings.get("EXPLAINER_WORDS_PER_MINUTE", 230)),
            related_count=int(settings.get("EXPLAINER_RELATED_COUNT", 3)),
            figure_block=str(settings.get("EXPLAINER_FIGURE_BLOCK", "figure")),
            sources_heading=sources,
            updates_heading=updates,
            publisher_logo=str(settings.get("EXPLAINER_PUBLISHER_LOGO") or ""),
            extra_metadata=tuple(str(key).lower() for key in settings.get("EXPLAINER_EXTRA_METADATA") or ()),
            date_format=str(settings.get("DEFAULT_DATE_FORMAT") or "%-d %B %Y"),
            site_name=str(settings.get("SITENAME") or ""),
            site_url=str(settings.get("SITEURL") or "").rstrip("/"),
            default_lang=str(settings.get("DEFAULT_LANG") or "en"),
            by_lang=_sections_by_lang(settings, sections, sources, updates),
        )

    @cached_property
    def memo_salt(self) -> str:
        """What per-file results made with these settings are kept under (``page_facts``): their repr, made
        once rather than for each of a site's thousand articles."""
        return repr(self)

    def for_lang(self, lang: str | None) -> ExplainerSettings:
        """These settings as an explainer in ``lang`` reads them: that language's labels, aliases and headings.

        The default language, and a language without its own sections, keep EXPLAINER_SECTIONS."""
        if not lang or language_key(lang) == language_key(self.default_lang):
            return self
        local = self.by_lang.get(language_key(lang))
        if local is None:
            return self
        return replace(
            self, sections=local.sections, sources_heading=local.sources_heading, updates_heading=local.updates_heading
        )

    @property
    def known_metadata(self) -> tuple[str, ...]:
        return (*KNOWN_METADATA, *self.extra_metadata)

    def section_for(self, heading: str) -> SectionSpec | None:
        """The section a heading names (through its label or an alias), or None."""
        normalized = normalize_heading(heading)
        for spec in self.sections:
            if normalized in spec.names:
                return spec
        return None
