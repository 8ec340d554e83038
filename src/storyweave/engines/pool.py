"""The process pool of the dedup workers, startable before anything heavy is imported.

Workers are forks of a fork server that has imported the dedup engine (numpy, rensa): they start
without importing it again. Forking the reading process itself would be faster still, but it hung
once rensa had run there (its threads are not forked). Starting the server first thing lets its
imports run while the calling process does its own.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing import forkserver
from multiprocessing.context import BaseContext

DEDUP_ENGINE = "storyweave.engines.dedup"


def dedup_pool_context() -> BaseContext:
    """The multiprocessing context of the dedup workers."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([DEDUP_ENGINE])
    return context


def start_dedup_workers_early() -> None:
    """Start the dedup workers' fork server now (it imports the engine in the background)."""
    dedup_pool_context()
    forkserver.ensure_running()


def one_thread_each() -> None:
    """Pool initializer: the workers already use every core, so rensa's own thread pool would
    only compete with them (measured: as many threads as cores in each worker doubled the
    system time)."""
    os.environ.setdefault("RAYON_NUM_THREADS", "1")
