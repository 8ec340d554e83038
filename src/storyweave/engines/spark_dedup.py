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

The steps are in modules of their own: the rows and RDD housekeeping they share
(:mod:`storyweave.engines.spark_rdds`), the candidate graph (:mod:`storyweave.engines.spark_pairs`)
and the replay per shard (:mod:`storyweave.engines.spark_shards`); this module runs them.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any

import numpy as np

from storyweave.duplicates import BATCH_SIZE, DedupGroup, Part
from storyweave.engines import spark_files
from storyweave.engines.spark_pairs import candidate_pairs, component_labels
from storyweave.engines.spark_rdds import (
    Doc,
    Settings,
    free_jvm_objects,
    persist,
    release_persisted,
    shuffle_parts,
)
from storyweave.engines.spark_shards import decision_round, lonely_round, shard_groups, shard_states
from storyweave.errors import InputError
from storyweave.ingest import Batch, Fields, Item, ReadItems
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
WAVE_BATCHES = 4  # batches of a wave of files featurized at once per core


Summary = tuple[Any, list[str], list[InputError]]  # a part's key, refs and errors


@dataclass
class Saved:
    """Where the features of the waves go, and the documents and waves saved there so far;
    ``on_part`` is told the refs and errors of each part, in input order."""

    workdir: str
    on_part: Callable[[list[str], list[InputError]], None]
    documents: int = 0
    waves: int = 0


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
    saved = Saved(workdir, on_part)
    featurize_batches(spark, batches, work, wave, saved)
    return saved.documents


def featurize_batches(
    spark: SparkSession,
    batches: Iterable[Batch],
    work: Callable[[Batch], Part],
    wave: int,
    saved: Saved,
) -> None:
    """:func:`featurize_waves` adding to what ``saved`` holds: batches read by the driver,
    ``wave`` of them sent at a time."""
    context = spark.sparkContext
    numbered = enumerate(batches)
    while chunk := list(islice(numbered, wave)):
        save_wave(context.parallelize(chunk, len(chunk)).mapValues(work), saved, list)


def featurize_files(
    spark: SparkSession,
    uris: Sequence[str],
    work: Callable[[Batch], Part],
    reading: tuple[int, Fields],
    saved: Saved,
) -> None:
    """:func:`featurize_waves` of the files named by ``uris`` (on any Hadoop file system), read
    and parsed in executors a wave of files at a time (:mod:`.spark_files`); ``reading`` is
    (``max_bytes``, fields)."""
    tasks = max(1, spark.sparkContext.defaultParallelism)
    for wave in spark_files.waves(spark_files.list_inputs(spark, uris), tasks):
        items = spark_files.read_wave(spark, wave, *reading)
        batches = items.flatMap(_item_batches)
        # A large file is read by one task; its batches are featurized across the cluster.
        parts = batches.partitionBy(tasks * WAVE_BATCHES).mapValues(work)
        save_wave(parts, saved, partial(_with_unread, wave))


def _item_batches(numbered: tuple[int, list[Item]]) -> list[tuple[tuple[int, int], Batch]]:
    """A file's items in batches keyed (file number, batch number); one, empty or not, so that
    every file read is in the summaries."""
    index, items = numbered
    starts = range(0, max(len(items), 1), BATCH_SIZE)
    return [
        ((index, n), ReadItems(tuple(items[at : at + BATCH_SIZE]))) for n, at in enumerate(starts)
    ]


def _with_unread(
    wave: Sequence[tuple[int, spark_files.Entry]], found: list[Summary]
) -> list[Summary]:
    """``found`` and the errors of the wave's entries not read (see spark_files.not_read)."""
    read = {key[0] for key, _, _ in found}
    missing: list[Summary] = [
        ((index, 0), [], [spark_files.unread_error(entry)])
        for index, entry in wave
        if index not in read
    ]
    return found + missing


def save_wave(
    parts: RDD[tuple[Any, Part]], saved: Saved, complete: Callable[[list[Summary]], list[Summary]]
) -> None:
    """Saves the documents of ``parts`` under ``saved.workdir``, numbered in the order of the
    parts' keys; ``complete`` adds to the parts' summaries what was not read in executors."""
    parts = persist(parts)
    summaries = complete(parts.map(lambda p: (p[0], p[1].refs, p[1].errors)).collect())
    starts = {}
    for key, refs, errors in sorted(summaries, key=lambda summary: summary[0]):
        starts[key] = saved.documents
        saved.documents += len(refs)
        saved.on_part(refs, errors)
    rows = parts.flatMap(partial(_doc_rows, starts=starts))
    rows.saveAsPickleFile(f"{saved.workdir}/features/wave-{saved.waves:06d}")
    parts.unpersist()
    saved.waves += 1
    free_jvm_objects()


def _doc_rows(part: tuple[Any, Part], starts: dict[Any, int]) -> Iterator[Doc]:
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
    first = texts.reduceByKey(min, shuffle_parts(texts))
    # Each document with its text's representative (its text's first document).
    rep_of = persist(texts.join(first, shuffle_parts(texts)).values())
    dups = rep_of.filter(lambda pr: pr[0] != pr[1]).map(lambda pr: (pr[1], pr[0]))
    dup_lists = persist(dups.groupByKey(shuffle_parts(dups)).mapValues(sorted))
    reps = _ranked(
        docs.keyBy(lambda d: d.pos).join(first.map(lambda kv: (kv[1], None)), shuffle_parts(docs))
    )
    count = reps.count()
    if count == 0:
        return iter(())
    primary, secondary, buckets, boilerplate = candidate_pairs(reps, count, settings)
    labels = component_labels(primary.union(secondary))
    shards = max(context.defaultParallelism, -(-labels.count() // SHARD_DOCS))
    state = shard_states(reps, labels, dup_lists, boilerplate, primary, secondary, shards)
    state = decision_round(state, "primary", shards, settings)
    release_persisted(keep=[buckets, labels, dup_lists, state])
    state = decision_round(state, "secondary", shards, settings)
    state = lonely_round(state, buckets, shards, settings)
    lone = dup_lists.subtractByKey(labels, shuffle_parts(labels)).map(
        lambda kv: (kv[0], DedupGroup(RelationKind.DUPLICATE, tuple([kv[0], *kv[1]]), 1.0))
    )
    found = state.flatMap(lambda s: shard_groups(s[1])).union(lone)
    return (
        group for _, group in found.sortByKey(numPartitions=shuffle_parts(found)).toLocalIterator()
    )


def _body(d: Doc) -> int:
    return d.key ^ ((d.length * _BODY) & _MASK)


def _ranked(reps: RDD[tuple[int, tuple[Doc, None]]]) -> RDD[tuple[int, Doc]]:
    """The representatives as (content rank, doc): by key, then position (as ``by_rank``)."""
    ordered = reps.map(lambda kv: kv[1][0]).sortBy(
        lambda d: (d.key, d.pos), numPartitions=shuffle_parts(reps)
    )
    return persist(ordered.zipWithIndex().map(lambda di: (di[1], di[0])))


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


__all__ = ["Saved", "Settings", "featurize_batches", "featurize_files", "featurize_waves", "groups"]
