"""What every engine needs to spread work over processes: the worker count, batches, the process
pool and the progress callbacks.

Standard library only, so that any stage or engine may import it (and the command line may,
before anything heavy is imported).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext
from typing import TypeVar

_T = TypeVar("_T")

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
    return ProcessPoolExecutor(
        workers,
        mp_context=context or multiprocessing.get_context("forkserver"),
        initializer=initializer,
    )
