"""Whether two aligned quantities of different sources dispute each other, and why.

Setting values against each other is an accusation, so a conflict between two aligned claims
of different independent sources makes the finding ``disputed`` only when the pair is also
*comparable* (:func:`comparable`): each is the only quantity of its block in its sentence
("849 of the 2,526 cases" counts two things), neither is a partial count ("the first two") or a
model number ("iPhone 6"), and the two sentences say the same thing: most of their content
words shared (:data:`MIN_SENTENCE_DICE`), or, for a measure of a thing's property (``range``,
``depth``), the same holder of the property (``rockets with a range of``). Counts, being generic,
also need what happened to the counted (the same outcome: ``people killed``) or the same time
of the clause. Two sources' own accounts are worded apart: sentences worded alike but for
their figures are a report and its update or two reports on one template (two weeks' exports),
and sentences that share :data:`TEMPLATE_DICE` of their words while each names something the
other does not are one template filled in for two things; neither is a dispute. A measure needs
the same role in its clause (``cut by 20,000 tonnes`` is a
change, ``cut to 50,000 tonnes`` a level); money and percentages need sentences that name the
same companies or places (:data:`MIN_SHARED_NAMES`), and other measures the same holder of the
property or a name both sentences give (wire stories give the same terms for many bonds and
tenders); a distance needs the same place, direction and
place measured from (``Dunmere … 12 km downstream of the Kestle weir``): similar sentences
name many places, and a distance is between two of them. Neither clause may say what only
may happen (``could reach``), and a day named relative to publication (``yesterday``, ``on
Monday``) is one day in two articles only when both were published that day.

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
import re
from collections.abc import Sequence

from storyweave.compare.common import StoryContext, sentence_names, sentence_overlap, shared_names
from storyweave.compare.quantity_alignment import block_of, outcome_of, times_by_kind, value_label
from storyweave.compare.quantity_screening import partial_or_model
from storyweave.facts import UNIT_WORDS
from storyweave.lexicon import NON_CONTENT_WORDS, NUMBER_WORDS, PAST_FORMS, VERB_FORMS
from storyweave.records import Claim, FactKind
from storyweave.text import stem, words

TOLERANCE = 0.05
LOWER_BOUND_SLACK = 0.5
MIN_SENTENCE_DICE = 0.4
MIN_SENTENCE_DICE_MEASURE = 0.5
MIN_SHARED_NAMES = 0.5  # Jaccard of the names of two sentences giving money or a percentage
# Two sentences sharing this much of their words that each name something the other does not
# are one template filled in for two things (poultry sales to two countries): never a dispute.
TEMPLATE_DICE = 0.8
HOLDER_WORDS = 5  # how far before the measured thing its holder may stand
_DIRECTIONS = frozenset(
    "from of upstream downstream north south east west northeast northwest southeast "
    "southwest inland offshore away".split()
)
AMOUNT_WORDS = frozenset("mln bln billion million thousand dlr dlrs pct percent".split())
_HOLDER_SKIP = frozenset("which that who have has had with its their whose".split())
_LOWER_BOUNDS = frozenset("at least|more than|over|upwards of|well over|just over".split("|"))
_UPPER_BOUNDS = frozenset("at most|up to|less than|fewer than|under|just under".split("|"))
_JUST_BELOW = frozenset({"nearly", "almost"})
_POSSIBILITY = frozenset("could may might".split())


def interval(claim: Claim) -> tuple[float, float] | None:
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
    ia, ib = interval(a), interval(b)
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
    ib, io = interval(bound), interval(other)
    if ib is None or io is None:
        return False
    return io[0] > ib[0] * (1 + LOWER_BOUND_SLACK)


def conflict_notes(ctx: StoryContext, pairs: list[tuple[Claim, Claim]]) -> list[str]:
    notes: set[str] = set()
    for a, b in pairs:
        first, second = sorted((a, b), key=lambda c: (value_label(c), c.article_id))
        notes.add(
            f"{value_label(first)} ({first.article_id}) conflicts with {value_label(second)} "
            f"({second.article_id}): {_why(first, second)}; {_alignment(ctx, first, second)}"
        )
    return sorted(notes)


def comparable(ctx: StoryContext, a: Claim, b: Claim, claims: Sequence[Claim]) -> bool:
    """Whether two conflicting claims can be set against each other (see the module's
    docstring)."""
    if a.attrs.get("partitive") or b.attrs.get("partitive"):
        return False  # parts of wholes: "two of its fighters" and "five of its fighters"
    if _one_wording(ctx, a, b) or _template_siblings(ctx, a, b):
        return False  # an update of one report, or one template filled in twice
    if not _same_day_known(ctx, a, b):
        return False  # "yesterday" in two articles: one day only if published the same day
    if _possible(ctx, a) or _possible(ctx, b):
        return False  # "could reach 75,000 tonnes": a possibility, not a figure to dispute
    for claim in (a, b):
        if not _sole_in_sentence(ctx, claim, claims) or partial_or_model(ctx, claim):
            return False
    if a.attrs.get("dimension") == "count":
        # a count of an event: what happened to the counted ("people killed"), or when
        outcome = outcome_of(a)
        same_event = (bool(outcome) and outcome == outcome_of(b)) or _same_time(a, b)
        return same_event and sentence_overlap(ctx, a, b, UNIT_WORDS) >= MIN_SENTENCE_DICE
    if not a.subject or a.subject != b.subject:
        return False
    if _role(ctx, a) != _role(ctx, b):
        return False  # "cut by 20,000 tonnes" is a change, "cut to 50,000 tonnes" a level
    names_a, names_b = sentence_names(ctx, a), sentence_names(ctx, b)
    if a.attrs.get("dimension") in ("money", "percent"):
        # a price, a stake or a rate belongs to one company or country: the two sentences
        # must name the same ones (wire stories give the same figure for many of them)
        shared = len(names_a & names_b) / max(1, len(names_a | names_b))
        if not names_a or shared < MIN_SHARED_NAMES:
            return False
    holder = _holder(ctx, a)
    if holder and holder == _holder(ctx, b):
        return True
    if not shared_names(ctx, a, b):
        return False  # nothing named in both: two bonds, two tenders, two countries' harvests
    if a.attrs.get("facet") == "distance":
        reference = _distance_between(ctx, a)
        return all(reference) and reference == _distance_between(ctx, b)
    return sentence_overlap(ctx, a, b, UNIT_WORDS) >= MIN_SENTENCE_DICE_MEASURE


def _possible(ctx: StoryContext, claim: Claim) -> bool:
    """Whether the claim's clause, up to the claim, says what may happen (``could``,
    ``may``, ``might``) rather than what is."""
    text = ctx.texts.get(claim.article_id, "")
    start, _ = ctx.sentence_of(claim.article_id, claim.start)
    left = max((text.rfind(ch, start, claim.start) for ch in ",;:"), default=-1)
    return any(w in _POSSIBILITY for w in words(text[max(start, left + 1) : claim.start]))


def _same_day_known(ctx: StoryContext, a: Claim, b: Claim) -> bool:
    """Whether a day named relative to publication ("yesterday", "on Monday") in either
    clause is known to be the same day in both: both articles published the same day."""
    relative = any("day:" in c.attrs.get("time", "") for c in (a, b))
    if not relative:
        return True
    day_a, day_b = ctx.published.get(a.article_id), ctx.published.get(b.article_id)
    return day_a is not None and day_a == day_b


def _same_time(a: Claim, b: Claim) -> bool:
    """Both clauses say when, and for each kind of time they both give, the same."""
    times_a = times_by_kind(a.attrs.get("time", ""))
    times_b = times_by_kind(b.attrs.get("time", ""))
    shared = times_a.keys() & times_b.keys()
    return bool(shared) and all(times_a[kind] & times_b[kind] for kind in shared)


def _distance_between(ctx: StoryContext, claim: Claim) -> tuple[str, str, str]:
    """What a distance separates: the first name in its sentence before it, the direction
    word after it and the place it is measured from (``Dunmere ... 12 km downstream of the
    Kestle weir``: ``dunmere``, ``downstream``, ``kestle weir``); empty parts where unsaid."""
    text = ctx.texts.get(claim.article_id, "")
    start, end = ctx.sentence_of(claim.article_id, claim.start)
    names = re.findall(r"\b[A-Z][a-z]+\b", text[start : claim.start])
    after = words(text[claim.end : end])[:8]
    direction = next((w for w in after if w in _DIRECTIONS), "")
    reference: list[str] = []
    if direction:
        for word in after[after.index(direction) + 1 :]:
            if word in ("of", "from", "the", "a"):
                if reference:
                    break
                continue
            if word in NON_CONTENT_WORDS or not word.isalpha():
                break
            reference.append(stem(word))
    return (names[0].lower() if names else "", direction, " ".join(reference[:3]))


def _role(ctx: StoryContext, claim: Claim) -> str:
    """What a measure is to its verb, by the word before it: a change (``by``), a new level
    (``to``), an old one (``from``), or nothing said."""
    text = ctx.texts.get(claim.article_id, "")
    before = words(text[max(0, claim.start - 20) : claim.start])
    return before[-1] if before and before[-1] in ("by", "to", "from") else ""


def _alignment(ctx: StoryContext, a: Claim, b: Claim) -> str:
    dice = sentence_overlap(ctx, a, b, UNIT_WORDS)
    holder = _holder(ctx, a)
    if a.attrs.get("dimension") != "count" and holder and holder == _holder(ctx, b):
        return f"both give the {a.subject} of the {holder}"
    return f"their sentences share {dice:.0%} of their words"


def _one_wording(ctx: StoryContext, a: Claim, b: Claim) -> bool:
    """Whether the two claims' sentences are worded alike but for their figures."""
    return _words_without_figures(ctx, a) == _words_without_figures(ctx, b)


def _words_without_figures(ctx: StoryContext, claim: Claim) -> list[str]:
    start, end = ctx.sentence_of(claim.article_id, claim.start)
    sentence = ctx.texts.get(claim.article_id, "")[start:end]
    return [w for w in words(sentence.lower()) if not any(ch.isdigit() for ch in w)]


def _template_siblings(ctx: StoryContext, a: Claim, b: Claim) -> bool:
    """Whether two sentences are one form filled in for two things: worded much alike, each
    naming something the other does not ("… sale of 15,000 tonnes of frozen poultry to Iraq" and
    "… 10,000 tonnes of frozen poultry to Egypt")."""
    names_a, names_b = sentence_names(ctx, a), sentence_names(ctx, b)
    if not (names_a - names_b and names_b - names_a):
        return False
    return sentence_overlap(ctx, a, b, UNIT_WORDS) >= TEMPLATE_DICE


def _sole_in_sentence(ctx: StoryContext, claim: Claim, claims: Sequence[Claim]) -> bool:
    sentence = ctx.sentence_of(claim.article_id, claim.start)
    block = block_of(claim)
    return not any(
        other.id != claim.id
        and other.kind == FactKind.QUANTITY
        and other.article_id == claim.article_id
        and sentence[0] <= other.start < sentence[1]
        and block_of(other) == block
        for other in claims
    )


