"""The kill loop shared by benchmarks/kills.py (hundreds of kills) and tests/test_determinism.py
(a few): `storyweave run` SIGKILLed at random moments, the store checked after every kill, then
a run let finish on that store, whose report the caller compares with a clean run's.

Runs are subprocesses of ``python -m storyweave.cli run CORPUS --db DB --json REPORT`` with one
worker and the rules for names (``--ner off``), so that a run's length is steady.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyweave import open_store
from storyweave.errors import StoryweaveError

RUN_TIMEOUT = 600.0  # seconds a run let finish may take
POLL = 0.005  # seconds between checks whether a run to be killed has ended


def run_command(corpus: Path, db: Path, report: Path) -> list[str]:
    """The command of one run of ``corpus`` into the store ``db``, its JSON report to ``report``."""
    return [
        *(sys.executable, "-m", "storyweave.cli", "run", str(corpus), "--db", str(db)),
        *("--json", str(report), "--workers", "1", "-q", "--no-progress", "--ner", "off"),
    ]


def finish(corpus: Path, db: Path, report: Path) -> tuple[dict[str, Any] | None, str]:
    """Run to the end: (the JSON report, "") or (None, why the run failed)."""
    done = subprocess.run(
        run_command(corpus, db, report),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        return None, f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    loaded: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return loaded, ""


def kill_after(corpus: Path, db: Path, report: Path, after: float) -> bool:
    """Start a run and SIGKILL it ``after`` seconds in; False when it had ended first."""
    with subprocess.Popen(
        run_command(corpus, db, report), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as process:
        deadline = time.monotonic() + after
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(POLL)
        if process.poll() is not None:
            return False
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    return True


def store_problems(db: Path) -> list[str]:
    """What is wrong with the store ``db``: its broken references, or that it does not open."""
    try:
        with open_store(str(db)) as store:
            return store.problems()
    except StoryweaveError as error:
        return [f"store does not open: {error}"]


@dataclass
class Round:
    """One store's kills and the run let finish after them."""

    number: int  # the store's number, from 1
    kills: list[float] = field(default_factory=list)  # moments (s) at which a run was killed
    ended: int = 0  # runs that ended before their kill moment
    problems: list[str] = field(default_factory=list)  # the store's, after each kill and at end
    report: dict[str, Any] | None = None  # of the run let finish; None if it failed
    error: str = ""  # why that run failed


def kill_rounds(
    corpus: Path,
    work: Path,
    rng: random.Random,
    *,
    per_store: int,
    earliest: float,
    latest: float,
) -> Iterator[Round]:
    """Rounds on fresh stores under ``work``, without end: in each, ``per_store`` runs are
    started and killed at moments drawn uniformly from [earliest, latest] seconds (a run that
    ends first is counted in ``ended``), the store is checked after every kill, then a run is let
    finish and the store checked again. Each store is deleted after its round."""
    number = 0
    while True:
        number += 1
        db = work / f"kills-{number}.duckdb"
        done = Round(number)
        for _ in range(per_store):
            moment = rng.uniform(earliest, latest)
            if not kill_after(corpus, db, work / "killed.json", moment):
                done.ended += 1
                continue
            done.kills.append(moment)
            done.problems += [f"after the kill at {moment:.2f} s: {p}" for p in store_problems(db)]
        done.report, done.error = finish(corpus, db, work / f"kills-{number}.json")
        done.problems += [f"after the last run: {p}" for p in store_problems(db)]
        db.unlink(missing_ok=True)
        Path(f"{db}.wal").unlink(missing_ok=True)
        yield done
