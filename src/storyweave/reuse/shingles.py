"""Word tokens and word k-gram shingles of a body text."""

from __future__ import annotations

from storyweave.errors import UsageError
from storyweave.text import normalize, word_spans, word_tokens

DEFAULT_K = 5


def tokens_with_spans(text: str) -> list[tuple[str, int, int]]:
    """Word tokens of ``text`` with their character spans in ``text`` itself.

    Each token is normalised on its own, so the spans index the original (un-normalised) text.
    """
    return [(normalize(text[s:e]).lower(), s, e) for s, e in word_spans(text)]


def shingles_of_words(tokens: list[str], k: int = DEFAULT_K) -> list[str]:
    """Word ``k``-gram shingles of ``tokens`` in text order (repeats kept).

    A text of fewer than ``k`` words (but at least one) gives a single shingle of all its words.
    """
    if k < 1:
        raise UsageError("k must be at least 1")
    if not tokens:
        return []
    if len(tokens) < k:
        return [" ".join(tokens)]
    return [" ".join(tokens[i : i + k]) for i in range(len(tokens) - k + 1)]


def shingles(text: str, k: int = DEFAULT_K) -> list[str]:
    """Word ``k``-gram shingles over the normalised words of ``text`` (see shingles_of_words)."""
    return shingles_of_words(word_tokens(text), k)


def jaccard(a: set[str], b: set[str]) -> float:
    """Jaccard similarity of two sets; 0.0 when both are empty."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)
