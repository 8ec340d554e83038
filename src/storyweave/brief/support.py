"""Which articles support a sentence: each cited source is checked on its own text.

A source supports a sentence when one of its sentences says most of it: it holds
:data:`MIN_COVERAGE` of the sentence's content words, the two overlap by at least
:data:`MIN_OVERLAP` (Dice, so that a long sentence that happens to hold the words of a short
one does not count), it gives every figure of the sentence, it tells something happening
when the sentence does (a sentence describing the same people, "X is the leader of Y",
does not say "an airstrike wounded the leader of Y"), it tells the same harm when the
sentence tells a death or an injury (a death is another fact than a wound), it does not
reject a report or a claim unless the sentence does too ("denied reports that the mill would
close" does not say the mill will close), it calls something false (a hoax, a fake) only if the
sentence does too, and it names or refers to every person the
sentence names (the same words said of another person, or with another figure, are another
fact). An inverted index over content words limits the comparisons to sentences sharing a
word.

A source of a sentence that repeats another in other words is cited for the one kept when one
of its sentences holds :data:`REPEAT_COVERAGE` of it, with its figures, people and every
other capitalised word past the first, tells something happening when the sentence does
(the same harm, when it tells a death or an injury), and negates, denies or rejects it only
if the sentence does too (:meth:`Supports.also`): it told that fact, in words of its own, of the
same people and places ("had nothing to do with …" tells another).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from storyweave.brief.reading import calls_false
from storyweave.brief.repeats import happenings, tells_happening, verb_stems
from storyweave.brief.sentences import Sentence
from storyweave.stance import GROUPS, word_cues
from storyweave.text import CALENDAR_WORDS, LazyPattern, words

_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
CALENDAR_NAMES = frozenset(w.capitalize() for w in CALENDAR_WORDS)
_NEGATING = (GROUPS.index("refute"), GROUPS.index("negate"))

__all__ = [
    "MIN_COVERAGE",
    "MIN_OVERLAP",
    "REPEAT_COVERAGE",
    "Supports",
    "coverage",
    "rejects_report",
    "similarity",
]

MIN_COVERAGE = 0.6
MIN_OVERLAP = 0.4
REPEAT_COVERAGE = 0.6
TEXTS_CACHED = 1 << 16  # sentences whose readings are kept: each is compared with many


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two sets of content words (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def coverage(said: frozenset[str], source: frozenset[str]) -> float:
    """The share of the words of ``said`` that ``source`` holds (0 when ``said`` is empty)."""
    return len(said & source) / len(said) if said else 0.0


class Supports:
    """The support of sentences by the articles of one story."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self._sentences = sentences
        self.sentences = sentences
        self._postings: dict[str, list[int]] = {}
        for index, sentence in enumerate(sentences):
            for term in sentence.terms:
                self._postings.setdefault(term, []).append(index)

    def sources(self, sentence: Sentence) -> dict[str, int]:
        """The articles with a sentence supporting ``sentence`` (its own article included),
        each with the position of its first such sentence."""
        found = {sentence.article_id: sentence.position}
        neighbours = {j for term in sentence.terms for j in self._postings.get(term, ())}
        for j in sorted(neighbours):
            other = self._sentences[j]
            if other.article_id not in found and supports(other, sentence):
                found[other.article_id] = other.position
        return found

    def also(self, sentence: Sentence, article_ids: Iterable[str]) -> dict[str, int]:
        """Those of ``article_ids`` with a sentence saying most of ``sentence`` in words of
        its own (module docstring), each with the position of its first such sentence."""
        wanted = set(article_ids)
        found: dict[str, int] = {}
        neighbours = {j for term in sentence.terms for j in self._postings.get(term, ())}
        for j in sorted(neighbours):
            other = self._sentences[j]
            fresh = other.article_id in wanted and other.article_id not in found
            if fresh and _says_most(other, sentence):
                found[other.article_id] = other.position
        return found


