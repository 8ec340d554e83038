"""``dups`` on Spark: the local dedup engine's plan (``storyweave.duplicates``) as Spark jobs.

Per document, in executors: parsing and features (``duplicates.api.featurize_batch``), written
to a work directory as the batches come, so the driver holds one wave of batches at a time.
Across documents, as RDD joins and group-bys on keys: exact duplicates by whole-text key; the
representatives' content ranks (a sort); candidate pairs from LSH buckets ``(band, key)`` and,
for short texts, from their one-word-deleted and start/end keys; components of the candidate
graph by min-label propagation.

Verification needs the local engine's order: a pair already joined is skipped, and which links
were made decides a group's score. That order only matters inside a component of the
candidate graph (a pair across components is never a near-duplicate), so the components are
spread over shards and each shard replays the local engine's steps on its own documents with
the local functions (``decide_by_estimate``, ``decide_by_words``). The one thing shared by
all shards, the numbering of the aligned blocks of pairs, is a global sort between the steps.
Only the groups come back to the driver, streamed in order of their first member.

One job: ``dups`` as Spark jobs; kept whole because its steps (candidate pairs, components,
the replay per shard) share the RDD housekeeping (``_kept``, ``_release``, ``_parts``) and the
``Doc`` rows, mirroring the local plan step by step.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
import uuid
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import numpy as np

from storyweave.duplicates import (
    ALIGN_BLOCK,
    LSH_CENTRES,
    MAX_APPENDED_WORDS,
    MAX_FRAMES,
    MAX_LONELY_PAIRS,
    MIN_CONTAINED_WORDS,
    DedupGroup,
    Features,
    Links,
    Part,
    SequenceKeys,
    decide_by_estimate,
    decide_by_words,
    mix_position,
)
from storyweave.errors import InputError
from storyweave.ingest import Batch
from storyweave.records import RelationKind

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

_MASK = (1 << 64) - 1
_BODY = 0x2545F4914F6CDD1D  # as in duplicates.api._group: a text's key mixed with its length
# Documents of the candidate graph per shard (one task's replay). A shard travels and is
# cached as one record, which in local mode sits in the driver's heap: some 3 MB here, not
# the 30 MB of a shard of 20,000 Reuters articles.
SHARD_DOCS = 2_000
Pair = tuple[int, int]
_T = TypeVar("_T")


class Doc(NamedTuple):
    """One document's dedup features, at its input position ``pos``."""

    pos: int
    key: int
    length: int
    tokens: np.ndarray
    signature: np.ndarray
    distinct: int
    bands: np.ndarray


@dataclass(frozen=True)
class Settings:
    threshold: float
    k: int
    short_limit: int  # duplicates.short_text_limit(k, threshold)
    workdir: str
    block: int = ALIGN_BLOCK  # pairs aligned at once, as duplicates.decisions.decide numbers them


def featurize_waves(
    spark: SparkSession,
    batches: Iterable[Batch],
    work: Callable[[Batch], Part],
    workdir: str,
    wave: int,
    on_part: Callable[[list[str], list[InputError]], None],
) -> int:
    """Features of each batch in executors, saved under ``workdir``; the refs and errors of
    each batch go to ``on_part`` in input order. Returns the number of documents."""
    context = spark.sparkContext
    numbered = enumerate(batches)
    total, waves = 0, 0
    while chunk := list(islice(numbered, wave)):
        parts = _kept(context.parallelize(chunk, len(chunk)).mapValues(work))
        starts = {}
        for index, refs, errors in parts.map(lambda p: (p[0], p[1].refs, p[1].errors)).collect():
            starts[index] = total
            total += len(refs)
            on_part(refs, errors)
        rows = parts.flatMap(partial(_doc_rows, starts=starts))
        rows.saveAsPickleFile(f"{workdir}/features/wave-{waves:06d}")
        parts.unpersist()
        waves += 1
        _free_jvm_objects()
    return total


def _doc_rows(part: tuple[int, Part], starts: dict[int, int]) -> Iterator[Doc]:
    index, found = part
    features = found.features
    at = starts[index]
    offsets = np.cumsum(features.lengths) - features.lengths
    for i, length in enumerate(features.lengths.tolist()):
        yield Doc(
            at + i,
            int(features.keys[i]),
            length,
            features.tokens[offsets[i] : offsets[i] + length].copy(),
            features.signatures[i].copy(),
            int(features.distinct[i]),
            features.bands[i].copy(),
        )


