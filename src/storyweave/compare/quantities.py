"""Quantities aligned across a story: agreeing, or disputed beyond a unit-aware tolerance.

Quantities are compared within a block: the same normalised unit (miles were already read as km
by the extractor), and for counts the same counted noun (a part of a whole, ``two of the four
gates``, is its own block). Within a block, two claims of different articles align when they
describe the same thing:

- the same *facet* (width, height, distance, a difference ``above`` something) and the same
  *subset qualifier* (``the other three gates`` is not ``the four gates``); counts with an
  outcome (``killed``, ``evacuated``) only meet counts with the same or no outcome;
- the same value: same measured thing, or :data:`MIN_SHARED_CONTEXT` content words (other than
  the measured thing and units) shared within :data:`CONTEXT_WORDS` words either side;
- different values, a possible dispute, need more: the same non-empty measured thing (or the
  same change verb), the same *state* (change verb, ``rose to`` vs ``peaked at``; and time of
  the clause, ``by mid-morning`` vs ``at 3pm``, where both give one of a kind), and the shared
  context; counts, being generic, need :data:`MIN_SHARED_CONTEXT_COUNT` shared words and a
  Dice overlap of :data:`MIN_CONTEXT_DICE_COUNT`. Readings of a changing quantity at different
  times are then not a dispute, nor are "seven boys" in one family and "six boys" in another;
  and values more than :data:`MAX_DISPUTE_RATIO` apart (a town of 23,000 people, 74 people at a
  shelter) are taken for different things, not one thing misreported.

Each claim becomes an interval: a range is itself, ``at least N`` is ``[N, ∞)``, ``up to N`` is
``[0, N]``, ``nearly N`` is ``[0.9 N, N]``, and hedges like ``around`` add nothing beyond the
tolerance. Two claims from different independent sources conflict when their intervals, each
widened by :data:`TOLERANCE` (rounding, unit conversions), do not overlap: a point outside a
range, or two ranges that do not meet. A lower bound (``at least 240 homes``) also conflicts
with another source's count (``about 410 homes``) more than :data:`LOWER_BOUND_SLACK` above it:
a reporter who writes "at least N" reports the count as known; a count far above it is a
different account of the same number, not a refinement of it.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from storyweave.compare.common import StoryContext, make_finding, make_variant
from storyweave.facts.common import stem
from storyweave.facts.lexicon import NUMBER_WORDS, STOPWORDS
from storyweave.facts.quantities import UNIT_WORDS
from storyweave.graph import components
from storyweave.records import Claim, Finding
from storyweave.text import words

TOLERANCE = 0.05
LOWER_BOUND_SLACK = 0.5
MAX_DISPUTE_RATIO = 10.0
CONTEXT_WORDS = 15
MIN_SHARED_CONTEXT = 2
MIN_SHARED_CONTEXT_COUNT = 3
MIN_CONTEXT_DICE_COUNT = 0.25
_LOWER_BOUNDS = frozenset("at least|more than|over|upwards of|well over|just over".split("|"))
_UPPER_BOUNDS = frozenset("at most|up to|less than|fewer than|under|just under".split("|"))
_JUST_BELOW = frozenset({"nearly", "almost"})


def quantity_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Findings for the story's quantity claims (one per aligned group of quantities)."""
    by_block: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind == "quantity" and _interval(claim) is not None:
            by_block[_block(claim)].append(claim)
    findings: list[Finding] = []
    for (unit, _), same_kind in sorted(by_block.items()):
        contexts = [_context_terms(ctx, c) for c in same_kind]
        edges = {
            (i, j)
            for i in range(len(same_kind))
            for j in range(i + 1, len(same_kind))
            if _aligned(same_kind[i], same_kind[j], contexts[i], contexts[j])
        }
        for members in components(range(len(same_kind)), edges):
            group = [same_kind[i] for i in members]
            subject = _group_subject(group)
            if not subject:
                continue  # nothing says what was measured: not a fact worth reporting
            pairs = [(same_kind[i], same_kind[j]) for i, j in sorted(edges) if i in members]
            findings.append(_finding(ctx, subject, unit, group, pairs))
    return findings


