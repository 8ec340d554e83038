"""Things a sentence points back to: "the gas station" where its article told of "a gas
station" before.

An article introduces a thing with an indefinite noun phrase ("a gas station", "an enormous
catfish", "276 schoolgirls") and then points back to it with "the" ("Sixteen people were
arrested at the gas station"). Taken into a brief alone, the second sentence points at
something the brief never told. :func:`pointed_back` finds the head nouns of the definite
noun phrases of a sentence (outside quotations; "the", at most two words describing it, the
noun) that its article introduced before with "a", "an", a number or a quantifier, and that
nothing after the noun says which one it is ("the station where …", "the report of …").
"""

from __future__ import annotations

import re

from storyweave.brief.reading import TIME_NOUNS
from storyweave.lexicon import NON_CONTENT_WORDS

__all__ = ["introductions", "pointed_back", "pointed_back_at"]

_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")
_WORD = re.compile(r"[A-Za-z][\w’'-]*|\d[\d,.]*|[^\w\s]")
MIN_WORDS = 2  # a noun and a word describing it: "the operation" may well be inferred
MAX_DESCRIBING = 2  # words between "the" and its noun ("the huge wels catfish")
# words after a noun saying which one it is
_SPECIFYING = frozenset("of that which who whom whose where when about from in at on".split())
# introducing a thing: "a", "an", a number, a quantifier
_INDEFINITE = (
    r"(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands"
    r"|several|some|many|\d[\d,]*)"
)

_INTRODUCING = re.compile(rf"\b{_INDEFINITE}\s+(?=((?:[\w-]+\s+){{0,{MAX_DESCRIBING + 1}}}[\w-]+))")


def _noun(word: str) -> bool:
    return word.isalpha() and word.islower() and word not in NON_CONTENT_WORDS


def introductions(text: str) -> dict[str, int]:
    """Where ``text`` first introduces each word with an indefinite ("a", "an", a number, a
    quantifier) within the :data:`MAX_DESCRIBING` + 2 words after it ("a masked man": "masked"
    and "man"), by the offset of the indefinite."""
    found: dict[str, int] = {}
    for match in _INTRODUCING.finditer(text.lower()):
        for word in match.group(1).split():
            found.setdefault(word, match.start())
    return found


def _introduced(
    tokens: list[str], at: int, size: int, start: int, told: dict[str, int]
) -> str | None:
    """The noun ending the phrase of ``size`` words after "the" at ``at`` when the article
    introduced it before ``start`` (``told``: :func:`introductions`) and the sentence did
    not, else None."""
    end = at + 1 + size
    noun = tokens[end - 1]
    after = tokens[end] if end < len(tokens) else "."
    if after.lower() in _SPECIFYING or after[:1].isupper() or after[:1].isdigit():
        return None  # which one it is, or a name is its head ("the smaller 6")
    if noun in TIME_NOUNS or noun.endswith(("ly", "ing")):
        return None
    if told.get(noun, start) >= start:
        return None
    said = introductions(" ".join(tokens[:at]))
    return None if noun in said else noun


def pointed_back(text: str, before: str) -> frozenset[str]:
    """The definite noun phrases of ``text`` (their words after "the", the head noun last)
    whose thing ``before`` (its article's text before it) introduced with an indefinite one
    (module docstring)."""
    return pointed_back_at(text, len(before), introductions(before))


def pointed_back_at(text: str, start: int, told: dict[str, int]) -> frozenset[str]:
    """:func:`pointed_back` of ``text`` at ``start`` in an article whose introductions are
    ``told`` (:func:`introductions`)."""
    tokens = _WORD.findall(_QUOTED.sub(" ", text))
    found = set()
    for at, token in enumerate(tokens):
        if token.lower() != "the":
            continue
        phrase = []
        for word in tokens[at + 1 : at + 2 + MAX_DESCRIBING]:
            if not _noun(word):
                break
            phrase.append(word)
        # the noun: the last word of the phrase that the article introduced ("the masked man
        # fled": "a masked man"), the phrase no shorter than MIN_WORDS
        for size in range(len(phrase), MIN_WORDS - 1, -1):
            noun = _introduced(tokens, at, size, start, told)
            if noun is not None:
                found.add(" ".join([*phrase[: size - 1], noun]))
                break
    return frozenset(found)
