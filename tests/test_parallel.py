"""The shared helpers for work over many processes: worker count, batches, pool."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterator
from pathlib import Path

from storyweave.duplicates.pool import dedup_pool_context, keep_freed_memory
from storyweave.parallel import in_batches, make_pool, usable_cores, worker_count

SRC = Path(__file__).resolve().parents[1] / "src" / "storyweave"


def test_the_worker_count_defaults_to_the_cores() -> None:
    assert worker_count(None) == (os.cpu_count() or 1)
    assert worker_count(3) == 3
    assert worker_count(1) == 1
    assert 1 <= usable_cores() <= (os.cpu_count() or 1)


def test_batches_keep_order_and_size() -> None:
    assert list(in_batches(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(in_batches(range(6), 3)) == [[0, 1, 2], [3, 4, 5]]
    assert list(in_batches([], 3)) == []


def test_batches_read_only_what_they_give() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for i in range(100):
            read.append(i)
            yield i

    first = next(in_batches(items(), 4))
    assert first == [0, 1, 2, 3]
    assert read == [0, 1, 2, 3]


def test_the_pool_is_a_fork_server_unless_told_otherwise() -> None:
    with make_pool(1) as pool:
        assert pool._mp_context.get_start_method() == "forkserver"
        assert pool.submit(pow, 2, 10).result() == 1024
    spawn = multiprocessing.get_context("spawn")
    with make_pool(1, spawn) as pool:
        assert pool._mp_context is spawn


def test_the_pool_runs_the_initializer_in_each_worker() -> None:
    with make_pool(1, dedup_pool_context(), keep_freed_memory) as pool:
        assert pool.submit(os.getpid).result() != os.getpid()


def test_no_module_builds_its_own_pool_or_counts_cores() -> None:
    """The worker count and the process pool are made in storyweave.parallel only."""
    own = re.compile(r"ProcessPoolExecutor\(|os\.cpu_count\(|sched_getaffinity\(")
    found = [
        str(path.relative_to(SRC))
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "parallel.py" and own.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []
