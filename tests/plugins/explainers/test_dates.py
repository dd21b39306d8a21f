"""One date grammar: ISO 8601 and day-month-name forms are read as written; every other form is refused
with the ISO spelling of what it might mean. Pelican (dateutil) reads every accepted form the same way."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from dateutil.parser import parse as pelican_reads
from hypothesis import given
from hypothesis import strategies as st

from nutgraf.plugins.explainers.dates import read_date
from tests.plugins.explainers.helpers import VALID, errors, line_of

MONTHS = ["January", "February", "March", "April", "May", "June", "July"]
MONTHS += ["August", "September", "October", "November", "December"]
days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31))
times = st.times().map(lambda t: t.replace(second=0, microsecond=0))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-30", dt.datetime(2026, 11, 30)),
        ("2026-11-30 14:30", dt.datetime(2026, 11, 30, 14, 30)),
        ("2026-11-30T14:30:15", dt.datetime(2026, 11, 30, 14, 30, 15)),
        ("2026-11-30 14:30+01:00", dt.datetime(2026, 11, 30, 14, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
        ("2026-11-30T14:30Z", dt.datetime(2026, 11, 30, 14, 30, tzinfo=dt.UTC)),
        ("30 November 2026", dt.datetime(2026, 11, 30)),
        ("30 Nov 2026 9:05", dt.datetime(2026, 11, 30, 9, 5)),
        ("November 30, 2026", dt.datetime(2026, 11, 30)),
        ("1 Sept 2026", dt.datetime(2026, 9, 1)),
    ],
)
def test_accepted_forms(text: str, expected: dt.datetime) -> None:
    assert read_date(text).date == expected


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("01/12/2026", "write 2026-12-01 or 2026-01-12"),
        ("30.11.2026", "write 2026-11-30"),
        ("11/30/2026", "write 2026-11-30"),
        ("2026/11/30", "write 2026-11-30"),
        ("01-12-26", "write 2026-12-01 or 2026-01-12"),
        ("2026-1-5", "write 2026-01-05"),
        ("Nov 30", "give the year: write YYYY-11-30"),
        ("tomorrow", "write it as YYYY-MM-DD"),
        ("2026-02-30", "write it as YYYY-MM-DD"),
        ("30 Novembre 2026", "write it as YYYY-MM-DD"),
    ],
)
def test_every_other_form_is_refused_with_what_it_might_mean(text: str, hint: str) -> None:
    reading = read_date(text)
    assert reading.date is None and reading.hint.startswith(hint), reading


@given(days, times)
def test_iso_dates_are_read_as_written_and_as_pelican_reads_them(day: dt.date, time: dt.time) -> None:
    for text in (day.isoformat(), f"{day.isoformat()} {time.strftime('%H:%M')}"):
        date = read_date(text).date
        assert date is not None and date == pelican_reads(text)
        assert date.date() == day


@given(days, st.booleans())
def test_day_month_name_forms_are_read_as_written_and_as_pelican_reads_them(day: dt.date, short: bool) -> None:
    month = MONTHS[day.month - 1][: 3 if short else None]
    for text in (f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"):
        date = read_date(text).date
        assert date is not None and date.date() == day == pelican_reads(text).date()


@given(days, st.sampled_from("/.-"))
def test_numeric_day_month_orders_are_refused_and_each_meaning_is_offered(day: dt.date, separator: str) -> None:
    text = f"{day.day:02d}{separator}{day.month:02d}{separator}{day.year}"
    reading = read_date(text)
    assert reading.date is None
    assert day.isoformat() in reading.hint
    if day.day <= 12 and day.day != day.month:  # both orders are dates: both are offered
        assert dt.date(day.year, day.day, day.month).isoformat() in reading.hint


@given(st.text(max_size=30))
def test_any_text_gives_a_date_or_a_hint_never_an_exception(text: str) -> None:
    reading = read_date(text)
    assert (reading.date is None) == bool(reading.hint)


@pytest.mark.parametrize("key", ["Date", "Modified"])
def test_an_ambiguous_front_matter_date_fails_at_its_line_and_the_hint_fixes_it(tmp_path: Path, key: str) -> None:
    text = VALID.replace("Tags:", f"{key}: 01/12/2026\nTags:") if key == "Modified" else VALID
    text = text.replace("Date: 2026-03-02", "Date: 01/12/2026") if key == "Date" else text
    found = [str(d) for d in errors(tmp_path, text)]
    assert found == [
        f"content/explainers/a.md:{line_of(text, key + ':')}: '{key}': '01/12/2026' is not a date in a form that"
        " cannot be misread; write 2026-12-01 or 2026-01-12"
    ]
    assert errors(tmp_path, text.replace("01/12/2026", "2026-12-01")) == []


def test_an_update_in_another_form_is_refused_too(tmp_path: Path) -> None:
    text = VALID.replace("Tags:", "Updates: 30.11.2026: New figures.\nTags:")
    found = [str(d) for d in errors(tmp_path, text)]
    assert len(found) == 1 and "the update date '30.11.2026' is not a date" in found[0]
    assert "; write 2026-11-30" in found[0]
    assert errors(tmp_path, text.replace("30.11.2026", "30 November 2026")) == []
