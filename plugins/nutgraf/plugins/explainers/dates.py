"""One date grammar for ``Date``, ``Modified``, ``Updates`` and ``Corrections``: forms no one can misread.

Accepted, and read by Pelican (``dateutil``) exactly as written:

- ISO 8601: ``2026-11-30``, ``2026-11-30 14:30`` (or ``T14:30``, seconds allowed), an optional offset
  (``Z``, ``+01:00``, ``-0500``);
- a day and an English month name: ``30 November 2026``, ``30 Nov 2026``, ``November 30, 2026``, a time
  (``14:30``) allowed after them.

Anything else is refused, never guessed: ``01/12/2026`` is 1 December in London and 12 January in New York,
and Pelican would pick one silently. The refusal spells out, in ISO, each date the text might mean.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_NAME = r"(?P<month_name>[A-Za-z]{3,9})\.?"
_TIME = r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)"
_OFFSET = r"(?P<offset>Z|[+-]\d{2}:?\d{2})"
_ISO = rf"(?P<year>\d{{4}})-(?P<month>\d{{2}})-(?P<day>\d{{2}}){_TIME}?(?:{_OFFSET})?"
_DAY_MONTH = rf"(?P<day>\d{{1,2}}) {_MONTH_NAME},? (?P<year>\d{{4}})(?: (?P<hour>\d{{1,2}}):(?P<minute>\d{{2}}))?"
_MONTH_DAY = rf"{_MONTH_NAME} (?P<day>\d{{1,2}}), (?P<year>\d{{4}})(?: (?P<hour>\d{{1,2}}):(?P<minute>\d{{2}}))?"
ACCEPTED_FORMS = (_ISO, _DAY_MONTH, _MONTH_DAY)
# The regex a dated entry (Updates, Corrections) starts with: any accepted form, or something date-like.
DATE_PREFIX = (
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|\d{1,2} [A-Za-z]{3,9}\.?,? \d{4}(?: \d{1,2}:\d{2})?"
    r"|[A-Za-z]{3,9}\.? \d{1,2}, \d{4}(?: \d{1,2}:\d{2})?"
    r"|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[T ]\d{1,2}:\d{2})?"
    r"|[A-Za-z]{3,9}\.? \d{1,2}|\d{1,2} [A-Za-z]{3,9}\.?)"
)
FORMS_HINT = "write it as YYYY-MM-DD (e.g. 2026-11-30, a time may follow: 2026-11-30 14:30) or as 30 November 2026"
_NUMERIC = re.compile(r"^(?P<a>\d{1,4})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{1,4})(?:[T ](?P<time>\d{1,2}:\d{2}))?$")
_NO_YEAR = re.compile(r"^(?:(?P<d1>\d{1,2}) (?P<m1>[A-Za-z]{3,9})\.?|(?P<m2>[A-Za-z]{3,9})\.? (?P<d2>\d{1,2}))$")


@dataclass(frozen=True)
class DateReading:
    """What a date field says: the date, or why it is refused and how to write it."""

    date: dt.datetime | None
    problem: str = ""
    hint: str = ""


def month_number(name: str) -> int | None:
    """1-12 for an English month name or its first three letters (``Sept`` too), else None."""
    name = name.lower().rstrip(".")
    for number, month in enumerate(_MONTHS, start=1):
        if len(name) >= 3 and month.startswith(name[:3]) and (name == month or len(name) <= 4):
            return number
    return None


def read_date(text: str) -> DateReading:
    """``text`` read by the one grammar: its date, or the refusal with the ISO spelling of what it may mean."""
    text = " ".join(text.split())
    for form in ACCEPTED_FORMS:
        match = re.fullmatch(form, text)
        if match:
            return _checked(text, match)
    return DateReading(None, f"'{text}' is not a date in a form that cannot be misread", _suggestion(text))


def parse_date(text: str) -> dt.datetime | None:
    """The date ``text`` means by the grammar, or None when it is refused."""
    return read_date(text).date


def _checked(text: str, match: re.Match[str]) -> DateReading:
    fields = match.groupdict()
    month = int(fields["month"]) if fields.get("month") else month_number(fields["month_name"])
    if month is None:
        return DateReading(None, f"'{fields['month_name']}' in '{text}' is not a month", FORMS_HINT)
    try:
        date = dt.datetime(
            int(fields["year"]),
            month,
            int(fields["day"]),
            int(fields.get("hour") or 0),
            int(fields.get("minute") or 0),
            int(fields.get("second") or 0),
            tzinfo=_offset(fields.get("offset")),
        )
    except ValueError as error:
        return DateReading(None, f"'{text}' is not a date ({error})", FORMS_HINT)
    return DateReading(date)


def _offset(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _iso(year: int, month: int, day: int, time: str | None = None) -> str | None:
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" + (f" {time.zfill(5)}" if time else "")


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _suggestion(text: str) -> str:
    """The ISO spelling of every date ``text`` might mean, or the forms accepted."""
    numeric = _NUMERIC.match(text)
    if numeric:
        a, b, c, time = numeric["a"], numeric["b"], numeric["c"], numeric["time"]
        if len(a) == 4:  # year first: only year-month-day is read that way
            candidates = [_iso(int(a), int(b), int(c), time)]
        elif len(c) in (2, 4):  # day and month in either order
            candidates = [_iso(_year(c), int(b), int(a), time), _iso(_year(c), int(a), int(b), time)]
        else:
            candidates = []
        found = list(dict.fromkeys(c for c in candidates if c))
        if found:
            return "write " + " or ".join(found)
    no_year = _NO_YEAR.match(text)
    if no_year:
        month = month_number(no_year["m1"] or no_year["m2"])
        day = int(no_year["d1"] or no_year["d2"])
        if month and 1 <= day <= 31:
            return f"give the year: write YYYY-{month:02d}-{day:02d}, e.g. {_iso(2026, month, day) or 'YYYY-MM-DD'}"
    return FORMS_HINT


def naive(date: dt.datetime) -> dt.datetime:
    """Comparable with the naive dates of updates (the site's time zone applies to both)."""
    return date.replace(tzinfo=None)
