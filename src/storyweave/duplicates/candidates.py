"""Candidate pairs among many documents: LSH bands of the signatures, and for short texts the
sequence keys (one word deleted; the start and end), each bucket joined through a few centres
so that the pairs stay linear in the documents.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

import numpy as np

from storyweave.duplicates.features import Features, SequenceKeys
from storyweave.duplicates.verdict import MAX_APPENDED_WORDS, MIN_CONTAINED_WORDS, short_text_limit
from storyweave.parallel import worker_count

_T = TypeVar("_T")


Band = tuple[np.ndarray, np.ndarray]  # (ranks of the rows in an LSH band, their keys in it)


MIN_BAND_RECALL = 0.995  # LSH bands chosen so that a pair at the threshold is a candidate


MAX_FRAMES = 50  # a text found whole inside more distinct texts than this is boilerplate


# Members of an LSH bucket every other member is paired with (see _pairs_sharing_keys):
# near-duplicates of one text are near each other too, so a few suffice.
LSH_CENTRES = 2


MAX_LONELY_PAIRS = 64  # members of an LSH bucket a text still alone is compared with


def lsh_shape(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band for which a pair at ``threshold`` is a candidate
    with probability at least ``MIN_BAND_RECALL`` (fewer rows mean more candidates to verify)."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= MIN_BAND_RECALL:
            return bands, rows
    return num_perm, 1


def lonely_pairs(bands: list[Band], alone: np.ndarray) -> np.ndarray:
    """Each rank where ``alone`` with up to ``MAX_LONELY_PAIRS`` members of each LSH bucket
    it is in (``bands``: the ranks in each band and their keys)."""
    found = [np.zeros((0, 2), np.int64)]
    for ranks, key in bands:
        members, keys = _sorted_by_key(ranks, key)
        opens = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
        sizes = np.diff(np.append(opens, len(members)))
        start = np.repeat(opens, sizes)
        size = np.repeat(sizes, sizes)
        who = np.flatnonzero(alone[members] & (size > 1))
        count = np.minimum(size[who], MAX_LONELY_PAIRS)
        offsets = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
        other = members[np.repeat(start[who], count) + offsets]
        found.append(np.stack([np.repeat(members[who], count), other], axis=1))
    return np.concatenate(found)


def bands_of(keys: np.ndarray) -> list[Band]:
    """Each LSH band of ``keys`` (ranks by band, see
    :func:`storyweave.duplicates.features.band_keys`) as the ranks in it and their keys."""
    ranks = np.arange(len(keys))
    return [(ranks, np.ascontiguousarray(keys[:, band])) for band in range(keys.shape[1])]


def _each_band(work: Callable[..., _T], arguments: Sequence[tuple[np.ndarray, ...]]) -> list[_T]:
    """``work`` on each band's arguments, in threads (numpy sorts and array arithmetic release
    the GIL, so the bands of the serial part use every core); results in band order."""
    with ThreadPoolExecutor(worker_count(None)) as threads:
        return list(threads.map(lambda args: work(*args), arguments))


def candidate_pairs(
    features: Features,
    keys: SequenceKeys,
    by_rank: np.ndarray,
    bands: list[Band],
    *,
    threshold: float,
    k: int,
) -> tuple[list[np.ndarray], set[int]]:
    """Candidate pairs (a < b) of representatives, each once, in two tiers: the pairs with each
    bucket's first centre and the framing pairs, then the others (mostly joined by the first
    tier by the time they are tested); and the texts found whole around more than
    ``MAX_FRAMES`` distinct texts (boilerplate, see ``_framing_pairs``)."""
    reps = np.sort(by_rank)
    rank = np.full(len(features.lengths), -1, dtype=np.int64)
    rank[by_rank] = np.arange(len(by_rank))
    # The short-text keys are joined in a thread beside the LSH bands (numpy sorts release the
    # GIL, and the two take about as long).
    with ThreadPoolExecutor(1) as thread:
        edits = thread.submit(_one_edit_pairs, features, keys, reps, rank, threshold, k)
        framed = thread.submit(_framed_pairs, features, keys, reps, threshold, k)
        first, rest = _lsh_pairs(bands)
        substituted, inserted = edits.result()
        framing, boilerplate = framed.result()
    primary = distinct_pairs(
        np.concatenate([by_rank[first], by_rank[substituted], inserted, framing])
    )
    secondary = distinct_pairs(by_rank[rest])
    return [primary, _without(secondary, primary)], boilerplate


def _one_edit_pairs(
    features: Features,
    keys: SequenceKeys,
    reps: np.ndarray,
    rank: np.ndarray,
    threshold: float,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of short texts one word apart: (rank pairs with one word changed, document pairs
    with one word inserted)."""
    n = features.lengths[reps]
    short = reps[n <= short_text_limit(k, threshold)]
    owners, deletion_keys = keys.deletions(short)
    # One word changed: texts that are the same with word i deleted, each pair one word apart,
    # so a bucket's first member joins it all. One word inserted: a text whole that is another
    # with one word deleted.
    positions = np.arange(len(owners)) - np.repeat(
        np.cumsum(features.lengths[short]) - features.lengths[short], features.lengths[short]
    )
    changed = deletion_keys ^ mix_position(positions)
    substituted = _pairs_sharing_keys(rank[owners], changed, 1)[0]
    inserted = _pairs_between(short, features.keys[short], owners, deletion_keys)
    return substituted, inserted


