"""The candidate pairs of ``run`` on Spark: ``engines.local.relation_candidate_ids`` as joins
and group-bys over an RDD of the articles.

Per article, in executors, with the local engine's numpy functions: the key of its whole body
(``duplicates.whole_text_keys``), its LSH band keys (``duplicates.band_keys`` of its MinHash)
and its word 8-gram hashes (``engines.local.text_grams``). Across articles, group-bys on those
keys: identical bodies join their representative (the earliest published, then smallest id,
as ``engines.local.duplicate_groups``), and among the other articles the pairs sharing a
band bucket, or at least ``MIN_SHARED_GRAMS`` 8-grams that no more than ``MAX_GRAM_ARTICLES``
articles hold, are candidates. Only the pairs of ids come back to the driver.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import combinations
from operator import add
from typing import TYPE_CHECKING, Any

import numpy as np

from storyweave.duplicates import band_keys, whole_text_keys
from storyweave.engines.local import (
    MAX_GRAM_ARTICLES,
    MIN_SHARED_GRAMS,
    RELATE_BANDS,
    RELATE_ROWS,
    published_key,
    text_grams,
)
from storyweave.engines.spark_rdds import free_jvm_objects, shuffle_parts
from storyweave.records import Article, Signature
from storyweave.reuse import DEFAULT_GRAM

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

IdPair = tuple[str, str]
# id, body, publication key (local.published_key), MinHash (None for a body without shingles)
Row = tuple[str, str, str, tuple[int, ...] | None]
ROW_SLICES = 4  # partitions of the articles per core


def relation_candidate_ids(
    spark: SparkSession, articles: Sequence[Article], signatures: Sequence[Signature]
) -> list[IdPair]:
    """``engines.local.relation_candidate_ids(articles, signatures)``, found in Spark."""
    if not articles:
        return []
    # One job: each shuffle's output is read by both its consumers, so nothing is persisted.
    rows = _article_rows(spark, articles, signatures)
    copies = duplicate_pairs(rows)
    members = copies.map(lambda pair: (pair[1], None))
    unique = rows.keyBy(lambda row: row[0]).subtractByKey(members, shuffle_parts(rows)).values()
    found = copies.union(band_pairs(unique)).union(shared_gram_pairs(unique))
    pairs = found.map(lambda p: (min(p), max(p))).distinct(shuffle_parts(rows)).collect()
    free_jvm_objects()  # the articles sent by parallelize
    return sorted(pairs)


def _article_rows(
    spark: SparkSession, articles: Sequence[Article], signatures: Sequence[Signature]
) -> RDD[Row]:
    minhash = {s.article_id: s.minhash for s in signatures if s.shingle_count}
    rows = [(a.id, a.text, published_key(a), minhash.get(a.id)) for a in articles]
    context = spark.sparkContext
    slices = max(1, min(len(rows), context.defaultParallelism * ROW_SLICES))
    return context.parallelize(rows, slices)


def duplicate_pairs(rows: RDD[Row]) -> RDD[IdPair]:
    """(representative, member) of every article whose body another article has too (see
    ``engines.local.duplicate_groups``); bodies without words are left out."""
    by_body = rows.mapPartitions(_body_entries).groupByKey(shuffle_parts(rows))
    return by_body.flatMap(lambda kv: _with_representative(kv[1]))


def _body_entries(rows: Iterable[Row]) -> Iterator[tuple[int, tuple[bool, str, str]]]:
    """(body key, (publication unknown, publication key, id)): the order of representatives."""
    batch = list(rows)
    if not batch:
        return
    keys, lengths = whole_text_keys([row[1] for row in batch])
    for row, key, length in zip(batch, keys.tolist(), lengths.tolist(), strict=True):
        if length:
            yield key, (row[2] == "", row[2], row[0])


def _with_representative(members: Iterable[tuple[bool, str, str]]) -> Iterator[IdPair]:
    ranked = sorted(members)
    for _, _, member in ranked[1:]:
        yield ranked[0][2], member


def band_pairs(
    rows: RDD[Row], bands: int = RELATE_BANDS, rows_per_band: int = RELATE_ROWS
) -> RDD[IdPair]:
    """Pairs of ids (a < b) of ``rows`` sharing an LSH bucket in some band, as
    ``engines.local.candidate_pairs``; rows without a MinHash have no buckets."""
    entries = rows.mapPartitions(partial(_band_entries, bands=bands, rows=rows_per_band))
    buckets = entries.groupByKey(shuffle_parts(rows))
    return buckets.flatMap(lambda kv: _pairs_of(set(kv[1]))).distinct(shuffle_parts(rows))


def _band_entries(batch: Iterable[Row], bands: int, rows: int) -> Iterator[tuple[Any, str]]:
    """((band, bucket), id) of every band of every row with a MinHash."""
    kept = [row for row in batch if row[3] is not None]
    if not kept:
        return
    matrix = np.array([row[3] for row in kept], dtype=np.uint32)
    for row, keys in zip(kept, band_keys(matrix, bands, rows).tolist(), strict=True):
        for band, key in enumerate(keys):
            yield (band, key), row[0]


def shared_gram_pairs(
    rows: RDD[Row],
    n: int = DEFAULT_GRAM,
    min_shared: int = MIN_SHARED_GRAMS,
    max_articles: int = MAX_GRAM_ARTICLES,
) -> RDD[IdPair]:
    """Pairs of ids (a < b) of ``rows`` sharing at least ``min_shared`` word ``n``-grams held by
    no more than ``max_articles`` articles, as ``engines.local.shared_gram_pairs``."""
    parts = shuffle_parts(rows)
    grams = rows.mapPartitions(partial(_gram_entries, n=n))
    # Each n-gram's holders, counted up to one past the limit: a formula held by thousands of
    # articles costs no more than a rare n-gram.
    none: tuple[str, ...] = ()
    holders = grams.aggregateByKey(
        none,
        partial(_held, limit=max_articles),
        partial(_held_by_both, limit=max_articles),
        parts,
    )
    common = holders.values().filter(lambda ids: 2 <= len(ids) <= max_articles)
    shared: RDD[tuple[IdPair, int]] = common.flatMap(_pairs_of).map(lambda p: (p, 1))
    counts = shared.reduceByKey(add, parts)
    return counts.filter(lambda kv: kv[1] >= min_shared).keys()


def _pairs_of(ids: Iterable[str]) -> Iterator[IdPair]:
    """Every pair (a < b) of ``ids`` (distinct)."""
    return combinations(sorted(ids), 2)


def _gram_entries(batch: Iterable[Row], n: int) -> Iterator[tuple[int, str]]:
    """(n-gram hash, id) of every distinct word ``n``-gram of every row."""
    kept = list(batch)
    if not kept:
        return
    owners, hashes = text_grams([row[1] for row in kept], n)
    for owner, gram in set(zip(owners.tolist(), hashes.tolist(), strict=True)):
        yield gram, kept[owner][0]


def _held(ids: tuple[str, ...], article: str, limit: int) -> tuple[str, ...]:
    return ids if len(ids) > limit else (*ids, article)


def _held_by_both(left: tuple[str, ...], right: tuple[str, ...], limit: int) -> tuple[str, ...]:
    return (*left, *right)[: limit + 1]
