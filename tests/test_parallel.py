"""The shared helpers for work over many processes: worker count, batches, pool."""

from __future__ import annotations

import multiprocessing
import os
import re
from collections.abc import Iterator
from pathlib import Path

from storyweave.duplicates.pool import dedup_pool_context, keep_freed_memory
from storyweave.parallel import (
    PoolMapper,
    in_batches,
    in_process,
    make_pool,
    map_in_waves,
    release_workers,
    usable_cores,
    worker_count,
)

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


def _pid_and_square(value: int) -> tuple[int, int]:
    return os.getpid(), value * value


def test_the_pool_mapper_runs_small_calls_here_and_large_ones_in_its_pool_in_order() -> None:
    with PoolMapper(2, threshold=8) as mapper:
        small = mapper(_pid_and_square, list(range(5)))
        large = mapper(_pid_and_square, list(range(40)))
    assert {pid for pid, _ in small} == {os.getpid()}
    assert os.getpid() not in {pid for pid, _ in large}
    assert [square for _, square in large] == [n * n for n in range(40)]
    with PoolMapper(1, threshold=1) as alone:
        assert {pid for pid, _ in alone(_pid_and_square, list(range(20)))} == {os.getpid()}


def test_map_in_waves_tells_its_progress_and_keeps_the_order() -> None:
    told: list[tuple[int, int | None]] = []
    found = map_in_waves(in_process, str, list(range(25)), lambda d, t: told.append((d, t)), 3, 1)
    assert found == [str(n) for n in range(25)]
    assert told == [(0, 25), (9, 25), (18, 25), (25, 25)]
    told.clear()
    map_in_waves(in_process, str, list(range(25)), lambda d, t: told.append((d, t)), 3, 20)
    assert told == [(0, 25), (20, 25), (25, 25)]  # slices of at least 20
    assert map_in_waves(in_process, str, [], lambda d, t: None, 3) == []


def test_released_workers_end_and_the_next_call_starts_fresh_ones() -> None:
    with PoolMapper(2, threshold=8) as mapper:
        before = {pid for pid, _ in mapper(_pid_and_square, list(range(40)))}
        release_workers(mapper)
        after = mapper(_pid_and_square, list(range(40)))
    assert before and not before & {pid for pid, _ in after}
    assert [square for _, square in after] == [n * n for n in range(40)]
    release_workers(in_process)  # no pool, nothing to end
