"""Sparse similarity graphs by blocking: only pairs that share a term are ever compared.

An inverted index maps each term to the articles that use it. A block of articles is compared
with every other article at once by walking the postings of its terms, so the work is the sum,
over terms, of (document frequency)^2 — not n^2. Terms used by more than ``max_df`` articles are
left out of the index: they tie together far too many pairs to say anything about one event,
and their (low) IDF weight adds little to a cosine. With ``max_df`` fixed the cost grows
linearly with the number of articles times the postings of the kept terms.

Each article keeps its ``top_k`` most similar neighbours; the graph is the union of those lists,
so it is symmetric and every edge carries the same value seen from either end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyweave.cluster.features import WeightedSets
from storyweave.lexicon import distinct as distinct_values

DEFAULT_MAX_DF = 500
DEFAULT_TOP_K = 64
_BLOCK_ENTRIES = 4_000_000  # expanded postings handled at once: bounds the memory of one block
# (row, other) slots of a block counted in dense arrays rather than by sorting its entries
# (two arrays of this many 8-byte values at most).
_DENSE_PAIRS = 2_000_000


@dataclass(frozen=True)
class Index:
    """Postings in compressed form: the articles and weights of term ``t`` are
    ``docs[start[t]:start[t + 1]]`` and ``weights[start[t]:start[t + 1]]``."""

    start: np.ndarray
    docs: np.ndarray
    weights: np.ndarray


@dataclass(frozen=True)
class Edges:
    """An undirected weighted graph: ``a[e] < b[e]``, sorted by (a, b), no repeated pair."""

    a: np.ndarray
    b: np.ndarray
    value: np.ndarray

    def __len__(self) -> int:
        return len(self.a)


def inverted_index(vectors: WeightedSets, max_df: int = DEFAULT_MAX_DF) -> Index:
    """Postings of the terms used by 2 to ``max_df`` documents (others say nothing useful)."""
    size = len(vectors.vocabulary)
    doc_ids = np.concatenate(
        [np.full(len(ix), d, dtype=np.int64) for d, ix in enumerate(vectors.indices)]
        or [np.zeros(0, dtype=np.int64)]
    )
    terms = np.concatenate(vectors.indices or [np.zeros(0, dtype=np.int64)])
    weights = np.concatenate(vectors.weights or [np.zeros(0)])
    df = np.bincount(terms, minlength=size)
    keep = (df[terms] >= 2) & (df[terms] <= max_df)
    order = np.lexsort((doc_ids[keep], terms[keep]))
    kept_terms = terms[keep][order]
    start = np.searchsorted(kept_terms, np.arange(size + 1)).astype(np.int64)
    return Index(start, doc_ids[keep][order], weights[keep][order])


def walked_postings(vectors: WeightedSets, index: Index, rows: Sequence[int]) -> np.ndarray:
    """How many postings :func:`row_products` walks for each of ``rows``: a bound on the pairs
    each gives."""
    df = np.diff(index.start)
    return np.array([int(df[vectors.indices[r]].sum()) for r in rows], dtype=np.int64)


def row_blocks(walked: np.ndarray, budget: int) -> list[tuple[int, int]]:
    """(start, stop) of consecutive blocks of rows whose ``walked`` postings stay within
    ``budget`` (a row over it alone makes a block)."""
    blocks: list[tuple[int, int]] = []
    start, entries = 0, 0
    for row, count in enumerate(walked.tolist()):
        if row > start and entries + count > budget:
            blocks.append((start, row))
            start, entries = row, 0
        entries += count
    if start < len(walked):
        blocks.append((start, len(walked)))
    return blocks


def row_products(
    vectors: WeightedSets, index: Index, rows: Sequence[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Dot products of the ``rows`` with every document sharing an indexed term with them.

    Returns (row, other, value) arrays with one entry per pair that shares a term (other != row),
    sorted by (row, other). Work is proportional to the postings walked, done in blocks.
    """
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    block: list[int] = []
    entries = 0
    for row in rows:
        ix = vectors.indices[row]
        walked = int((index.start[ix + 1] - index.start[ix]).sum()) if len(ix) else 0
        if block and entries + walked > _BLOCK_ENTRIES:
            out.append(_block_products(vectors, index, block))
            block, entries = [], 0
        block.append(row)
        entries += walked
    if block:
        out.append(_block_products(vectors, index, block))
    if not out:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), np.zeros(0)
    return (
        np.concatenate([o[0] for o in out]),
        np.concatenate([o[1] for o in out]),
        np.concatenate([o[2] for o in out]),
    )


