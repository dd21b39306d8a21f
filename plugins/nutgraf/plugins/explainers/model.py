"""``article.explainer``: the structured explainer that templates render (jump-nav, byline, updates, metadata)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from nutgraf.plugins.explainers.document import ExplainerSource, paragraphs
from nutgraf.plugins.explainers.key_figures import KeyFigure, parse_key_figure
from nutgraf.plugins.explainers.reading_time import count_words, reading_minutes
from nutgraf.plugins.explainers.settings import ExplainerSettings
from nutgraf.plugins.explainers.structured_data import PageFacts, absolute_url, json_script, news_article, plain
from nutgraf.plugins.explainers.updates import Update, parse_updates
from nutgraf.plugins.explainers.validate import plain_text

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|(?<=[。！？])[”’」』）]?")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]")


@dataclass(frozen=True)
class SectionView:
    """One of the four sections as the page has it."""

    key: str
    label: str
    heading: str  # the editor's own heading text
    id: str
    line: int
    article: Any = field(repr=False, compare=False)

    @property
    def html(self) -> Markup:
        """The section's rendered HTML, cut from the article's content (links already resolved)."""
        return Markup(section_html(str(self.article.content), self.id))

    @property
    def url(self) -> str:
        return f"#{self.id}"


@dataclass(frozen=True)
class UpdateView:
    date: dt.datetime  # in the site's time zone
    text: str
    locale_date: str

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def section_html(content: str, section_id: str) -> str:
    """The ``<section>`` element with this id in rendered content, matched to its own closing tag."""
    opening = re.search(rf'<section\b[^>]*\bid="{re.escape(section_id)}"[^>]*>', content)
    if opening is None:
        return ""
    depth = 0
    for match in re.finditer(r"<(/?)section\b[^>]*>", content[opening.start() :]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return content[opening.start() : opening.start() + match.end()]
    return content[opening.start() :]


# Sentences that only announce what follows ("This is crucial for several reasons.", "Here's why:"): a
# teaser made of one says nothing.
_LEAD_IN = re.compile(
    r"(:$|\b(for|in) (several|many|a few|a number of|two|three|four|five|various) (reasons|ways)\b"
    r"|\bhere(?:'s| is| are) (why|how|what)\b|\b(several|many|a few|a number of) reasons\b)",
    re.IGNORECASE,
)


def first_sentence(markdown: str) -> str:
    """The paragraph's first sentence that says something: a lead-in is passed over (unless it is all)."""
    text = plain_text(_FOOTNOTE_REFERENCE.sub("", markdown))
    sentences = [sentence.strip() for sentence in _SENTENCE_END.split(text) if sentence.strip()]
    return next(
        (sentence for sentence in sentences if not _LEAD_IN.search(sentence)), sentences[0] if sentences else ""
    )


@dataclass(frozen=True)
class ExplainerFacts:
    """What an explainer's page takes from its source alone, not from its Pelican article: worked out once per
    text, and kept between builds by it (``page_facts``), so that an edit parses one explainer again."""

    sections: tuple[tuple[str, str, str, str, int], ...]  # each canonical section's key, label, heading, id, line
    key_figures: tuple[KeyFigure, ...]
    updates: tuple[Update, ...]  # oldest first
    corrections: tuple[Update, ...]
    reading_minutes: int
    matters_paragraph: str
    matters_line: str  # the card's teaser

    @classmethod
    def of(cls, parsed: ExplainerSource, options: ExplainerSettings) -> ExplainerFacts:
        matters = parsed.sections_for("matters")
        first = paragraphs(matters[0].content_lines) if matters else []
        opening = " ".join(line for _, line in first[0]) if first else ""  # the "Why it matters" part's
        teaser = parsed.front_matter.text("teaser")
        return cls(
            sections=tuple(
                (s.spec.key, s.spec.label, s.heading.text, s.spec.id, s.heading.line)
                for s in parsed.sections
                if s.spec is not None
            ),
            key_figures=tuple(
                figure
                for block in parsed.blocks_named(options.figure_block)
                if (figure := parse_key_figure(block, "", published=False)[0]) is not None
            ),
            updates=tuple(parse_updates(parsed.front_matter, "")[0]),
            corrections=tuple(parse_updates(parsed.front_matter, "", "corrections")[0]),
            reading_minutes=reading_minutes(count_words(line for _, line in parsed.prose), options.words_per_minute),
            matters_paragraph=plain_text(opening),
            # The writer's `Teaser:`, else what the "Why it matters" part opens with.
            matters_line=plain_text(teaser) if teaser else first_sentence(opening),
        )