def _block(claim: Claim) -> tuple[str, str]:
    unit = claim.attrs.get("unit", "")
    if claim.attrs.get("dimension") != "count":
        return unit, ""
    noun = stem(claim.attrs.get("noun", ""))
    return unit, f"{noun} (part)" if claim.attrs.get("partitive") == "yes" else noun


def _group_subject(group: list[Claim]) -> str:
    """The most frequent measured thing, else the change verb (``peaked at 6.1 m``: ``peak``)."""
    counts = Counter(c.subject for c in group if c.subject)
    if not counts:
        counts = Counter(c.attrs["verb"] for c in group if c.attrs.get("verb"))
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]


def _aligned(a: Claim, b: Claim, context_a: frozenset[str], context_b: frozenset[str]) -> bool:
    if a.article_id == b.article_id:
        return _label(a) == _label(b) and a.subject == b.subject
    if not same_description(a, b):
        return False
    shared = len(context_a & context_b)
    if _label(a) == _label(b):
        return (bool(a.subject) and a.subject == b.subject) or shared >= MIN_SHARED_CONTEXT
    if not same_state(a, b) or not _same_measured_thing(a, b) or _far_apart(a, b):
        return False
    if a.attrs.get("dimension") == "count":
        # Counted nouns ("people", "countries") are generic: ask for a closer context.
        dice = 2 * shared / max(1, len(context_a) + len(context_b))
        return shared >= MIN_SHARED_CONTEXT_COUNT and dice >= MIN_CONTEXT_DICE_COUNT
    return shared >= MIN_SHARED_CONTEXT


def _far_apart(a: Claim, b: Claim) -> bool:
    """Values more than :data:`MAX_DISPUTE_RATIO` apart measure different things."""
    small, large = sorted((_typical(a), _typical(b)))
    return small <= 0 < large or (small > 0 and large / small > MAX_DISPUTE_RATIO)


def _typical(claim: Claim) -> float:
    """The value a claim puts forward: the middle of a range, else its stated number."""
    try:
        return (float(claim.attrs["low"]) + float(claim.attrs["high"])) / 2
    except (KeyError, ValueError):
        return 0.0


def same_description(a: Claim, b: Claim) -> bool:
    """Same facet (width, distance, ...), same subset qualifier, compatible count outcome."""
    for key in ("facet", "qualifier", "partitive"):
        if a.attrs.get(key, "") != b.attrs.get(key, ""):
            return False
    outcome_a, outcome_b = _outcome(a), _outcome(b)
    return not outcome_a or not outcome_b or outcome_a == outcome_b


def _outcome(claim: Claim) -> str:
    """``people killed`` -> ``killed``: what happened to the counted things, if said."""
    if claim.attrs.get("dimension") != "count":
        return ""
    noun = stem(claim.attrs.get("noun", ""))
    rest = claim.subject.split()
    return " ".join(rest[1:]) if rest and rest[0] == noun else ""


def same_state(a: Claim, b: Claim) -> bool:
    """Same change verb (or none) and, for each kind of time both clauses give, a shared one.

    ``rose to 5.8 m by mid-morning`` and ``peaked at 6.1 m at 3pm`` are two readings of one
    river, not two accounts of one reading.
    """
    if a.attrs.get("verb", "") != b.attrs.get("verb", ""):
        return False
    times_a = _times_by_kind(a.attrs.get("time", ""))
    times_b = _times_by_kind(b.attrs.get("time", ""))
    return all(times_a[kind] & times_b[kind] for kind in times_a.keys() & times_b.keys())


def _times_by_kind(value: str) -> dict[str, set[str]]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for token in filter(None, value.split(",")):
        kind, _, when = token.partition(":")
        kinds[kind].add(when)
    return kinds


