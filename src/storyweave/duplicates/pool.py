"""The dedup workers' process context and set-up (the pool itself is
:func:`storyweave.parallel.make_pool`), startable before anything heavy is imported.

Workers are forks of a fork server that has imported the dedup engine (numpy): they start
without importing it again. (Forking the reading process itself hung once a library's thread
pool had run there: threads are not forked.) Starting the server first thing lets its imports
run while the calling process does its own.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
from multiprocessing import forkserver
from multiprocessing.context import BaseContext

DEDUP_ENGINE = "storyweave.duplicates.api"


def dedup_pool_context() -> BaseContext:
    """The multiprocessing context of the dedup workers."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([DEDUP_ENGINE])
    return context


def start_dedup_workers_early() -> None:
    """Start the dedup workers' fork server now (it imports the engine in the background)."""
    dedup_pool_context()
    forkserver.ensure_running()


_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3


def keep_freed_memory() -> bool:
    """Have glibc's malloc serve large blocks from its heap and keep freed ones, instead of
    mapping fresh zeroed pages for every large numpy array (measured: array-heavy loops ran
    1.6 times as fast); the process keeps its peak memory until it ends, which suits a
    one-shot job. Returns False where the C library has no ``mallopt`` (not glibc)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    size = 1 << 30
    return bool(mallopt(_M_MMAP_THRESHOLD, size)) and bool(mallopt(_M_TRIM_THRESHOLD, size))
