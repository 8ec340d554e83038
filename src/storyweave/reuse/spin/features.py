"""What the word-choice model reads of each word of a text (see :func:`word_features`).

Of each word: its frequency band, the share of its thesaurus synonyms more frequent than it
(:func:`word_rank`), how much more frequent its most common synonym is (:func:`word_band`), its
collocation class with its neighbours, its case (:func:`word_case`), whether it is a word of
its own, a misspelling or a word of a foreign passage (its familiarity), and, with word
vectors, how well it and its best-fitting synonym fit its context.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from storyweave.lexicon import is_function_word, remember
from storyweave.reuse.context import NO_FIT, WordVectors, context_fits, context_rows
from storyweave.reuse.spin.lexicon import FORMS_MEMO, WORD_MEMO, Lexicon
from storyweave.text import sentence_spans, word_spans

RANK_MARGIN = 0.25  # a synonym is more frequent than a word when this many Zipf above it
RANK_BANDS = 5  # the share of more frequent synonyms, in steps of 1 / RANK_BANDS
NO_RANK = -1  # the word has no thesaurus entry
MIN_UNFAMILIAR_LENGTH = 6  # shorter unknown words are abbreviations and codes as often as not
TYPO_NEIGHBOUR_ZIPF = 2.5  # a rare word one edit from a word this common ...
TYPO_GAP = 1.0  # ... and this many Zipf more frequent than it is a misspelling
MAX_TYPO_BAND = 2  # rare words (below Zipf 3) without thesaurus entry are checked for misspelling
RUN_TOGETHER_ZIPF = 3.0  # an unknown word made of two words this common is two words run together
MIN_SENTENCE_WORDS = 6  # sentences this long are checked for being English
MIN_STOPWORD_SHARE = 0.2  # English prose has about 45% function words; other languages few
HANDLE_MARKS = frozenset("@#")  # "@name", "#tag": handles and hashtags, not words of prose
NO_SYNONYM = -9  # the gap band of a word without thesaurus entry (see word_band)
FITTING_SYNONYMS = 40  # the most frequent synonyms whose fit is compared with a word's
_VECTOR_SLACK = 8  # synonyms looked up beyond those still wanted (some have no vector)

# Collocation classes of a word with its neighbours in the phrase (see :func:`word_features`).
NO_CONTEXT = 0  # no neighbour that begins or ends any listed word pair
COMMON_PAIR = 1  # the word and a neighbour form a listed (common) word pair
PLAIN_PAIR = 2  # no listed pair; a thesaurus synonym of the word forms one with a neighbour
STRONG_PLAIN_PAIR = 3  # ... one at least STRONG_PAIR_FACTOR times the list's least count
RARE_PAIR = 4  # no listed pair, with the word or with any synonym of it
STRONG_PAIR_FACTOR = 10
# A word's best synonym pair with one neighbour, remembered (then forgotten at once): some 300
# bytes each; a million of them (of a word between both neighbours), the limit before, grew
# each worker process by up to 330 MB on a large corpus.
PAIR_MEMO_SIZE = 131_072
SAME_STEM = 4  # synonyms sharing this many first letters are forms of one word
SAME_SPELLING = 0.6  # ... as are synonyms this similar (Levenshtein): "color" and "colour"

# Case of a scored word (see :func:`word_case`); only the word model weighs capitalised words.
LOWER = 0  # a word written in lower case
INITIAL = 1  # a capitalised word that begins a sentence (or a line)
TITLE = 2  # a capitalised word inside a sentence: a name's, or a title's ("Foreign Minister")
SENTENCE_ENDS = frozenset(".!?:;\n")  # a capitalised word after one of these begins a sentence

# Familiarity of a scored word (see :func:`word_features`).
KNOWN = 0  # the frequency list or the thesaurus knows the word
UNFAMILIAR = 1  # unknown to both, and looks like an English word of its own: it is weighed
UNJUDGED = 2  # a misspelling, run-together words, a handle, a word of a foreign passage


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
    rank: int = NO_RANK  # the share of its synonyms more frequent than it, in fifths
    familiarity: int = KNOWN  # KNOWN, UNFAMILIAR or UNJUDGED
    fit: float = NO_FIT  # how well it fits its context (see storyweave.reuse.context)
    synonym_fit: float = NO_FIT  # ... and how well its best-fitting synonym does
    fitting_synonym: str = ""  # that synonym
    case: int = LOWER  # LOWER, INITIAL or TITLE

    @property
    def key(self) -> tuple[int, int, int, int]:
        """The cell of the model's table this word falls in."""
        return self.band, self.rank, self.gap, self.pair


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
    return remember(lexicon._bands, word, known, WORD_MEMO)


