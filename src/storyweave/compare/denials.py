"""Whose denial a refuting sentence reports: the outlet's own voice, or a party it cites.

"The ministry denied …", "… is false, a spokesman said", "according to police": the party the
sentence attributes its refutation to (:func:`attributed_party`); a refutation inside a quotation
whose speaker is not named is a cited party's (:data:`FOREIGN_PARTY`); a sentence that refutes
without attributing speaks in the outlet's own voice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyweave.lexicon import ORG_WORDS, ROLE_WORDS
from storyweave.records import Span
from storyweave.stance import GROUPS, tokens, word_cues
from storyweave.text import LazyPattern

MAX_PARTY_WORDS = 6
REFUTE = GROUPS.index("refute")
_SPEECH = r"(?:said|says|told|added|insisted|insists|stated|states|explained|wrote|tweeted)"
_DENYING = (
    r"(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes"
    r"|disputed|disputes|debunked|debunks|called|calls|branded|brands|labell?ed|described"
    r"|slammed|insisted|insists|maintained|maintains|countered)"
)
_ADVERBS = frozenset(
    "has have had was were is are been being be also quickly strongly flatly firmly "
    "categorically officially "
    "swiftly vehemently later since then publicly repeatedly already previously".split()
)
_BOUNDARY = frozenset(
    "that which who whom whose and but or as when after while because although though since "
    "before if than where".split()
)
_BE = frozenset("was were is are been being be".split())
_PRONOUNS = frozenset("he she they it we i you his her their its this these those".split())
_QUOTE_MARKS = '"“”„«»'
_ACCORDING = LazyPattern(r"\baccording to\s+(?P<party>[^,.;:!?\"“”()]+)", re.IGNORECASE)
_SPEECH_AFTER = LazyPattern(rf"\b{_SPEECH}\s+(?P<party>[^,.;:!?\"“”()]+)", re.IGNORECASE)
_VERB_BEFORE = LazyPattern(rf"\b(?:{_SPEECH}|{_DENYING})\b", re.IGNORECASE)
FOREIGN_PARTY = "a party the article cites"
# Who, besides named parties and people by their role, is reported to deny things.
_SPEAKER_NOUNS = (
    ROLE_WORDS
    | ORG_WORDS - {"post", "times", "news", "journal", "press"}
    | frozenset(
        """
    police officials authorities ministry government company firm witness witnesses analysts
    sources source lawyers representatives agency department office experts researchers
    scientists spokesmen family relatives friends residents staff employees administration
    military army regulators investigators prosecutors officers
    """.split()
    )
)
_TIME_TAIL = LazyPattern(
    r"\s+(?:late\s+|early\s+)?(?:on|in|at|today|yesterday|this|last)\b.*$", re.IGNORECASE
)


def denying_party(evidence: Sequence[Span]) -> str | None:
    """Who the article says denies; None when it denies in its own voice: one of its
    refuting evidence sentences attributes the refutation to nobody. "" when its evidence holds
    no refutation cue at all: what it denies, and who, is unclear."""
    parties = [attributed_party(span.text) for span in evidence if _refutes(span.text)]
    if not parties:
        return ""
    if None in parties:
        return None
    return next(p for p in parties if p is not None)


def reported_denial(evidence: Sequence[Span]) -> str | None:
    """Who denies the claim in an article that reports it without taking a side: the party
    its refuting evidence sentences attribute the refutation to, when they all attribute it."""
    parties = [attributed_party(span.text) for span in evidence if _refutes(span.text)]
    if not parties or None in parties:
        return None
    return next(p for p in parties if p is not None)


def speaker_like(party: str) -> bool:
    """Whether a party read off a refuting sentence is someone who can deny: a name ("USAir",
    "the Detroit Free Press") or people by their role ("a spokesman", "Wall Street analysts").
    Fragments ("to", "in 1993", "the urban myth") and unnamed quoted parties are not."""
    words = party.split()
    if party == FOREIGN_PARTY or not words or any(ch.isdigit() for ch in party):
        return False
    head = words[-1].strip(".,'’")
    return head[:1].isupper() or head.lower() in _SPEAKER_NOUNS


def _refutes(sentence: str) -> bool:
    return any(word_cues(w)[REFUTE] for w, _, _ in tokens(sentence))


def attributed_party(sentence: str) -> str | None:
    """The party a sentence attributes its refutation to ("The ministry denied …" -> "The
    ministry"; "… is false, a spokesman said" -> "a spokesman"; "according to police" ->
    "police"), :data:`FOREIGN_PARTY` for a refutation inside a quotation whose speaker is not
    named here, None when the sentence speaks in its own voice."""
    for match in _ACCORDING.finditer(sentence):
        party = _trim_after(match.group("party"))
        if party:
            return party
    for match in _VERB_BEFORE.finditer(sentence):
        if match.start() and sentence[match.start() - 1] == "-":
            continue  # "so-called"
        party = _subject_before(sentence[: match.start()], sentence[match.end() :])
        if party:
            return party
    for match in _SPEECH_AFTER.finditer(sentence):
        party = _trim_after(match.group("party"))
        if party:
            return party
    if _refutation_quoted(sentence):
        return FOREIGN_PARTY
    return None


def _subject_before(before: str, after: str) -> str:
    """The noun phrase that ends ``before``, the subject of the verb between ``before`` and
    ``after``; for a passive verb ("was denied by police") the agent after it."""
    words = before.split()
    passive = False
    while words and words[-1].lower() in _ADVERBS:
        word = words.pop().lower()
        passive = passive or word in _BE
    if passive:
        agent = re.match(r"\s*by\s+(?P<party>[^,.;:!?\"“”()]+)", after)
        return _trim_after(agent.group("party")) if agent else FOREIGN_PARTY
    kept: list[str] = []
    for word in reversed(words):
        if word[-1] in ",;:" or any(mark in word for mark in _QUOTE_MARKS):
            break
        if word.lower() in _BOUNDARY:
            break
        kept.append(word)
        if len(kept) >= MAX_PARTY_WORDS:
            break
    return _named(" ".join(reversed(kept)))


def _trim_after(text: str) -> str:
    kept: list[str] = []
    for word in text.split():
        if word.lower() in _BOUNDARY or (kept and word.lower() in ("on", "in", "at", "to")):
            break
        kept.append(word)
        if len(kept) >= MAX_PARTY_WORDS:
            break
    return _named(" ".join(kept))


def _named(party: str) -> str:
    party = _TIME_TAIL.sub("", party)  # "Saudi Arabian Airlines on Sunday"
    if not party:
        return ""
    if party.lower() in _PRONOUNS:
        return FOREIGN_PARTY
    return party


def _refutation_quoted(sentence: str) -> bool:
    inside = False
    for m in re.finditer(r"[\"“”„«»]|[^\"“”„«»]+", sentence):
        piece = m.group(0)
        if len(piece) == 1 and piece in _QUOTE_MARKS:
            inside = not inside
        elif inside and _refutes(piece):
            return True
    return False
