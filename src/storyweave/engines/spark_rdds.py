"""What the Spark jobs of ``dups`` share: a document's features as a row (:class:`Doc`), the
job's settings, and the housekeeping of their RDDs (persisted where they can spill, released
when no longer read, shuffled into the default parallelism)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

import numpy as np

from storyweave.duplicates import ALIGN_BLOCK

if TYPE_CHECKING:
    from pyspark import RDD


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


_PERSISTED: weakref.WeakSet[Any] = weakref.WeakSet()  # what persist persisted


def persist(rdd: RDD[_T]) -> RDD[_T]:
    """``rdd`` persisted where it can spill to disk: in local mode the executors share the
    driver's heap, and an RDD dropped from memory would be computed again from its lineage."""
    from pyspark import StorageLevel

    _PERSISTED.add(rdd)
    return rdd.persist(StorageLevel.MEMORY_AND_DISK)


def release_persisted(keep: Sequence[RDD[Any]]) -> None:
    """Unpersists what this module persisted but ``keep``: what the shards copied is no
    longer read."""
    for rdd in [r for r in _PERSISTED if all(r is not k for k in keep)]:
        rdd.unpersist()
        _PERSISTED.discard(rdd)
    free_jvm_objects()


def free_jvm_objects() -> None:
    """Lets the JVM free what this process's dropped RDDs held. PySpark's RDD objects sit in
    reference cycles, so their JVM objects (the input of a wave sent by ``parallelize``: some
    100 MB of the driver heap on 130,000 articles) live until Python's cycle collector runs,
    which in a driver that allocates little can be never."""
    gc.collect()


def shuffle_parts(rdd: RDD[Any]) -> int:
    """Partitions of a shuffle: Spark's default would otherwise be the largest input's count,
    which grows with every union of an iteration."""
    return int(rdd.context.defaultParallelism)
