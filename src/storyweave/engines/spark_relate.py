"""The candidate pairs of ``run`` on Spark: ``engines.local.relation_candidate_ids`` as joins
and group-bys over an RDD of the articles.

Per article, in executors, with the local engine's numpy functions: the key of its whole body
(``duplicates.whole_text_keys``), its LSH band keys (``duplicates.band_keys`` of its MinHash)
and its word 8-gram hashes (``engines.local.text_grams``). Across articles, group-bys on those
keys: identical bodies join their representative (the earliest published, then smallest id,
as ``engines.local.duplicate_groups``), and among the other articles the pairs sharing a
band bucket, or at least ``MIN_SHARED_GRAMS`` 8-grams that no more than ``MAX_GRAM_ARTICLES``
articles hold, are candidates. The articles travel as their rank in id order, so that a
pair is two numbers (the smaller first, as the ids), and the n-grams travel in numpy blocks, one
per partition and shuffle target, counted in numpy where they land. Only the pairs come back to
the driver, which knows the ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np

from storyweave.duplicates import band_keys, whole_text_keys
from storyweave.engines.local import (
    MAX_GRAM_ARTICLES,
    MIN_SHARED_GRAMS,
    RELATE_BANDS,
    RELATE_ROWS,
    published_key,
    strongest_partners,
    text_grams,
)
from storyweave.engines.spark_rdds import Pair, free_jvm_objects, shuffle_parts
from storyweave.records import Article, Signature
from storyweave.reuse import DEFAULT_GRAM
from storyweave.store import SignatureTable

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

IdPair = tuple[str, str]
# rank in id order, body, publication key (local.published_key), MinHash (None: no shingles)
Row = tuple[int, str, str, tuple[int, ...] | None]
Block = tuple[np.ndarray, np.ndarray]  # (keys, values) of one partition for one shuffle target
ROW_SLICES = 4  # partitions of the articles per core


def relation_candidate_ids(
    spark: SparkSession, articles: Sequence[Article], signatures: Sequence[Signature]
) -> list[IdPair]:
    """``engines.local.relation_candidate_ids(articles, signatures)``, found in Spark."""
    if not articles:
        return []
    ordered = sorted(articles, key=lambda a: a.id)
    rows = _article_rows(spark, ordered, signatures)
    copies = duplicate_pairs(rows).collect()
    # The copies' ranks, sent to every executor, keep the texts out of a shuffle.
    repeated = spark.sparkContext.broadcast({member for _, member in copies})
    unique = rows.filter(lambda row: row[0] not in repeated.value)
    banded = [(ordered[a].id, ordered[b].id) for a, b in band_pairs(unique).collect()]
    grams = shared_gram_pairs(unique, len(ordered)).distinct(shuffle_parts(rows)).collect()
    repeated.unpersist()
    free_jvm_objects()  # the articles sent by parallelize
    strongest = strongest_partners(sorted(banded), SignatureTable.of(signatures))
    ends = {(min(a, b), max(a, b)) for a, b in [*copies, *grams]}
    found = {(ordered[a].id, ordered[b].id) for a, b in ends}
    return sorted(found | {(min(a, b), max(a, b)) for a, b in strongest})


def _article_rows(
    spark: SparkSession, ordered: Sequence[Article], signatures: Sequence[Signature]
) -> RDD[Row]:
    minhash = {s.article_id: s.minhash for s in signatures if s.shingle_count}
    rows = [(rank, a.text, published_key(a), minhash.get(a.id)) for rank, a in enumerate(ordered)]
    context = spark.sparkContext
    slices = max(1, min(len(rows), context.defaultParallelism * ROW_SLICES))
    return context.parallelize(rows, slices)


def duplicate_pairs(rows: RDD[Row]) -> RDD[Pair]:
    """(representative, member) of every article whose body another article has too (see
    ``engines.local.duplicate_groups``); bodies without words are left out."""
    by_body = rows.mapPartitions(_body_entries).groupByKey(shuffle_parts(rows))
    return by_body.flatMap(lambda kv: _with_representative(kv[1]))


def _body_entries(rows: Iterable[Row]) -> Iterator[tuple[int, tuple[bool, str, int]]]:
    """(body key, (publication unknown, publication key, rank)): the order of representatives."""
    batch = list(rows)
    if not batch:
        return
    keys, lengths = whole_text_keys([row[1] for row in batch])
    for row, key, length in zip(batch, keys.tolist(), lengths.tolist(), strict=True):
        if length:
            yield key, (row[2] == "", row[2], row[0])


def _with_representative(members: Iterable[tuple[bool, str, int]]) -> Iterator[Pair]:
    ranked = sorted(members)
    for _, _, member in ranked[1:]:
        yield ranked[0][2], member


def band_pairs(
    rows: RDD[Row], bands: int = RELATE_BANDS, rows_per_band: int = RELATE_ROWS
) -> RDD[Pair]:
    """Pairs of ranks (a < b) of ``rows`` sharing an LSH bucket in some band, as
    ``engines.local.candidate_pairs``; rows without a MinHash have no buckets."""
    entries = rows.mapPartitions(partial(_band_entries, bands=bands, rows=rows_per_band))
    buckets = entries.groupByKey(shuffle_parts(rows))
    return buckets.flatMap(lambda kv: combinations(sorted(set(kv[1])), 2)).distinct(
        shuffle_parts(rows)
    )


def _band_entries(batch: Iterable[Row], bands: int, rows: int) -> Iterator[tuple[Any, int]]:
    """((band, bucket), rank) of every band of every row with a MinHash."""
    kept = [row for row in batch if row[3] is not None]
    if not kept:
        return
    matrix = np.array([row[3] for row in kept], dtype=np.uint32)
    for row, keys in zip(kept, band_keys(matrix, bands, rows).tolist(), strict=True):
        for band, key in enumerate(keys):
            yield (band, key), row[0]


def shared_gram_pairs(
    rows: RDD[Row],
    count: int,
    n: int = DEFAULT_GRAM,
    min_shared: int = MIN_SHARED_GRAMS,
    max_articles: int = MAX_GRAM_ARTICLES,
) -> RDD[Pair]:
    """Pairs of ranks (a < b) of ``rows`` (of ``count`` articles) sharing at least
    ``min_shared`` word ``n``-grams held by no more than ``max_articles`` articles, as
    ``engines.local.shared_gram_pairs``: n-grams shuffled to their holders, then the pairs of
    each n-gram's holders (as ``a * count + b``) shuffled to their counts."""
    parts = shuffle_parts(rows)
    grams = rows.mapPartitions(partial(_gram_blocks, n=n, parts=parts))
    holders = grams.partitionBy(parts, _target).values()
    shared = holders.mapPartitions(
        partial(_holder_pairs, count=count, max_articles=max_articles, parts=parts)
    )
    counted = shared.partitionBy(parts, _target).values()
    return counted.mapPartitions(partial(_counted_pairs, count=count, min_shared=min_shared))