def _block_products(
    vectors: WeightedSets, index: Index, block: list[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    row_of = np.concatenate([np.full(len(vectors.indices[r]), r, dtype=np.int64) for r in block])
    terms = np.concatenate([vectors.indices[r] for r in block])
    weights = np.concatenate([vectors.weights[r] for r in block])
    lengths = index.start[terms + 1] - index.start[terms]
    total = int(lengths.sum())
    # Expand each (row, term) into the term's postings without a Python loop.
    first = np.repeat(index.start[terms] - np.cumsum(lengths) + lengths, lengths)
    posting = first + np.arange(total, dtype=np.int64)
    rows = np.repeat(row_of, lengths)
    others = index.docs[posting]
    values = np.repeat(weights, lengths) * index.weights[posting]
    n = len(vectors.indices)
    ranked = distinct_values(block)  # in order: pairs come out sorted by (row, other)
    if len(ranked) * n <= _DENSE_PAIRS:
        # Few enough (row, other) slots to count them all: no sort of the entries, and each
        # slot sums its entries in their order, as the sorted way does.
        slots = np.searchsorted(ranked, rows) * n + others
        present = np.flatnonzero(np.bincount(slots, minlength=len(ranked) * n))
        sums = summed(slots, values, len(ranked) * n)[present]
        row_ids, other_ids = ranked[present // n], present % n
    else:
        unique, inverse = np.unique(rows * n + others, return_inverse=True)
        sums = summed(inverse, values, len(unique))
        row_ids, other_ids = unique // n, unique % n
    distinct = row_ids != other_ids
    return row_ids[distinct], other_ids[distinct], sums[distinct]


def summed(groups: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Sum of ``values`` per group id in ``range(size)``, as floats (also when empty)."""
    return np.bincount(groups, weights=values, minlength=size).astype(np.float64, copy=False)


def top_k_per_row(
    rows: np.ndarray, others: np.ndarray, values: np.ndarray, top_k: int = DEFAULT_TOP_K
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Keep, per row, its ``top_k`` highest positive values (ties: lower other id).

    ``rows``/``others`` must be sorted by (row, other), as :func:`row_products` returns them;
    values must be at most 1 (cosine blends).
    """
    positive = values > 0
    rows, others, values = rows[positive], others[positive], values[positive]
    # One float key orders by row, then by value descending (values are at most 1, rows 4 apart);
    # a stable sort keeps the (row, other) input order among equal values.
    order = np.argsort(rows * 4.0 - values, kind="stable")
    rows, others, values = rows[order], others[order], values[order]
    row_start = np.searchsorted(rows, rows, side="left")
    keep = np.arange(len(rows)) - row_start < top_k
    return rows[keep], others[keep], values[keep]


def symmetric_edges(rows: np.ndarray, others: np.ndarray, values: np.ndarray) -> Edges:
    """Undirected edges from directed entries: a pair kept by either end is kept once."""
    a = np.minimum(rows, others)
    b = np.maximum(rows, others)
    n = int(max(int(a.max()), int(b.max())) + 1) if len(a) else 1
    unique, first = np.unique(a * n + b, return_index=True)
    return Edges(unique // n, unique % n, values[first])


def top_k_edges(
    rows: np.ndarray, others: np.ndarray, values: np.ndarray, top_k: int = DEFAULT_TOP_K
) -> Edges:
    """:func:`top_k_per_row`, then :func:`symmetric_edges`."""
    return symmetric_edges(*top_k_per_row(rows, others, values, top_k))
