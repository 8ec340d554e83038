"""Word- and sentence-level alignment of two texts: similarity, kept words, sentence pairs."""

from __future__ import annotations

import difflib
from bisect import bisect_left
from dataclasses import dataclass

from storyweave.text import sentences, word_tokens

MIN_SENTENCE_WORDS = 6  # shorter sentences (datelines, captions) align by chance
ALIGN_MIN_OVERLAP = 0.5  # word-set Jaccard two sentences need to be aligned


@dataclass(frozen=True)
class SentencePair:
    """A sentence of the first text aligned with a sentence of the second (their word tokens)."""

    first_index: int  # index among the sentences of the first text
    second_index: int
    first: tuple[str, ...]
    second: tuple[str, ...]

    @property
    def reworded(self) -> bool:
        """Whether the two sentences differ in their words."""
        return self.first != self.second


def word_similarity(a_words: list[str], b_words: list[str]) -> float:
    """Similarity of two word sequences in [0, 1]: 2 * matched words / total words (difflib)."""
    return word_alignment(a_words, b_words)[0]


def word_alignment(origin_words: list[str], copy_words: list[str]) -> tuple[float, int]:
    """:func:`word_similarity` of one pair and the words of ``origin_words`` that ``copy_words``
    keeps (in order), from one alignment; the kept words as a bit mask over the origin's word
    indices (small enough to keep for many pairs)."""
    if not origin_words and not copy_words:
        return 0.0, 0
    matcher = difflib.SequenceMatcher(None, origin_words, copy_words, autojunk=False)
    mask = matched = 0
    for block in matcher.get_matching_blocks():
        mask |= ((1 << block.size) - 1) << block.a
        matched += block.size
    return 2.0 * matched / (len(origin_words) + len(copy_words)), mask


def sentence_words(text: str) -> list[list[str]]:
    """Word tokens of each sentence of ``text``, in order."""
    return [word_tokens(s) for s in sentences(text)]


def aligned_sentences(a_text: str, b_text: str) -> list[SentencePair]:
    """Sentences of ``a_text`` paired with the most similar sentence of ``b_text``.

    Only sentences of at least ``MIN_SENTENCE_WORDS`` words whose word sets overlap by at least
    ``ALIGN_MIN_OVERLAP`` (Jaccard) are paired; a sentence of ``b_text`` may be the best match
    of several sentences of ``a_text``.
    """
    return align_sentence_words(sentence_words(a_text), sentence_words(b_text))


def in_order(pairs: list[SentencePair]) -> list[SentencePair]:
    """The longest subsequence of ``pairs`` whose second indices strictly increase."""
    tails: list[int] = []  # tails[k]: second index ending the best chain of length k + 1
    tail_at: list[int] = []  # position in pairs of that chain's last pair
    previous: list[int] = [-1] * len(pairs)
    for position, pair in enumerate(pairs):
        k = bisect_left(tails, pair.second_index)
        if k == len(tails):
            tails.append(pair.second_index)
            tail_at.append(position)
        else:
            tails[k] = pair.second_index
            tail_at[k] = position
        previous[position] = tail_at[k - 1] if k > 0 else -1
    chain: list[SentencePair] = []
    position = tail_at[-1] if tail_at else -1
    while position >= 0:
        chain.append(pairs[position])
        position = previous[position]
    return chain[::-1]


def align_sentence_words(
    a_sentences: list[list[str]], b_sentences: list[list[str]]
) -> list[SentencePair]:
    """:func:`aligned_sentences` over sentences already split into word tokens."""
    b_sets = [set(s) for s in b_sentences]
    pairs: list[SentencePair] = []
    for index, a_words in enumerate(a_sentences):
        if len(a_words) < MIN_SENTENCE_WORDS:
            continue
        match = _best_match(set(a_words), b_sets)
        if match is not None:
            pairs.append(SentencePair(index, match, tuple(a_words), tuple(b_sentences[match])))
    return pairs


def _best_match(words: set[str], candidates: list[set[str]]) -> int | None:
    best, best_score = None, ALIGN_MIN_OVERLAP
    for index, other in enumerate(candidates):
        if not other:
            continue
        score = len(words & other) / len(words | other)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = index, score
    return best
