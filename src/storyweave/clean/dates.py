"""Date parsing for publication dates: ISO 8601 out, from the many forms news pages print.

:func:`parse_date` reads one date expression (``"Mar 03, 2021 08:15 PM EST"``,
``"2024-01-09T06:00:00Z"``, ``"Tuesday, 9 January 2024"``) and returns ISO 8601: a date, a
date-time with offset when the text gives both a time and a zone, or a local date-time without
offset when it gives a time without a zone (the outlet's own clock: it orders one outlet's
articles, but no offset is guessed to compare it with another outlet's). :func:`find_date` looks
for such an expression anywhere in a short line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# Fixed offsets, in minutes, of zone abbreviations common in news datelines. US "ET"/"CT"/"MT"/"PT"
# follow daylight saving time, see _us_generic_offset.
_ZONES = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "wet": 0,
    "bst": 60,
    "ist": 330,
    "cet": 60,
    "cest": 120,
    "eet": 120,
    "eest": 180,
    "msk": 180,
    "eat": 180,
    "wat": 60,
    "sast": 120,
    "pkt": 300,
    "ict": 420,
    "wib": 420,
    "sgt": 480,
    "hkt": 480,
    "awst": 480,
    "jst": 540,
    "kst": 540,
    "aest": 600,
    "aedt": 660,
    "nzst": 720,
    "nzdt": 780,
    "ast": -240,
    "edt": -240,
    "est": -300,
    "cdt": -300,
    "cst": -360,
    "mdt": -360,
    "mst": -420,
    "pdt": -420,
    "pst": -480,
    "akst": -540,
    "akdt": -480,
    "hst": -600,
}
_US_GENERIC = {"et": -300, "ct": -360, "mt": -420, "pt": -480}
# Zones whose users write the month first in numeric dates ("03/04/2026" is March 4).
_US_ZONES = frozenset(
    ("est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "akst", "akdt", "hst", *_US_GENERIC)
)

_MONTH_NAME = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = (
    r"(?:(?:,|\s|\bat\b|\|)*\s*(?P<hour>[0-2]?\d)"
    r"(?:[:.](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?"
    r"|\s*(?P<ampm2>[ap]\.?\s?m\b\.?))"
    r"(?:\s*\(?\s*(?P<zone>(?:utc|gmt)\s*[+-]\s*\d{1,2}(?::?\d\d)?|[+-]\d\d:?\d\d|"
    + "|".join(sorted((*_ZONES, *_US_GENERIC), key=len, reverse=True))
    + r")\b\)?)?)?"
)
_ISO = re.compile(
    r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
    r"(?:[T\s](?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|[+-]\d\d:?\d\d)?)?",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_NAME}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE)
# "9 January 2024", "9th of Jan, 2024", and the wire services' "26-FEB-1987"
_DAY_MONTH_YEAR = re.compile(
    rf"\b{_DAY}(?P<dash>-)?(?(dash)|(?:\s+of)?\s+){_MONTH_NAME}(?(dash)-|,?\s+){_YEAR}{_TIME}",
    re.IGNORECASE,
)
_NUMERIC_YMD = re.compile(r"\b(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)\b")
# Day first: "28.02.2026" and "28-02-2026" are European forms; no convention writes the month
# first with dots or dashes (a year-first dashed date is ISO, matched above).
_NUMERIC_DMY = re.compile(
    rf"(?<![\d.-])(?P<day>[0-3]?\d)(?P<sep>[.-])(?P<month>[01]?\d)(?P=sep){_YEAR}(?![\d.-]\d)"
    + _TIME,
    re.IGNORECASE,
)
# "03/04/2026" is day first in most of the world and month first in the US: read only when
# the numbers, or a time zone of one convention, say which.
_NUMERIC_SLASHED = re.compile(
    rf"(?<![\d/])(?P<first>[0-3]?\d)/(?P<latter>[0-3]?\d)/{_YEAR}(?![\d/]){_TIME}",
    re.IGNORECASE,
)
_PATTERNS = (_ISO, _MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _NUMERIC_YMD, _NUMERIC_DMY, _NUMERIC_SLASHED)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a line: its ISO value, its span in the line, and whether it has a time."""

    iso: str
    start: int
    end: int
    has_time: bool


