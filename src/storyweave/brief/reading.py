"""How a sentence reads at the head of a brief or after the ones before it.

- :func:`states_event`: the sentence tells something that happened (or is reported to happen):
  it has a verb of happening (a past form, "is planning", "will open") after some subject,
  and it is not background ("has long been", "for years", "four years ago", "usually");
- :func:`garbled`: words repeated back to back ("the terrorist group terrorist group"), the
  mark of a botched rewrite or machine translation;
- :func:`leaning_heads`: the noun phrases that lean on a sentence before: a demonstrative
  ("those reports", "this deal") or a bare definite subject opening the sentence ("The handset
  will …", "The family also …") whose head noun the sentence itself and the sentences before
  it never introduced. Names ("The White House"), times ("this week") and nouns with a modifier
  ("The evacuation order") do not lean.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from storyweave.facts.lexicon import PAST_FORMS, STOPWORDS
from storyweave.stance.features import stem_of
from storyweave.text import CALENDAR_WORDS

__all__ = ["garbled", "leaning_heads", "states_event"]

_TOKEN = re.compile(r"[A-Za-z][\w’'-]*|\d[\d.,:]*|[,;:]")
_PARTICIPLES = frozenset(
    "been done gone seen taken given shown known chosen stolen driven written broken fallen "
    "begun sunk hidden risen grown thrown drawn flown".split()
)
# irregular past forms beyond the shared list (a verb of happening in a news lead)
_IRREGULAR_PAST = frozenset(
    "woke wore bought beat hid bit ate drank dug forgot froze got grew hung knew lay lit meant "
    "rode rang shook shut sang sat slept spoke stole stuck swam swore taught tore thought "
    "withdrew blew chose drove forbade forgave kept lent rose sought shone slid spun sprang "
    "strove swung wove".split()
)
_BE = frozenset("is are was were be been being".split())
_FUTURE = frozenset(("will",))
# background: a state of long standing or a habit, not what happened
_BACKGROUND = re.compile(
    r"\b(?:ha(?:s|ve|d)\s+long|for\s+(?:many\s+)?(?:years|decades|generations)"
    r"|(?:years|decades)\s+ago|ever\s+since|usually|traditionally|typically|generally"
    r"|it[’']s\s+been)\b",
    re.IGNORECASE,
)
# the reader addressed ("If you've been following …"): commentary, not the event
_READER = re.compile(r"\b(?:you|your|you[’']ve|you[’']re|you[’']ll)\b", re.IGNORECASE)
_NOT_PAST = frozenset("need needed indeed speed seed feed bed red shed breed".split())
_DEMONSTRATIVES = frozenset(("this", "that", "these", "those"))
_TIME_NOUNS = (
    frozenset(
        "time year years week weeks month months day days morning afternoon evening night weekend "
        "season summer winter spring autumn fall decade century hour hours moment way".split()
    )
    | CALENDAR_WORDS
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_QUOTED.sub(" ", text))


def _verb_of_happening(tokens: list[str], at: int) -> bool:
    word = tokens[at].lower()
    if word in PAST_FORMS or word in _PARTICIPLES or word in _IRREGULAR_PAST:
        return True
    if word.endswith("ed") and len(word) > 4 and word not in _NOT_PAST:
        return True
    before = [t.lower() for t in tokens[max(0, at - 2) : at]]
    if not before:
        return False
    if word.endswith("ing") and len(word) >= 5:
        # "is planning", "is reportedly planning"
        return before[-1] in _BE or (before[-1].endswith("ly") and before[0] in _BE)
    # "will open", not a hedge ("will likely …")
    verb = word.isalpha() and word not in STOPWORDS and not word.endswith("ly")
    return before[-1] in _FUTURE and verb


def states_event(text: str) -> bool:
    """Whether ``text`` tells an event (module docstring)."""
    if _BACKGROUND.search(text) or _READER.search(_QUOTED.sub(" ", text)):
        return False
    tokens = _TOKEN.findall(text)
    for at in range(1, len(tokens)):
        if not _verb_of_happening(tokens, at):
            continue
        subject = [t for t in tokens[:at] if t.isalpha() and t.lower() not in STOPWORDS]
        if subject:
            return True
    return False


def garbled(text: str) -> bool:
    """Whether a run of two or more words comes twice back to back in ``text``."""
    tokens = [t.lower() for t in _tokens(text) if t not in ",;:"]
    for size in (2, 3, 4):
        for at in range(len(tokens) - 2 * size + 1):
            if tokens[at : at + size] == tokens[at + size : at + 2 * size]:
                return True
    return False


def leaning_heads(text: str, told: Iterable[str] = ()) -> list[str]:
    """The head nouns of the noun phrases of ``text`` that lean on a sentence before it
    (module docstring); ``told``: the stems the brief has already introduced."""
    known = set(told)
    tokens = _tokens(text)
    found: list[str] = []
    for at, token in enumerate(tokens[:-1]):
        phrase = _leaning_phrase(tokens, at)
        if phrase and not any(_introduced(stem_of(w), known) for w in phrase):
            found.append(phrase[-1])
        known.add(stem_of(token.lower()))
    return found


def _introduced(stem: str, known: set[str]) -> bool:
    """Whether ``stem`` or a word of its family ("plans", "planned") was told before."""
    if stem in known:
        return True
    return len(stem) >= 4 and any(
        len(k) >= 4 and (k.startswith(stem) or stem.startswith(k)) for k in known
    )


def _noun(token: str) -> bool:
    return token.isalpha() and token.islower() and token not in STOPWORDS


def _leaning_phrase(tokens: list[str], at: int) -> list[str]:
    """The words of a noun phrase starting at ``tokens[at]`` that may lean on a sentence
    before (empty when none starts there): a demonstrative's next one or two nouns, or an
    opening "The" and its one noun before a verb or a function word."""
    word = tokens[at].lower()
    if not _noun(tokens[at + 1]) or tokens[at + 1] in _TIME_NOUNS:
        return []
    if word in _DEMONSTRATIVES - {"that"}:  # "that" also joins clauses ("said that …")
        phrase = tokens[at + 1 : at + 3]
        return [w for w in phrase[:1] + [w for w in phrase[1:] if _noun(w)]]
    if word != "the" or at != 0 or at + 2 >= len(tokens):
        return []
    after = tokens[at + 2]
    bare = after.lower() in STOPWORDS or after == "," or _verb_of_happening(tokens, at + 2)
    return [tokens[at + 1]] if bare else []
