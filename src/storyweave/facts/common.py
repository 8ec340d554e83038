"""Helpers shared by the claim extractors: building claims, sentence lookup, word stems."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from functools import lru_cache

from storyweave.ids import content_id
from storyweave.records import Article, Claim
from storyweave.text import sentence_spans

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


def make_claim(
    article: Article,
    kind: str,
    span: tuple[int, int],
    value: str,
    subject: str = "",
    attrs: dict[str, str] | None = None,
) -> Claim:
    """Build a claim of ``kind`` over ``article.text[start:end]`` whose id hashes all of it."""
    start, end = span
    text = article.text[start:end]
    attrs = dict(attrs or {})
    return Claim(
        id=content_id(
            "claim",
            article.id,
            kind,
            str(start),
            str(end),
            text,
            value,
            subject,
            json.dumps(attrs, ensure_ascii=False, sort_keys=True),
        ),
        article_id=article.id,
        kind=kind,
        start=start,
        end=end,
        text=text,
        value=value,
        subject=subject,
        attrs=attrs,
    )


class Sentences:
    """Sentence spans of a text with a fast "which sentence holds this offset" lookup."""

    def __init__(self, text: str) -> None:
        self.spans, self._starts = _split(text)

    def around(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset`` (or a zero span if none does)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and self.spans[index][0] <= offset < max(self.spans[index][1], offset + 1):
            return self.spans[index]
        return (offset, offset)


@lru_cache(maxsize=4)
def _split(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentence spans of ``text`` and their starts: each extractor of an article asks for
    the same text's (the lists are shared, never changed)."""
    spans = sentence_spans(text)
    return spans, [s for s, _ in spans]


def strip_possessive(name: str) -> str:
    """``Lopez's`` -> ``Lopez``; ``Jones'`` -> ``Jones``."""
    stripped = _POSSESSIVE.sub("", name)
    if name.endswith(("s'", "s’")):
        return name[:-1]
    return stripped or name


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the half-open spans ``a`` and ``b`` share a character."""
    return a[0] < b[1] and b[0] < a[1]


class SpanIndex:
    """Half-open spans, for "does any span overlap or hold this" in log time (the spans may
    overlap each other)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach: list[int] = []  # the furthest end of the spans up to each one
        furthest = -1
        for _, end in ordered:
            furthest = max(furthest, end)
            self._reach.append(furthest)

    def overlaps(self, span: tuple[int, int]) -> bool:
        """True when some span shares a character with ``span`` (as :func:`overlaps`)."""
        index = bisect.bisect_left(self._starts, span[1]) - 1
        return index >= 0 and self._reach[index] > span[0]

    def holds(self, offset: int) -> bool:
        """True when some span ``(start, end)`` has ``start <= offset < end``."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return index >= 0 and self._reach[index] > offset


class DisjointSpans:
    """Half-open spans that do not overlap each other, added one by one, for "does any overlap
    this" in log time."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []  # increasing with the starts, as the spans are disjoint

    def overlaps(self, span: tuple[int, int]) -> bool:
        """True when some span shares a character with ``span`` (as :func:`overlaps`)."""
        index = bisect.bisect_left(self._starts, span[1]) - 1
        return index >= 0 and self._ends[index] > span[0]

    def add(self, span: tuple[int, int]) -> None:
        """Add ``span``, which overlaps none of the spans (:meth:`overlaps` is False)."""
        index = bisect.bisect_left(self._starts, span[0])
        self._starts.insert(index, span[0])
        self._ends.insert(index, span[1])
