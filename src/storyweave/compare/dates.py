"""Dates aligned across a story: the same resolved date stated by several articles.

A date whose year could not be resolved (``--12-30``) joins the one resolved date with that
month and day, when there is exactly one. Only dates stated by at least two independent sources
for one event become findings (``corroborated``); a lone date is in the timeline of the brief,
not here. One event: the two sentences share :data:`MIN_EVENT_OVERLAP` of their content words
(a year of earnings and a year of a ban are not one event), and the date of a statement ("On
March 17, X said …") is not one with the date of what it tells of ("… met yesterday"). A bare
year corroborates nothing a reader could check, so only dates of a month or finer count, but a
week ("next week": shown as its Monday, a day no source gives) does not, and a time of day
without its day ("at 10 a.m.") is no date either. One event's sentences must also name someone
or something in common (a capitalised word besides the first: an issuer, a place, a person):
two bonds due on one day are two events, and so are two sentences that give several other
figures, none alike. The subject is the clause around the date in the earliest article whose
clause names the event, as written (``the ferry sank on …``), with the word a relative clause
is about (``Sotloff, who has been missing since …``); a date whose clauses all name nothing (two
content words at least, one a name other than a generic ``Company`` or ``Minister``) is left
out, and so are dates of table rows and the dates bonds and loans fall due (``notes due
September 30, 1992``: many issues share one).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from storyweave.compare.common import (
    StoryContext,
    clause_phrase,
    make_finding,
    make_variant,
    sentence_overlap,
    shared_names,
    table_row,
)
from storyweave.graph import components
from storyweave.lexicon import NON_CONTENT_WORDS, ORG_WORDS, ROLE_WORDS, SPEECH_VERBS
from storyweave.records import Claim, FactKind, Finding, FindingStatus
from storyweave.reuse import figures
from storyweave.text import CALENDAR_WORDS, LazyPattern

MIN_EVENT_OVERLAP = 0.4
DATE_PHRASE_WORDS = 10
MIN_FIGURES = 2
_PRECISE = frozenset({"time", "day", "month"})  # "next week" names no day
_GENERIC = ORG_WORDS | ROLE_WORDS  # "Company", "Minister": capitalised, yet no one in particular


def date_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Corroborated date findings of the story."""
    precise = [
        c
        for c in claims
        if c.attrs.get("granularity", "day") in _PRECISE
        and not c.value.startswith("T")
        and not table_row(ctx, c)
        and not _maturity(ctx, c)
    ]
    findings: list[Finding] = []
    for value, group in sorted(group_dates(precise).items()):
        for event in _events(ctx, group):
            sources = ctx.sources(event)
            if sources < 2:
                continue
            subject = _subject(ctx, event)
            if subject is None:
                continue  # nothing tells a reader which event the date is of
            variant = make_variant(ctx, value, event)
            evidence = [f"{value} stated by {sources} independent sources for one event"]
            evidence += sorted(
                {f"{c.text!r} resolved as {value}" for c in event if c.value != value}
            )
            findings.append(
                make_finding(
                    ctx, FactKind.DATE, FindingStatus.CORROBORATED, subject, [variant], evidence
                )
            )
    return findings


def _subject(ctx: StoryContext, event: list[Claim]) -> str | None:
    """The clause around the date in the earliest article whose clause names the event."""
    for claim in sorted(event, key=lambda c: (ctx.order.get(c.article_id, 0), c.start)):
        subject = clause_phrase(ctx, claim, DATE_PHRASE_WORDS, antecedent=True)
        if telling(subject) and _names_someone(ctx, claim, subject):
            return subject
    return None


def telling(phrase: str) -> bool:
    """Whether a phrase names something: two content words of three letters or more."""
    found = [
        w
        for w in re.findall(r"[A-Za-z][a-z’'-]+", phrase)
        if len(w) >= 3 and w.lower() not in NON_CONTENT_WORDS and w.lower() not in CALENDAR_WORDS
    ]
    return len(found) >= 2


