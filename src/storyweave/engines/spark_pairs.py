"""The candidate graph of ``dups`` on Spark: candidate pairs as joins and group-bys on keys (LSH
buckets; for short texts, their one-word-deleted and start/end keys), as
``duplicates.candidates`` finds them locally, and the components of the graph by min-label
propagation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from storyweave.duplicates import (
    LSH_CENTRES,
    MAX_APPENDED_WORDS,
    MAX_FRAMES,
    MIN_CONTAINED_WORDS,
    SequenceKeys,
    mix_position,
)
from storyweave.engines.spark_rdds import Doc, Pair, Settings, persist, shuffle_parts

if TYPE_CHECKING:
    from pyspark import RDD


def candidate_pairs(
    reps: RDD[tuple[int, Doc]], count: int, settings: Settings
) -> tuple[RDD[Pair], RDD[Pair], RDD[tuple[Any, list[int]]], RDD[tuple[int, bool]]]:
    """(primary pairs, secondary pairs, LSH buckets of more than one text as their positions
    in content order, boilerplate texts) as in ``duplicates.candidates.candidate_pairs``; pairs are
    (smaller, larger) positions."""
    bits = max(1, (count - 1).bit_length())
    buckets = persist(
        reps.flatMap(lambda rd: _band_entries(rd, bits))
        .groupByKey(shuffle_parts(reps))
        .mapValues(lambda members: [pos for _, pos in sorted(members)])
        .filter(lambda kv: len(kv[1]) > 1)
    )
    by_centre = [
        buckets.flatMap(partial(_with_centre, centre=centre)) for centre in range(LSH_CENTRES)
    ]
    short = persist(reps.filter(lambda rd: rd[1].length <= settings.short_limit))
    substituted, inserted = _one_edit_pairs(short)
    framing, boilerplate = _framing_pairs(reps, settings)
    primary = _distinct(by_centre[0].union(substituted).union(inserted).union(framing))
    secondary = _distinct(context_union(by_centre[1:])).subtract(primary, shuffle_parts(reps))
    return persist(primary), persist(secondary), buckets, boilerplate


def context_union(rdds: Sequence[RDD[Pair]]) -> RDD[Pair]:
    found = rdds[0]
    for rdd in rdds[1:]:
        found = found.union(rdd)
    return found


def _band_entries(rd: tuple[int, Doc], bits: int) -> Iterator[tuple[Any, Pair]]:
    rank, doc = rd
    for band, key in enumerate(doc.bands.tolist()):
        yield (band, key >> bits), (rank, doc.pos)


def _with_centre(bucket: tuple[Any, list[int]], centre: int) -> Iterator[Pair]:
    members = bucket[1]
    if centre < len(members):
        for other in members[centre + 1 :]:
            yield members[centre], other


def _distinct(pairs: RDD[Pair]) -> RDD[Pair]:
    normal = pairs.map(lambda p: (min(p), max(p))).filter(lambda p: p[0] != p[1])
    return normal.distinct(shuffle_parts(pairs))


def _one_edit_pairs(short: RDD[tuple[int, Doc]]) -> tuple[RDD[Pair], RDD[Pair]]:
    """Short texts one word apart (``duplicates.candidates._one_edit_pairs``): (changed,
    inserted)."""
    if short.isEmpty():
        empty = short.context.emptyRDD()
        return empty, empty
    bits = max(1, short.keys().max().bit_length())
    deletions = persist(short.mapPartitions(_deletions))
    changed = (
        deletions.map(lambda e: ((e[2] ^ e[3]) >> bits, (e[0], e[1])))
        .groupByKey(shuffle_parts(short))
        .flatMap(lambda kv: _with_first(sorted(kv[1])))
    )
    wholes = short.map(lambda rd: (rd[1].key, rd[1].pos))
    inserted = wholes.join(deletions.map(lambda e: (e[2], e[1])), shuffle_parts(short)).values()
    return changed, inserted


def _with_first(members: list[Pair]) -> Iterator[Pair]:
    for _, pos in members[1:]:
        yield members[0][1], pos


def _deletions(rows: Iterable[tuple[int, Doc]]) -> Iterator[tuple[int, int, int, int]]:
    """(rank, position, key with one word deleted, tag of the deleted word's place) of each
    word of each document."""
    ranked = list(rows)
    if not ranked:
        return
    keys, lengths = _sequence_keys([d for _, d in ranked])
    owners, found = keys.deletions(np.arange(len(ranked)))
    places = np.arange(len(owners)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    tags = mix_position(places)
    ranks = np.array([r for r, _ in ranked], dtype=np.int64)[owners]
    positions = np.array([d.pos for _, d in ranked], dtype=np.int64)[owners]
    yield from zip(ranks.tolist(), positions.tolist(), found.tolist(), tags.tolist(), strict=True)


def _sequence_keys(docs: Sequence[Doc]) -> tuple[SequenceKeys, np.ndarray]:
    lengths = np.array([d.length for d in docs], dtype=np.int64)
    tokens = np.concatenate([np.zeros(0, np.uint64), *(d.tokens for d in docs)])
    return SequenceKeys.of(tokens, lengths), lengths


def _framing_pairs(
    reps: RDD[tuple[int, Doc]], settings: Settings
) -> tuple[RDD[Pair], RDD[tuple[int, bool]]]:
    """(contained, framing) pairs of short texts whole at the start or end of another, and
    the boilerplate texts (``duplicates.candidates._framed_pairs``)."""
    limit = settings.short_limit
    wholes = reps.values().filter(lambda d: MIN_CONTAINED_WORDS <= d.length <= limit)
    framers = reps.values().filter(
        lambda d: MIN_CONTAINED_WORDS < d.length <= limit + MAX_APPENDED_WORDS
    )
    affixes = framers.mapPartitions(_affixes)
    found = wholes.map(lambda d: (d.key, d.pos)).join(affixes, shuffle_parts(reps)).values()
    found = found.distinct(shuffle_parts(reps))
    frames = persist(found.groupByKey(shuffle_parts(reps)).mapValues(list))
    boilerplate = frames.filter(lambda kv: len(kv[1]) > MAX_FRAMES).mapValues(lambda _: True)
    kept = frames.filter(lambda kv: len(kv[1]) <= MAX_FRAMES)
    return kept.flatMap(lambda kv: [(kv[0], b) for b in kv[1]]), boilerplate


def _affixes(rows: Iterable[Doc]) -> Iterator[tuple[int, int]]:
    docs = list(rows)
    if not docs:
        return
    keys, _ = _sequence_keys(docs)
    owners, found = keys.affixes(np.arange(len(docs)), MAX_APPENDED_WORDS, MIN_CONTAINED_WORDS)
    positions = np.array([d.pos for d in docs], dtype=np.int64)[owners]
    yield from zip(found.tolist(), positions.tolist(), strict=True)


# --- components of the candidate graph ----------------------------------------------------------


def component_labels(edges: RDD[Pair]) -> RDD[tuple[int, int]]:
    """(node, smallest node of its component) for every node of ``edges``: each node takes
    the smallest label among its neighbours' until none changes."""
    neighbours = persist(edges.flatMap(lambda e: [e, (e[1], e[0])]))
    parts = shuffle_parts(edges)
    labels = persist(neighbours.map(lambda e: (e[0], e[0])).reduceByKey(min, parts))
    while True:
        offered = neighbours.join(labels, parts).map(lambda kv: (kv[1][0], kv[1][1]))
        lower = persist(labels.union(offered).reduceByKey(min, parts))
        changed = lower.join(labels, parts).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = lower
        if changed == 0:
            neighbours.unpersist()
            return labels