def _target(part: int) -> int:
    return part


def _gram_blocks(batch: Iterable[Row], n: int, parts: int) -> Iterator[tuple[int, Block]]:
    """(target partition, (n-gram hashes, ranks)): every distinct word ``n``-gram of every row,
    sent to the partition of its hash."""
    kept = list(batch)
    if not kept:
        return
    owners, hashes = text_grams([row[1] for row in kept], n)
    ranks = np.array([row[0] for row in kept], dtype=np.int64)[owners]
    table = np.unique(np.stack([hashes, ranks], axis=1), axis=0)
    yield from _blocks(table[:, 0], table[:, 1], parts)


def _blocks(keys: np.ndarray, values: np.ndarray, parts: int) -> Iterator[tuple[int, Block]]:
    """(target, (keys, values)) for each target partition (the key modulo ``parts``)."""
    targets = keys % parts
    for target in range(parts):
        chosen = targets == target
        if chosen.any():
            yield target, (keys[chosen], values[chosen])


def _holder_pairs(
    blocks: Iterable[Block], count: int, max_articles: int, parts: int
) -> Iterator[tuple[int, Block]]:
    """(target, (pair codes, n-grams shared)) of the pairs of holders of the n-grams held by 2
    to ``max_articles`` articles, counted in this partition."""
    grams, ranks = _concatenated(blocks)
    if not len(grams):
        return
    order = np.lexsort((ranks, grams))
    grams, ranks = grams[order], ranks[order]
    starts = np.flatnonzero(np.r_[True, grams[1:] != grams[:-1]])
    sizes = np.diff(np.r_[starts, len(grams)])
    group = np.repeat(np.arange(len(starts)), sizes)
    common = ((sizes >= 2) & (sizes <= max_articles))[group]
    codes = []
    # The holders of an n-gram are sorted by rank: each pair is (first, one further on).
    for step in range(1, max_articles):
        same = (group[:-step] == group[step:]) & common[:-step]
        if not same.any():
            break
        firsts = np.flatnonzero(same)
        codes.append(ranks[firsts] * count + ranks[firsts + step])
    if codes:
        found, shared = np.unique(np.concatenate(codes), return_counts=True)
        yield from _blocks(found, shared.astype(np.int64), parts)


def _counted_pairs(blocks: Iterable[Block], count: int, min_shared: int) -> Iterator[Pair]:
    """The pairs (a, b) whose n-grams shared, summed over the partitions, reach
    ``min_shared``."""
    codes, shared = _concatenated(blocks)
    if not len(codes):
        return
    found, where = np.unique(codes, return_inverse=True)
    totals = np.bincount(where, weights=shared)
    kept = found[totals >= min_shared]
    yield from zip((kept // count).tolist(), (kept % count).tolist(), strict=True)


def _concatenated(blocks: Iterable[Block]) -> Block:
    found = list(blocks)
    empty = np.zeros(0, np.int64)
    keys = np.concatenate([empty, *(k for k, _ in found)])
    values = np.concatenate([empty, *(v for _, v in found)])
    return keys, values
