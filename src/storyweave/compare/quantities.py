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
Monday``) is one day in two articles only when both were published that day. Nor are two
values an article gives both of (a tender and the season's total, an estimate and its revision),
or values of reports published more than :data:`MAX_DAYS_APART` days apart (an update, or a
second event of the same kind: wire services report many tenders alike). A group whose values
conflict without such a pair, or that holds more than :data:`MAX_DISPUTED_VALUES` values, is
not reported at all: it mixes different things more often than it shows a dispute.

Each claim becomes an interval: a range is itself, ``at least N`` is ``[N, ∞)``, ``up to N`` is
``[0, N]``, ``nearly N`` is ``[0.9 N, N]``, and hedges like ``around`` add nothing beyond the
tolerance. Two claims from different independent sources conflict when their intervals, each
widened by :data:`TOLERANCE` (rounding, unit conversions), do not overlap: a point outside a
range, or two ranges that do not meet. A lower bound (``at least 240 homes``) also conflicts
with another source's count (``about 410 homes``) more than :data:`LOWER_BOUND_SLACK` above it:
a reporter who writes "at least N" reports the count as known; a count far above it is a
different account of the same number, not a refinement of it.

Values within the tolerance of each other corroborate one figure, except counts, sums of money
and percentages given exactly: "172 engines" and "176 engines" are two figures. Some numbers
measure nothing to check (:func:`_no_measure`): a duration that classes a noun ("a five year
bond"), a time reckoned from now ("in the past five years"), a rate's denominator ("per 100
kilos"), a table row's figures.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from storyweave.compare.common import (
    MAX_DAYS_APART,
    StoryContext,
    clause_phrase,
    make_finding,
    make_variant,
    sentence_names,
    sentence_overlap,
    shared_names,
    table_row,
)
from storyweave.facts import UNIT_WORDS
from storyweave.graph import components
from storyweave.lexicon import NON_CONTENT_WORDS, NUMBER_WORDS, PAST_FORMS, VERB_FORMS
from storyweave.records import Claim, FactKind, Finding, FindingStatus
from storyweave.text import stem, words

TOLERANCE = 0.05
_NOT_PHYSICAL = frozenset({"count", "money", "duration", "percent", None})
LOWER_BOUND_SLACK = 0.5
MAX_DISPUTE_RATIO = 10.0
CONTEXT_WORDS = 15
MIN_SHARED_CONTEXT = 2
MIN_SHARED_CONTEXT_COUNT = 3
MIN_CONTEXT_DICE_COUNT = 0.25
MIN_SENTENCE_DICE = 0.4
MIN_CORROBORATION_OVERLAP = 0.25
MIN_SENTENCE_DICE_MEASURE = 0.5
MIN_SHARED_NAMES = 0.5  # Jaccard of the names of two sentences giving money or a percentage
# Two sentences sharing this much of their words that each name something the other does not
# are one template filled in for two things (poultry sales to two countries): never a dispute.
TEMPLATE_DICE = 0.8
MAX_DISPUTED_VALUES = 3
HOLDER_WORDS = 5  # how far before the measured thing its holder may stand
_PARTIAL_WORDS = frozenset(
    "first last initial final other remaining another further additional extra next previous "
    "top latest earliest".split()
)
_DIRECTIONS = frozenset(
    "from of upstream downstream north south east west northeast northwest southeast "
    "southwest inland offshore away".split()
)
_AMOUNT_WORDS = frozenset("mln bln billion million thousand dlr dlrs pct percent".split())
_NAMING_WORDS = frozenset("the his her their its my our your".split())
_GLUED_METRES = re.compile(r"\d+(?:,\d{3})*m")
_AMOUNT_PREFIX = frozenset(
    "a an about around almost nearly some over under up to at least most more fewer less than "
    "as many much just well roughly approximately estimated and or".split()
)
_HOLDER_SKIP = frozenset("which that who have has had with its their whose".split())
_LOWER_BOUNDS = frozenset("at least|more than|over|upwards of|well over|just over".split("|"))
_UPPER_BOUNDS = frozenset("at most|up to|less than|fewer than|under|just under".split("|"))
_JUST_BELOW = frozenset({"nearly", "almost"})
_RELATIVE_TIME = frozenset(
    "ago after before later earlier old time from into until hence passed".split()
)
_EXACT = frozenset({"count", "money", "percent"})
_POSSIBILITY = frozenset("could may might".split())
_RECKONED_FROM = frozenset("past last next coming after".split())
_SINGULAR_DURATIONS = frozenset("year month week day hour minute".split())
_DETERMINERS = frozenset("a an the its their his her our this that".split())
_VERB_LINKS = frozenset("at to by about around nearly almost some".split())
_SOURCING = frozenset("familiar briefed knowledgeable close speaking".split())
# "25 grams or less", "aged 65 or over": a threshold a rule sets, not an amount anyone measured.
_THRESHOLD_TAILS = frozenset(
    ("or", w) for w in "less more fewer over under older younger above below".split()
) | frozenset(("and", w) for w in "over above under below older younger".split())
# "if/whenever ... for two consecutive sessions": a condition, not something that happened.
_CONDITIONS = frozenset("if whenever unless".split())
# "less than 40% of the total", "half of them": a share of a whole the clause does not name.
_UNNAMED_WHOLES = frozenset("them those these it all total whole".split())


def quantity_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Findings for the story's quantity claims (one per aligned group of quantities)."""
    by_block: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind != FactKind.QUANTITY or _interval(claim) is None:
            continue
        if _partial_or_model(ctx, claim, wholes=False) or _reporting_period(ctx, claim):
            continue  # "the top 10", "iPhone 6", "the six months ended": no fact to align
        if _no_measure(ctx, claim):
            continue  # "one day", "six years ago", "three people familiar with", "a 911 call"
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
        if verb and not (len(before) >= 2 and before[-2] in _DETERMINERS):  # "a range"
            return True
    return any(c.attrs.get("verb") == subject for c in group)


def _physical(group: list[Claim]) -> bool:
    """Whether the group measures a physical quantity (a length, mass, volume or speed)."""
    return all(c.attrs.get("dimension") not in _NOT_PHYSICAL for c in group)


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
        if (
            word.replace("-", "").isalpha()
            and word not in NON_CONTENT_WORDS
            and word not in UNIT_WORDS
        ):
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
        evidence = [*_conflict_notes(ctx, comparable_pairs), *_conversion_notes(group)]
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
        by_label[_label(claim)].append(claim)
    return sorted(
        by_label.items(), key=lambda item: (-ctx.sources(item[1]), ctx.earliest(item[1]), item[0])
    )


def _told_apart(ctx: StoryContext, group: list[Claim], a: Claim, b: Claim) -> bool:
    """Whether two values are shown to be of different things or moments: an article of the
    group gives both (a tender and the season's total, an estimate and its revision), or the
    two reports were published more than :data:`MAX_DAYS_APART` days apart (a figure updated,
    or a second tender of the same kind)."""
    label_a, label_b = _label(a), _label(b)
    articles_a = {c.article_id for c in group if _label(c) == label_a}
    articles_b = {c.article_id for c in group if _label(c) == label_b}
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


def _conflict_notes(ctx: StoryContext, pairs: list[tuple[Claim, Claim]]) -> list[str]:
    notes: set[str] = set()
    for a, b in pairs:
        first, second = sorted((a, b), key=lambda c: (_label(c), c.article_id))
        notes.add(
            f"{_label(first)} ({first.article_id}) conflicts with {_label(second)} "
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
        if not _sole_in_sentence(ctx, claim, claims) or _partial_or_model(ctx, claim):
            return False
    if a.attrs.get("dimension") == "count":
        # a count of an event: what happened to the counted ("people killed"), or when
        outcome = _outcome(a)
        same_event = (bool(outcome) and outcome == _outcome(b)) or _same_time(a, b)
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
    times_a = _times_by_kind(a.attrs.get("time", ""))
    times_b = _times_by_kind(b.attrs.get("time", ""))
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


def _reporting_period(ctx: StoryContext, claim: Claim) -> bool:
    """A duration that frames other figures ("the six months ended", "the 12 months to")."""
    if claim.attrs.get("dimension") != "duration":
        return False
    text = ctx.texts.get(claim.article_id, "")
    after = words(text[claim.end : claim.end + 30])[:3]
    if after[:1] in (["period"], ["periods"]):
        after = after[1:]  # "six months period ended December 31"
    return bool(after) and after[0] in ("ended", "ending", "to", "through", "since", "earlier")


def _no_measure(ctx: StoryContext, claim: Claim) -> bool:
    """A number that measures nothing a reader would check: "one" as an article ("one day",
    "one officer"), a time reckoned from another ("six years ago", "two weeks after", "in the
    past five years", "the first time in 36 years"), an age ("three years old"), a duration
    that classes a thing ("a five year bond", "six month funds"), a count of a report's
    sources ("three people familiar with"), a number that names ("a 911 call"), a figure of a
    table row ("Grade B 210 tonnes 3mths 101.50")."""
    if table_row(ctx, claim):
        return True
    text = ctx.texts.get(claim.article_id, "")
    if _threshold(text, claim) or _conditional(ctx, text, claim) or _share_of_unnamed(text, claim):
        return True
    if words(text[max(0, claim.start - 10) : claim.start])[-1:] == ["per"]:
        return True  # "12.5 crowns per 100 kilos": a rate's denominator
    dimension = claim.attrs.get("dimension")
    if dimension == "length" and _distance_name(text, claim):
        return True
    if dimension not in ("count", "duration"):
        return False
    one = claim.attrs.get("low") in ("1", "1.0") and claim.attrs.get("high") in ("1", "1.0")
    if one and (not claim.attrs.get("approx") or _named_after(text, claim)):
        return True  # "at least one missile" is a count; "one officer" an article
    after = words(text[claim.end : claim.end + 30])[:2]
    if after[:1] in (["had"], ["have"], ["has"]):
        after = after[1:]  # "six months had passed"
    if dimension == "duration":
        before = [w for w in words(text[max(0, claim.start - 30) : claim.start]) if w != "exactly"]
        return (
            (bool(after) and after[0] in _RELATIVE_TIME)
            or (bool(before) and before[-1] in _RECKONED_FROM)
            or before[-2:] in (["time", "in"], ["first", "in"])  # "his first in four months"
            or _classifier(claim)
        )
    if after and after[0] in _SOURCING:
        return True
    before = text[max(0, claim.start - 4) : claim.start].lower().split()
    return bool(before) and before[-1] in ("a", "an") and claim.text[:1].isdigit()


def _threshold(text: str, claim: Claim) -> bool:
    """A limit a rule sets ("25 grams or less", "aged 65 or over")."""
    after = words(text[claim.end : claim.end + 30])
    if after and after[0] == "of" and claim.attrs.get("dimension") != "count":
        after = after[2:]  # "25 grams of marijuana or less"
    return tuple(after[:2]) in _THRESHOLD_TAILS


def _conditional(ctx: StoryContext, text: str, claim: Claim) -> bool:
    """Whether the claim's clause is a condition ("whenever ... for two consecutive sessions",
    "if prices rise 5%"): what would follow if it happened, not what happened."""
    start, _ = ctx.sentence_of(claim.article_id, claim.start)
    left = max((text.rfind(ch, start, claim.start) for ch in ",;:"), default=-1)
    return any(w in _CONDITIONS for w in words(text[max(left + 1, start) : claim.start]))


def _share_of_unnamed(text: str, claim: Claim) -> bool:
    """A percentage of a whole the clause does not name ("less than 40% of the total are
    updated", "30% of them"): the reader cannot tell what was measured."""
    if claim.attrs.get("dimension") != "percent":
        return False
    after = words(text[claim.end : claim.end + 40])
    if after[:1] != ["of"]:
        return False
    rest = [w for w in after[1:] if w not in _DETERMINERS]
    if not rest or rest[0] not in _UNNAMED_WHOLES:
        return False
    return (
        rest[0] != "total"
        or len(rest) == 1
        or rest[1] in NON_CONTENT_WORDS
        or rest[1] in VERB_FORMS
    )


def _named_after(text: str, claim: Claim) -> bool:
    """A count of one followed by the name of that one ("at least one website, National
    Report, stated"): it picks a thing out, it does not count anything."""
    rest = text[claim.end : claim.end + 60]
    return (
        re.match(r"\s*[\w-]*\s*,\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*\s*,", rest) is not None
    )


def _distance_name(text: str, claim: Claim) -> bool:
    """Whether a distance written as one token names a race, a record or a mark rather than
    measuring anything in the sentence ("the 100m title", "a 400m champion", "the 5m
    barrier"): a noun right after it, and before it "the", a possessive or a capitalised word
    ("Olympic 100m champion"); "a 5m wall" measures a wall, "rose 5m overnight" a river."""
    if claim.attrs.get("facet") or not _GLUED_METRES.fullmatch(claim.text):
        return False  # "5m high" measures a height
    after = words(text[claim.end : claim.end + 20])[:1]
    before = text[max(0, claim.start - 30) : claim.start].split()[-1:]
    named = bool(before) and (before[0][:1].isupper() or before[0].lower() in _NAMING_WORDS)
    return (
        named
        and bool(after)
        and after[0].isalpha()
        and after[0] not in NON_CONTENT_WORDS
        and after[0] not in UNIT_WORDS
        and text[claim.end : claim.end + 1] == " "
    )


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


def _classifier(claim: Claim) -> bool:
    """A duration written with its unit in the singular after a number above one ("a five year
    bond", "three month deposits"): a word that classes the noun after it, not a measure."""
    unit_word = claim.text.split()[-1].lower() if claim.text.split() else ""
    return unit_word in _SINGULAR_DURATIONS and claim.attrs.get("low") not in ("1", "1.0")


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
        and first not in _AMOUNT_WORDS
        and first not in PAST_FORMS
        and first not in VERB_FORMS
        and not first.endswith(("ed", "ing", "ly"))
    )


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
    block = _block(claim)
    return not any(
        other.id != claim.id
        and other.kind == FactKind.QUANTITY
        and other.article_id == claim.article_id
        and sentence[0] <= other.start < sentence[1]
        and _block(other) == block
        for other in claims
    )


def _partial_or_model(ctx: StoryContext, claim: Claim, wholes: bool = True) -> bool:
    """ "the first two", "the other three" (a part), "iPhone 6", "MiG 21 and 23" (model
    numbers), and with ``wholes`` "two of the four" (the whole of a part, which a count of
    the part must not be set against)."""
    text = ctx.texts.get(claim.article_id, "")
    before = [w.lower().strip(",;:") for w in text[max(0, claim.start - 40) : claim.start].split()]
    raw = text[max(0, claim.start - 40) : claim.start].split()
    if any(w in _PARTIAL_WORDS for w in before[-2:]):
        return True
    partitive_whole = len(before) >= 2 and before[-2] == "of"
    if wholes and partitive_whole and before[-1] in ("the", "its", "their", "all"):
        return True
    if claim.attrs.get("dimension") != "count" or not raw:
        return False
    if len(raw) >= 2 and before[-1] in ("and", "or", "&"):
        raw = raw[:-1]  # "MiG 21 and 23": the word before the list
    last = raw[-1]
    return any(ch.isdigit() for ch in last) or (last[:1].isupper() and not last.endswith("."))


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
        if word in UNIT_WORDS or word in NUMBER_WORDS or word in _AMOUNT_WORDS:
            return ""  # "200 mln dlr": an amount, not a thing that has the property
        if word in VERB_FORMS or word in PAST_FORMS or word.endswith(("ing", "ed")):
            return ""  # "is issuing a bond for": the verb's object, not a thing's property
        return stem(word)
    return ""


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
