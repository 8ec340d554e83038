"""Text pieces of the HTML report: links that are safe to emit, evidence as points, word diffs.

Everything here returns plain data (strings, segments); the template escapes all of it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

# Only absolute http(s) URLs with nothing a browser would strip or reinterpret: no whitespace,
# no control characters, no quotes or angle brackets. Anything else is shown as text only.
_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f\"'<>`\\]+", re.IGNORECASE)
# An article id, with the parentheses evidence often puts around it: "(3f2a…)" reads "[2]".
_ARTICLE_ID = re.compile(r"\(([0-9a-f]{16})\)|\b([0-9a-f]{16})\b")
_WORD_CHARS = re.compile(r"\w+")


@dataclass(frozen=True)
class Cite:
    """How one article of a story is cited: ``[n]``, its in-page anchor and a tooltip."""

    name: str
    anchor: str
    title: str


@dataclass(frozen=True)
class Segment:
    """A run of text; ``cite`` makes it a link to a cited article."""

    text: str
    cite: Cite | None = None


@dataclass(frozen=True)
class Point:
    """One piece of evidence: a sentence, optionally with the clauses it was made of."""

    head: list[Segment]
    details: list[list[Segment]]


@dataclass(frozen=True)
class DiffPart:
    """A run of words of a word diff: ``op`` is ``same``, ``del`` or ``ins``."""

    op: str
    text: str


def safe_href(url: str | None) -> str | None:
    """``url`` when it is a plain http(s) URL, else None (javascript:, data:, relative, odd)."""
    if url is None or _SAFE_URL.fullmatch(url) is None:
        return None
    return url


def linked(text: str, cites: Mapping[str, Cite]) -> list[Segment]:
    """``text`` with the article ids it names turned into citations of those articles."""
    segments: list[Segment] = []
    position = 0
    for match in _ARTICLE_ID.finditer(text):
        cite = cites.get(match[1] or match[2])
        if cite is None:
            continue
        if match.start() > position:
            segments.append(Segment(text[position : match.start()]))
        segments.append(Segment(f"[{cite.name}]", cite))
        position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def citations(sources: Sequence[str], cites: Mapping[str, Cite]) -> list[Segment]:
    """``[1][3]`` for the given article ids; ids outside the story are left out."""
    return [Segment(f"[{cites[s].name}]", cites[s]) for s in sources if s in cites]


def evidence_points(evidence: Sequence[str], cites: Mapping[str, Cite]) -> list[Point]:
    """Evidence strings as points, each said once: ``head: clause; clause`` becomes a point
    with the clauses listed under it."""
    points: list[Point] = []
    seen: set[str] = set()
    for item in evidence:
        head, clauses = _head_and_clauses(item)
        key = " ".join(item.split())
        if key in seen:
            continue
        seen.add(key)
        details = [linked(c, cites) for c in dict.fromkeys(clauses)]
        points.append(Point(linked(head, cites), details))
    return points


def _head_and_clauses(item: str) -> tuple[str, list[str]]:
    clauses = split_outside_quotes(item, "; ")
    if len(clauses) < 2:
        return item, []
    head, colon, first = clauses[0].partition(": ")
    if colon and '"' not in head:
        return head, [first, *clauses[1:]]
    return "", clauses


def split_outside_quotes(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` wherever it is not inside double quotes."""
    parts: list[str] = []
    quoted = False
    start = 0
    index = 0
    while index < len(text):
        if text[index] == '"':
            quoted = not quoted
        elif not quoted and text.startswith(separator, index):
            parts.append(text[start:index])
            start = index + len(separator)
            index = start
            continue
        index += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def word_diff(old: str, new: str) -> list[DiffPart]:
    """The words of ``old`` and ``new`` as kept, deleted and inserted runs. Words are compared
    without case and punctuation, so only changed words show as changed."""
    old_words, new_words = old.split(), new.split()
    matcher = difflib.SequenceMatcher(
        a=[_comparable(w) for w in old_words], b=[_comparable(w) for w in new_words], autojunk=False
    )
    parts: list[DiffPart] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(DiffPart("same", " ".join(new_words[b1:b2])))
            continue
        if a2 > a1:
            parts.append(DiffPart("del", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(DiffPart("ins", " ".join(new_words[b1:b2])))
    return parts


def _comparable(word: str) -> str:
    return "".join(_WORD_CHARS.findall(word.lower())) or word


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


def readable_time(value: str | None) -> str:
    """``2026-03-03T09:42:00+00:00`` as ``2026-03-03 09:42 +00:00``; other values as given."""
    if not value:
        return "–"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value.strip()) <= len("YYYY-MM-DD"):
        return value
    offset = parsed.strftime("%z")
    zone = f" {offset[:3]}:{offset[3:5]}" if offset else ""
    return parsed.strftime("%Y-%m-%d %H:%M") + zone


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 copy``, ``3 copies``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def css_word(value: str) -> str:
    """A value from the report made fit for a class attribute: letters, digits and hyphens."""
    return "".join(c for c in str(value).lower() if c.isascii() and (c.isalnum() or c == "-"))


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
