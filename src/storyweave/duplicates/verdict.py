"""The pair verdict: when two texts are near-duplicates (one definition, used by ``dups`` and by
the relations of ``run``).
"""

from __future__ import annotations

import math

import numpy as np
from rapidfuzz.distance import Levenshtein

from storyweave.duplicates.features import DEFAULT_K, token_hashes

DEFAULT_THRESHOLD = 0.8


MAX_APPENDED_WORDS = 30  # a line of scraper boilerplate (credit, prompt, sign-off) at most


MIN_CONTAINED_WORDS = 3  # a shorter text is too little evidence of a copy


def short_text_limit(k: int, threshold: float) -> int:
    """Word count below which two word edits can take shingle Jaccard below ``threshold``.

    One changed word removes up to ``k`` shingles from each side, so Jaccard falls to about
    ``(S - k) / (S + k)`` for ``S`` shingles; below ``k (1 + t) / (1 - t)`` shingles one edit
    suffices. Texts under twice that are compared word by word as well.
    """
    if threshold >= 1.0:
        return k
    return 2 * math.ceil(k * (1 + threshold) / (1 - threshold)) + k


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard similarity of two hash sets; 0.0 when both are empty."""
    common = len(a & b)
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def near_duplicate_score(
    a: np.ndarray,
    b: np.ndarray,
    shingles_a: frozenset[int],
    shingles_b: frozenset[int],
    *,
    threshold: float,
    k: int,
    framing: bool = True,
) -> float | None:
    """The similarity of two texts (word-hash arrays) if they are near-duplicates, else None.

    Near-duplicates: word ``k``-gram Jaccard at least ``threshold``; or, for short texts (see
    :func:`short_text_limit`), where one edit moves shingle Jaccard a lot, word-level edit
    similarity ``1 - distance / longer length`` at least ``threshold``, or a single word
    inserted, deleted or changed, or the shorter text (of at least ``MIN_CONTAINED_WORDS``
    words) whole at the start or end of the longer one with at most ``MAX_APPENDED_WORDS``
    words around it (a line of boilerplate) unless ``framing`` is False. The score is the
    larger of the shingle Jaccard and the word-level edit similarity.
    """
    score = jaccard(shingles_a, shingles_b)
    if score >= threshold:
        return score
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter) == 0 or len(longer) > short_text_limit(k, threshold) + MAX_APPENDED_WORDS:
        return None
    distance = Levenshtein.distance(a.tolist(), b.tolist())
    edit = 1.0 - distance / len(longer)
    score = max(score, edit)
    within_short = len(longer) <= short_text_limit(k, threshold)
    if within_short and (edit >= threshold or (distance <= 1 and len(shorter) >= 2)):
        return score
    if framing and _framed_by(shorter, longer):
        return score
    return None


def _framed_by(shorter: np.ndarray, longer: np.ndarray) -> bool:
    n, extra = len(shorter), len(longer) - len(shorter)
    if n < MIN_CONTAINED_WORDS or extra > MAX_APPENDED_WORDS:
        return False
    return bool(np.array_equal(longer[:n], shorter) or np.array_equal(longer[extra:], shorter))


def shingle_set(words: list[int], k: int) -> frozenset[int]:
    """The word ``k``-grams of ``words`` (word hashes), each as one hash (all words if fewer)."""
    if len(words) < k:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(map(hash, zip(*(words[i:] for i in range(k)), strict=False)))


def text_similarity(
    a: str, b: str, *, threshold: float = DEFAULT_THRESHOLD, k: int = DEFAULT_K
) -> tuple[float, float | None]:
    """Two texts compared as ``dups`` compares them: (their word ``k``-gram shingle Jaccard,
    their :func:`near_duplicate_score` or None when they are no near-duplicates)."""
    tokens, lengths = token_hashes([a, b])
    a_words, b_words = tokens[: lengths[0]], tokens[lengths[0] :]
    a_shingles = shingle_set(a_words.tolist(), k)
    b_shingles = shingle_set(b_words.tolist(), k)
    score = near_duplicate_score(a_words, b_words, a_shingles, b_shingles, threshold=threshold, k=k)
    return jaccard(a_shingles, b_shingles), score
