"""The site's corrections: every correction of every published explainer, newest first, on the corrections page
(the direct template ``corrections.html``, written in each language like the archive) and in its Atom feed.

Only what Pelican publishes is read (its ``articles`` and ``translations`` once ``publishing`` has held back what is
not due and dropped previews), so a draft's, a hidden piece's or a not-yet-due piece's corrections appear nowhere.
Each entry links to the notice at the top of its explainer (``#corrections``); its feed id names the notice's item
(a tag URI ending ``#correction-N``, N counted oldest first, so a new correction never renumbers the older ones).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from feedgenerator import Atom1Feed, get_tag_uri
from markupsafe import escape

from nutgraf.kernel.languages import same_language
from nutgraf.plugins.explainers.structured_data import absolute_url, plain

NOTICE_ID = "corrections"  # the notice's id on the explainer's page (partials/explainer_corrections.html)


def item_id(number: int) -> str:
    """The id of the notice's N-th correction, counted oldest first."""
    return f"correction-{number}"


@dataclass(frozen=True)
class CorrectionEntry:
    """One correction as the corrections page and feed list it."""

    article: Any
    number: int  # 1 for the explainer's first correction
    date: dt.datetime
    text: str
    locale_date: str

    @property
    def title(self) -> str:
        return plain(self.article.title)

    @property
    def url(self) -> str:
        """The explainer's correction notice, relative to the site."""
        return f"{self.article.url}#{NOTICE_ID}"

    @property
    def iso(self) -> str:
        return self.date.isoformat()


def corrections_of(articles: Iterable[Any]) -> list[CorrectionEntry]:
    """Every correction of these explainers, newest first (a template filter: ``articles|corrections``)."""
    entries = []
    for article in articles:
        explainer = getattr(article, "explainer", None)
        corrections = explainer.corrections if explainer is not None else []
        for index, correction in enumerate(corrections):  # newest first: the last is number 1
            entries.append(
                CorrectionEntry(
                    article, len(corrections) - index, correction.date, correction.text, correction.locale_date
                )
            )
    return sorted(entries, key=lambda entry: (_aware(entry.date), entry.title, entry.number), reverse=True)


def by_language(articles: Sequence[Any], translations: Sequence[Any], default_lang: str) -> list[tuple[str, list[Any]]]:
    """(language, explainers) of each corrections page: the default language's lists Pelican's ``articles`` (as
    its archive does); each other language's, its explainers among articles and translations (as i18n's
    listings do)."""
    others: dict[str, list[Any]] = {}
    for article in [*articles, *translations]:
        lang = str(getattr(article, "lang", None) or default_lang)
        if not same_language(lang, default_lang):
            others.setdefault(lang, []).append(article)
    return [(default_lang, list(articles)), *sorted(others.items())]


def _aware(date: dt.datetime) -> dt.datetime:
    return date if date.tzinfo is not None else date.replace(tzinfo=dt.UTC)


class CorrectionsFeed(Atom1Feed):
    """An Atom feed whose ``updated`` is its newest correction, else ``quiet_since`` (never the clock: the same
    content gives the same bytes)."""

    def __init__(self, *args: Any, quiet_since: dt.datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quiet_since = quiet_since

    def latest_post_date(self) -> dt.datetime:
        return super().latest_post_date() if self.items else self.quiet_since


@dataclass(frozen=True)
class FeedPlace:
    """Where a language's corrections feed and page are, and what the feed is called."""

    site_name: str
    site_url: str
    feed_domain: str
    feed_path: str  # relative to the feed domain
    page_path: str  # the corrections page, relative to the site
    lang: str


def corrections_feed(
    entries: list[CorrectionEntry], place: FeedPlace, gettext: Callable[[str], str], quiet_since: dt.datetime
) -> CorrectionsFeed:
    """The Atom feed of ``entries``: each dated by its correction and linking to the explainer's notice."""
    feed_url = absolute_url(place.feed_domain, place.feed_path)
    feed = CorrectionsFeed(
        title=gettext("%(site)s: corrections") % {"site": place.site_name},
        link=absolute_url(place.site_url, place.page_path),
        description=gettext("Every correction to an explainer on %(site)s, newest first.") % {"site": place.site_name},
        language=place.lang,
        author_name=place.site_name,
        feed_url=feed_url,
        feed_guid=feed_url,
        quiet_since=quiet_since,
    )
    for entry in entries:
        page = absolute_url(place.site_url, str(entry.article.url))
        feed.add_item(
            title=gettext("Correction to “%(title)s”") % {"title": entry.title},
            link=absolute_url(place.site_url, entry.url),
            description=str(escape(entry.text)),  # plain text, in an element Atom says holds HTML
            unique_id=f"{get_tag_uri(page, entry.date)}#{item_id(entry.number)}",
            pubdate=entry.date,
            updateddate=entry.date,
        )
    return feed