def parse_date(text: str) -> str | None:
    """Return ``text`` as ISO 8601 if it is (essentially) one date expression, else None.

    A time without a zone gives a local date-time without offset: an offset is never guessed.
    """
    found = find_date(text)
    return found.iso if found is not None else None


def find_date(text: str) -> FoundDate | None:
    """Find the first date expression in ``text`` and return it normalised (see parse_date)."""
    best: FoundDate | None = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            found = _to_found(match)
            if found is not None:
                if best is None or found.start < best.start:
                    best = found
                break
    return best


def _to_found(match: re.Match[str]) -> FoundDate | None:
    parts = match.groupdict()
    if "first" in parts:
        order = _slashed_order(parts)
        if order is None:
            return None
        parts["day"], parts["month"] = order
    month = _month_number(parts["month"])
    try:
        day = date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
    hour = parts.get("hour")
    zone = parts.get("zone")
    stamp = _with_time(day, parts, zone) if hour is not None else None
    return FoundDate(stamp or day.isoformat(), match.start(), match.end(), hour is not None)


def _slashed_order(parts: dict[str, str | None]) -> tuple[str, str] | None:
    """(day, month) of a slashed date, or None when it could be either way round."""
    first, latter = parts["first"] or "", parts["latter"] or ""
    if int(first) == int(latter) or int(first) > 12:
        return first, latter
    if int(latter) > 12:
        return latter, first
    zone = (parts.get("zone") or "").strip().lower()
    if zone in _US_ZONES:
        return latter, first
    if zone in _ZONES and zone not in ("utc", "z"):
        return first, latter
    return None


def _month_number(token: str) -> int:
    if token.isdigit():
        return int(token)
    return _MONTHS[token[:3].lower()]


def _with_time(day: date, parts: dict[str, str | None], zone: str | None) -> str | None:
    hour = int(parts["hour"] or 0)
    minute = int(parts["minute"] or 0)
    second = int(parts["second"] or 0)
    ampm = (parts.get("ampm") or parts.get("ampm2") or "").replace(".", "").replace(" ", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if hour > 23:
        return None
    if zone is None:  # the outlet's own clock: kept as written, no offset guessed
        return datetime(day.year, day.month, day.day, hour, minute, second).isoformat()
    offset = _zone_offset(zone, day)
    if offset is None:
        return None
    tz = timezone(timedelta(minutes=offset))
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz).isoformat()


def _zone_offset(zone: str, day: date) -> int | None:
    token = zone.strip().lower().replace(" ", "")
    if token in _ZONES:
        return _ZONES[token]
    if token in _US_GENERIC:
        return _US_GENERIC[token] + (60 if _in_us_daylight_time(day) else 0)
    numeric = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{1,2}):?(\d\d)?", token)
    if numeric is None:
        return None
    sign = -1 if numeric.group(1) == "-" else 1
    hours, minutes = int(numeric.group(2)), int(numeric.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    return sign * (hours * 60 + minutes)


def _in_us_daylight_time(day: date) -> bool:
    """US rule since 2007: second Sunday of March to first Sunday of November."""
    start = _nth_sunday(day.year, 3, 2)
    end = _nth_sunday(day.year, 11, 1)
    return start <= day < end


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    first_sunday = first + timedelta(days=(6 - first.weekday()) % 7)
    return first_sunday + timedelta(weeks=n - 1)


def normalize_iso(value: str) -> str | None:
    """Normalise a machine-readable timestamp (HTML meta, JSON-LD) to ISO 8601, or None.

    ``2024-01-09T06:00:00Z`` → ``2024-01-09T06:00:00+00:00``; without an offset, the local
    date-time as written.
    """
    return parse_date(value.strip())
