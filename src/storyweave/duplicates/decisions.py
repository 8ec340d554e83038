"""Deciding candidate pairs in bulk: by the MinHash estimate where it alone is decisive, by the
words two texts share from their start and end (an exact lower bound of their Jaccard), else
by an exact verification one pair at a time
(:func:`storyweave.duplicates.verdict.near_duplicate_score`).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from storyweave.duplicates.candidates import unique_values
from storyweave.duplicates.components import Links
from storyweave.duplicates.features import Features, agreements, gather_words
from storyweave.duplicates.verdict import (
    MAX_APPENDED_WORDS,
    MIN_CONTAINED_WORDS,
    near_duplicate_score,
    shingle_set,
    short_text_limit,
)

SUBSTITUTIONS = 2  # words that may differ between the runs of _aligned_block


ALIGN_BLOCK = 1 << 13  # pairs aligned at once (see decide)


ESTIMATE_ERROR = 1e-6  # chance that a MinHash estimate decides a pair the wrong way round


def decisive_counts(places: int, threshold: float) -> tuple[int, int]:
    """(accept, reject): a pair whose signatures agree in at least ``accept`` of ``places``
    sampled places is a near-duplicate, in at most ``reject`` places is not, without
    verification.

    Each sampled place agrees with probability about the pair's Jaccard, and one-permutation
    places sample the union without replacement, so a binomial count is the cautious model;
    the bounds are where a pair on the wrong side of ``threshold`` reaches them with probability
    at most ``ESTIMATE_ERROR``. ``accept`` above ``places`` (or ``reject`` below 0) means the
    estimate never decides on its own.
    """

    def chance(count: int) -> float:
        return math.comb(places, count) * threshold**count * (1 - threshold) ** (places - count)

    accept, tail = places + 1, 0.0
    while accept > 0 and tail + chance(accept - 1) <= ESTIMATE_ERROR:
        accept -= 1
        tail += chance(accept)
    reject, tail = -1, 0.0
    while reject < places and tail + chance(reject + 1) <= ESTIMATE_ERROR:
        reject += 1
        tail += chance(reject)
    return accept, reject


@functools.cache
def _decisive_tables(num_perm: int, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`decisive_counts` for every number of sampled places from 0 to ``num_perm``."""
    bounds = [decisive_counts(places, threshold) for places in range(num_perm + 1)]
    return np.array([a for a, _ in bounds]), np.array([r for _, r in bounds])


def decide(
    features: Features,
    pairs: np.ndarray,
    boilerplate: set[int],
    links: Links,
    *,
    threshold: float,
    k: int,
) -> None:
    """Join the near-duplicates among ``pairs`` not joined yet, cheapest test first."""
    left = decide_by_estimate(features, pairs, links, threshold=threshold, k=k)
    blocks = np.arange(len(left)) // ALIGN_BLOCK
    decide_by_words(features, left, blocks, boilerplate, links, threshold=threshold, k=k)


def decide_by_estimate(
    features: Features, pairs: np.ndarray, links: Links, *, threshold: float, k: int
) -> np.ndarray:
    """Join the ``pairs`` not joined yet that the MinHash estimate accepts; the pairs it does
    not decide, in their order."""
    lengths = features.lengths
    short_limit = short_text_limit(k, threshold)
    accept, reject = _decisive_tables(features.signatures.shape[1], threshold)
    pairs = pairs[links.roots[pairs[:, 0]] != links.roots[pairs[:, 1]]]
    agree, sampled = _agreements(features.signatures, pairs)
    longer = np.maximum(lengths[pairs[:, 0]], lengths[pairs[:, 1]])
    # Short texts may be near-duplicates by other rules than Jaccard (near_duplicate_score).
    only_jaccard = longer > short_limit + MAX_APPENDED_WORDS
    accepted = agree >= accept[sampled]
    links.join(pairs[accepted, 0], pairs[accepted, 1], agree[accepted] / sampled[accepted])
    reject = reject[sampled]
    left: np.ndarray = pairs[~accepted & ~(only_jaccard & (agree <= reject))]
    return left


