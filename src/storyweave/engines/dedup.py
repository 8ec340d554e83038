"""Dedup at scale: groups of duplicate and near-duplicate documents among many.

The plan: per-document features (word hashes, MinHash signatures) in a process pool, in chunks;
then across documents, all vectorised with numpy: exact duplicates by a hash of the whole word
sequence; candidate pairs of distinct texts from LSH bands of the signatures, and for short
texts from sequence keys (the text with one word deleted; its start and end); each candidate
verified exactly (``reuse.dedup.near_duplicate_score``); groups are the connected components.

Measured on Reuters-21578 (``benchmarks/dedup.py``): building one Python string per shingle
costs more than everything else together, so shingles are hashed from word hashes; numpy sorts
join the keys faster than a DuckDB self-join for this one-shot job.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial

import numpy as np

from storyweave.graph import DisjointSet
from storyweave.records import Document
from storyweave.reuse.dedup import (
    DEFAULT_K,
    DEFAULT_NUM_PERM,
    DEFAULT_THRESHOLD,
    MAX_APPENDED_WORDS,
    MIN_CONTAINED_WORDS,
    Features,
    SequenceKeys,
    featurize,
    near_duplicate_score,
    shingle_hashes,
    short_text_limit,
)

CHUNK_SIZE = 2000  # documents per task: large enough to amortise pickling, small for balance
MAX_BUCKET_NEIGHBOURS = 32  # in a larger bucket, each member is paired with the next 32 only
MIN_BAND_RECALL = 0.995  # LSH bands chosen so that a pair at the threshold is a candidate
MAX_FRAMES = 50  # a text found whole inside more distinct texts than this is boilerplate


@dataclass(frozen=True)
class DedupGroup:
    """Documents with the same text (``duplicate``) or nearly (``near-duplicate``).

    ``members`` are input positions, ascending; ``score`` is the smallest similarity of the
    verified links that joined the group (1.0 for duplicates).
    """

    kind: str
    members: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class DedupResult:
    """The groups found among ``count`` documents, ordered by their first member."""

    count: int
    groups: list[DedupGroup] = field(default_factory=list)

    @property
    def redundant(self) -> set[int]:
        """Input positions of every group member but the first: what a deduplicated corpus
        leaves out."""
        return {m for g in self.groups for m in g.members[1:]}


def dedup(
    documents: Iterable[Document],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    k: int = DEFAULT_K,
    num_perm: int = DEFAULT_NUM_PERM,
    workers: int | None = None,
    on_document: Callable[[Document], None] | None = None,
) -> DedupResult:
    """Groups of duplicate and near-duplicate ``documents`` (see the module doc).

    Word ``k``-gram Jaccard at least ``threshold`` makes a near-duplicate; short texts are also
    compared word by word. ``workers`` processes compute the features (default: all cores).
    ``on_document`` is called with each document as it is read, in input order. The groups do
    not depend on the input order; which member comes first does.
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    features = _features(documents, k, num_perm, _worker_count(workers), on_document)
    if len(features.lengths) == 0:
        return DedupResult(0, [])
    return _group(features, threshold=threshold, k=k)


