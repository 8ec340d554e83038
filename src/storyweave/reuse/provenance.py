"""Direction of a relation: which article is the origin and which the copy, and why.

Signals, strongest first; the first that tells the two apart decides, and later signals that
agree are added to the evidence:

1. earlier publication (``Article.published``);
2. containment: one body holds nearly all of the other plus text of its own; the one that adds
   text is taken as the derived version (a copy padded with its own intro, credits or an update);
3. credit lines: the article that credits another source (a removed "credit line", a wire-agency
   byline, "(With inputs from ...)" in the body) is the copy;
4. scraper markers: ad tokens, hashtag lines and the like that content farms leave behind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime

from storyweave.records import Article, Direction, Relation
from storyweave.reuse.relate import DUPLICATE

CREDIT_REASONS = frozenset({"credit line"})
SCRAPER_REASONS = frozenset({"ad marker", "scraper marker", "hashtag line"})

# Parenthesised source credits such as "(With inputs from agencies)", "(Reporting by X; Editing
# by Y)", "(Source: X)": the common way outlets credit wire or partner copy.
_CREDIT_LINE = re.compile(
    r"\(\s*(?:with\s+(?:additional\s+)?inputs?\s+from|(?:additional\s+)?reporting\s+by|"
    r"source\s*:|courtesy\s*:?|via)\s[^)]{1,120}\)",
    re.IGNORECASE,
)
# The international and large national news agencies whose copy is syndicated.
_WIRE_AGENCY = re.compile(
    r"\b(?:Reuters|Associated Press|AP|AFP|Agence France[- ]Presse|PTI|IANS|ANI|UNI|dpa|"
    r"Xinhua|UPI|EFE|ANSA|Kyodo|Yonhap|Bloomberg|agencies|wire services?)\b",
    re.IGNORECASE,
)
# Numbered ad-slot tokens such as "[ad_1]" or "[ad2]" that WordPress ad plugins leave in scraped
# copies when the page is converted to text.
_AD_TOKEN = re.compile(r"\[ad_?\d+\]", re.IGNORECASE)

CONTAINED = 0.9  # share of the contained body that must lie in shared passages
ADDS_OWN = 0.15  # share of its own text the containing body must add


def credit_signs(article: Article) -> list[str]:
    """Evidence that ``article`` credits another source for its text."""
    signs = [
        f'removed credit line "{_short(r.text)}"'
        for r in article.removed
        if r.reason in CREDIT_REASONS
    ]
    signs += [
        f'credit line in body "{_short(m.group(0))}"' for m in _CREDIT_LINE.finditer(article.text)
    ]
    if article.byline is not None and _WIRE_AGENCY.search(article.byline.value):
        signs.append(f'wire-agency byline "{_short(article.byline.value)}"')
    return signs


def scraper_signs(article: Article) -> list[str]:
    """Evidence that ``article`` was scraped by a content farm (markers its copier left)."""
    signs = [
        f'removed {r.reason} "{_short(r.text)}"'
        for r in article.removed
        if r.reason in SCRAPER_REASONS
    ]
    signs += [f'ad-slot token "{m.group(0)}" in body' for m in _AD_TOKEN.finditer(article.text)]
    return signs


def published_at(article: Article) -> datetime | None:
    """The publication time of ``article`` as an aware datetime (dates at midnight UTC)."""
    if article.published is None:
        return None
    value = article.published.value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return None
        parsed = datetime(day.year, day.month, day.day)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def direct(relation: Relation, a: Article, b: Article) -> Relation:
    """Return ``relation`` with its direction (origin, copy, evidence) set where signals allow.

    ``a`` and ``b`` are the two articles of the relation, in any order.
    """
    by_id = {a.id: a, b.id: b}
    first, second = by_id[relation.a], by_id[relation.b]
    signals: list[Callable[[Article, Article, Relation], tuple[str, str] | None]] = [
        _by_publication,
        _by_containment,
        _by_credit,
        _by_scraper_markers,
    ]
    origin: str | None = None
    evidence: list[str] = []
    for signal in signals:
        verdict = signal(first, second, relation)
        if verdict is None:
            continue
        copy_id, reason = verdict
        if origin is None:
            origin = relation.a if copy_id == relation.b else relation.b
        if copy_id != origin:
            evidence.append(reason)
    if origin is None:
        return replace(relation, direction=None)
    copy = relation.b if origin == relation.a else relation.a
    return replace(relation, direction=Direction(origin, copy, tuple(evidence)))


def _by_publication(a: Article, b: Article, _: Relation) -> tuple[str, str] | None:
    a_time, b_time = published_at(a), published_at(b)
    if a_time is None or b_time is None or a_time == b_time:
        return None
    assert a.published is not None and b.published is not None
    early, late = (a, b) if a_time < b_time else (b, a)
    assert early.published is not None and late.published is not None
    return late.id, (
        f"{early.id} published {early.published.value}, earlier than {late.id} "
        f"({late.published.value})"
    )


def _by_containment(a: Article, b: Article, relation: Relation) -> tuple[str, str] | None:
    if relation.kind == DUPLICATE or not relation.passages or not a.text or not b.text:
        return None
    a_cover = sum(p.a_end - p.a_start for p in relation.passages) / len(a.text)
    b_cover = sum(p.b_end - p.b_start for p in relation.passages) / len(b.text)
    if a_cover >= CONTAINED and b_cover <= 1 - ADDS_OWN:
        return b.id, _containment_reason(a, b, a_cover, b_cover)
    if b_cover >= CONTAINED and a_cover <= 1 - ADDS_OWN:
        return a.id, _containment_reason(b, a, b_cover, a_cover)
    return None


def _containment_reason(
    inner: Article, outer: Article, inner_cover: float, outer_cover: float
) -> str:
    return (
        f"{inner_cover:.0%} of {inner.id} lies in {outer.id}, which adds "
        f"{1 - outer_cover:.0%} text of its own"
    )


def _by_credit(a: Article, b: Article, _: Relation) -> tuple[str, str] | None:
    return _one_sided(a, b, credit_signs, "credits another source")


def _by_scraper_markers(a: Article, b: Article, _: Relation) -> tuple[str, str] | None:
    return _one_sided(a, b, scraper_signs, "carries scraper markers")


def _one_sided(
    a: Article, b: Article, signs_of: Callable[[Article], list[str]], what: str
) -> tuple[str, str] | None:
    a_signs, b_signs = signs_of(a), signs_of(b)
    if bool(a_signs) == bool(b_signs):
        return None
    copy, signs = (a, a_signs) if a_signs else (b, b_signs)
    return copy.id, f"{copy.id} {what}: {'; '.join(signs[:3])}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