def decide_by_words(
    features: Features,
    pairs: np.ndarray,
    blocks: np.ndarray,
    boilerplate: set[int],
    links: Links,
    *,
    threshold: float,
    k: int,
) -> None:
    """Join the near-duplicates among ``pairs`` (those the estimate left) by the words they
    share, then by exact verification. ``blocks`` numbers each pair's block (ascending): the
    pairs of a block are aligned at once, without the pairs the blocks before have joined."""
    lengths = features.lengths
    short_limit = short_text_limit(k, threshold)
    left = []
    bounds = np.flatnonzero(np.diff(blocks, prepend=-1, append=-1) != 0)
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        block = pairs[start:stop]
        block = block[links.roots[block[:, 0]] != links.roots[block[:, 1]]]
        aligned, prefix, suffix = _aligned_block(features, block, k)
        edit = _one_edit_or_framed(lengths, block, prefix, suffix, boilerplate, short_limit)
        accepted = (aligned >= threshold) | (edit > 0)
        links.join(block[accepted, 0], block[accepted, 1], np.maximum(aligned, edit)[accepted])
        left.append(block[~accepted])
    pairs = np.concatenate([np.zeros((0, 2), np.int64), *left])
    pairs = pairs[links.roots[pairs[:, 0]] != links.roots[pairs[:, 1]]]
    _verify(features, pairs, boilerplate, links, threshold=threshold, k=k)


