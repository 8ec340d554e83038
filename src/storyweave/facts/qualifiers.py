"""What a number is said of, beyond its unit: the facts that tell two quantities apart.

A fact-checker compares two numbers only when they describe the same thing in the same state:

- a *label* (``Gate 3``, ``Route 9``, ``No. 5``) names something; it is not a quantity at all;
- a *facet* after a length says which dimension it is (``12 m wide``, ``58 m high``, ``14 km
  downstream``: width, height, distance), or that it is a difference (``1.6 m above flood
  stage``);
- the *change verb* before a reading of a changing quantity (``rose to``, ``peaked at``,
  ``had fallen to``) and the *time* of the clause (``by mid-morning``, ``at 3pm``, ``on
  Tuesday``) tell readings of one river level apart;
- a *restrictive qualifier* (``the other three gates``, ``three gates that still worked``)
  counts a subset, not the whole.

All functions here are pure and look only at the text around a match.
"""

from __future__ import annotations

import re

from storyweave.facts.lexicon import MONTHS, WEEKDAYS
from storyweave.lexicon import NON_CONTENT_WORDS, NUMBER_WORDS

_WORD = re.compile(r"[\w’'-]+")
_LABEL_WORDS = frozenset("no no. nos nr num number".split())
# Words that stand capitalised before a count without naming it (sentence openers).
_NOT_LABELS = frozenset(
    "another exactly only just all some nearly almost about around over under some".split()
)

_LENGTH_FACETS = {
    "wide": "width",
    "across": "width",
    "long": "length",
    "high": "height",
    "tall": "height",
    "deep": "depth",
    "thick": "thickness",
    "away": "distance",
    "downstream": "distance",
    "upstream": "distance",
    "downriver": "distance",
    "upriver": "distance",
    "inland": "distance",
    "offshore": "distance",
    "from": "distance",
    "north": "distance",
    "south": "distance",
    "east": "distance",
    "west": "distance",
    "northeast": "distance",
    "northwest": "distance",
    "southeast": "distance",
    "southwest": "distance",
    "north-east": "distance",
    "north-west": "distance",
    "south-east": "distance",
    "south-west": "distance",
}
_DIFFERENCE_FACETS = {
    "above": "above",
    "higher": "above",
    "over": "above",
    "below": "below",
    "lower": "below",
    "under": "below",
    "short": "below",
}

_CHANGE_VERBS: dict[str, str] = {}
for _lemma, _forms in {
    "rise": "rise rises rose risen rising",
    "fall": "fall falls fell fallen falling",
    "climb": "climb climbs climbed climbing",
    "peak": "peak peaks peaked peaking",
    "reach": "reach reaches reached reaching",
    "drop": "drop drops dropped dropping",
    "increase": "increase increases increased increasing",
    "decrease": "decrease decreases decreased decreasing",
    "grow": "grow grows grew grown growing",
    "surge": "surge surges surged surging",
    "jump": "jump jumps jumped jumping",
    "soar": "soar soars soared soaring",
    "plunge": "plunge plunges plunged plunging",
    "decline": "decline declines declined declining",
    "recede": "recede recedes receded receding",
    "stand": "stand stands stood standing",
    "top": "top tops topped topping",
    "swell": "swell swells swelled swollen swelling",
}.items():
    _CHANGE_VERBS.update(dict.fromkeys(_forms.split(), _lemma))
CHANGE_VERBS = frozenset(_CHANGE_VERBS)
"""Verb forms that introduce a reading of a changing quantity (``rose to``, ``peaked at``)."""

_DAY_WORDS = frozenset({*WEEKDAYS, "today", "yesterday", "tonight", "overnight"})
_PART_OF_DAY = frozenset(
    "morning afternoon evening night midnight noon midday dawn dusk mid-morning "
    "mid-afternoon lunchtime daybreak".split()
)
_CLOCK = re.compile(
    r"\b(\d{1,2})(?:[:.](\d{2}))?\s?([ap])\.?m\b\.?|\b([01]?\d|2[0-3]):([0-5]\d)\b", re.IGNORECASE
)
_CLAUSE_END = re.compile(r"[,;:]|\s[–—-]\s")

_SUBSET_BEFORE = frozenset(
    "other remaining working surviving further additional another extra more last first "
    "next previous new".split()
)
_SUBSET_AFTER = frozenset(
    "remaining left still working operating functioning remain remained unaffected".split()
)
_RELATIVE = frozenset("that which who were are was is had have".split())


