"""The explainer plugin's settings, read once with their defaults (documented in README)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
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

# Front-matter keys Pelican or nutgraf understand; an unknown key close to one of them is a typo.
KNOWN_METADATA = (
    "title",
    "date",
    "modified",
    "summary",
    "topic",
    "tags",
    "authors",
    "author",
    "status",
    "lang",
    "slug",
    "updates",
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

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> ExplainerSettings:
        return cls(
            sections=_section_specs(settings.get("EXPLAINER_SECTIONS") or list(DEFAULT_SECTIONS)),
            summary_max_length=int(settings.get("EXPLAINER_SUMMARY_MAX_LENGTH", 200)),
            lede_max_paragraphs=int(settings.get("EXPLAINER_LEDE_MAX_PARAGRAPHS", 2)),
            words_per_minute=int(settings.get("EXPLAINER_WORDS_PER_MINUTE", 230)),
            related_count=int(settings.get("EXPLAINER_RELATED_COUNT", 3)),
            figure_block=str(settings.get("EXPLAINER_FIGURE_BLOCK", "figure")),
            sources_heading=str(settings.get("EXPLAINER_SOURCES_HEADING", "Sources")),
            updates_heading=str(settings.get("EXPLAINER_UPDATES_HEADING", "Updates")),
            publisher_logo=str(settings.get("EXPLAINER_PUBLISHER_LOGO") or ""),
            extra_metadata=tuple(str(key).lower() for key in settings.get("EXPLAINER_EXTRA_METADATA") or ()),
            date_format=str(settings.get("DEFAULT_DATE_FORMAT") or "%-d %B %Y"),
            site_name=str(settings.get("SITENAME") or ""),
            site_url=str(settings.get("SITEURL") or "").rstrip("/"),
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