def _framed_pairs(
    features: Features, keys: SequenceKeys, reps: np.ndarray, threshold: float, k: int
) -> tuple[np.ndarray, set[int]]:
    """(contained, framing) document pairs of short texts found whole at the start or end of
    another, and the boilerplate texts (see :func:`_framing_pairs`)."""
    n = features.lengths[reps]
    limit = short_text_limit(k, threshold)
    wholes = reps[(n >= MIN_CONTAINED_WORDS) & (n <= limit)]
    framing = reps[(n > MIN_CONTAINED_WORDS) & (n <= limit + MAX_APPENDED_WORDS)]
    owners, affix_keys = keys.affixes(framing, MAX_APPENDED_WORDS, MIN_CONTAINED_WORDS)
    return _framing_pairs(_pairs_between(wholes, features.keys[wholes], owners, affix_keys))


def mix_position(positions: np.ndarray) -> np.ndarray:
    """A 64-bit tag per word position, to tell keys of deletions at different places apart."""
    mixed = (positions.astype(np.uint64) + np.uint64(1)) * np.uint64(0xD1B54A32D192ED03)
    tag: np.ndarray = mixed ^ (mixed >> np.uint64(29))
    return tag


def _without(pairs: np.ndarray, known: np.ndarray) -> np.ndarray:
    """The rows of ``pairs`` that are not rows of ``known`` (both as from distinct_pairs:
    sorted, so their codes are sorted too)."""
    if len(pairs) == 0 or len(known) == 0:
        return pairs
    width = int(max(pairs.max(), known.max())) + 1
    codes, known_codes = pairs[:, 0] * width + pairs[:, 1], known[:, 0] * width + known[:, 1]
    at = np.minimum(np.searchsorted(known_codes, codes), len(known_codes) - 1)
    kept: np.ndarray = pairs[known_codes[at] != codes]
    return kept


