"""Publication dates in the forms news pages print them, to ISO 8601."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyweave.clean.dates import normalize_iso, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Published 3 March 2021", "2021-03-03"),
        ("Mar 03, 2021 08:15 PM EST", "2021-03-03T20:15:00-05:00"),
        ("Aug 14, 2022 07:05 AM IST", "2022-08-14T07:05:00+05:30"),
        ("Updated: July 4, 2023 at 6 p.m. ET", "2023-07-04T18:00:00-04:00"),  # daylight time
        ("December 1, 2023 9:30 a.m. ET", "2023-12-01T09:30:00-05:00"),
        ("Tuesday, 9th May 2023 10:15 GMT", "2023-05-09T10:15:00+00:00"),
        ("2022-11-05T16:40:00Z", "2022-11-05T16:40:00+00:00"),
        ("2022-11-05T16:40:00+0200", "2022-11-05T16:40:00+02:00"),
        ("2022-11-05", "2022-11-05"),
        ("date 2019-06-30", "2019-06-30"),
        ("Sept. 2, 2020", "2020-09-02"),
        ("1 Feb 2023 10:00", "2023-02-01T10:00:00"),  # no zone: local time, no offset guessed
        ("Posted on 2021/12/24", "2021-12-24"),
        ("26-FEB-1987 15:01:01.79", "1987-02-26T15:01:01"),  # a wire service's dashed form
        ("Oct 5, 2020 11:00 UTC+5:30", "2020-10-05T11:00:00+05:30"),
        ("14.02.2025 21:05 CET", "2025-02-14T21:05:00+01:00"),
        ("14.07.2025 21:05 CEST", "2025-07-14T21:05:00+02:00"),
        ("02.03.2025 08:10 EET", "2025-03-02T08:10:00+02:00"),  # day first, never month first
        ("2.3.2025", "2025-03-02"),
        ("14-02-2025 09:00 GMT", "2025-02-14T09:00:00+00:00"),
        ("01/02/2025 18:05 BST", "2025-02-01T18:05:00+01:00"),  # a day-first zone decides
        ("01/02/2025 6:05 PM EST", "2025-01-02T18:05:00-05:00"),  # a month-first zone decides
        ("25/12/2024", "2024-12-25"),  # only one reading is a date
        ("12/25/2024", "2024-12-25"),
        ("07/07/2024", "2024-07-07"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    [
        "31 Feb 2023",
        "no date here",
        "",
        "2023-13-40",
        "May 2023",
        "02/03/2025",  # either way round, and nothing says which
        "02/03/2025 10:00 UTC",
        "12.25.2024",  # dotted dates are day first: month 25 does not exist
        "version 1.2.2020.3",
        "3-Mar 2021",  # dashes or spaces around the month, not one of each
    ],
)
def test_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_normalize_iso_keeps_offset_and_local_time_without_guessing_one() -> None:
    assert normalize_iso("2020-01-02T03:04:05-07:00") == "2020-01-02T03:04:05-07:00"
    assert normalize_iso("2020-01-02T03:04:05") == "2020-01-02T03:04:05"
    assert normalize_iso("not a date") is None


_EUROPEAN_ZONES = {"CET": 60, "CEST": 120, "GMT": 0, "BST": 60, "UTC": 0, "EET": 120, "EEST": 180}


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2039, 12, 31)),
    st.sampled_from(sorted(_EUROPEAN_ZONES)),
    st.sampled_from([".", "-"]),
)
def test_day_first_numeric_dates_with_a_european_zone(when: datetime, zone: str, sep: str) -> None:
    text = f"{when:%d}{sep}{when:%m}{sep}{when:%Y} {when:%H:%M} {zone}"
    offset = timezone(timedelta(minutes=_EUROPEAN_ZONES[zone]))
    expected = when.replace(second=0, microsecond=0, tzinfo=offset).isoformat()
    assert parse_date(text) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2039, 12, 31)))
def test_slashed_dates_are_read_only_when_unambiguous(day: date) -> None:
    found = parse_date(f"{day:%d/%m/%Y}")
    if day.day > 12 or day.day == day.month:
        assert found == day.isoformat()
    else:
        assert found is None
