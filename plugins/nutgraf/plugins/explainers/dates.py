"""Dates in front matter, read as Pelican reads them (``pelican.utils.get_date``), without importing Pelican."""

from __future__ import annotations

import datetime as dt
import re

import dateutil.parser


def parse_date(text: str) -> dt.datetime | None:
    """The date Pelican would read from ``text``, or None where Pelican would fail."""
    default = dt.datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
    try:
        return dateutil.parser.parse(re.sub(" +", " ", text), default=default)
    except (TypeError, ValueError, OverflowError):
        return None


def naive(date: dt.datetime) -> dt.datetime:
    """Comparable with the naive dates of updates (the site's time zone applies to both)."""
    return date.replace(tzinfo=None)
