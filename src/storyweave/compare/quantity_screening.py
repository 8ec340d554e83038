"""Numbers that measure nothing a reader would check, set aside before quantities are aligned.

A duration that classes a noun ("a five year bond"), a time reckoned from now ("in the past five
years"), a rate's denominator ("per 100 kilos"), a table row's figures (:func:`no_measure`); a
reporting period ("the six months ended", :func:`reporting_period`); a part of a count or a
model number ("the first two", "iPhone 6", :func:`partial_or_model`).
"""

from __future__ import annotations

import re

from storyweave.compare.common import StoryContext, table_row
from storyweave.facts import UNIT_WORDS
from storyweave.lexicon import NON_CONTENT_WORDS, VERB_FORMS
from storyweave.records import Claim
from storyweave.text import words

_PARTIAL_WORDS = frozenset(
    "first last initial final other remaining another further additional extra next previous "
    "top latest earliest".split()
)
_NAMING_WORDS = frozenset("the his her their its my our your".split())
_GLUED_METRES = re.compile(r"\d+(?:,\d{3})*m")
_RELATIVE_TIME = frozenset(
    "ago after before later earlier old time from into until hence passed".split()
)
_RECKONED_FROM = frozenset("past last next coming after".split())
_SINGULAR_DURATIONS = frozenset("year month week day hour minute".split())
DETERMINERS = frozenset("a an the its their his her our this that".split())
_SOURCING = frozenset("familiar briefed knowledgeable close speaking".split())
# "25 grams or less", "aged 65 or over": a threshold a rule sets, not an amount anyone measured.
_THRESHOLD_TAILS = frozenset(
    ("or", w) for w in "less more fewer over under older younger above below".split()
) | frozenset(("and", w) for w in "over above under below older younger".split())
# "if/whenever ... for two consecutive sessions": a condition, not something that happened.
_CONDITIONS = frozenset("if whenever unless".split())
# "less than 40% of the total", "half of them": a share of a whole the clause does not name.
_UNNAMED_WHOLES = frozenset("them those these it all total whole".split())


def reporting_period(ctx: StoryContext, claim: Claim) -> bool:
    """A duration that frames other figures ("the six months ended", "the 12 months to")."""
    if claim.attrs.get("dimension") != "duration":
        return False
    text = ctx.texts.get(claim.article_id, "")
    after = words(text[claim.end : claim.end + 30])[:3]
    if after[:1] in (["period"], ["periods"]):
        after = after[1:]  # "six months period ended December 31"
    return bool(after) and after[0] in ("ended", "ending", "to", "through", "since", "earlier")


def no_measure(ctx: StoryContext, claim: Claim) -> bool:
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
    rest = [w for w in after[1:] if w not in DETERMINERS]
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


def _classifier(claim: Claim) -> bool:
    """A duration written with its unit in the singular after a number above one ("a five year
    bond", "three month deposits"): a word that classes the noun after it, not a measure."""
    unit_word = claim.text.split()[-1].lower() if claim.text.split() else ""
    return unit_word in _SINGULAR_DURATIONS and claim.attrs.get("low") not in ("1", "1.0")


def partial_or_model(ctx: StoryContext, claim: Claim, wholes: bool = True) -> bool:
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
