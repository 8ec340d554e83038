"""Whether two sentences of a brief tell the same fact in other words.

Content words alone miss a fact retold in other words, so two more signs are read:

- :func:`same_event`: both sentences have the same verb of happening, in their own words or
  in a quotation ("was suspended" / "“I have had the account suspended,” …", "attacked" /
  "was being attacked"; compared by stem), or the same verb with a particle in any form
  ("came out" / "decided to come out": :func:`phrasal_verbs`), and share at least
  :data:`SHARED_PARTICIPANTS` other content words (who or what it happened to). Verbs of saying,
  being and having tell nothing of the event and do not count;
- :func:`same_check`: both sentences say a claim is still being checked ("were checking the
  reports", "could not confirm the video") and share :data:`SHARED_PARTICIPANTS` other
  content words (the same speaker checking);
- :func:`same_measure`: both sentences give one measure of one thing (a distance, a weight),
  in the same unit once normalised (miles as kilometres) and within :data:`MEASURE_RATIO` of
  each other (rounded figures in other units), and share another content word;
- :func:`retells_lead`: an article's first sentence retells the story's event (every article of
  a story is about it), so another article's first sentence that shares
  :data:`SHARED_WITH_LEAD` content words with the lead, or one rare word (Zipf frequency at
  most :data:`RARE_ZIPF`: "segregated", "catfish", the event's own word), says the lead
  again, unless it words a denial or a confirmation (the outcome, which the brief tells).

Synonyms are not used: the thesaurus at hand links too much ("hit" and "gain", "find" and
"keep") for a sentence to be dropped on its word.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from itertools import pairwise

from storyweave.brief.reading import verbs_of_happening
from storyweave.brief.sentences import Sentence
from storyweave.lexicon import NON_CONTENT_WORDS, wordfreq_zipf
from storyweave.stance import GROUPS, stem_of, word_cues
from storyweave.text import words

__all__ = [
    "MEASURE_RATIO",
    "RARE_ZIPF",
    "SHARED_PARTICIPANTS",
    "SHARED_WITH_LEAD",
    "SHARED_WITH_MEASURE",
    "happenings",
    "phrasal_verbs",
    "retells_lead",
    "same_check",
    "same_event",
    "same_measure",
    "tells_happening",
    "verb_stem",
    "verb_stems",
]

SHARED_PARTICIPANTS = 2
SHARED_WITH_LEAD = 2
SHARED_WITH_MEASURE = 1
MEASURE_RATIO = 1.3  # a rounded figure in another unit: "2 km" and "a mile" (1.6 km)
RARE_ZIPF = 4.0
VERB_STEM = 6
_OUTCOME = (GROUPS.index("refute"), GROUPS.index("confirm"))
_DISMISSING = frozenset("rebuff rebuffs rebuffed dismiss dismisses dismissed".split())


def verb_stem(word: str) -> str:
    """The stem of a verb form: -ing, -ed, -s and a doubled last letter cut ("stopped" and
    "stop" give "stop", "suspended" and "suspend" give "suspen")."""
    stem = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
            break
    stem = stem.removesuffix("e")
    if len(stem) >= 4 and stem[-1] == stem[-2]:
        stem = stem[:-1]
    return stem[:VERB_STEM]


# verbs that say who spoke, what is or what something is called, not what happened
_NOT_EVENTS = frozenset(
    verb_stem(w)
    for w in "say said tell told report claim add note state show shown include call called "
    "know known name named dub dubbed title titled base based locate located think thought "
    "believe make made take took taken get got go went gone come came give gave given do did "
    "done have had be been became begin began begun want need try use continue expect describe "
    "accord".split()
)


# a claim still being checked: the check under way, or a confirmation not (yet) given
_CHECKING = frozenset(
    "checking verifying investigating examining reviewing assessing authenticating".split()
)
_VERIFY = frozenset(verb_stem(w) for w in "confirm verify authenticate corroborate".split())
_NEGATIONS = frozenset("not cannot unable no yet".split())
_CHECK_STEMS = frozenset(
    stem_of(w) for w in "checking verifying confirm verify authenticity immediately".split()
)


_DETERMINERS = frozenset("a an the its his her their our this that these those".split())
# particles that make a verb of another meaning ("come out", "step down", "call off")
_PARTICLES = frozenset("out up down off away back".split())
# base forms of irregular past forms, so that "came out" and "to come out" meet
_IRREGULAR_BASES = {
    "came": "come",
    "went": "go",
    "gave": "give",
    "took": "take",
    "broke": "break",
    "ran": "run",
    "got": "get",
    "made": "make",
    "threw": "throw",
    "stood": "stand",
    "fell": "fall",
    "spoke": "speak",
    "held": "hold",
    "brought": "bring",
    "sent": "send",
    "shook": "shake",
    "drew": "draw",
    "blew": "blow",
}


def _event_verbs(sentence: Sentence) -> frozenset[str]:
    return happenings(sentence.text) | phrasal_verbs(sentence.text)


@cache
def happenings(text: str) -> frozenset[str]:
    """The stems of the verbs of happening of ``text`` (quotations included) that tell an
    event: verbs of saying, being, having and the like aside, and past forms right after an
    article or a possessive, which describe a noun ("a combined $1 billion", "the alleged
    attack")."""
    said = [w.lower() for w in words(text)]
    described = {b for a, b in pairwise(said) if a in _DETERMINERS}
    found = {verb_stem(v) for v in verbs_of_happening(text, quotations=True) if v not in described}
    return frozenset(v for v in found if v not in _NOT_EVENTS)


_SAYING = frozenset(
    verb_stem(w) for w in "say said tell told add added note noted write wrote".split()
)


_MODALS = frozenset("will would may might can could should must".split())


@cache
def tells_happening(text: str) -> bool:
    """Whether ``text`` tells something happening, or that may happen: a verb of happening
    other than a verb of saying ("went out", "was told to leave", not only "the board said"),
    a word in -ing ("girls fighting for …", "revealing details") or a verb after a modal ("may
    reveal")."""
    if any(verb_stem(v) not in _SAYING for v in verbs_of_happening(text, quotations=True)):
        return True
    said = [w.lower() for w in words(text)]
    if any(_ing_form(w) for w in said):
        return True
    return any(
        a in _MODALS and b.isalpha() and b not in NON_CONTENT_WORDS for a, b in pairwise(said)
    )


def _ing_form(word: str) -> bool:
    return (
        word.endswith("ing")
        and len(word) >= 5
        and not word.endswith("thing")
        and word not in NON_CONTENT_WORDS
    )


@cache
def verb_stems(text: str) -> frozenset[str]:
    """The stems of every word of ``text`` as a verb's (:func:`verb_stem`), irregular past
    forms as their base's."""
    return frozenset(verb_stem(_IRREGULAR_BASES.get(w, w)) for w in words(text.lower()))


def phrasal_verbs(text: str) -> frozenset[str]:
    """The verbs with a particle in ``text`` ("came out", "to come out", "coming out" all give
    "com out"), any form: the particle marks the word before it as a verb, and the pair has a
    meaning of its own, so "come out" is an event where "come" is not."""
    said = [w.lower() for w in words(text)]
    return frozenset(
        f"{verb_stem(_IRREGULAR_BASES.get(word, word))} {particle}"
        for word, particle in pairwise(said)
        if particle in _PARTICLES and word.isalpha() and word not in NON_CONTENT_WORDS
    )


def same_event(a: Sentence, b: Sentence) -> bool:
    """Whether ``a`` and ``b`` tell one event (module docstring)."""
    verbs = _event_verbs(a) & _event_verbs(b)
    if not verbs:
        return False
    told = verbs | {v.split()[0] for v in verbs}  # "stepped" of "stepped down" is the verb
    shared = {s for s in a.stems & b.stems if verb_stem(s) not in told and s not in _PARTICLES}
    return len(shared) >= SHARED_PARTICIPANTS


def same_check(a: Sentence, b: Sentence) -> bool:
    """Whether ``a`` and ``b`` both say that a claim is still being checked ("officials were
    checking the reports" / "could not confirm the authenticity of the video") and share
    :data:`SHARED_PARTICIPANTS` content words (who checks: the same speaker)."""
    if not (_still_checked(a.text) and _still_checked(b.text)):
        return False
    shared = {s for s in a.stems & b.stems if s not in _CHECK_STEMS}
    return len(shared) >= SHARED_PARTICIPANTS


def _still_checked(text: str) -> bool:
    """A check under way ("checking", "trying to verify") or an unconfirmed claim ("could not
    confirm", "has not verified")."""
    said = [w.lower() for w in words(text)]
    if _CHECKING.intersection(said):
        return True
    negated = _NEGATIONS.intersection(said) or any(w.endswith("n't") for w in said)
    return bool(negated) and any(verb_stem(w) in _VERIFY for w in said)


def same_measure(a: Sentence, b: Sentence) -> bool:
    """Whether ``a`` and ``b`` give one measure of one thing, maybe in other units and
    rounded ("less than 2km from Kestle" / "one mile from Kestle": both near 1.6 km), and
    share another content word (where, or of what)."""
    close = any(
        thing == other and unit == other_unit and _near(value, other_value)
        for thing, unit, value in a.measures
        for other, other_unit, other_value in b.measures
    )
    return close and len(a.stems & b.stems) >= SHARED_WITH_MEASURE


def _near(a: float, b: float) -> bool:
    low, high = sorted((a, b))
    return low > 0 and high / low <= MEASURE_RATIO


def retells_lead(sentence: Sentence, lead: Sentence) -> bool:
    """Whether ``sentence``, another article's first sentence, says the lead again."""
    if sentence.prose != 0 or sentence.article_id == lead.article_id:
        return False
    said = words(sentence.text)
    if _DISMISSING.intersection(said) or any(word_cues(w)[g] for w in said for g in _OUTCOME):
        return False
    shared = sentence.stems & lead.stems
    if len(shared) >= SHARED_WITH_LEAD:
        return True
    zipf = _zipf()
    rare = [t for t in sentence.terms if stem_of(t) in shared]
    return zipf is not None and any(0 < zipf(t) <= RARE_ZIPF for t in rare)


@cache
def _zipf() -> Callable[[str], float] | None:
    return wordfreq_zipf()
