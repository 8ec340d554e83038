"""Quantities aligned across a story: agreeing, or disputed beyond a unit-aware tolerance.

:func:`quantity_findings` makes the findings in four steps, each in a module of its own: numbers
that measure nothing to check are set aside (:mod:`storyweave.compare.quantity_screening`);
quantities of one block that describe the same thing are aligned into groups
(:mod:`storyweave.compare.quantity_alignment`); aligned values of different independent sources
are set against each other (:mod:`storyweave.compare.quantity_disputes`); and this module names
each group's measured thing, decides its status and writes its evidence.

A conflict makes the finding ``disputed`` only when the pair is comparable (see
:mod:`storyweave.compare.quantity_disputes`). Nor are two values
an article gives both of (a tender and the season's total, an estimate and its revision), or
values of reports published more than :data:`MAX_DAYS_APART` days apart (an update, or a second
event of the same kind: wire services report many tenders alike), set against each other. A
group whose values conflict without such a pair, or that holds more than
:data:`MAX_DISPUTED_VALUES` values, is not reported at all: it mixes different things more often
than it shows a dispute.

Values within the tolerance of each other corroborate one figure, except counts, sums of money
and percentages given exactly: "172 engines" and "176 engines" are two figures; and one value
from several sources is one fact only where their sentences say alike
(:data:`MIN_CORROBORATION_OVERLAP`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from storyweave.compare.common import (
    MAX_DAYS_APART,
    StoryContext,
    clause_phrase,
    make_finding,
    make_variant,
    sentence_overlap,
)
from storyweave.compare.quantity_alignment import aligned, block_of, context_terms, value_label
from storyweave.compare.quantity_disputes import (
    AMOUNT_WORDS,
    TOLERANCE,
    comparable,
    conflict,
    conflict_notes,
    interval,
)
from storyweave.compare.quantity_screening import (
    DETERMINERS,
    no_measure,
    partial_or_model,
    reporting_period,
)
from storyweave.facts import UNIT_WORDS
from storyweave.graph import components
from storyweave.lexicon import NON_CONTENT_WORDS, NUMBER_WORDS, PAST_FORMS, VERB_FORMS
from storyweave.records import Claim, FactKind, Finding, FindingStatus
from storyweave.text import stem, words

_NOT_PHYSICAL = frozenset({"count", "money", "duration", "percent", None})
MIN_CORROBORATION_OVERLAP = 0.25
MAX_DISPUTED_VALUES = 3
_AMOUNT_PREFIX = frozenset(
    "a an about around almost nearly some over under up to at least most more fewer less than "
    "as many much just well roughly approximately estimated and or".split()
)
_EXACT = frozenset({"count", "money", "percent"})
_VERB_LINKS = frozenset("at to by about around nearly almost some".split())


def quantity_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Findings for the story's quantity claims (one per aligned group of quantities)."""
    by_block: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind != FactKind.QUANTITY or interval(claim) is None:
            continue
        if partial_or_model(ctx, claim, wholes=False) or reporting_period(ctx, claim):
            continue  # "the top 10", "iPhone 6", "the six months ended": no fact to align
        if no_measure(ctx, claim):
            continue  # "one day", "six years ago", "three people familiar with", "a 911 call"
        by_block[block_of(claim)].append(claim)
    findings: list[Finding] = []
    for (unit, _), same_kind in sorted(by_block.items()):
        contexts = [context_terms(ctx, c) for c in same_kind]
        edges = {
            (i, j)
            for i in range(len(same_kind))
            for j in range(i + 1, len(same_kind))
            if aligned(same_kind[i], same_kind[j], contexts[i], contexts[j])
        }
        for members in components(range(len(same_kind)), edges):
            group = [same_kind[i] for i in members]
            subject = _group_subject(group)
            if not subject:
                continue  # nothing says what was measured: not a fact worth reporting
            if (
                not readable(subject)
                or subject.endswith(" (part)")  # a block's name, not words of the text
                or (len(subject.split()) < 2 and not _physical(group))
                or _said_as_verb(ctx, subject, group)  # "weighs 300 pounds": what weighs?
            ):
                # a bare noun ("share", "man", "watch") does not say what was counted, paid or
                # how long something lasted: the clause does. "distance" and "height" do.
                ordered = sorted(group, key=lambda c: (ctx.order.get(c.article_id, 0), c.start))
                phrases = (clause_phrase(ctx, c, hidden_end=_amount_end(c)) for c in ordered)
                subject = next(filter(None, phrases), "")
                if not subject:
                    continue
            pairs = [(same_kind[i], same_kind[j]) for i, j in sorted(edges) if i in members]
            finding = _finding(ctx, subject, unit, group, pairs, claims)
            if finding is not None:
                findings.append(finding)
    return findings