def _names_someone(ctx: StoryContext, claim: Claim, subject: str) -> bool:
    """Whether the subject names who or what the event is about: a capitalised word other than
    a calendar word and the sentence's first ("Qtr ended …", "reportedly died on …" do not)."""
    start, _ = ctx.sentence_of(claim.article_id, claim.start)
    first = ctx.texts.get(claim.article_id, "")[start:].split()[:1]
    found = re.findall(r"\b[A-Z][\w’'-]*", subject)
    if first and found and subject.startswith(first[0]):
        found = found[1:]
    return any(w.lower() not in CALENDAR_WORDS | _GENERIC for w in found)


def _maturity(ctx: StoryContext, claim: Claim) -> bool:
    """Whether the date is when something falls due ("notes due September 30, 1992"): a term
    of a bond or a loan, which many issues share, not the date of an event."""
    before = ctx.texts.get(claim.article_id, "")[max(0, claim.start - 12) : claim.start].split()
    return bool(before) and before[-1].lower() == "due"


def _same_figures(ctx: StoryContext, a: Claim, b: Claim) -> bool:
    """Two sentences that each give several figures besides the date give one of them alike:
    two bonds due on one day, one of 50 mln at 10 pct and one of 100 mln at 8-3/4 pct, are two
    events. (One figure each may be one event's count told two ways: 240 or 410 homes.)"""
    first, second = _figures(ctx, a), _figures(ctx, b)
    return min(len(first), len(second)) < MIN_FIGURES or bool(first & second)


def _figures(ctx: StoryContext, claim: Claim) -> set[str]:
    text = ctx.texts.get(claim.article_id, "")
    start, end = ctx.sentence_of(claim.article_id, claim.start)
    outside = text[start : claim.start] + " " + text[claim.end : end]
    return set(figures(outside))


_SAYING = "|".join(sorted(SPEECH_VERBS))
_SAID_ON = LazyPattern(rf"\b(?:{_SAYING})\s+(?:on\s+|late\s+|early\s+)?$")
_ON_DATE_SAID = LazyPattern(rf",?\s*(?:[A-Z][\w.&'’-]*\s+){{1,5}}(?:{_SAYING})\b")


def _statement_date(ctx: StoryContext, claim: Claim) -> bool:
    """Whether the date is when something was said: right after a verb of saying ("X said on
    Tuesday"), or opening a sentence whose speaker and verb of saying follow ("On March 17,
    Harcourt said …"). It is no date of the event the statement tells of ("… met yesterday")."""
    text = ctx.texts.get(claim.article_id, "")
    start, _ = ctx.sentence_of(claim.article_id, claim.start)
    before = text[start : claim.start]
    if _SAID_ON.search(before):
        return True
    return len(before.split()) <= 1 and bool(_ON_DATE_SAID.match(text, claim.end))


def _events(ctx: StoryContext, group: list[Claim]) -> list[list[Claim]]:
    """The claims of one date split by event: linked when their sentences overlap enough."""
    pairs = [
        (i, j)
        for i in range(len(group))
        for j in range(i + 1, len(group))
        if group[i].article_id != group[j].article_id
        and sentence_overlap(ctx, group[i], group[j]) >= MIN_EVENT_OVERLAP
        and shared_names(ctx, group[i], group[j])
        and _same_figures(ctx, group[i], group[j])
        and _statement_date(ctx, group[i]) == _statement_date(ctx, group[j])
    ]
    return [[group[i] for i in members] for members in components(range(len(group)), pairs)]


def group_dates(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    """Resolved date claims by ISO value; year-less ``--MM-DD`` joined to a unique match."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    yearless: list[Claim] = []
    for claim in claims:
        if claim.kind != FactKind.DATE or claim.attrs.get("resolved") == "no":
            continue
        if claim.value.startswith("--"):
            yearless.append(claim)
        else:
            groups[claim.value].append(claim)
    for claim in yearless:
        matches = [v for v in groups if v.endswith(claim.value[1:]) and len(v) == 10]
        if len(matches) == 1:
            groups[matches[0]].append(claim)
    return dict(groups)


def _event(group: list[Claim]) -> str:
    counts = Counter(c.subject for c in group if c.subject)
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
