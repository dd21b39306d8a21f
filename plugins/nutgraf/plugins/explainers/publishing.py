"""Publishing states that mean what they say.

- A piece dated in the future is not published until its date (in the site's ``TIMEZONE``), compared with the
  build's "now" (``BUILD_DATE``: ``SOURCE_DATE_EPOCH`` or the commit's time), not the clock: it is not listed,
  fed, indexed or in the sitemap, and the build says which pieces it held back and when each is due.
- Drafts (``Status: draft``) and hidden pieces (``Status: hidden``) are built only where ``PUBLISH_PREVIEWS`` is
  true (development and preview builds, the default); ``publishconf.py`` sets it false, so a production build
  holds none of them at all, at any address.

Pelican's objects are never changed here (its content cache pickles them): pieces only move between its lists,
before it files them into topics, tags, archives and feeds (``article_generator_pretaxonomy``).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class HeldBack:
    """A piece not yet due: where it is and when it will be published."""

    source: str
    due: dt.datetime


def build_now(settings: dict[str, Any]) -> dt.datetime:
    """The build's "now": ``BUILD_DATE`` when the nutgraf build set it, else the clock (a plain ``pelican`` run)."""
    now = settings.get("BUILD_DATE")
    return now if isinstance(now, dt.datetime) else dt.datetime.now(dt.UTC)


def is_due(date: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether a piece dated ``date`` may be published at ``now`` (a naive date is read in UTC, as Pelican would
    compare it with an aware "now" only once it has given it the site's time zone)."""
    if date is None:
        return True
    if date.tzinfo is None:
        date = date.replace(tzinfo=dt.UTC)
    return date <= now


def split_due(pieces: Iterable[Any], now: dt.datetime) -> tuple[list[Any], list[Any]]:
    """(due, not yet due) of Pelican content objects, by their ``date``."""
    due, later = [], []
    for piece in pieces:
        (due if is_due(getattr(piece, "date", None), now) else later).append(piece)
    return due, later


def held_back_message(held: list[HeldBack], timezone: str) -> str:
    lines = [f"Held back until due ({len(held)}): not listed, fed, indexed or in the sitemap."]
    lines += [f"  {item.source}: due {item.due:%Y-%m-%d %H:%M} {timezone}" for item in sorted(held, key=_by_due)]
    return "\n".join(lines)


def _by_due(item: HeldBack) -> tuple[dt.datetime, str]:
    due = item.due if item.due.tzinfo else item.due.replace(tzinfo=dt.UTC)
    return due, item.source


def _shown(piece: Any, settings: dict[str, Any]) -> str:
    path = Path(str(getattr(piece, "source_path", "")))
    root = Path(str(settings.get("PATH", "."))).parent
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def apply_to_articles(generator: Any) -> None:
    """``article_generator_pretaxonomy``: hold back what is not due; drop previews from production builds."""
    settings = generator.settings
    previews = bool(settings.get("PUBLISH_PREVIEWS", True))
    now = build_now(settings)
    held: list[HeldBack] = []
    for published, preview in (("articles", "drafts"), ("translations", "drafts_translations")):
        due, later = split_due(getattr(generator, published), now)
        setattr(generator, published, due)
        held.extend(HeldBack(_shown(piece, settings), piece.date) for piece in later)
        if previews:  # still built, at its own address, for the newsroom to read: never listed or fed
            getattr(generator, preview).extend(later)
    if not previews:
        for name in ("drafts", "drafts_translations", "hidden_articles", "hidden_translations"):
            setattr(generator, name, [])
    if held:
        print(held_back_message(held, str(settings.get("TIMEZONE") or "UTC")), file=sys.stderr)


def apply_to_pages(generator: Any) -> None:
    """``page_generator_finalized``: a production build writes no draft or hidden page."""
    if generator.settings.get("PUBLISH_PREVIEWS", True):
        return
    for name in ("draft_pages", "draft_translations", "hidden_pages", "hidden_translations"):
        getattr(generator, name).clear()  # in place: the context holds the same lists