def _same_measured_thing(a: Claim, b: Claim) -> bool:
    if a.attrs.get("dimension") == "count":
        return True  # the block already holds one counted noun
    if a.subject and a.subject == b.subject:
        return True
    return bool(a.attrs.get("verb")) and a.attrs.get("verb") == b.attrs.get("verb")


def _context_terms(ctx: StoryContext, claim: Claim) -> frozenset[str]:
    """Content words of a quantity's sentence and of :data:`CONTEXT_WORDS` words either side,
    without the measured thing, units, numbers and hedges (possessives folded: ``Tessford's``).
    """
    text = ctx.texts.get(claim.article_id, "")
    sentence = ctx.sentence_of(claim.article_id, claim.start)
    before = words(text[max(0, claim.start - 200) : claim.start])[-CONTEXT_WORDS:]
    after = words(text[claim.end : claim.end + 200])[:CONTEXT_WORDS]
    ignored = {stem(w) for w in claim.subject.split()} | set(claim.attrs.get("approx", "").split())
    terms = set()
    for word in (*before, *words(text[sentence[0] : sentence[1]]), *after):
        word = word.removesuffix("'s").removesuffix("’s")
        if word.replace("-", "").isalpha() and word not in STOPWORDS and word not in UNIT_WORDS:
            terms.add(stem(word))
    return frozenset(terms - ignored - NUMBER_WORDS.keys())


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
    """True when the two quantities cannot both be right, even allowing ``tolerance``.

    A lower bound and a count more than :data:`LOWER_BOUND_SLACK` above it also conflict
    (see the module docstring).
    """
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return False
    low_a, high_a = ia[0] * (1 - tolerance), ia[1] * (1 + tolerance)
    low_b, high_b = ib[0] * (1 - tolerance), ib[1] * (1 + tolerance)
    if high_a < low_b or high_b < low_a:
        return True
    return _far_above_lower_bound(a, b) or _far_above_lower_bound(b, a)


def _far_above_lower_bound(bound: Claim, other: Claim) -> bool:
    """``at least N`` against a count (not itself a bound) more than the slack above ``N``."""
    if bound.attrs.get("approx", "") not in _LOWER_BOUNDS:
        return False
    if other.attrs.get("approx", "") in _LOWER_BOUNDS | _UPPER_BOUNDS:
        return False
    ib, io = _interval(bound), _interval(other)
    if ib is None or io is None:
        return False
    return io[0] > ib[0] * (1 + LOWER_BOUND_SLACK)


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
            f"({second.article_id}): {_why(first, second)}"
        )
    return sorted(notes)


def _why(a: Claim, b: Claim) -> str:
    ia, ib = _interval(a), _interval(b)
    if (
        ia is not None
        and ib is not None
        and (_far_above_lower_bound(a, b) or _far_above_lower_bound(b, a))
    ):
        bound, other = (a, b) if _far_above_lower_bound(a, b) else (b, a)
        low, value = float(bound.attrs["low"]), float(other.attrs["low"])
        return (
            f"the lower bound {_label(bound)} and the count {_label(other)} disagree: "
            f"{value / low - 1:.0%} above the bound, more than the {LOWER_BOUND_SLACK:.0%} "
            f"a lower bound can leave unsaid"
        )
    return f"no overlap even with {TOLERANCE:.0%} tolerance"


def _conversion_notes(group: list[Claim]) -> list[str]:
    notes = set()
    for claim in group:
        if "conversion" in claim.attrs:
            verdict = "agrees" if claim.attrs.get("conversion_ok") == "yes" else "does NOT agree"
            notes.add(f"conversion '{claim.attrs['conversion']}' {verdict} with {claim.value}")
        if "original" in claim.attrs:
            notes.add(f"'{claim.attrs['original']}' read as {claim.value}")
    return sorted(notes)