def _amount_end(claim: Claim) -> int:
    """Where a count's amount ends and its counted words begin (``more than 27 market makers``:
    after ``27``), so that a subject shows what was counted; a measure's end for others."""
    if claim.attrs.get("dimension") != "count":
        return claim.end
    end = claim.start
    for token in re.finditer(r"\S+", claim.text):
        word = token[0].lower().strip(",")
        if any(ch.isdigit() for ch in word) or word in NUMBER_WORDS or word in _AMOUNT_PREFIX:
            end = claim.start + token.end()
        else:
            break
    return end


def _said_as_verb(ctx: StoryContext, subject: str, group: list[Claim]) -> bool:
    """Whether a one-word measured thing is the verb before the amount (``weighs 300
    pounds``, ``peaked at 6.1 m``): the clause, not the verb, says what was measured."""
    if len(subject.split()) != 1:
        return False
    for claim in group:
        text = ctx.texts.get(claim.article_id, "")
        before = words(text[max(0, claim.start - 40) : claim.start])[-3:]
        if before and before[-1] in _VERB_LINKS:
            before = before[:-1]
        verb = before and before[-1] in (subject, subject + "s", subject + "es", subject + "ed")
        if verb and not (len(before) >= 2 and before[-2] in DETERMINERS):  # "a range"
            return True
    return any(c.attrs.get("verb") == subject for c in group)


def _physical(group: list[Claim]) -> bool:
    """Whether the group measures a physical quantity (a length, mass, volume or speed)."""
    return all(c.attrs.get("dimension") not in _NOT_PHYSICAL for c in group)


def _group_subject(group: list[Claim]) -> str:
    """The most frequent measured thing, else the change verb (``peaked at 6.1 m``: ``peak``)."""
    counts = Counter(c.subject for c in group if c.subject)
    if not counts:
        counts = Counter(c.attrs["verb"] for c in group if c.attrs.get("verb"))
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _finding(
    ctx: StoryContext,
    subject: str,
    unit: str,
    group: list[Claim],
    pairs: list[tuple[Claim, Claim]],
    claims: Sequence[Claim],
) -> Finding | None:
    variants = [make_variant(ctx, label, members) for label, members in _by_label(ctx, group)]
    conflicting = _conflicting_pairs(ctx, pairs)
    if conflicting:
        comparable_pairs = [
            p
            for p in conflicting
            if comparable(ctx, *p, claims) and not _told_apart(ctx, group, *p)
        ]
        if not comparable_pairs or len(variants) > MAX_DISPUTED_VALUES:
            return None  # values differ, but nothing shows they measure one thing
        evidence = [*conflict_notes(ctx, comparable_pairs), *_conversion_notes(group)]
        return make_finding(
            ctx, FactKind.QUANTITY, FindingStatus.DISPUTED, subject, variants, evidence
        )
    if ctx.sources(group) >= 2:
        # one value from several sources is one fact only where their sentences say alike
        group = _stated_alike(ctx, group)
        if not group:
            return None
        variants = [make_variant(ctx, label, members) for label, members in _by_label(ctx, group)]
    evidence = _conversion_notes(group)
    sources = ctx.sources(group)
    if sources >= 2 and len(_exact_values(group)) > 1:
        return None  # "172 engines" and "176 engines", "£163,748" and "£152,879": two figures
    status = FindingStatus.CORROBORATED if sources >= 2 else FindingStatus.SINGLE_SOURCE
    summary = f"{len(variants)} value(s) in {unit}, consistent within {TOLERANCE:.0%}"
    return make_finding(ctx, FactKind.QUANTITY, status, subject, variants, [summary, *evidence])


