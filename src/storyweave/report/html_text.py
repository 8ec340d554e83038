"""Text pieces of the HTML report alone: links that are safe to emit, times, class names.

The text shared with the Markdown and terminal reports (evidence as points, word diffs,
plurals) is in :mod:`storyweave.report.readable`.

Everything here returns plain data (strings, segments); the template escapes all of it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

# Only absolute http(s) URLs with nothing a browser would strip or reinterpret: no whitespace,
# no control characters, no quotes or angle brackets. Anything else is shown as text only.
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"'<>`\\]+", re.IGNORECASE)


def safe_href(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) URL, else None (javascript:, data:, relative, odd)."""
    if url is None or _SAFE_URL.fullmatch(url) is None:
        return None
    return url


def parse_time(value: str | None) -> tuple[datetime, bool] | None:
    """A published value as a UTC time and whether it gave a date only; None if unreadable.
    A time without a zone is taken as UTC; a date alone as noon UTC, the middle of its day."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    date_only = len(value.strip()) <= len("YYYY-MM-DD")
    if date_only:
        parsed = parsed.replace(hour=12)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC), date_only


def css_word(value: str) -> str:
    """A value from the report made fit for a class attribute: letters, digits and hyphens."""
    return "".join(c for c in str(value).lower() if c.isascii() and (c.isalnum() or c == "-"))
