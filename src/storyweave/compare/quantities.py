"""Quantities aligned across a story: agreeing, or disputed beyond a unit-aware tolerance.

Quantities align when they measure the same thing (``subject``) in the same normalised unit
(miles were already read as km by the extractor) and either state the same value or are said in
the same context: at least :data:`MIN_SHARED_CONTEXT` content words (other than the measured
thing and units) shared within :data:`CONTEXT_WORDS` words either side; counts of a noun, being
generic, need :data:`MIN_SHARED_CONTEXT_COUNT` shared words and a Dice overlap of
:data:`MIN_CONTEXT_DICE_COUNT`. "Seven boys" in one
family and "six boys" in another are then not one fact. Each claim becomes an interval:
a range is itself, ``at least N`` is ``[N, ∞)``, ``up to N`` is ``[0, N]``, ``nearly N`` is
``[0.9 N, N]``, and hedges like ``around`` add nothing beyond the tolerance. Two claims from
different independent sources conflict when their intervals, each widened by
:data:`TOLERANCE` (rounding, unit conversions), do not overlap: a point outside a range, or two
ranges that do not meet.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from storyweave.compare.common import StoryContext, make_finding, make_variant
from storyweave.facts.common import stem
from storyweave.facts.lexicon import STOPWORDS
from storyweave.facts.quantities import UNIT_WORDS
from storyweave.records import Claim, Finding
from storyweave.text import words

TOLERANCE = 0.05
CONTEXT_WORDS = 15
MIN_SHARED_CONTEXT = 2
MIN_SHARED_CONTEXT_COUNT = 3
MIN_CONTEXT_DICE_COUNT = 0.25
_LOWER_BOUNDS = frozenset("at least|more than|over|upwards of|well over|just over".split("|"))
_UPPER_BOUNDS = frozenset("at most|up to|less than|fewer than|under|just under".split("|"))
_JUST_BELOW = frozenset({"nearly", "almost"})


def quantity_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Findings for the story's quantity claims (one per aligned group of quantities)."""
    by_key: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "quantity" and claim.subject and _interval(claim) is not None:
            by_key[(claim.subject, claim.attrs.get("unit", ""))].append(claim)
    findings: list[Finding] = []
    for (subject, unit), same_kind in sorted(by_key.items()):
        contexts = [_context_terms(ctx, c) for c in same_kind]
        edges = {
            (i, j)
            for i in range(len(same_kind))
            for j in range(i + 1, len(same_kind))
            if _aligned(same_kind[i], same_kind[j], contexts[i], contexts[j])
        }
        for members in _components(len(same_kind), edges):
            group = [same_kind[i] for i in members]
            pairs = [(same_kind[i], same_kind[j]) for i, j in sorted(edges) if i in members]
            findings.append(_finding(ctx, subject, unit, group, pairs))
    return findings


def _aligned(a: Claim, b: Claim, context_a: frozenset[str], context_b: frozenset[str]) -> bool:
    if a.article_id == b.article_id:
        return _label(a) == _label(b)
    if _label(a) == _label(b):
        return True
    shared = len(context_a & context_b)
    if a.attrs.get("dimension") == "count":
        # Counted nouns ("people", "countries") are generic: ask for a closer context.
        dice = 2 * shared / max(1, len(context_a) + len(context_b))
        return shared >= MIN_SHARED_CONTEXT_COUNT and dice >= MIN_CONTEXT_DICE_COUNT
    return shared >= MIN_SHARED_CONTEXT


def _components(size: int, edges: set[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(size))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in sorted(edges):
        parent[find(j)] = find(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(size):
        groups[find(i)].append(i)
    return sorted(groups.values())


def _context_terms(ctx: StoryContext, claim: Claim) -> frozenset[str]:
    """Content words around a quantity, without the measured thing, units and numbers."""
    text = ctx.texts.get(claim.article_id, "")
    before = words(text[max(0, claim.start - 200) : claim.start])[-CONTEXT_WORDS:]
    after = words(text[claim.end : claim.end + 200])[:CONTEXT_WORDS]
    measured = {stem(w) for w in claim.subject.split()}
    terms = {
        stem(w)
        for w in (*before, *words(claim.text), *after)
        if w.isalpha() and w not in STOPWORDS and w not in UNIT_WORDS
    }
    return frozenset(terms - measured)


def _interval(claim: Claim) -> tuple[float, float] | None:
    try:
        low = float(claim.attrs["low"])
        high = float(claim.attrs["high"])
    except (KeyError, ValueError):
        return None
    approx = claim.attrs.get("approx", "")
    if approx in _LOWER_BOUNDS:
        return low, math.inf
    if approx in _UPPER_BOUNDS:
        return 0.0, high
    if approx in _JUST_BELOW:
        return low * 0.9, high
    return low, high


def conflict(a: Claim, b: Claim, tolerance: float = TOLERANCE) -> bool:
    """True when the two quantities cannot both be right, even allowing ``tolerance``."""
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return False
    low_a, high_a = ia[0] * (1 - tolerance), ia[1] * (1 + tolerance)
    low_b, high_b = ib[0] * (1 - tolerance), ib[1] * (1 + tolerance)
    return high_a < low_b or high_b < low_a


def _label(claim: Claim) -> str:
    approx = claim.attrs.get("approx", "")
    return f"{approx} {claim.value}".strip()


def _finding(
    ctx: StoryContext,
    subject: str,
    unit: str,
    group: list[Claim],
    pairs: list[tuple[Claim, Claim]],
) -> Finding:
    by_label: dict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        by_label[_label(claim)].append(claim)
    ordered = sorted(
        by_label.items(), key=lambda item: (-ctx.sources(item[1]), ctx.earliest(item[1]), item[0])
    )
    variants = [make_variant(ctx, label, claims) for label, claims in ordered]
    conflicts = _conflicts(ctx, pairs)
    evidence = _conversion_notes(group)
    if conflicts:
        evidence = [*conflicts, *evidence]
        return make_finding(ctx, "quantity", "disputed", subject, variants, evidence)
    sources = ctx.sources(group)
    status = "corroborated" if sources >= 2 else "single-source"
    summary = f"{len(variants)} value(s) in {unit}, consistent within {TOLERANCE:.0%}"
    return make_finding(ctx, "quantity", status, subject, variants, [summary, *evidence])


def _conflicts(ctx: StoryContext, pairs: list[tuple[Claim, Claim]]) -> list[str]:
    """Conflicts between directly aligned claims of different independent sources."""
    notes: set[str] = set()
    for a, b in pairs:
        if ctx.groups.get(a.article_id) == ctx.groups.get(b.article_id) or not conflict(a, b):
            continue
        first, second = sorted((a, b), key=lambda c: (_label(c), c.article_id))
        notes.add(
            f"{_label(first)} ({first.article_id}) conflicts with {_label(second)} "
            f"({second.article_id}): no overlap even with {TOLERANCE:.0%} tolerance"
        )
    return sorted(notes)


def _conversion_notes(group: list[Claim]) -> list[str]:
    notes = set()
    for claim in group:
        if "conversion" in claim.attrs:
            verdict = "agrees" if claim.attrs.get("conversion_ok") == "yes" else "does NOT agree"
            notes.add(f"conversion '{claim.attrs['conversion']}' {verdict} with {claim.value}")
        if "original" in claim.attrs:
            notes.add(f"'{claim.attrs['original']}' read as {claim.value}")
    return sorted(notes)