class Explainer:
    """What templates need beyond Pelican's article: sections, key figures, updates, reading time, metadata."""

    def __init__(
        self,
        article: Any,
        facts: ExplainerFacts,
        options: ExplainerSettings,
        date_label: Callable[[dt.datetime], str] | None = None,
    ) -> None:
        self.article = article
        self.options = options
        # How the page's language writes a date (the build context's, which i18n provides), else the settings' format.
        self.date_label = date_label or (lambda date: date.strftime(options.date_format))
        self.sections = [SectionView(*section, article) for section in facts.sections]
        self.key_figures: list[KeyFigure] = list(facts.key_figures)
        # A draft without a date gets one only after this runs (Pelican's Article.__init__): use the site's zone.
        tz = getattr(getattr(article, "date", None), "tzinfo", None) or getattr(article, "timezone", None)
        self.updates = [self._update_view(update, tz) for update in reversed(facts.updates)]  # newest first
        self.corrections = [self._update_view(correction, tz) for correction in reversed(facts.corrections)]
        self.reading_minutes = facts.reading_minutes
        self.matters_paragraph = facts.matters_paragraph
        self.matters_line = facts.matters_line
        self.related: list[Any] = []

    def _update_view(self, update: Update, tz: Any) -> UpdateView:
        date = update.date.replace(tzinfo=tz) if tz is not None else update.date
        return UpdateView(date, update.text, self.date_label(date))

    @property
    def last_update(self) -> UpdateView | None:
        return self.updates[0] if self.updates else None

    @property
    def date_modified(self) -> dt.datetime:
        """The latest of the publication date, ``Modified``, the updates and the corrections."""
        dates = [getattr(self.article, "date", None), getattr(self.article, "modified", None)]
        dates += [entry.date for entry in [*self.updates, *self.corrections]]
        return max((date for date in dates if date is not None), default=dt.datetime.min)

    @property
    def canonical_url(self) -> str:
        return absolute_url(self.options.site_url, self.article.url)

    def _facts(self) -> PageFacts:
        article = self.article
        image = getattr(article, "social_image", None) or ""
        logo = self.options.publisher_logo
        return PageFacts(
            headline=plain(article.title),
            description=plain(getattr(article, "summary", "")),
            url=self.canonical_url,
            date_published=article.date.isoformat(),
            date_modified=self.date_modified.isoformat(),
            authors=tuple(str(author) for author in getattr(article, "authors", ()) or ()),
            publisher=self.options.site_name,
            publisher_url=f"{self.options.site_url}/" if self.options.site_url else "",
            publisher_logo=absolute_url(self.options.site_url, logo) if logo else "",
            section=str(getattr(article, "category", "") or ""),
            tags=tuple(str(tag) for tag in getattr(article, "tags", ()) or ()),
            language=str(getattr(article, "lang", "") or ""),
            image=absolute_url(self.options.site_url, str(image)) if image else "",
            corrections=tuple((entry.iso, entry.text) for entry in self.corrections),
        )

    @property
    def json_ld(self) -> Markup:
        """The ``NewsArticle`` as JSON for a ``<script type="application/ld+json">`` (computed when rendered,
        so that an image another plugin sets later is included)."""
        return Markup(json_script(news_article(self._facts())))
