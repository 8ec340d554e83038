"""Which articles support a sentence: each cited source is checked on its own text.

A source supports a sentence when one of its sentences says most of it: it holds
:data:`MIN_COVERAGE` of the sentence's content words, the two overlap by at least
:data:`MIN_OVERLAP` (Dice, so that a long sentence that happens to hold the words of a short
one does not count), it gives every figure of the sentence, and it names or refers to every
person the sentence names (the same words said of another person, or with another figure, are
another fact). An inverted index over content words limits the comparisons to sentences
sharing a word.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyweave.brief.sentences import Sentence

__all__ = ["MIN_COVERAGE", "MIN_OVERLAP", "Supports", "coverage", "similarity"]

MIN_COVERAGE = 0.6
MIN_OVERLAP = 0.4


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


def supports(source: Sentence, said: Sentence) -> bool:
    """Whether ``source`` says what ``said`` says (see the module docstring)."""
    if coverage(said.terms, source.terms) < MIN_COVERAGE:
        return False
    if similarity(said.terms, source.terms) < MIN_OVERLAP:
        return False
    if not said.numbers <= source.numbers:
        return False  # another figure, or none: another fact
    return said.named <= source.people | source.terms