def _by_label(ctx: StoryContext, group: list[Claim]) -> list[tuple[str, list[Claim]]]:
    """The group's claims by value label, the best-sourced and earliest first."""
    by_label: dict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        by_label[value_label(claim)].append(claim)
    return sorted(
        by_label.items(), key=lambda item: (-ctx.sources(item[1]), ctx.earliest(item[1]), item[0])
    )


def _told_apart(ctx: StoryContext, group: list[Claim], a: Claim, b: Claim) -> bool:
    """Whether two values are shown to be of different things or moments: an article of the
    group gives both (a tender and the season's total, an estimate and its revision), or the
    two reports were published more than :data:`MAX_DAYS_APART` days apart (a figure updated,
    or a second tender of the same kind)."""
    label_a, label_b = value_label(a), value_label(b)
    articles_a = {c.article_id for c in group if value_label(c) == label_a}
    articles_b = {c.article_id for c in group if value_label(c) == label_b}
    if articles_a & articles_b:
        return True
    gap = ctx.days_apart([a], [b])
    return gap is not None and gap > MAX_DAYS_APART


def _conflicting_pairs(
    ctx: StoryContext, pairs: list[tuple[Claim, Claim]]
) -> list[tuple[Claim, Claim]]:
    """Directly aligned claims of different independent sources that conflict."""
    return [
        (a, b)
        for a, b in pairs
        if ctx.groups.get(a.article_id) != ctx.groups.get(b.article_id) and conflict(a, b)
    ]


def _exact_values(group: list[Claim]) -> set[str]:
    """The distinct values of the group's counts, sums of money and percentages given exactly
    (no hedge, no range): such figures are exact, and two of them are two figures."""
    return {
        c.attrs.get("low", "")
        for c in group
        if c.attrs.get("dimension") in _EXACT
        and not c.attrs.get("approx")
        and c.attrs.get("low") == c.attrs.get("high")
    }


def _stated_alike(ctx: StoryContext, group: list[Claim]) -> list[Claim]:
    """The group's claims whose sentence says the same as that of a claim of another source
    published within :data:`MAX_DAYS_APART` days; the others may give the same value of
    something else."""
    kept: set[int] = set()
    for i, a in enumerate(group):
        for j in range(i + 1, len(group)):
            b = group[j]
            if (i in kept and j in kept) or ctx.groups.get(a.article_id) == ctx.groups.get(
                b.article_id
            ):
                continue
            gap = ctx.days_apart([a], [b])
            if gap is not None and gap > MAX_DAYS_APART:
                continue  # this week's figure and last week's, this year's dividend and last
            if _overlap_besides_counted(ctx, a, b) >= MIN_CORROBORATION_OVERLAP:
                kept.update((i, j))
    return [claim for index, claim in enumerate(group) if index in kept]


def _overlap_besides_counted(ctx: StoryContext, a: Claim, b: Claim) -> float:
    """Dice overlap of two claims' sentences without the counted noun, which every count of
    the group shares ("the two countries" and "two Islamic countries" say nothing alike)."""
    counted = frozenset(
        stem(w)
        for c in (a, b)
        if c.attrs.get("dimension") == "count"
        for w in words(c.attrs.get("noun", ""))
    )
    return sentence_overlap(ctx, a, b, without=counted)


def readable(subject: str) -> bool:
    """Whether a measured thing tells a reader something: words, not a unit, an amount word or
    a verb form (``pct``, ``dlr``, ``paid``, ``rose``)."""
    first = subject.split()[0] if subject else ""
    return (
        first.isalpha()
        and len(first) > 2
        and first not in UNIT_WORDS
        and first not in NON_CONTENT_WORDS
        and first not in AMOUNT_WORDS
        and first not in PAST_FORMS
        and first not in VERB_FORMS
        and not first.endswith(("ed", "ing", "ly"))
    )


def _conversion_notes(group: list[Claim]) -> list[str]:
    notes = set()
    for claim in group:
        if "conversion" in claim.attrs:
            verdict = "agrees" if claim.attrs.get("conversion_ok") == "yes" else "does NOT agree"
            notes.add(f"conversion '{claim.attrs['conversion']}' {verdict} with {claim.value}")
        if "original" in claim.attrs:
            notes.add(f"'{claim.attrs['original']}' read as {claim.value}")
    return sorted(notes)