def _says_most(source: Sentence, said: Sentence) -> bool:
    if coverage(said.terms, source.terms) < REPEAT_COVERAGE:
        return False
    if not said.numbers <= source.numbers or not _capitalised(said.text) <= set(
        _CAPITALISED.findall(source.text)
    ):
        return False
    if _negated(source.text) != _negated(said.text) or not _tells_happenings(source, said):
        return False
    if not _same_harm(source.text, said.text):
        return False
    if rejects_report(source.text) and not rejects_report(said.text):
        return False
    if _says_false(source.text) != _says_false(said.text):
        return False
    return said.named <= source.people | source.terms


def _tells_happenings(source: Sentence, said: Sentence) -> bool:
    """Whether ``source`` tells something happening when ``said`` does: a verb of happening
    of its own other than one of saying (maybe another word for it: "billed", "handed an
    invoice") or one of those of ``said`` in any form ("the wounding of")."""
    wanted = happenings(said.text)
    if not wanted or tells_happening(source.text):
        return True
    return bool(wanted & verb_stems(source.text))


def _negated(text: str) -> bool:
    return any(word_cues(w)[g] for w in words(text) for g in _NEGATING)


def _capitalised(text: str) -> set[str]:
    """The capitalised words of ``text`` past its first, weekdays and months aside."""
    return set(_CAPITALISED.findall(text.lstrip()[1:])) - CALENDAR_NAMES


def supports(source: Sentence, said: Sentence) -> bool:
    """Whether ``source`` says what ``said`` says (see the module docstring)."""
    if coverage(said.terms, source.terms) < MIN_COVERAGE:
        return False
    if similarity(said.terms, source.terms) < MIN_OVERLAP:
        return False
    if not said.numbers <= source.numbers:
        return False  # another figure, or none: another fact
    if not _tells_happenings(source, said) or not _same_harm(source.text, said.text):
        return False  # the same people and things, but nothing (or another thing) happening
    if rejects_report(source.text) and not rejects_report(said.text):
        return False  # "X denied reports that Y …" does not say "Y …"
    if _says_false(source.text) != _says_false(said.text):
        return False  # "the report that Y … is a hoax" and "Y …" say the opposite
    return said.named <= source.people | source.terms


# a report rejected: "denied reports that …", "trashed claims that …", "dismissed the rumours";
# by its own teller: "recanted a 2003 war story", "retracted the report"
_REJECTED_REPORT = LazyPattern(
    r"\b(?:den(?:y|ies|ied|ying)|dismiss|reject|refut|debunk|rebuff|trash|slam|scoff|disput"
    r"|contradict|recant|retract)\w*\s+(?:\w+\s+){0,3}?(?:reports?|claims?|rumou?rs?"
    r"|allegations?|stor(?:y|ies))\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=TEXTS_CACHED)
def _says_false(text: str) -> bool:
    """Whether ``text`` calls something false, in its words or those it quotes (one source
    quotes what another words as its own)."""
    return calls_false(text, quotations=True)


@lru_cache(maxsize=TEXTS_CACHED)
def rejects_report(text: str) -> bool:
    """Whether ``text`` tells that someone rejects a report or a claim ("denied reports that
    …"): what follows is what they reject, not what they say."""
    return bool(_REJECTED_REPORT.search(text))


# words telling a death and words telling an injury: one is another fact than the other (whole
# words: "diesel", "diet", "deadline" tell no death)
_HARMS = (
    re.compile(
        r"\b(?:kill(?:s|ed|ing|ings)?|die[ds]?|dying|dead|deadly|deaths?|slain"
        r"|murder(?:s|ed|ing)?|perish(?:es|ed|ing)?)\b",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:wound(?:s|ed|ing)?|injur(?:y|ies|ed|ing|e|es)|hurt(?:s|ing)?)\b", re.IGNORECASE
    ),
)


@lru_cache(maxsize=TEXTS_CACHED)
def _harms(text: str) -> frozenset[int]:
    """Which harms of :data:`_HARMS` ``text`` tells."""
    return frozenset(i for i, harm in enumerate(_HARMS) if harm.search(text))


def _same_harm(source: str, said: str) -> bool:
    """Whether ``source`` tells one of the harms ``said`` tells, when it tells a harm at all
    ("a key aide was killed" does not say "an airstrike wounded the leader")."""
    wanted, told = _harms(said), _harms(source)
    return not wanted or not told or bool(wanted & told)