def unique_values(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending (np.unique without options is a hash table in numpy 2,
    measured 100 times slower than a sort on a million integers)."""
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered
    kept: np.ndarray = ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])]
    return kept


def distinct_pairs(pairs: np.ndarray) -> np.ndarray:
    """Each unordered pair of distinct documents once, as (smaller, larger), sorted."""
    if len(pairs) == 0:
        return np.zeros((0, 2), np.int64)
    low = np.minimum(pairs[:, 0], pairs[:, 1]).astype(np.int64)
    high = np.maximum(pairs[:, 0], pairs[:, 1]).astype(np.int64)
    width = int(high.max()) + 1
    codes = np.sort((low * width + high)[low != high])
    codes = codes[np.concatenate([[True], codes[1:] != codes[:-1]])] if len(codes) else codes
    return np.stack([codes // width, codes % width], axis=1)


def _lsh_pairs(bands: list[Band]) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of ranks sharing an LSH band key: with the first centre of their bucket, and the
    others (see :func:`_pairs_sharing_keys`)."""
    first, rest = [np.zeros((0, 2), np.int64)], [np.zeros((0, 2), np.int64)]
    join = partial(_pairs_sharing_keys, centres=LSH_CENTRES)
    for by_centre in _each_band(join, bands):
        first.append(by_centre[0])
        rest.extend(by_centre[1:])
    return distinct_pairs(np.concatenate(first)), distinct_pairs(np.concatenate(rest))


def _pairs_sharing_keys(docs: np.ndarray, keys: np.ndarray, centres: int) -> list[np.ndarray]:
    """Pairs of ``docs`` with equal ``keys``, one array per centre: each member of a bucket
    with the bucket's first ``centres`` members (``docs`` are ranks in content order, see
    ``candidate_pairs``).

    Every pair of a bucket would cost size²/2; a few centres keep the work linear however many
    copies a text has, and still join a bucket whose members are each near only some others
    (texts one word apart from an original but two from each other): a member is joined to
    the centres it is near, and the original, among the centres or not, to all of them.
    """
    if len(docs) < 2:
        return [np.zeros((0, 2), np.int64) for _ in range(centres)]
    docs, keys = _sorted_by_key(docs, keys)
    opens = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    bucket = np.repeat(opens, np.diff(np.append(opens, len(docs))))  # each one's bucket start
    found = []
    for centre in range(centres):
        at = bucket + centre
        inside = (at < len(docs)) & (at < np.arange(len(docs)))
        inside[inside] = keys[at[inside]] == keys[inside]
        found.append(np.stack([docs[at[inside]], docs[inside]], axis=1))
    return found


def _sorted_by_key(docs: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``docs`` (non-negative) sorted by ``keys``, then by document, and their keys.

    Key and document are packed in one integer (the key's low bits give way to the document: a
    chance collision of the rest only adds a candidate to verify), much faster than a two-key
    sort; the keys returned are the packed keys' high bits.
    """
    bits = max(1, int(docs.max()).bit_length()) if len(docs) else 1
    mask = np.uint64((1 << bits) - 1)
    packed = np.sort((keys.astype(np.uint64) & ~mask) | docs.astype(np.uint64))
    return (packed & mask).astype(np.int64), packed >> np.uint64(bits)


def _framing_pairs(pairs: np.ndarray) -> tuple[np.ndarray, set[int]]:
    """The (contained, framing) pairs whose contained text is framed by at most
    ``MAX_FRAMES`` distinct texts: one found around many different texts is boilerplate (a
    scraper's line on its own), not an article that was copied."""
    if len(pairs) == 0:
        return pairs, set()
    width = int(pairs.max()) + 1
    codes = unique_values(pairs[:, 0].astype(np.int64) * width + pairs[:, 1])
    pairs = np.stack([codes // width, codes % width], axis=1)  # distinct, sorted by contained
    opens = np.flatnonzero(np.concatenate([[True], pairs[1:, 0] != pairs[:-1, 0]]))
    frames = np.diff(np.append(opens, len(pairs)))
    many = np.repeat(frames > MAX_FRAMES, frames)
    return pairs[~many], set(pairs[opens[frames > MAX_FRAMES], 0].tolist())


def _pairs_between(
    docs_a: np.ndarray, keys_a: np.ndarray, docs_b: np.ndarray, keys_b: np.ndarray
) -> np.ndarray:
    """Pairs (a, b) with ``keys_a`` of a equal to some key of b."""
    # A bitmap of the keys of a first: most keys of b are in no text of a, and a lookup per key
    # costs less than a binary search.
    bits = np.uint64(max(20, len(keys_a).bit_length() + 6))
    bitmap = np.zeros(1 << int(bits), dtype=bool)
    bitmap[keys_a >> (np.uint64(64) - bits)] = True
    maybe = bitmap[keys_b >> (np.uint64(64) - bits)]
    docs_b, keys_b = docs_b[maybe], keys_b[maybe]
    order = np.argsort(keys_a, kind="stable")
    sorted_keys = keys_a[order]
    lo = np.searchsorted(sorted_keys, keys_b, side="left")
    hit = lo < len(sorted_keys)
    hit[hit] = sorted_keys[lo[hit]] == keys_b[hit]
    docs_b, keys_b, lo = docs_b[hit], keys_b[hit], lo[hit]
    hi = np.searchsorted(sorted_keys, keys_b, side="right")
    counts = hi - lo
    b = np.repeat(docs_b, counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    a = docs_a[order][np.repeat(lo, counts) + (np.arange(len(b)) - first)]
    return np.stack([a, b], axis=1)