def word_rank(word: str, lexicon: Lexicon) -> int:
    """The share of the thesaurus synonyms of ``word`` that are more frequent than it, in
    fifths (0: none or almost none, 4: nearly all), or :data:`NO_RANK` without an entry.

    A writer mostly picks the plainest of the words that say the same thing; a spinner picks any
    synonym of the thesaurus, most of which are rarer than the word it replaces.
    """
    known = lexicon._ranks.get(word)
    if known is not None:
        return known
    assert lexicon.zipf is not None
    found = _head_word(word, lexicon.synonyms)
    rank = NO_RANK
    if found is not None:
        scored = lexicon.scored_synonyms(found[0])
        same = _same_words(word, [s for _, s in scored])
        others = [z for (z, _), alike in zip(scored, same, strict=True) if not alike]
        if others:
            floor = lexicon.zipf(word) + RANK_MARGIN
            above = sum(1 for z in others if z > floor)
            rank = min(RANK_BANDS - 1, above * RANK_BANDS // len(others))
    return remember(lexicon._ranks, word, rank, WORD_MEMO)


def is_slip(word: str, lexicon: Lexicon) -> bool:
    """Whether rare lower-case ``word`` is a misspelling (one edit from a much more frequent
    word: "governent") or, unknown, two common words run together ("thesecond")."""
    known = lexicon._slips.get(word)
    if known is None:
        zipf = lexicon.zipf or (lambda _: 0.0)
        floor = max(TYPO_NEIGHBOUR_ZIPF, zipf(word) + TYPO_GAP)
        known = lexicon.highest_zipf(_one_edit(word)) >= floor
        if not known and zipf(word) == 0:
            known = any(
                zipf(word[:i]) >= RUN_TOGETHER_ZIPF and zipf(word[i:]) >= RUN_TOGETHER_ZIPF
                for i in range(2, len(word) - 1)
            )
        remember(lexicon._slips, word, known, WORD_MEMO)
    return known


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _one_edit(word: str) -> set[str]:
    """The strings one deletion, swap of neighbours, replacement or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.discard(word)
    return edits


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
    forms = [f for f in forms if f in paired]
    # "centre" for "center": another spelling of the word is no plainer choice of word
    same = _same_words(word, forms)
    known = tuple(f for f, alike in zip(forms, same, strict=True) if not alike)
    return remember(lexicon._forms, word, known, FORMS_MEMO)


def _same_words(word: str, others: list[str]) -> list[bool]:
    """Whether each of ``others`` is a form or another spelling of ``word``: the same first
    :data:`SAME_STEM` letters, or :data:`SAME_SPELLING` similar (one call for all of them:
    a word has a hundred synonyms and more)."""
    if not others:
        return []
    similarity = process.cdist(
        [word], others, scorer=Levenshtein.normalized_similarity, dtype=np.float64, workers=1
    )[0].tolist()
    stem = word[:SAME_STEM]
    return [
        other[:SAME_STEM] == stem or alike >= SAME_SPELLING
        for other, alike in zip(others, similarity, strict=True)
    ]


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
    bigrams = lexicon.bigrams
    if (left and f"{left} {word}" in bigrams) or (right and f"{word} {right}" in bigrams):
        return COMMON_PAIR, "", 0
    # The most common pair a synonym form of the word makes with either neighbour; among equal
    # counts the earliest form's, the left pair before the right: each side is read (and
    # remembered) apart, a word and one neighbour being far fewer than a word and both.
    best = _side_pair(word, left, 0, lexicon) if left else _NO_PAIR
    if right:
        other = _side_pair(word, right, 1, lexicon)
        if other[0] > best[0] or (other[0] == best[0] and other[1] < best[1]):
            best = other
    count, _, pair = best
    if not count:
        return RARE_PAIR, "", 0
    strong = count >= STRONG_PAIR_FACTOR * lexicon.min_bigram
    return (STRONG_PLAIN_PAIR if strong else PLAIN_PAIR), pair, count


_NO_PAIR = (0, 0, "")


def _side_pair(word: str, neighbour: str, side: int, lexicon: Lexicon) -> tuple[int, int, str]:
    """``(count, form number, pair)`` of the most common listed pair that a synonym form of
    ``word`` (:func:`_synonym_forms`, numbered in order) makes with ``neighbour`` before it
    (``side`` 0) or after it (1), the first form's among equals; a count of 0 when none does."""
    key = (neighbour, word, "") if side == 0 else ("", word, neighbour)
    known = lexicon._pairs.get(key)
    if known is None:
        bigrams = lexicon.bigrams
        known = _NO_PAIR
        for at, form in enumerate(_synonym_forms(word, lexicon)):
            pair = f"{neighbour} {form}" if side == 0 else f"{form} {neighbour}"
            count = bigrams.get(pair, 0)
            if count > known[0]:
                known = (count, at, pair)
        remember(lexicon._pairs, key, known, PAIR_MEMO_SIZE)
    return known


def word_features(text: str, lexicon: Lexicon) -> list[WordFeature]:
    """The model's view of each scored word of ``text`` (needs word frequencies)."""
    assert lexicon.zipf is not None
    spans = word_spans(text)
    foreign = _foreign_words(text, spans)
    fields: list[tuple[int, int, str, int, int, int, str, float, str, int, int, int]] = []
    cases: list[int] = []
    positions: list[int] = []
    for i, (start, end) in enumerate(spans):
        written = text[start:end]
        case = word_case(text, start, written)
        word = written.lower()
        if case is None or not word.isalpha() or is_function_word(word):
            continue
        if case != LOWER and lexicon.word_model is None:
            continue  # the table was fitted on lower-case words only
        band, gap, best, best_zipf = word_band(word, lexicon)
        if case != LOWER and gap == NO_SYNONYM:
            continue  # a name, or a word of one, that no thesaurus lists: no word choice
        pair, plain, count = NO_CONTEXT, "", 0
        if lexicon.bigrams:
            pair, plain, count = _pair_class(word, *_neighbours(text, spans, i), lexicon)
        familiarity = KNOWN
        if i in foreign or (start > 0 and text[start - 1] in HANDLE_MARKS):
            familiarity = UNJUDGED
        elif gap == NO_SYNONYM and band <= MAX_TYPO_BAND:
            familiarity = _familiarity(word, band, lexicon)
        rank = word_rank(word, lexicon)
        fields.append(
            (start, end, word, band, gap, pair, best, best_zipf, plain, count, rank, familiarity)
        )
        cases.append(case)
        positions.append(i)
    if lexicon.vectors is None:
        return [WordFeature(*f, case=c) for f, c in zip(fields, cases, strict=True)]
    fits = _context_fits(text, spans, [f[2] for f in fields], positions, lexicon, lexicon.vectors)
    return [WordFeature(*f, *fit, case=c) for f, fit, c in zip(fields, fits, cases, strict=True)]


def word_case(text: str, start: int, word: str) -> int | None:
    """:data:`LOWER`, :data:`INITIAL` or :data:`TITLE` for the word ``word`` at ``start`` of
    ``text``; None for words in capitals or of mixed case (acronyms, brand names)."""
    if word.islower():
        return LOWER
    if not (word[:1].isupper() and (len(word) == 1 or word[1:].islower())):
        return None
    before = text[:start].rstrip(" \t\"'\u201c\u2018(")
    return INITIAL if not before or before[-1] in SENTENCE_ENDS else TITLE


def _context_fits(
    text: str,
    spans: list[tuple[int, int]],
    words: list[str],
    positions: list[int],
    lexicon: Lexicon,
    vectors: WordVectors,
) -> list[tuple[float, float, str]]:
    """The context fits (see :func:`~storyweave.reuse.context.context_fits`) of ``words``, the
    words at ``positions`` of ``spans``; stopwords are no part of any context."""
    lowered = (text[a:b].lower() for a, b in spans)
    rows = context_rows(("" if is_function_word(w) else w for w in lowered), vectors)
    synonyms = [_synonym_rows(word, lexicon, vectors) for word in words]
    return context_fits(rows, positions, synonyms, vectors)


def _synonym_rows(
    word: str, lexicon: Lexicon, vectors: WordVectors
) -> tuple[np.ndarray, tuple[str, ...]]:
    """The vector rows of the :data:`FITTING_SYNONYMS` most frequent thesaurus synonyms of
    ``word`` (of its head word, uninflected) that have a vector: the plain words a writer would
    have used, among them, mostly, the one a spinner replaced."""
    head = lexicon._heads.get(word)
    if head is None:  # asked for every word of every text: the answer is kept
        found = _head_word(word, lexicon.synonyms)
        head = remember(lexicon._heads, word, "" if found is None else found[0], WORD_MEMO)

    def most_frequent() -> list[str]:
        ranked = [w for _, w in lexicon.scored_synonyms(head) if w != head]
        found: list[str] = []
        at = 0
        while len(found) < FITTING_SYNONYMS and at < len(ranked):
            # a few more than are missing: most synonyms have a vector, the rest go unasked
            step = FITTING_SYNONYMS - len(found) + _VECTOR_SLACK
            found += vectors.having(ranked[at : at + step])
            at += step
        return found[:FITTING_SYNONYMS]

    return vectors.rows_of(head, most_frequent)


def _familiarity(word: str, band: int, lexicon: Lexicon) -> int:
    """Of a rare word without thesaurus entry: misspellings are unjudged, unknown words
    unfamiliar when they look like English words of their own, known ones known."""
    if is_slip(word, lexicon):
        return UNJUDGED
    if band > 0:
        return KNOWN
    plausible = word.isascii() and len(word) >= MIN_UNFAMILIAR_LENGTH
    return UNFAMILIAR if plausible else KNOWN


def _foreign_words(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """Indices (into ``spans``) of the words of sentences that are not English prose: at least
    :data:`MIN_SENTENCE_WORDS` words, few of them English function words."""
    foreign: set[int] = set()
    i = 0
    for _, end in sentence_spans(text):
        first = i
        while i < len(spans) and spans[i][0] < end:
            i += 1
        words = [text[a:b].lower() for a, b in spans[first:i]]
        if len(words) >= MIN_SENTENCE_WORDS:
            share = sum(1 for w in words if is_function_word(w)) / len(words)
            if share < MIN_STOPWORD_SHARE:
                foreign.update(range(first, i))
    return foreign