def lsh_shape(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band for which a pair at ``threshold`` is a candidate
    with probability at least ``MIN_BAND_RECALL`` (fewer rows mean more candidates to verify)."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= MIN_BAND_RECALL:
            return bands, rows
    return num_perm, 1


# --- per-document features, in a pool -----------------------------------------------------------


def _features(
    documents: Iterable[Document],
    k: int,
    num_perm: int,
    workers: int,
    on_document: Callable[[Document], None] | None,
) -> Features:
    work = partial(featurize, k=k, num_perm=num_perm)
    parts: list[Features] = []
    if workers <= 1:
        parts = [work(chunk) for chunk in _chunks(documents, on_document)]
    else:
        ctx = multiprocessing.get_context("forkserver")
        with ProcessPoolExecutor(workers, mp_context=ctx) as pool:
            pending: list[Future[Features]] = []
            for chunk in _chunks(documents, on_document):
                pending.append(pool.submit(work, chunk))
                while len(pending) > 2 * workers:
                    parts.append(pending.pop(0).result())
            parts.extend(f.result() for f in pending)
    if not parts:
        return Features(np.zeros(0, np.uint64), np.zeros(0, np.int64), np.zeros((0, num_perm)))
    return Features(
        np.concatenate([p.tokens for p in parts]),
        np.concatenate([p.lengths for p in parts]),
        np.concatenate([p.signatures for p in parts]),
    )


def _chunks(
    documents: Iterable[Document], on_document: Callable[[Document], None] | None
) -> Iterator[list[tuple[str, str]]]:
    chunk: list[tuple[str, str]] = []
    for doc in documents:
        if on_document is not None:
            on_document(doc)
        chunk.append((doc.format, doc.text))
        if len(chunk) >= CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _worker_count(workers: int | None) -> int:
    return workers if workers is not None else (os.cpu_count() or 1)


# --- across documents ---------------------------------------------------------------------------


def _group(features: Features, *, threshold: float, k: int) -> DedupResult:
    lengths = features.lengths
    count = len(lengths)
    keys = SequenceKeys.of(features.tokens, lengths)
    texts = np.flatnonzero(lengths > 0)
    body = keys.whole(texts) ^ (lengths[texts].astype(np.uint64) * np.uint64(0x2545F4914F6CDD1D))
    _, first, inverse = np.unique(body, return_index=True, return_inverse=True)
    # One representative per distinct text: its first document in input order.
    rep_of = texts[first][inverse]
    reps = np.unique(texts[first])
    sets: DisjointSet[int] = DisjointSet(int(i) for i in texts)
    for member, rep in zip(texts.tolist(), rep_of.tolist(), strict=True):
        if member != rep:
            sets.union(rep, member)
    scores: dict[int, float] = {}
    _link_near_duplicates(features, keys, reps, sets, scores, threshold=threshold, k=k)
    return DedupResult(count, _groups(sets, scores, rep_of, texts))


def _link_near_duplicates(
    features: Features,
    keys: SequenceKeys,
    reps: np.ndarray,
    sets: DisjointSet[int],
    scores: dict[int, float],
    *,
    threshold: float,
    k: int,
) -> None:
    pairs, boilerplate = _candidates(features, keys, reps, threshold=threshold, k=k)
    starts = keys.starts
    lengths = features.lengths
    flat, counts = shingle_hashes(features.tokens, lengths, k)
    shingle_starts = np.cumsum(counts) - counts
    cache: dict[int, frozenset[int]] = {}

    def words(i: int) -> np.ndarray:
        return features.tokens[starts[i] : starts[i] + lengths[i]]

    def shingles(i: int) -> frozenset[int]:
        if i not in cache:
            cache[i] = frozenset(flat[shingle_starts[i] : shingle_starts[i] + counts[i]].tolist())
        return cache[i]

    # Content order, not input order: which links join a group (and so its score) must not
    # depend on how the input was ordered.
    body = keys.whole(np.arange(len(lengths)))
    order = np.lexsort((body[pairs[:, 1]], body[pairs[:, 0]]))
    for a, b in pairs[order].tolist():
        if sets.find(a) == sets.find(b):
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
            low = min(scores.get(sets.find(a), 1.0), scores.get(sets.find(b), 1.0), score)
            sets.union(a, b)
            scores[sets.find(a)] = low


def _candidates(
    features: Features, keys: SequenceKeys, reps: np.ndarray, *, threshold: float, k: int
) -> tuple[np.ndarray, set[int]]:
    """Candidate pairs (a < b) of representatives, distinct rows; and the texts found whole
    around more than ``MAX_FRAMES`` distinct texts (boilerplate, see ``_framing_pairs``)."""
    found = [_lsh_pairs(features.signatures[reps], reps, threshold)]
    n = features.lengths[reps]
    limit = short_text_limit(k, threshold)
    short = reps[n <= limit]
    owners, deletion_keys = keys.deletions(short)
    found.append(
        _pairs_sharing_keys(
            np.concatenate([owners, short]), np.concatenate([deletion_keys, keys.whole(short)])
        )
    )
    wholes = reps[(n >= MIN_CONTAINED_WORDS) & (n <= limit)]
    framing = reps[(n > MIN_CONTAINED_WORDS) & (n <= limit + MAX_APPENDED_WORDS)]
    owners, affix_keys = keys.affixes(framing, MAX_APPENDED_WORDS, MIN_CONTAINED_WORDS)
    framing, boilerplate = _framing_pairs(
        _pairs_between(wholes, keys.whole(wholes), owners, affix_keys)
    )
    found.append(framing)
    pairs = np.concatenate([p for p in found if len(p)] or [np.zeros((0, 2), np.int64)])
    pairs = np.sort(pairs, axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return (np.unique(pairs, axis=0) if len(pairs) else pairs), boilerplate


def _lsh_pairs(signatures: np.ndarray, docs: np.ndarray, threshold: float) -> np.ndarray:
    bands, rows = lsh_shape(signatures.shape[1], threshold)
    wide = signatures.astype(np.uint64)
    found = []
    for band in range(bands):
        block = wide[:, band * rows : (band + 1) * rows]
        key = np.zeros(len(docs), dtype=np.uint64)
        for j in range(rows):
            key = (key ^ block[:, j]) * np.uint64(0x100000001B3 + 2 * j)
        found.append(_pairs_sharing_keys(docs, key))
    return np.concatenate(found) if found else np.zeros((0, 2), np.int64)


def _pairs_sharing_keys(docs: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Pairs of ``docs`` with equal ``keys``: every pair in a bucket, or in a bucket of more
    than ``MAX_BUCKET_NEIGHBOURS`` + 1, each member with its next ``MAX_BUCKET_NEIGHBOURS``."""
    order = np.lexsort((docs, keys))
    docs, keys = docs[order], keys[order]
    found = []
    for step in range(1, MAX_BUCKET_NEIGHBOURS + 1):
        same = keys[step:] == keys[:-step]
        if not same.any():
            break
        found.append(np.stack([docs[:-step][same], docs[step:][same]], axis=1))
    return np.concatenate(found) if found else np.zeros((0, 2), np.int64)


def _framing_pairs(pairs: np.ndarray) -> tuple[np.ndarray, set[int]]:
    """The (contained, framing) pairs whose contained text is framed by at most
    ``MAX_FRAMES`` distinct texts: one found around many different texts is boilerplate (a
    scraper's line on its own), not an article that was copied."""
    pairs = np.unique(pairs, axis=0) if len(pairs) else pairs
    contained, frames = np.unique(pairs[:, 0], return_counts=True)
    kept = contained[frames <= MAX_FRAMES]
    return pairs[np.isin(pairs[:, 0], kept)], set(contained[frames > MAX_FRAMES].tolist())


def _pairs_between(
    docs_a: np.ndarray, keys_a: np.ndarray, docs_b: np.ndarray, keys_b: np.ndarray
) -> np.ndarray:
    """Pairs (a, b) with ``keys_a`` of a equal to some key of b."""
    hit = np.isin(keys_b, keys_a)
    docs_b, keys_b = docs_b[hit], keys_b[hit]
    order = np.argsort(keys_a, kind="stable")
    sorted_keys = keys_a[order]
    lo = np.searchsorted(sorted_keys, keys_b, side="left")
    hi = np.searchsorted(sorted_keys, keys_b, side="right")
    counts = hi - lo
    b = np.repeat(docs_b, counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    a = docs_a[order][np.repeat(lo, counts) + (np.arange(len(b)) - first)]
    return np.stack([a, b], axis=1)


def _groups(
    sets: DisjointSet[int], scores: dict[int, float], rep_of: np.ndarray, texts: np.ndarray
) -> list[DedupGroup]:
    distinct = dict(zip(texts.tolist(), rep_of.tolist(), strict=True))
    groups = []
    for members in sets.groups():
        if len(members) < 2:
            continue
        single_text = len({distinct[m] for m in members}) == 1
        kind = "duplicate" if single_text else "near-duplicate"
        score = 1.0 if single_text else scores.get(members[0], 1.0)
        groups.append(DedupGroup(kind, tuple(members), round(score, 4)))
    return groups