def is_label(text: str, start: int) -> bool:
    """Whether the bare number at ``start`` names something (``Gate 3``, ``No. 5``)."""
    before = text[max(0, start - 30) : start]
    if not before.endswith(" ") or before.endswith("  "):
        return False
    found = _WORD.findall(before)
    if not found:
        return False
    word = found[-1]
    low = word.lower()
    if low in _LABEL_WORDS or before.rstrip().lower().endswith("no."):
        return True
    return (
        word[:1].isupper()
        and not before.rstrip().endswith((".", ",", ":", ";", '"', "”"))
        and low not in NON_CONTENT_WORDS
        and low not in NUMBER_WORDS
        and low not in MONTHS
        and low not in WEEKDAYS
        and low not in _NOT_LABELS
        and not low.endswith("ly")
    )


def facet_after(text: str, end: int, dimension: str) -> str:
    """The facet a word right after a measure gives it: ``wide`` -> ``width``, or ``""``."""
    found = _WORD.match(text[end : end + 30].lstrip(" "))
    if found is None or text[end : end + 1] not in (" ", ""):
        return ""
    word = found[0].lower()
    if dimension == "length" and word in _LENGTH_FACETS:
        return _LENGTH_FACETS[word]
    return _DIFFERENCE_FACETS.get(word, "")


def of_noun_after(text: str, end: int) -> str:
    """The noun of an ``of`` phrase right after a measure: ``186 mm of rain`` -> ``rain``."""
    found = re.match(r"\s+of\s+(?:the\s+|a\s+|an\s+)?([a-z][\w-]*)", text[end : end + 40])
    if found is None or found[1] in NON_CONTENT_WORDS or found[1] in NUMBER_WORDS:
        return ""
    return found[1]


def change_verb(text: str, sentence_start: int, start: int) -> str:
    """Lemma of the nearest change verb before ``start`` in its sentence (``rose`` -> ``rise``)."""
    for word in reversed(_WORD.findall(text[sentence_start:start])):
        lemma = _CHANGE_VERBS.get(word.lower())
        if lemma:
            return lemma
    return ""


def clause_times(text: str, sentence: tuple[int, int], start: int, end: int) -> str:
    """Time expressions of the clause holding ``text[start:end]``, as ``kind:value`` tokens.

    The clause runs from the comma, semicolon or dash before the quantity to the first one after
    it; when it holds no time, from the sentence start. Kinds: ``day`` (weekday, today, ...),
    ``part`` (morning, noon, ...), ``clock`` (``3pm`` -> ``15:00``). Joined with commas, sorted;
    ``""`` when there is none.
    """
    stop = _CLAUSE_END.search(text, end, max(end, sentence[1]))
    clause_end = stop.start() if stop else max(end, sentence[1])
    starts = [m.end() for m in _CLAUSE_END.finditer(text, sentence[0], start)]
    own = _time_tokens(text[starts[-1] : clause_end]) if starts else set()
    tokens = own or _time_tokens(text[sentence[0] : clause_end])
    return ",".join(sorted(tokens))


def _time_tokens(clause: str) -> set[str]:
    tokens: set[str] = set()
    for word in _WORD.findall(clause):
        low = word.lower()
        if low in _DAY_WORDS:
            tokens.add(f"day:{low}")
        elif low in _PART_OF_DAY:
            tokens.add(f"part:{low}")
    for clock in _CLOCK.finditer(clause):
        tokens.add(f"clock:{_clock_value(clock)}")
    return tokens


def _clock_value(clock: re.Match[str]) -> str:
    if clock[4] is not None:
        return f"{int(clock[4]):02d}:{clock[5]}"
    hour = int(clock[1]) % 12 + (12 if clock[3].lower() == "p" else 0)
    return f"{hour:02d}:{clock[2] or '00'}"


def subset_qualifier(text: str, start: int, noun_end: int) -> str:
    """A word that makes a count a subset: ``the other three gates``, ``3 gates that still``."""
    before: list[str] = _WORD.findall(text[max(0, start - 20) : start])
    if before and before[-1].lower() in _SUBSET_BEFORE:
        return before[-1].lower()
    if text[noun_end : noun_end + 1] != " ":
        return ""
    after: list[str] = _WORD.findall(text[noun_end : noun_end + 30])
    for word in after[:3]:
        low = word.lower()
        if low in _SUBSET_AFTER:
            return low
        if low not in _RELATIVE:
            break
    return ""
