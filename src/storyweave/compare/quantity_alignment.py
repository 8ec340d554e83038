"""Which quantities of a story describe the same thing, and so align into one group.

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
"""

from __future__ import annotations

from collections import defaultdict

from storyweave.compare.common import StoryContext
from storyweave.facts import UNIT_WORDS
from storyweave.lexicon import NON_CONTENT_WORDS, NUMBER_WORDS
from storyweave.records import Claim
from storyweave.text import stem, words

MAX_DISPUTE_RATIO = 10.0
CONTEXT_WORDS = 15
MIN_SHARED_CONTEXT = 2
MIN_SHARED_CONTEXT_COUNT = 3
MIN_CONTEXT_DICE_COUNT = 0.25


def block_of(claim: Claim) -> tuple[str, str]:
    unit = claim.attrs.get("unit", "")
    if claim.attrs.get("dimension") != "count":
        return unit, ""
    noun = stem(claim.attrs.get("noun", ""))
    return unit, f"{noun} (part)" if claim.attrs.get("partitive") == "yes" else noun


def aligned(a: Claim, b: Claim, context_a: frozenset[str], context_b: frozenset[str]) -> bool:
    if a.article_id == b.article_id:
        return value_label(a) == value_label(b) and a.subject == b.subject
    if not same_description(a, b):
        return False
    shared = len(context_a & context_b)
    if value_label(a) == value_label(b):
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
    outcome_a, outcome_b = outcome_of(a), outcome_of(b)
    return not outcome_a or not outcome_b or outcome_a == outcome_b


def outcome_of(claim: Claim) -> str:
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
    times_a = times_by_kind(a.attrs.get("time", ""))
    times_b = times_by_kind(b.attrs.get("time", ""))
    return all(times_a[kind] & times_b[kind] for kind in times_a.keys() & times_b.keys())


def times_by_kind(value: str) -> dict[str, set[str]]:
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


def context_terms(ctx: StoryContext, claim: Claim) -> frozenset[str]:
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
        if (
            word.replace("-", "").isalpha()
            and word not in NON_CONTENT_WORDS
            and word not in UNIT_WORDS
        ):
            terms.add(stem(word))
    return frozenset(terms - ignored - NUMBER_WORDS.keys())


def value_label(claim: Claim) -> str:
    approx = claim.attrs.get("approx", "")
    return f"{approx} {claim.value}".strip()
