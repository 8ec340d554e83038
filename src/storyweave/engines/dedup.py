"""Dedup at scale: groups of duplicate and near-duplicate documents among many.

The plan: the inputs are read in batches (:mod:`storyweave.ingest.batches`: a JSONL file as raw
lines), and each batch is parsed and turned into features (word hashes, MinHash signatures,
whole-text keys, distinct shingle counts) in a process pool. Then across documents, vectorised
with numpy: exact duplicates by their whole-text key; candidate pairs of distinct texts from
LSH bands of the signatures, and for short texts from sequence keys (the text with one word
deleted; its start and end), each bucket joined through a few centres so the pairs stay linear
in the documents. Each candidate not yet joined meets the cheapest test that decides it: its
MinHash estimate where that alone is decisive (:func:`decisive_counts`); the words it shares
from its start and end (an exact lower bound of its Jaccard, and the one-edit and framing rules
of short texts); else an exact verification one pair at a time
(``reuse.dedup.near_duplicate_score``). Groups are the connected components.

Measured on Reuters-21578 and copies of it (``benchmarks/dedup.py``): building one Python
string per word or shingle, or verifying pairs one at a time in Python, costs more than
everything else together, so ASCII words are hashed from the bytes in numpy, shingle hashes are
combinations of word hashes, and pairs are decided in bulk; numpy sorts join the keys faster
than a DuckDB self-join for this one-shot job.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import BinaryIO, TypeVar

import numpy as np

from storyweave.engines.pool import dedup_pool_context, one_thread_each
from storyweave.errors import InputError
from storyweave.ingest.batches import Batch, ReadItems, parse_batch, read_batches
from storyweave.ingest.common import DEFAULT_MAX_BYTES, Body
from storyweave.parallel import ProgressFn, in_batches, make_pool, worker_count
from storyweave.records import Document, RelationKind
from storyweave.reuse.dedup import (
    DEFAULT_K,
    DEFAULT_NUM_PERM,
    DEFAULT_THRESHOLD,
    MAX_APPENDED_WORDS,
    MIN_CONTAINED_WORDS,
    Features,
    SequenceKeys,
    agreements,
    featurize,
    gather_words,
    near_duplicate_score,
    short_text_limit,
)

_T = TypeVar("_T")
Band = tuple[np.ndarray, np.ndarray]  # (ranks of the rows in an LSH band, their keys in it)

BATCH_SIZE = 2000  # documents per task: large enough to amortise pickling, small for balance
MIN_BAND_RECALL = 0.995  # LSH bands chosen so that a pair at the threshold is a candidate
MAX_FRAMES = 50  # a text found whole inside more distinct texts than this is boilerplate
# Members of an LSH bucket every other member is paired with (see _pairs_sharing_keys):
# near-duplicates of one text are near each other too, so a few suffice.
LSH_CENTRES = 2
MAX_LONELY_PAIRS = 64  # members of an LSH bucket a text still alone is compared with
SUBSTITUTIONS = 2  # words that may differ between the runs of _alignment
_ALIGN_BLOCK = 1 << 13  # pairs aligned at once (see _decide)
ESTIMATE_ERROR = 1e-6  # chance that a MinHash estimate decides a pair the wrong way round


@dataclass(frozen=True)
class DedupGroup:
    """Documents with the same text (``duplicate``) or nearly (``near-duplicate``).

    ``members`` are input positions, ascending; ``score`` is the smallest similarity of the
    links that joined the group (1.0 for duplicates).
    """

    kind: str
    members: tuple[int, ...]
    score: float


@dataclass(frozen=True)
class DedupResult:
    """The groups found among ``count`` documents, ordered by their first member; ``refs``
    names the document at each input position."""

    count: int
    groups: list[DedupGroup] = field(default_factory=list)
    refs: tuple[str, ...] = ()

    @property
    def redundant(self) -> set[int]:
        """Input positions of every group member but the first: what a deduplicated corpus
        leaves out."""
        return {m for g in self.groups for m in g.members[1:]}


@dataclass(frozen=True)
class _Part:
    """What a worker returns for one batch: refs of its documents, errors, features."""

    refs: list[str]
    errors: list[InputError]
    features: Features


def dedup(
    documents: Iterable[Document],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    k: int = DEFAULT_K,
    num_perm: int = DEFAULT_NUM_PERM,
    workers: int | None = None,
    on_document: Callable[[Document], None] | None = None,
    progress: ProgressFn | None = None,
) -> DedupResult:
    """Groups of duplicate and near-duplicate ``documents`` (see the module doc).

    Word ``k``-gram Jaccard at least ``threshold`` makes a near-duplicate; short texts are also
    compared word by word. ``workers`` processes compute the features (default: all cores).
    ``on_document`` is called with each document as it is read, in input order. The groups do
    not depend on the input order; which member comes first does. ``progress(stage, done,
    total)`` is told how far the work is (``reading``: documents featurized; ``grouping``).
    """
    return _dedup_batches(
        _document_batches(documents, on_document),
        threshold=threshold,
        k=k,
        num_perm=num_perm,
        workers=workers,
        on_error=None,
        progress=progress,
    )


def dedup_inputs(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    threshold: float = DEFAULT_THRESHOLD,
    k: int = DEFAULT_K,
    num_perm: int = DEFAULT_NUM_PERM,
    workers: int | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: ProgressFn | None = None,
) -> DedupResult:
    """:func:`dedup` of the inputs named by ``paths`` (as ``storyweave.ingest.read_inputs``
    reads them), with JSONL files parsed in the worker processes too. ``on_error`` is called
    with each input that was skipped, in input order; ``progress`` as in :func:`dedup`."""
    batches = read_batches(paths, stdin=stdin, max_bytes=max_bytes, batch_lines=BATCH_SIZE)
    return _dedup_batches(
        batches,
        threshold=threshold,
        k=k,
        num_perm=num_perm,
        workers=workers,
        on_error=on_error,
        progress=progress,
    )


def _dedup_batches(
    batches: Iterable[Batch],
    *,
    threshold: float,
    k: int,
    num_perm: int,
    workers: int | None,
    on_error: Callable[[InputError], None] | None,
    progress: ProgressFn | None = None,
) -> DedupResult:
    work = featurize_work(threshold=threshold, k=k, num_perm=num_perm)
    refs: list[str] = []
    tell = progress or (lambda stage, done, total: None)
    features = _features(batches, work, num_perm, worker_count(workers), refs, on_error, tell)
    if len(features.lengths) == 0:
        return DedupResult(0, [], ())
    tell("grouping", 0, 1)
    groups = _group(features, threshold=threshold, k=k)
    tell("grouping", 1, 1)
    return DedupResult(len(features.lengths), groups, tuple(refs))


def featurize_work(*, threshold: float, k: int, num_perm: int) -> Callable[[Batch], _Part]:
    """The per-batch feature function for these settings (``threshold`` checked first), as
    every engine runs it."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    return partial(
        _featurize_batch,
        k=k,
        num_perm=num_perm,
        prefix_words=short_text_limit(k, threshold) + MAX_APPENDED_WORDS,
        lsh=lsh_shape(num_perm, threshold),
    )


