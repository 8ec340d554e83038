"""The story's dated events (day or month), earliest first, each with the words around it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyweave.compare import group_dates
from storyweave.records import Article, Claim, TimelineEntry
from storyweave.text import sentence_spans

TIMELINE_WORDS_BEFORE = 12
TIMELINE_WORDS_AFTER = 8


def timeline(
    by_id: dict[str, Article], order: dict[str, int], claims: Sequence[Claim]
) -> tuple[TimelineEntry, ...]:
    """One entry per resolved date (a bare year is left out), citing every article giving it."""
    entries: list[TimelineEntry] = []
    for value, group in group_dates(claims).items():
        if len(value) < 7:  # a bare year is background, not an event of the story
            continue
        first = min(group, key=lambda c: (order[c.article_id], c.start))
        text = _context(by_id[first.article_id].text, first)
        sources = tuple(sorted({c.article_id for c in group}, key=lambda a: (order[a], a)))
        entries.append(TimelineEntry(when=value, text=text, sources=sources))
    return tuple(sorted(entries, key=lambda e: (e.when, e.text)))


def _context(text: str, claim: Claim) -> str:
    """A few words around a date: the event it dates."""
    sentence = next(
        ((s, e) for s, e in sentence_spans(text) if s <= claim.start < e),
        (claim.start, claim.end),
    )
    before = [m.start() for m in re.finditer(r"\S+", text[sentence[0] : claim.start])]
    after = [m.end() for m in re.finditer(r"\S+", text[claim.end : sentence[1]])]
    head = before[-TIMELINE_WORDS_BEFORE:]
    start = sentence[0] + head[0] if head else claim.start
    start = min(start, claim.start)
    end = (
        claim.end + after[TIMELINE_WORDS_AFTER - 1]
        if len(after) >= TIMELINE_WORDS_AFTER
        else sentence[1]
    )
    end = max(end, claim.end)
    snippet = " ".join(text[start:end].split())
    if len(before) > TIMELINE_WORDS_BEFORE:
        snippet = "…" + snippet
    if len(after) > TIMELINE_WORDS_AFTER:
        snippet += "…"
    return snippet