def _aligned_block(
    features: Features, pairs: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A lower bound of each pair's shingle Jaccard, from the runs of words they share; and
    the length of their common prefix and common suffix (in words).

    ``a`` and ``b`` are read side by side from the start, past up to ``SUBSTITUTIONS`` words
    that differ, and from the end over what is left: the shingles of ``a`` inside these runs
    are shingles of ``b``, and all but ``a``'s repeated shingles are distinct. That is the
    whole overlap for the common kinds of copy (words changed, a line added at the start or
    end), found without building any set. The bound is 0.0 for a text shorter than ``k``
    words.
    """
    lengths, distinct, tokens = features.lengths, features.distinct, features.tokens
    starts = np.cumsum(lengths) - lengths
    a, b = pairs[:, 0], pairs[:, 1]
    na, nb = lengths[a], lengths[b]
    common = np.minimum(na, nb)
    suffix = _matching_run(tokens, starts[a] + na - 1, starts[b] + nb - 1, common, False)
    shared = np.zeros(len(pairs), dtype=np.int64)
    done = np.zeros(len(pairs), dtype=np.int64)  # words of a aligned so far, from the start
    prefix = done
    for substitution in range(1 + SUBSTITUTIONS):
        left = np.maximum(common - done, 0)
        run = _matching_run(tokens, starts[a] + done, starts[b] + done, left, True)
        if substitution == 0:
            prefix = run
        shared += np.maximum(run - k + 1, 0)
        done = np.minimum(done + run + 1, na)  # past the run and the word that differs
    run = np.minimum(suffix, np.maximum(np.minimum(na - done, nb - done), 0))
    shared += np.maximum(run - k + 1, 0)
    shared -= (na - k + 1) - distinct[a]  # a repeated shingle is counted once
    union = distinct[a] + distinct[b] - shared
    usable = (na >= k) & (nb >= k) & (shared > 0)
    return np.where(usable, shared / np.maximum(union, 1), 0.0), prefix, suffix


def _one_edit_or_framed(
    lengths: np.ndarray,
    pairs: np.ndarray,
    prefix: np.ndarray,
    suffix: np.ndarray,
    boilerplate: set[int],
    short_limit: int,
) -> np.ndarray:
    """The word-level edit similarity of the pairs that ``near_duplicate_score`` accepts for
    one word changed, inserted or deleted in a short text, or for a text whole at the start or
    end of the other with a few words around it; 0.0 for the other pairs (left to it).

    Decided from each pair's common ``prefix`` and ``suffix``: a single edit leaves the rest
    of the shorter text split between the two, a framed text is all prefix or all suffix.
    """
    a, b = pairs[:, 0], pairs[:, 1]
    shorter = np.minimum(lengths[a], lengths[b])
    longer = np.maximum(lengths[a], lengths[b])
    extra = longer - shorter
    one_edit = (extra <= 1) & (prefix + suffix >= shorter - 1 + extra) & (shorter >= 2)
    one_edit &= longer <= short_limit
    plain = ~np.isin(a, list(boilerplate)) & ~np.isin(b, list(boilerplate))
    framed = (shorter >= MIN_CONTAINED_WORDS) & (extra <= MAX_APPENDED_WORDS) & plain
    framed &= (prefix == shorter) | (suffix == shorter)
    distance = np.where(one_edit, 1, extra)
    found: np.ndarray = np.where(one_edit | framed, 1.0 - distance / np.maximum(longer, 1), 0.0)
    return found


def _matching_run(
    tokens: np.ndarray, from_a: np.ndarray, from_b: np.ndarray, limit: np.ndarray, forward: bool
) -> np.ndarray:
    """How many words match from ``from_a`` and ``from_b`` on (or back), at most ``limit``.

    Words are compared a block at a time, the blocks doubling, and a pair leaves at its first
    mismatch: the work follows the runs, not the texts' lengths.
    """
    run = np.zeros(len(limit), dtype=np.int64)
    active = np.flatnonzero(limit > 0)
    offset, width = 0, 8
    direction = 1 if forward else -1
    while len(active):
        steps = offset + np.arange(width)
        inside = steps < limit[active, None]
        at_a = from_a[active, None] + direction * steps
        at_b = from_b[active, None] + direction * steps
        same = inside & (tokens[np.where(inside, at_a, 0)] == tokens[np.where(inside, at_b, 0)])
        stopped = ~same.all(axis=1)
        run[active[stopped]] = offset + np.argmin(same[stopped], axis=1)
        active = active[~stopped]
        offset, width = offset + width, width * 2
    return run


def _agreements(signatures: np.ndarray, pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each pair, the signature places where both agree, and the places that sample the
    union of their shingles (see :func:`storyweave.duplicates.features.agreements`)."""
    agree = np.zeros(len(pairs), dtype=np.int64)
    sampled = np.zeros(len(pairs), dtype=np.int64)
    step = 1 << 15
    for start in range(0, len(pairs), step):
        block = pairs[start : start + step]
        found = agreements(signatures[block[:, 0]], signatures[block[:, 1]])
        agree[start : start + step], sampled[start : start + step] = found
    return agree, sampled


def _verify(
    features: Features,
    pairs: np.ndarray,
    boilerplate: set[int],
    links: Links,
    *,
    threshold: float,
    k: int,
) -> None:
    """Join the ``pairs`` that ``near_duplicate_score`` accepts, one at a time in content order,
    skipping those already joined."""
    if len(pairs) == 0:
        return
    order = np.lexsort((features.keys[pairs[:, 1]], features.keys[pairs[:, 0]]))
    pairs = pairs[order]
    docs = unique_values(pairs.ravel())
    tokens, lengths = gather_words(features.tokens, features.lengths, docs)
    word_starts = np.cumsum(lengths) - lengths
    slot = {d: i for i, d in enumerate(docs.tolist())}
    cache: dict[int, frozenset[int]] = {}

    def words(d: int) -> np.ndarray:
        i = slot[d]
        return tokens[word_starts[i] : word_starts[i] + lengths[i]]

    def shingles(d: int) -> frozenset[int]:
        if d not in cache:
            cache[d] = shingle_set(words(d).tolist(), k)
        return cache[d]

    one_by_one = links.sequential()
    for a, b in pairs.tolist():
        if one_by_one.find(a) == one_by_one.find(b):
            continue
        score = near_duplicate_score(
            words(a),
            words(b),
            shingles(a),
            shingles(b),
            threshold=threshold,
            k=k,
            framing=a not in boilerplate and b not in boilerplate,
        )
        if score is not None:
            one_by_one.union(a, b, score)
    one_by_one.close()
