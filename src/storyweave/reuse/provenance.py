"""Direction of a relation: which article is the origin and which the copy, and why.

Signals, in order; the first that tells the two apart decides. Later signals that agree are
added to the evidence, and those that disagree are listed too ("disagrees: ..."), so a user
sees the conflict:

1. earlier publication (``Article.published``), when both dates are known and differ by more
   than ``PUBLICATION_MARGIN`` (by calendar day when either is a bare date);
2. attribution: the article whose byline or closing sign-off names the other article's outlet
   (e.g. byline "Example News Agency" on a copy of that agency's report) is the copy;
3. an excerpt: the article that ends in a "Read more" or "Continue reading" line and whose text
   the other holds is a teaser of it, so the copy;
4. source credits: the article that credits another source (a removed "credit line", "(With
   inputs from ...)", a byline naming an agency or another outlet) is the copy; a credit to a
   contributor ("X contributed to this report") or a platform ("Source: Reddit") is none;
5. scraper markers: the "Source link" and ad shortcodes that scraper tools leave behind;
6. staff credits: an article carrying its own staff credit ("(Reporting by ...; editing by
   ...)") where the other has none is taken as the original wire text (weak);
7. containment: one body holds nearly all of the other plus text of its own; the one that adds
   text is taken as the derived version (a copy padded with its own intro or an update).

Only relations that share a substantial part of the shorter text (:data:`MIN_DIRECTED_SHARE`)
get a direction: two reports that share a paragraph are not origin and copy of each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from storyweave.records import Article, Direction, Relation, RelationKind
from storyweave.reuse.credits import (
    copy_signs,
    credit_signs,
    excerpt_signs,
    names_a_source_of,
    names_outlet_of,
    scraper_signs,
    short,
    staff_credits,
)

__all__ = ["credit_signs", "direct", "published_at", "scraper_signs"]

CONTAINED = 0.9  # share of the contained body that must lie in shared passages
ADDS_OWN = 0.15  # share of its own text the containing body must add
# Publication times closer than this tell nothing: feeds and clocks disagree by minutes.
PUBLICATION_MARGIN = timedelta(minutes=10)
# Two times of one outlet's own clock (local, without offset) need no allowance for skew
# between clocks: a wire's re-run eight minutes after the first run is later.
ONE_CLOCK_MARGIN = timedelta(minutes=1)
DISAGREES = "disagrees: "
MIN_DIRECTED_SHARE = 0.5  # of the shorter text, shared, for a reuse relation to get a direction

Signal = Callable[[Article, Article, Relation], "tuple[str, str] | None"]


def published_at(article: Article) -> datetime | None:
    """The publication time of ``article`` as an aware datetime (dates at midnight UTC; a local
    time without offset is read as UTC, which orders one outlet's articles but not two
    outlets': see :func:`_by_day`)."""
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

    ``a`` and ``b`` are the two articles of the relation, in any order. The evidence lists the
    signals that agree with the direction, then those that disagree (prefixed ``DISAGREES``).
    """
    if relation.kind == RelationKind.REUSE and relation.score < MIN_DIRECTED_SHARE:
        why = (
            f"no origin and copy: they share {relation.score:.0%} of the shorter text, less "
            f"than the {MIN_DIRECTED_SHARE:.0%} that makes one a copy of the other"
        )
        return replace(relation, direction=None, evidence=(*relation.evidence, why))
    by_id = {a.id: a, b.id: b}
    first, second = by_id[relation.a], by_id[relation.b]
    verdicts = [v for v in (signal(first, second, relation) for signal in SIGNALS) if v]
    if not verdicts:
        return replace(relation, direction=None)
    copy = verdicts[0][0]
    origin = relation.a if copy == relation.b else relation.b
    agree = [reason for copy_id, reason in verdicts if copy_id == copy]
    disagree = [DISAGREES + reason for copy_id, reason in verdicts if copy_id != copy]
    return replace(relation, direction=Direction(origin, copy, tuple(agree + disagree)))


def _by_publication(a: Article, b: Article, _: Relation) -> tuple[str, str] | None:
    order = _publication_order(a, b)
    if order == 0:
        return None
    early, late = (a, b) if order < 0 else (b, a)
    assert early.published is not None and late.published is not None
    return late.id, (
        f"{early.id} published {early.published.value}, earlier than {late.id} "
        f"({late.published.value})"
    )


def _publication_order(a: Article, b: Article) -> int:
    """-1 when ``a`` was published clearly earlier, 1 when ``b`` was, 0 when unknown or close."""
    a_time, b_time = published_at(a), published_at(b)
    if a_time is None or b_time is None or a.published is None or b.published is None:
        return 0
    if _by_day(a, b):
        a_day = _local_date(a.published.value, a_time)
        b_day = _local_date(b.published.value, b_time)
        return (a_day > b_day) - (a_day < b_day)
    margin = ONE_CLOCK_MARGIN if _local_time(a.published.value) else PUBLICATION_MARGIN
    if abs(a_time - b_time) <= margin:
        return 0
    return -1 if a_time < b_time else 1


def _by_day(a: Article, b: Article) -> bool:
    """Whether only the days of two publications compare: one gives a bare date, or one gives a
    time without offset (its outlet's own clock) and the other comes from another outlet."""
    assert a.published is not None and b.published is not None
    a_value, b_value = a.published.value, b.published.value
    if _date_only(a_value) or _date_only(b_value):
        return True
    if _local_time(a_value) or _local_time(b_value):
        same_clock = _local_time(a_value) and _local_time(b_value) and _same_outlet(a, b)
        return not same_clock
    return False


def _local_time(value: str) -> bool:
    """A date-time without offset: the time of the outlet's own clock."""
    try:
        return datetime.fromisoformat(value.strip()).tzinfo is None
    except ValueError:
        return False


def _same_outlet(a: Article, b: Article) -> bool:
    if a.outlet is None or b.outlet is None:
        return False
    return a.outlet.value.strip().casefold() == b.outlet.value.strip().casefold()


def _date_only(value: str) -> bool:
    return "T" not in value.strip() and " " not in value.strip()


def _local_date(value: str, parsed: datetime) -> date:
    """The calendar date as written (a date-time's own local date, not its UTC date)."""
    return parsed.date() if not _date_only(value) else date.fromisoformat(value.strip()[:10])


def _by_attribution(a: Article, b: Article, _: Relation) -> tuple[str, str] | None:
    a_names_b, b_names_a = names_outlet_of(a, b), names_outlet_of(b, a)
    if bool(a_names_b) == bool(b_names_a):
        return None
    copy, reason = (a, a_names_b) if a_names_b else (b, b_names_a)
    assert reason is not None
    return copy.id, reason


def _by_staff_credit(a: Article, b: Article, _: Relation) -> tuple[str, str] | None:
    a_staff, b_staff = staff_credits(a), staff_credits(b)
    if bool(a_staff) == bool(b_staff):
        return None
    origin, copy, credits = (a, b, a_staff) if a_staff else (b, a, b_staff)
    return copy.id, (
        f'{origin.id} carries its own staff credit "{short(credits[0])}" and {copy.id} none '
        "(weak sign of the original wire text)"
    )


def _by_containment(a: Article, b: Article, relation: Relation) -> tuple[str, str] | None:
    if relation.kind == RelationKind.DUPLICATE or not relation.passages or not a.text or not b.text:
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
    a_signs = [s for s in copy_signs(a) if not names_a_source_of(s, b)]
    b_signs = [s for s in copy_signs(b) if not names_a_source_of(s, a)]
    if bool(a_signs) == bool(b_signs):
        return None
    copy, signs = (a, a_signs) if a_signs else (b, b_signs)
    return copy.id, f"{copy.id} credits another source: {'; '.join(signs[:3])}"


def _by_excerpt(a: Article, b: Article, relation: Relation) -> tuple[str, str] | None:
    if not relation.passages:
        return None
    a_cover = sum(p.a_end - p.a_start for p in relation.passages) / max(1, len(a.text))
    b_cover = sum(p.b_end - p.b_start for p in relation.passages) / max(1, len(b.text))
    a_signs = excerpt_signs(a) if a_cover >= CONTAINED and len(a.text) < len(b.text) else []
    b_signs = excerpt_signs(b) if b_cover >= CONTAINED and len(b.text) < len(a.text) else []
    if bool(a_signs) == bool(b_signs):
        return None
    teaser, full, signs = (a, b, a_signs) if a_signs else (b, a, b_signs)
    return teaser.id, f"{teaser.id} is an excerpt of {full.id}: {'; '.join(signs[:2])}"


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


SIGNALS: tuple[Signal, ...] = (
    _by_publication,
    _by_attribution,
    _by_excerpt,
    _by_credit,
    _by_scraper_markers,
    _by_staff_credit,
    _by_containment,
)