def groups(spark: SparkSession, settings: Settings) -> Iterator[DedupGroup]:
    """The dedup groups of the documents saved by :func:`featurize_waves`, in order of their
    first member."""
    context = spark.sparkContext
    docs: RDD[Doc] = context.pickleFile(f"{settings.workdir}/features/wave-*")
    texts = docs.filter(lambda d: d.length > 0).map(lambda d: (_body(d), d.pos))
    first = texts.reduceByKey(min, _parts(texts))
    # Each document with its text's representative (its text's first document).
    rep_of = _kept(texts.join(first, _parts(texts)).values())
    dups = rep_of.filter(lambda pr: pr[0] != pr[1]).map(lambda pr: (pr[1], pr[0]))
    dup_lists = _kept(dups.groupByKey(_parts(dups)).mapValues(sorted))
    reps = _ranked(
        docs.keyBy(lambda d: d.pos).join(first.map(lambda kv: (kv[1], None)), _parts(docs))
    )
    count = reps.count()
    if count == 0:
        return iter(())
    primary, secondary, buckets, boilerplate = candidate_pairs(reps, count, settings)
    labels = _components(primary.union(secondary))
    shards = max(context.defaultParallelism, -(-labels.count() // SHARD_DOCS))
    state = _shard_states(reps, labels, dup_lists, boilerplate, primary, secondary, shards)
    state = _round(state, "primary", shards, settings)
    _release(keep=[buckets, labels, dup_lists, state])
    state = _round(state, "secondary", shards, settings)
    state = _lonely_round(state, buckets, shards, settings)
    lone = dup_lists.subtractByKey(labels, _parts(labels)).map(
        lambda kv: (kv[0], DedupGroup(RelationKind.DUPLICATE, tuple([kv[0], *kv[1]]), 1.0))
    )
    found = state.flatMap(lambda s: _shard_groups(s[1])).union(lone)
    return (group for _, group in found.sortByKey(numPartitions=_parts(found)).toLocalIterator())


_PERSISTED: weakref.WeakSet[Any] = weakref.WeakSet()  # the RDDs _kept persisted


def _kept(rdd: RDD[_T]) -> RDD[_T]:
    """``rdd`` persisted where it can spill to disk: in local mode the executors share the
    driver's heap, and an RDD dropped from memory would be computed again from its lineage."""
    from pyspark import StorageLevel

    _PERSISTED.add(rdd)
    return rdd.persist(StorageLevel.MEMORY_AND_DISK)


def _release(keep: Sequence[RDD[Any]]) -> None:
    """Unpersists what this module persisted but ``keep``: what the shards copied is no
    longer read."""
    for rdd in [r for r in _PERSISTED if all(r is not k for k in keep)]:
        rdd.unpersist()
        _PERSISTED.discard(rdd)
    _free_jvm_objects()


def _free_jvm_objects() -> None:
    """Lets the JVM free what this process's dropped RDDs held. PySpark's RDD objects sit in
    reference cycles, so their JVM objects (the input of a wave sent by ``parallelize``: some
    100 MB of the driver heap on 130,000 articles) live until Python's cycle collector runs,
    which in a driver that allocates little can be never."""
    gc.collect()


def _parts(rdd: RDD[Any]) -> int:
    """Partitions of a shuffle: Spark's default would otherwise be the largest input's count,
    which grows with every union of an iteration."""
    return int(rdd.context.defaultParallelism)


def _body(d: Doc) -> int:
    return d.key ^ ((d.length * _BODY) & _MASK)


def _ranked(reps: RDD[tuple[int, tuple[Doc, None]]]) -> RDD[tuple[int, Doc]]:
    """The representatives as (content rank, doc): by key, then position (as ``by_rank``)."""
    ordered = reps.map(lambda kv: kv[1][0]).sortBy(
        lambda d: (d.key, d.pos), numPartitions=_parts(reps)
    )
    return _kept(ordered.zipWithIndex().map(lambda di: (di[1], di[0])))


# --- candidate pairs ----------------------------------------------------------------------------


def candidate_pairs(
    reps: RDD[tuple[int, Doc]], count: int, settings: Settings
) -> tuple[RDD[Pair], RDD[Pair], RDD[tuple[Any, list[int]]], RDD[tuple[int, bool]]]:
    """(primary pairs, secondary pairs, LSH buckets of more than one text as their positions
    in content order, boilerplate texts) as in ``duplicates.candidates.candidate_pairs``; pairs are
    (smaller, larger) positions."""
    bits = max(1, (count - 1).bit_length())
    buckets = _kept(
        reps.flatMap(lambda rd: _band_entries(rd, bits))
        .groupByKey(_parts(reps))
        .mapValues(lambda members: [pos for _, pos in sorted(members)])
        .filter(lambda kv: len(kv[1]) > 1)
    )
    by_centre = [
        buckets.flatMap(partial(_with_centre, centre=centre)) for centre in range(LSH_CENTRES)
    ]
    short = _kept(reps.filter(lambda rd: rd[1].length <= settings.short_limit))
    substituted, inserted = _one_edit_pairs(short)
    framing, boilerplate = _framing_pairs(reps, settings)
    primary = _distinct(by_centre[0].union(substituted).union(inserted).union(framing))
    secondary = _distinct(context_union(by_centre[1:])).subtract(primary, _parts(reps))
    return _kept(primary), _kept(secondary), buckets, boilerplate


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
    return normal.distinct(_parts(pairs))


def _one_edit_pairs(short: RDD[tuple[int, Doc]]) -> tuple[RDD[Pair], RDD[Pair]]:
    """Short texts one word apart (``duplicates.candidates._one_edit_pairs``): (changed,
    inserted)."""
    if short.isEmpty():
        empty = short.context.emptyRDD()
        return empty, empty
    bits = max(1, short.keys().max().bit_length())
    deletions = _kept(short.mapPartitions(_deletions))
    changed = (
        deletions.map(lambda e: ((e[2] ^ e[3]) >> bits, (e[0], e[1])))
        .groupByKey(_parts(short))
        .flatMap(lambda kv: _with_first(sorted(kv[1])))
    )
    wholes = short.map(lambda rd: (rd[1].key, rd[1].pos))
    inserted = wholes.join(deletions.map(lambda e: (e[2], e[1])), _parts(short)).values()
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
    found = wholes.map(lambda d: (d.key, d.pos)).join(affixes, _parts(reps)).values()
    found = found.distinct(_parts(reps))
    frames = _kept(found.groupByKey(_parts(reps)).mapValues(list))
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


def _components(edges: RDD[Pair]) -> RDD[tuple[int, int]]:
    """(node, smallest node of its component) for every node of ``edges``: each node takes
    the smallest label among its neighbours' until none changes."""
    neighbours = _kept(edges.flatMap(lambda e: [e, (e[1], e[0])]))
    parts = _parts(edges)
    labels = _kept(neighbours.map(lambda e: (e[0], e[0])).reduceByKey(min, parts))
    while True:
        offered = neighbours.join(labels, parts).map(lambda kv: (kv[1][0], kv[1][1]))
        lower = _kept(labels.union(offered).reduceByKey(min, parts))
        changed = lower.join(labels, parts).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        labels.unpersist()
        labels = lower
        if changed == 0:
            neighbours.unpersist()
            return labels


# --- the local engine's decisions, replayed per shard of components -----------------------------


@dataclass
class Shard:
    """The components of one shard: their texts (``positions``, ascending, and features in
    that order), exact duplicates of each, boilerplate texts, links so far, and the pairs of
    each round (local indices)."""

    positions: np.ndarray
    features: Features
    duplicates: list[list[int]]
    boilerplate: set[int]
    links: Links
    pairs: dict[str, np.ndarray]
    left: np.ndarray  # pairs the estimate of the current round left


def _shard_of(node: int, shards: int) -> int:
    return node % shards


def _shard_states(
    reps: RDD[tuple[int, Doc]],
    labels: RDD[tuple[int, int]],
    dup_lists: RDD[tuple[int, list[int]]],
    boilerplate: RDD[tuple[int, bool]],
    primary: RDD[Pair],
    secondary: RDD[Pair],
    shards: int,
) -> RDD[tuple[int, Shard]]:
    parts = _parts(reps)
    labelled = reps.map(lambda rd: (rd[1].pos, rd[1])).join(labels, parts)
    docs: RDD[Any] = labelled.leftOuterJoin(dup_lists, parts).leftOuterJoin(boilerplate, parts)
    members: RDD[tuple[int, Any]] = docs.map(partial(_member, shards=shards))
    keyed = [members]
    for name, pairs in (("primary", primary), ("secondary", secondary)):
        keyed.append(pairs.join(labels, parts).map(partial(_routed, name=name, shards=shards)))
    grouped = members.context.union(keyed).groupByKey(shards)
    return _kept(grouped.mapValues(_new_shard))


def _member(entry: Any, shards: int) -> tuple[int, Any]:
    _, (((doc, label), duplicates), boiler) = entry
    return _shard_of(label, shards), (doc, duplicates or [], bool(boiler))


def _routed(entry: tuple[int, tuple[int, int]], name: str, shards: int) -> tuple[int, Any]:
    a, (b, label) = entry
    return _shard_of(label, shards), (name, a, b)


def _new_shard(entries: Iterable[Any]) -> Shard:
    docs: list[tuple[Doc, list[int], bool]] = []
    pairs: dict[str, list[Pair]] = {"primary": [], "secondary": []}
    for entry in entries:
        if isinstance(entry[0], str):
            pairs[entry[0]].append((entry[1], entry[2]))
        else:
            docs.append(entry)
    docs.sort(key=lambda e: e[0].pos)
    positions = np.array([d.pos for d, _, _ in docs], dtype=np.int64)
    return Shard(
        positions,
        _features([d for d, _, _ in docs]),
        [dup for _, dup, _ in docs],
        {i for i, (_, _, boiler) in enumerate(docs) if boiler},
        Links(np.arange(len(docs))),
        {name: _local_pairs(positions, found) for name, found in pairs.items()},
        np.zeros((0, 2), np.int64),
    )


def _features(docs: Sequence[Doc]) -> Features:
    """The local engine's features of ``docs`` (those its decisions read)."""
    lengths = np.array([d.length for d in docs], dtype=np.int64)
    signatures = [d.signature for d in docs]
    width = len(signatures[0]) if signatures else 0
    return Features(
        np.concatenate([np.zeros(0, np.uint64), *(d.tokens for d in docs)]),
        lengths,
        np.stack(signatures) if signatures else np.zeros((0, width), np.uint32),
        np.array([d.key for d in docs], dtype=np.uint64),
        np.array([d.distinct for d in docs], dtype=np.int64),
        np.zeros(0, np.uint64),
        np.full(len(docs), -1, dtype=np.int64),
        np.zeros((len(docs), 0), np.uint64),
    )


def _local_pairs(positions: np.ndarray, pairs: Sequence[Pair]) -> np.ndarray:
    """``pairs`` of positions as sorted distinct pairs of indices into ``positions``."""
    if not pairs:
        return np.zeros((0, 2), np.int64)
    found = np.searchsorted(positions, np.array(sorted(set(pairs)), dtype=np.int64))
    return found.astype(np.int64)


def _round(
    state: RDD[tuple[int, Shard]], name: str, shards: int, settings: Settings
) -> RDD[tuple[int, Shard]]:
    """One call of the local engine's ``decide`` on the pairs ``name`` of every shard."""
    step = partial(_estimate, name=name, settings=settings)
    estimated = _kept(state.mapValues(step))
    left = estimated.flatMap(
        lambda s: [
            (int(s[1].positions[a]), int(s[1].positions[b]), s[0]) for a, b in s[1].left.tolist()
        ]
    )
    total = left.count()
    if total <= settings.block:  # one block: no need to number the pairs
        decided = estimated.mapValues(partial(_by_words, blocks=None, settings=settings))
    else:
        ordered = left.sortBy(lambda e: (e[0], e[1]), numPartitions=_parts(left))
        numbered = ordered.zipWithIndex()
        blocks = numbered.map(lambda ei: (ei[0][2], (ei[0][0], ei[0][1], ei[1] // settings.block)))
        joined = estimated.leftOuterJoin(blocks.groupByKey(shards), shards)
        decided = joined.mapValues(
            lambda sb: _by_words(sb[0], blocks=sb[1] or (), settings=settings)
        )
    decided = _kept(decided)
    decided.count()
    state.unpersist()
    estimated.unpersist()
    return decided


def _estimate(shard: Shard, name: str, settings: Settings) -> Shard:
    pairs = shard.pairs.pop(name, np.zeros((0, 2), np.int64))
    shard.left = decide_by_estimate(
        shard.features, pairs, shard.links, threshold=settings.threshold, k=settings.k
    )
    return shard


def _by_words(
    shard: Shard, blocks: Iterable[tuple[int, int, int]] | None, settings: Settings
) -> Shard:
    if blocks is None:
        numbers = np.zeros(len(shard.left), dtype=np.int64)
    else:
        # The shard's pairs are in position order, so their blocks are too.
        numbers = np.array([n for _, _, n in sorted(blocks)], dtype=np.int64)
    decide_by_words(
        shard.features,
        shard.left,
        numbers,
        shard.boilerplate,
        shard.links,
        threshold=settings.threshold,
        k=settings.k,
    )
    shard.left = np.zeros((0, 2), np.int64)
    return shard


def _lonely_round(
    state: RDD[tuple[int, Shard]],
    buckets: RDD[tuple[Any, list[int]]],
    shards: int,
    settings: Settings,
) -> RDD[tuple[int, Shard]]:
    """The local engine's second chance for texts still alone: pairs with up to
    ``MAX_LONELY_PAIRS`` members of each of their LSH buckets."""
    alone = state.flatMap(lambda s: [(pos, s[0]) for pos in _alone(s[1])])
    firsts = buckets.mapValues(lambda members: members[:MAX_LONELY_PAIRS])
    membership = buckets.flatMap(lambda kv: [(pos, kv[0]) for pos in kv[1]])
    parts = _parts(buckets)
    wanted = membership.join(alone, parts).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
    pairs = wanted.join(firsts, parts).flatMap(
        lambda kv: [(kv[1][0][1], (kv[1][0][0], other)) for other in kv[1][1]]
    )
    grouped = pairs.groupByKey(shards)
    joined = state.leftOuterJoin(grouped, shards)
    with_pairs = joined.mapValues(lambda sp: _add_pairs(sp[0], "lonely", sp[1] or ()))
    decided = _round(_kept(with_pairs), "lonely", shards, settings)
    state.unpersist()
    return decided


def _alone(shard: Shard) -> list[int]:
    """Positions of the texts alone in their group (no duplicate, no link)."""
    roots = shard.links.roots
    sizes = np.bincount(roots, minlength=len(roots))
    copies = np.array([len(d) for d in shard.duplicates], dtype=np.int64)
    sizes += np.bincount(roots, weights=copies, minlength=len(roots)).astype(np.int64)
    found: list[int] = shard.positions[sizes[roots] == 1].tolist()
    return found


def _add_pairs(shard: Shard, name: str, pairs: Iterable[Pair]) -> Shard:
    distinct = [(min(p), max(p)) for p in pairs if p[0] != p[1]]
    shard.pairs[name] = _local_pairs(shard.positions, distinct)
    return shard


def _shard_groups(shard: Shard) -> Iterator[tuple[int, DedupGroup]]:
    """The groups of a shard, as (first member, group) (``duplicates.components.groups_of``)."""
    links = shard.links
    order = np.argsort(links.roots, kind="stable")
    roots = links.roots[order]
    opens = np.flatnonzero(np.diff(roots, prepend=-1) != 0)
    for texts in np.split(order, opens[1:]):
        members = sorted(
            [int(shard.positions[t]) for t in texts.tolist()]
            + [m for t in texts.tolist() for m in shard.duplicates[t]]
        )
        if len(members) < 2:
            continue
        if len(texts) == 1:
            yield members[0], DedupGroup(RelationKind.DUPLICATE, tuple(members), 1.0)
        else:
            score = round(float(links.low[links.roots[texts[0]]]), 4)
            yield members[0], DedupGroup(RelationKind.NEAR_DUPLICATE, tuple(members), score)


def work_directory(spark: SparkSession) -> str:
    """A directory for the features: a new one under ``spark.storyweave.workdir`` (on a
    cluster, a path every node can read, such as an HDFS directory), else a new local
    temporary directory."""
    configured = spark.conf.get("spark.storyweave.workdir", None)
    if configured:
        return f"{configured.rstrip('/')}/dups-{uuid.uuid4().hex}"
    return tempfile.mkdtemp(prefix="storyweave-spark-")


def remove_work_directory(spark: SparkSession, path: str) -> None:
    if "://" not in path:
        shutil.rmtree(path, ignore_errors=True)
        return
    jvm = spark.sparkContext._jvm
    assert jvm is not None
    target = jvm.org.apache.hadoop.fs.Path(path)
    target.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).delete(target, True)


__all__ = ["Settings", "featurize_waves", "groups"]
