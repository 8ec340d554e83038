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
(:func:`storyweave.duplicates.verdict.near_duplicate_score`). Groups are the connected components.

Measured on Reuters-21578 and copies of it (``benchmarks/dedup.py``): building one Python
string per word or shingle, or verifying pairs one at a time in Python, costs more than
everything else together, so ASCII words are hashed from the bytes in numpy, shingle hashes are
combinations of word hashes, and pairs are decided in bulk; numpy sorts join the keys faster
than a DuckDB self-join for this one-shot job.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import partial
from typing import BinaryIO

import numpy as np

from storyweave.duplicates.candidates import (
    bands_of,
    candidate_pairs,
    distinct_pairs,
    lonely_pairs,
    lsh_shape,
    unique_values,
)
from storyweave.duplicates.components import DedupGroup, Links, groups_of
from storyweave.duplicates.decisions import decide
from storyweave.duplicates.features import DEFAULT_K, DEFAULT_NUM_PERM, Features, featurize
from storyweave.duplicates.pool import dedup_pool_context, keep_freed_memory
from storyweave.duplicates.verdict import DEFAULT_THRESHOLD, MAX_APPENDED_WORDS, short_text_limit
from storyweave.errors import InputError, UsageError
from storyweave.ingest import DEFAULT_MAX_BYTES, Batch, Body, ReadItems, parse_batch, read_batches
from storyweave.parallel import ProgressFn, in_batches, make_pool, worker_count
from storyweave.records import Document

BATCH_SIZE = 2000  # documents per task: large enough to amortise pickling, small for balance


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
class Part:
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


def featurize_work(*, threshold: float, k: int, num_perm: int) -> Callable[[Batch], Part]:
    """The per-batch feature function for these settings (``threshold`` checked first), as
    every engine runs it."""
    if not 0.0 < threshold <= 1.0:
        raise UsageError("threshold must be in (0, 1]")
    return partial(
        featurize_batch,
        k=k,
        num_perm=num_perm,
        prefix_words=short_text_limit(k, threshold) + MAX_APPENDED_WORDS,
        lsh=lsh_shape(num_perm, threshold),
    )


def _features(
    batches: Iterable[Batch],
    work: Callable[[Batch], Part],
    num_perm: int,
    workers: int,
    refs: list[str],
    on_error: Callable[[InputError], None] | None,
    tell: ProgressFn,
) -> Features:
    parts: list[Features] = []

    def collect(part: Part) -> None:
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
        with make_pool(workers, dedup_pool_context(), keep_freed_memory) as pool:
            pending: list[Future[Part]] = []
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


def featurize_batch(
    batch: Batch, *, k: int, num_perm: int, prefix_words: int, lsh: tuple[int, int]
) -> Part:
    """Parse one batch and featurize its documents (pure; runs in worker processes)."""
    items = parse_batch(batch)
    bodies = [item for item in items if isinstance(item, Body)]
    errors = [item for item in items if isinstance(item, InputError)]
    if not bodies:
        return Part([], errors, _no_features(num_perm, lsh[0]))
    features = featurize(
        [(b.format, b.text) for b in bodies],
        k=k,
        num_perm=num_perm,
        prefix_words=prefix_words,
        lsh=lsh,
    )
    return Part([b.ref for b in bodies], errors, features)


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


def _group(features: Features, *, threshold: float, k: int) -> list[DedupGroup]:
    lengths = features.lengths
    texts = np.flatnonzero(lengths > 0)
    body = features.keys[texts] ^ (lengths[texts].astype(np.uint64) * np.uint64(0x2545F4914F6CDD1D))
    _, first, inverse = np.unique(body, return_index=True, return_inverse=True)
    # One representative per distinct text: its first document in input order.
    rep_of = np.full(len(lengths), -1, dtype=np.int64)
    rep_of[texts] = texts[first][inverse.ravel()]
    reps = unique_values(texts[first])
    # Every document starts linked to its representative, the smallest position of its text.
    links = Links(np.where(rep_of >= 0, rep_of, np.arange(len(lengths))))
    _link_near_duplicates(features, reps, links, threshold=threshold, k=k)
    return groups_of(links, rep_of)


def _link_near_duplicates(
    features: Features, reps: np.ndarray, links: Links, *, threshold: float, k: int
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
    bands = bands_of(features.bands[by_rank])
    tiers, boilerplate = candidate_pairs(features, keys, by_rank, bands, threshold=threshold, k=k)
    for pairs in tiers:
        decide(features, pairs, boilerplate, links, threshold=threshold, k=k)
    # A text still alone gets a second chance: every member of its LSH buckets, not only
    # their centres (few texts, so this stays cheap).
    alone = np.bincount(links.roots, minlength=len(lengths))[links.roots[by_rank]] == 1
    if alone.any():
        lonely = by_rank[lonely_pairs(bands, alone)]
        decide(features, distinct_pairs(lonely), boilerplate, links, threshold=threshold, k=k)
