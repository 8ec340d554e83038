"""The per-article budget: the CPU time and the memory one article's per-document work may take.

Every per-document step is linear (or n log n) in the article's length, but a hostile input can
still be huge: the budget turns "minutes and gigabytes" into a one-line skip naming the input.
CPU time (not wall time) is counted, so that a busy machine does not skip what an idle one keeps.
The budget is watched by a CPU-time timer signal (``SIGVTALRM``) in the process doing the work:
each tick compares the CPU time and the growth of the resident memory since the article began
with the budget, and raises :class:`OverBudget` in the work when either is exceeded. Where no
timer can be set (not the main thread, no ``setitimer``, a timer already in use) the work runs
unwatched.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY_MB = 1024
TICK_SECONDS = 0.1  # CPU time between two looks at the budget


@dataclass(frozen=True)
class Budget:
    """At most ``seconds`` of CPU time and ``memory_mb`` MiB of resident-memory growth per
    article; 0 for either means no limit."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @property
    def unlimited(self) -> bool:
        return self.seconds <= 0 and self.memory_mb <= 0


class OverBudget(BaseException):
    """Raised inside the work when the article exceeds its budget; ``reason`` says which part.

    Not an Exception: no ``except Exception`` in the work may swallow it and carry on."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@contextmanager
def within(budget: Budget | None) -> Iterator[None]:
    """Run the block under ``budget``: :class:`OverBudget` is raised in it when exceeded."""
    if budget is None or budget.unlimited or not _can_watch():
        yield
        return
    watch = _Watch(budget)
    previous = signal.signal(signal.SIGVTALRM, watch.tick) or signal.SIG_DFL
    signal.setitimer(signal.ITIMER_VIRTUAL, TICK_SECONDS, TICK_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _can_watch() -> bool:
    return (
        hasattr(signal, "setitimer")
        and hasattr(signal, "SIGVTALRM")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    )


class _Watch:
    """The CPU time and memory an article started with, and the tick that compares."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.started = time.process_time()
        self.memory = resident_bytes()
        self.reason = ""

    def tick(self, signum: int, frame: FrameType | None) -> None:
        # Raised again at every tick until the work ends: a signal handler's exception is
        # swallowed (and only printed) when the tick lands in a garbage-collection callback
        # or a __del__, and the work would then run on unwatched.
        self.reason = self.reason or self._exceeded()
        if self.reason:
            raise OverBudget(self.reason)

    def _exceeded(self) -> str:
        seconds, memory_mb = self.budget.seconds, self.budget.memory_mb
        if seconds > 0 and time.process_time() - self.started > seconds:
            return (
                f"took more than {seconds:g} s of CPU time, over the per-article budget "
                "(raise it with --article-seconds)"
            )
        if memory_mb > 0 and self.memory is not None:
            now = resident_bytes()
            if now is not None and now - self.memory > memory_mb * 2**20:
                return (
                    f"took more than {memory_mb} MiB of memory, over the per-article budget "
                    "(raise it with --article-memory)"
                )
        return ""


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def resident_bytes() -> int | None:
    """The resident memory of this process now (None where /proc does not tell)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None
