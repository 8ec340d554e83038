"""What every engine needs to spread work over processes: the worker count, batches, the process
pool and the progress callbacks.

Standard library only, so that any stage or engine may import it (and the command line may,
before anything heavy is imported).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:  # imported when a pool is made: a small run works in this process
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.context import BaseContext

# Below this many items (documents, candidate pairs, stories) a pool costs more than it saves.
POOL_MIN_ITEMS = 64

_T = TypeVar("_T")
_In = TypeVar("_In")
_Out = TypeVar("_Out")

ProgressFn = Callable[[str, int, int | None], None]
"""Called as ``progress(stage, done, total)``; ``total`` is None while unknown. What ``done``
counts in each stage of :func:`storyweave.weave`: ``reading`` inputs (articles, JSONL records),
``relating`` candidate pairs of articles, ``labelling`` and ``clustering`` articles,
``comparing`` stories; of :func:`storyweave.dedup`: ``reading`` documents, then ``grouping``."""

StepProgressFn = Callable[[int, int | None], None]
"""The progress of one stage, called as ``progress(done, total)``: a :data:`ProgressFn` with
its stage given (``functools.partial(progress, stage)``)."""


def worker_count(workers: int | None) -> int:
    """``workers``, or when None one worker per core."""
    return workers if workers is not None else (os.cpu_count() or 1)


def usable_cores() -> int:
    """The cores this process may run on (its affinity where the system tells it): the threads a
    library may use inside one process."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def in_batches(items: Iterable[_T], size: int) -> Iterator[list[_T]]:
    """``items`` in lists of ``size`` (the last one shorter), read lazily."""
    batch: list[_T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def make_pool(
    workers: int,
    context: BaseContext | None = None,
    initializer: Callable[[], object] | None = None,
) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes started by ``context``, by default a plain fork server:
    the parent may hold threads (DuckDB's, a library's thread pool), which fork would copy
    half-alive. ``initializer`` runs once in each worker."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        workers,
        mp_context=context or multiprocessing.get_context("forkserver"),
        initializer=initializer,
    )


class Mapper(Protocol):
    """Runs ``work`` on each item, results in order: in this process, a process pool
    (:class:`PoolMapper`) or Spark's executors (``storyweave.engines.spark.SparkMapper``)."""

    def __call__(self, work: Callable[[_In], _Out], items: Sequence[_In]) -> list[_Out]: ...


def in_process(work: Callable[[_In], _Out], items: Sequence[_In]) -> list[_Out]:
    """The :class:`Mapper` that runs everything here, in order."""
    return [work(item) for item in items]


class PoolMapper:
    """A :class:`Mapper` over a process pool of ``workers`` (made on first need, kept for the
    later calls, shut down on :meth:`close`, after which a call makes a fresh one); calls with
    fewer than ``threshold`` items, or with one worker, run in this process, where a pool would
    cost more than it saves."""

    def __init__(self, workers: int, threshold: int = POOL_MIN_ITEMS) -> None:
        self._workers = workers
        self._threshold = threshold
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, work: Callable[[_In], _Out], items: Sequence[_In]) -> list[_Out]:
        if self._workers <= 1 or len(items) < self._threshold:
            return in_process(work, items)
        if self._pool is None:
            self._pool = make_pool(self._workers)
        chunk = max(1, len(items) // (4 * self._workers))
        return list(self._pool.map(work, items, chunksize=chunk))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> PoolMapper:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def release_workers(mapper: Mapper) -> None:
    """End the worker processes of ``mapper`` when it is a :class:`PoolMapper` (its next call
    starts fresh ones): a worker keeps what its work cached for as long as it lives."""
    if isinstance(mapper, PoolMapper):
        mapper.close()


def map_in_waves(
    mapper: Mapper,
    work: Callable[[_In], _Out],
    items: Sequence[_In],
    progress: Callable[[int, int | None], None],
    waves: int,
    min_size: int = POOL_MIN_ITEMS,
) -> list[_Out]:
    """``mapper(work, items)`` in up to ``waves`` slices of at least ``min_size`` items (enough
    to be worth a pool), telling ``progress(done, total)`` after each: a progress bar moves
    while a pool or a cluster works."""
    done: list[_Out] = []
    progress(0, len(items))
    for start, stop in wave_slices(len(items), waves, min_size):
        done.extend(mapper(work, items[start:stop]))
        progress(len(done), len(items))
    return done


def wave_slices(
    count: int, waves: int, min_size: int = POOL_MIN_ITEMS, max_size: int | None = None
) -> list[tuple[int, int]]:
    """(start, stop) of the slices :func:`map_in_waves` maps ``count`` items in: up to
    ``waves`` of at least ``min_size`` items, and more when slices would exceed ``max_size``."""
    size = max(1, min_size, -(-count // max(1, waves)))
    if max_size is not None:
        size = min(size, max(1, max_size))
    return [(start, min(start + size, count)) for start in range(0, count, size)]