def _holder(ctx: StoryContext, claim: Claim) -> str:
    """The thing whose property a measure gives: the content word before its measured thing
    (``rockets with a range of`` -> ``rocket``), within :data:`HOLDER_WORDS` words."""
    text = ctx.texts.get(claim.article_id, "")
    start, _ = ctx.sentence_of(claim.article_id, claim.start)
    before = words(text[start : claim.start])
    subject = claim.subject.split()[-1] if claim.subject else ""
    positions = [i for i, w in enumerate(before) if stem(w) == subject]
    if not positions:
        return ""
    window = before[max(0, positions[-1] - HOLDER_WORDS) : positions[-1]]
    for word in reversed(window):
        if word in NON_CONTENT_WORDS or word in _HOLDER_SKIP or not word.isalpha():
            continue
        if word in UNIT_WORDS or word in NUMBER_WORDS or word in AMOUNT_WORDS:
            return ""  # "200 mln dlr": an amount, not a thing that has the property
        if word in VERB_FORMS or word in PAST_FORMS or word.endswith(("ing", "ed")):
            return ""  # "is issuing a bond for": the verb's object, not a thing's property
        return stem(word)
    return ""


def _why(a: Claim, b: Claim) -> str:
    ia, ib = interval(a), interval(b)
    if (
        ia is not None
        and ib is not None
        and (_far_above_lower_bound(a, b) or _far_above_lower_bound(b, a))
    ):
        bound, other = (a, b) if _far_above_lower_bound(a, b) else (b, a)
        low, value = float(bound.attrs["low"]), float(other.attrs["low"])
        return (
            f"the lower bound {value_label(bound)} and the count {value_label(other)} disagree: "
            f"{value / low - 1:.0%} above the bound, more than the {LOWER_BOUND_SLACK:.0%} "
            f"a lower bound can leave unsaid"
        )
    return f"no overlap even with {TOLERANCE:.0%} tolerance"
