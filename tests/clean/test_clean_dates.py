"""Publication dates in the forms news pages print them, to ISO 8601."""

from __future__ import annotations

import pytest

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
        ("1 Feb 2023 10:00", "2023-02-01"),  # a time without a zone: no offset is guessed
        ("Posted on 2021/12/24", "2021-12-24"),
        ("Oct 5, 2020 11:00 UTC+5:30", "2020-10-05T11:00:00+05:30"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["31 Feb 2023", "no date here", "", "2023-13-40", "May 2023"])
def test_not_a_date(text: str) -> None:
    assert parse_date(text) is None


def test_normalize_iso_keeps_offset_and_drops_naive_time() -> None:
    assert normalize_iso("2020-01-02T03:04:05-07:00") == "2020-01-02T03:04:05-07:00"
    assert normalize_iso("2020-01-02T03:04:05") == "2020-01-02"
    assert normalize_iso("not a date") is None