def lsh_shape(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band for which a pair at ``threshold`` is a candidate
    with probability at least ``MIN_BAND_RECALL`` (fewer rows mean more candidates to verify)."""
    for rows in range(num_perm, 0, -1):
        bands = num_perm // rows
        if 1.0 - (1.0 - threshold**rows) ** bands >= MIN_BAND_RECALL:
            return bands, rows
    return num_perm, 1


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


# --- per-document features, in a pool -----------------------------------------------------------


def _features(
    batches: Iterable[Batch],
    work: Callable[[Batch], _Part],
    num_perm: int,
    workers: int,
    refs: list[str],
    on_error: Callable[[InputError], None] | None,
    tell: ProgressFn,
) -> Features:
    parts: list[Features] = []

    def collect(part: _Part) -> None:
        refs.extend(part.refs)
        parts.append(part.features)
        tell("reading", len(refs), None)
        if on_error is not None:
            for error in part.errors:
                on_error(error)

    if workers <= 1:
        for batch in batches:
            collect(work(batch))
    else:
        with make_pool(workers, dedup_pool_context(), one_thread_each) as pool:
            pending: list[Future[_Part]] = []
            for batch in batches:
                pending.append(pool.submit(work, batch))
                while len(pending) > 2 * workers:
                    collect(pending.pop(0).result())
            for future in pending:
                collect(future.result())
    parts = [p for p in parts if len(p.lengths)]
    if not parts:
        return _no_features(num_perm, 1)
    # Each part's prefix offsets, moved past the prefix sums of the parts before it.
    shift = np.cumsum([0] + [len(p.prefix) for p in parts[:-1]])
    return Features(
        np.concatenate([p.tokens for p in parts]),
        np.concatenate([p.lengths for p in parts]),
        np.concatenate([p.signatures for p in parts]),
        np.concatenate([p.keys for p in parts]),
        np.concatenate([p.distinct for p in parts]),
        np.concatenate([p.prefix for p in parts]),
        np.concatenate(
            [
                np.where(p.prefix_at >= 0, p.prefix_at + at, -1)
                for p, at in zip(parts, shift, strict=True)
            ]
        ),
        np.concatenate([p.bands for p in parts]),
    )


def _featurize_batch(
    batch: Batch, *, k: int, num_perm: int, prefix_words: int, lsh: tuple[int, int]
) -> _Part:
    """Parse one batch and featurize its documents (pure; runs in worker processes)."""
    items = parse_batch(batch)
    bodies = [item for item in items if isinstance(item, Body)]
    errors = [item for item in items if isinstance(item, InputError)]
    if not bodies:
        return _Part([], errors, _no_features(num_perm, lsh[0]))
    features = featurize(
        [(b.format, b.text) for b in bodies],
        k=k,
        num_perm=num_perm,
        prefix_words=prefix_words,
        lsh=lsh,
    )
    return _Part([b.ref for b in bodies], errors, features)


def _no_features(num_perm: int, bands: int) -> Features:
    empty = np.zeros(0, np.uint64)
    counts = np.zeros(0, np.int64)
    signatures = np.zeros((0, num_perm), np.uint32)
    keys = np.zeros((0, bands), np.uint64)
    return Features(empty, counts, signatures, empty, counts, empty, counts, keys)


def _document_batches(
    documents: Iterable[Document], on_document: Callable[[Document], None] | None
) -> Iterator[Batch]:
    for chunk in in_batches(_told(documents, on_document), BATCH_SIZE):
        yield ReadItems(tuple(chunk))


def _told(
    documents: Iterable[Document], on_document: Callable[[Document], None] | None
) -> Iterator[Document]:
    """``documents``, each given to ``on_document`` as it is read."""
    for doc in documents:
        if on_document is not None:
            on_document(doc)
        yield doc


# --- across documents ---------------------------------------------------------------------------


def _group(features: Features, *, threshold: float, k: int) -> list[DedupGroup]:
    lengths = features.lengths
    texts = np.flatnonzero(lengths > 0)
    body = features.keys[texts] ^ (lengths[texts].astype(np.uint64) * np.uint64(0x2545F4914F6CDD1D))
    _, first, inverse = np.unique(body, return_index=True, return_inverse=True)
    # One representative per distinct text: its first document in input order.
    rep_of = np.full(len(lengths), -1, dtype=np.int64)
    rep_of[texts] = texts[first][inverse.ravel()]
    reps = _unique(texts[first])
    # Every document starts linked to its representative, the smallest position of its text.
    links = _Links(np.where(rep_of >= 0, rep_of, np.arange(len(lengths))))
    _link_near_duplicates(features, reps, links, threshold=threshold, k=k)
    return _groups(links, rep_of)


class _Links:
    """Connected components over input positions: ``roots[i]`` is the smallest member of i's
    component (so the groups do not depend on the order of the links), ``low[r]`` the smallest
    link score in root r's component. Links come in bulk (:meth:`join`, vectorised) or one by
    one (:meth:`sequential`, for links that depend on the ones before)."""

    def __init__(self, roots: np.ndarray) -> None:
        self.roots = roots.astype(np.int64)
        self.low = np.ones(len(roots), dtype=np.float64)

    def join(self, a: np.ndarray, b: np.ndarray, scores: np.ndarray) -> None:
        """Link each a[i] with b[i] (score scores[i])."""
        if len(a) == 0:
            return
        roots, linked = self.roots, a
        while True:
            ra, rb = roots[a], roots[b]
            apart = ra != rb
            if not apart.any():
                break
            a, b, ra, rb = a[apart], b[apart], ra[apart], rb[apart]
            # Hook each root to the smallest root it is linked with, then jump to the roots.
            np.minimum.at(roots, np.maximum(ra, rb), np.minimum(ra, rb))
            while True:
                jumped = roots[roots]
                if np.array_equal(jumped, roots):
                    break
                roots = jumped
            self.roots = roots
        self._settle()
        np.minimum.at(self.low, self.roots[linked], scores)

    def _settle(self) -> None:
        """Carry every node's low score to its root."""
        np.minimum.at(self.low, self.roots, self.low.copy())

    def sequential(self) -> _Sequential:
        """A one-by-one view; call its ``close()`` to write the links back."""
        return _Sequential(self)


class _Sequential:
    """Union-find for links decided one at a time: a dictionary over the components the links
    touch (starting from the bulk roots), so its cost follows the links, not the documents;
    ``close()`` hands the links to the bulk structure."""

    def __init__(self, links: _Links) -> None:
        self.links = links
        self.parent: dict[int, int] = {}
        self.joined: list[tuple[int, int, float]] = []

    def find(self, node: int) -> int:
        node = int(self.links.roots[node])
        parent = self.parent
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    def union(self, a: int, b: int, score: float) -> None:
        root_a, root_b = self.find(a), self.find(b)
        self.parent[max(root_a, root_b)] = min(root_a, root_b)
        self.joined.append((a, b, score))

    def close(self) -> None:
        if self.joined:
            a, b, scores = zip(*self.joined, strict=True)
            self.links.join(np.array(a), np.array(b), np.array(scores, dtype=np.float64))


def _link_near_duplicates(
    features: Features, reps: np.ndarray, links: _Links, *, threshold: float, k: int
) -> None:
    """Join the near-duplicate pairs among the distinct texts ``reps``, cheapest test first,
    each on the pairs not yet joined: the MinHash estimate where it alone decides, the words
    the pair shares from its start and end, and then an exact verification, in content order
    (so that the scores do not depend on the input order)."""
    lengths = features.lengths
    keys = features.sequence_keys()
    # Buckets are joined in content order (each member to the first texts in that order), so
    # that the candidates do not depend on the input order.
    by_rank = reps[np.argsort(features.keys[reps], kind="stable")]
    bands = _band_keys(features.bands[by_rank])
    tiers, boilerplate = _candidates(features, keys, by_rank, bands, threshold=threshold, k=k)
    for pairs in tiers:
        _decide(features, pairs, boilerplate, links, threshold=threshold, k=k)
    # A text still alone gets a second chance: every member of its LSH buckets, not only
    # their centres (few texts, so this stays cheap).
    alone = np.bincount(links.roots, minlength=len(lengths))[links.roots[by_rank]] == 1
    if alone.any():
        lonely = by_rank[_lonely_pairs(bands, alone)]
        _decide(features, _distinct_pairs(lonely), boilerplate, links, threshold=threshold, k=k)


def _decide(
    features: Features,
    pairs: np.ndarray,
    boilerplate: set[int],
    links: _Links,
    *,
    threshold: float,
    k: int,
) -> None:
    """Join the near-duplicates among ``pairs`` not joined yet, cheapest test first."""
    left = _decide_by_estimate(features, pairs, links, threshold=threshold, k=k)
    blocks = np.arange(len(left)) // _ALIGN_BLOCK
    _decide_by_words(features, left, blocks, boilerplate, links, threshold=threshold, k=k)


def _decide_by_estimate(
    features: Features, pairs: np.ndarray, links: _Links, *, threshold: float, k: int
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


def _decide_by_words(
    features: Features,
    pairs: np.ndarray,
    blocks: np.ndarray,
    boilerplate: set[int],
    links: _Links,
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


def _lonely_pairs(bands: list[Band], alone: np.ndarray) -> np.ndarray:
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


def _band_keys(keys: np.ndarray) -> list[Band]:
    """Each LSH band of ``keys`` (ranks by band, see ``reuse.dedup.band_keys``) as the ranks in
    it and their keys."""
    ranks = np.arange(len(keys))
    return [(ranks, np.ascontiguousarray(keys[:, band])) for band in range(keys.shape[1])]


def _each_band(work: Callable[..., _T], arguments: Sequence[tuple[np.ndarray, ...]]) -> list[_T]:
    """``work`` on each band's arguments, in threads (numpy sorts and array arithmetic release
    the GIL, so the bands of the serial part use every core); results in band order."""
    with ThreadPoolExecutor(worker_count(None)) as threads:
        return list(threads.map(lambda args: work(*args), arguments))


def _alignment(
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
    bound = np.zeros(len(pairs), dtype=np.float64)
    prefix = np.zeros(len(pairs), dtype=np.int64)
    suffix = np.zeros(len(pairs), dtype=np.int64)
    for start in range(0, len(pairs), _ALIGN_BLOCK):
        block = slice(start, start + _ALIGN_BLOCK)
        bound[block], prefix[block], suffix[block] = _aligned_block(features, pairs[block], k)
    return bound, prefix, suffix


def _aligned_block(
    features: Features, pairs: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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
    union of their shingles (see ``reuse.dedup.agreements``)."""
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
    links: _Links,
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
    docs = _unique(pairs.ravel())
    tokens, lengths = gather_words(features.tokens, features.lengths, docs)
    word_starts = np.cumsum(lengths) - lengths
    slot = {d: i for i, d in enumerate(docs.tolist())}
    cache: dict[int, frozenset[int]] = {}

    def words(d: int) -> np.ndarray:
        i = slot[d]
        return tokens[word_starts[i] : word_starts[i] + lengths[i]]

    def shingles(d: int) -> frozenset[int]:
        if d not in cache:
            cache[d] = _shingle_set(words(d).tolist(), k)
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


def _shingle_set(words: list[int], k: int) -> frozenset[int]:
    """The word ``k``-grams of ``words`` (word hashes), each as one hash (all words if fewer)."""
    if len(words) < k:
        return frozenset([hash(tuple(words))]) if words else frozenset()
    return frozenset(map(hash, zip(*(words[i:] for i in range(k)), strict=False)))


def _candidates(
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
    primary = _distinct_pairs(
        np.concatenate([by_rank[first], by_rank[substituted], inserted, framing])
    )
    secondary = _distinct_pairs(by_rank[rest])
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
    changed = deletion_keys ^ _mix_position(positions)
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


def _mix_position(positions: np.ndarray) -> np.ndarray:
    """A 64-bit tag per word position, to tell keys of deletions at different places apart."""
    mixed = (positions.astype(np.uint64) + np.uint64(1)) * np.uint64(0xD1B54A32D192ED03)
    tag: np.ndarray = mixed ^ (mixed >> np.uint64(29))
    return tag


def _without(pairs: np.ndarray, known: np.ndarray) -> np.ndarray:
    """The rows of ``pairs`` that are not rows of ``known`` (both as from _distinct_pairs:
    sorted, so their codes are sorted too)."""
    if len(pairs) == 0 or len(known) == 0:
        return pairs
    width = int(max(pairs.max(), known.max())) + 1
    codes, known_codes = pairs[:, 0] * width + pairs[:, 1], known[:, 0] * width + known[:, 1]
    at = np.minimum(np.searchsorted(known_codes, codes), len(known_codes) - 1)
    kept: np.ndarray = pairs[known_codes[at] != codes]
    return kept


def _unique(values: np.ndarray) -> np.ndarray:
    """The distinct values, ascending (np.unique without options is a hash table in numpy 2,
    measured 100 times slower than a sort on a million integers)."""
    ordered = np.sort(values)
    if len(ordered) == 0:
        return ordered
    kept: np.ndarray = ordered[np.concatenate([[True], ordered[1:] != ordered[:-1]])]
    return kept


def _distinct_pairs(pairs: np.ndarray) -> np.ndarray:
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
    return _distinct_pairs(np.concatenate(first)), _distinct_pairs(np.concatenate(rest))


def _pairs_sharing_keys(docs: np.ndarray, keys: np.ndarray, centres: int) -> list[np.ndarray]:
    """Pairs of ``docs`` with equal ``keys``, one array per centre: each member of a bucket
    with the bucket's first ``centres`` members (``docs`` are ranks in content order, see
    ``_candidates``).

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
    codes = _unique(pairs[:, 0].astype(np.int64) * width + pairs[:, 1])
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


def _groups(links: _Links, rep_of: np.ndarray) -> list[DedupGroup]:
    roots = links.roots
    order = np.argsort(roots, kind="stable")
    sorted_roots = roots[order]
    opens = np.flatnonzero(np.concatenate([[True], sorted_roots[1:] != sorted_roots[:-1]]))
    sizes = np.diff(np.append(opens, len(order)))
    # A group of one distinct text is a group of duplicates.
    width = np.int64(len(roots) + 1)
    texts = _unique(roots * width + (rep_of + 1)) // width
    distinct = np.bincount(texts, minlength=len(roots))
    members = order.tolist()
    groups = []
    for start, size in zip(opens[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        root = int(sorted_roots[start])
        single_text = distinct[root] == 1
        kind = RelationKind.DUPLICATE if single_text else RelationKind.NEAR_DUPLICATE
        score = 1.0 if single_text else float(links.low[root])
        groups.append(DedupGroup(kind, tuple(members[start : start + size]), round(score, 4)))
    return groups
