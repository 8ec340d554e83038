"""Kill harness: SIGKILL `storyweave run` at random moments, then check the store and the report.

    .venv/bin/python benchmarks/kills.py [--kills N] [--seed S] [--corpus PATH] [--per-store K]

A clean run of the corpus (default: examples/demo, a few seconds a run) gives the reference
report and the length of a run. Then, on fresh stores, runs are killed with SIGKILL at moments
drawn uniformly (fixed seed) over the whole length of a run, so every phase is hit: start-up,
reading and per-document work, relating and clustering, comparing, writing the store and the
report. ``K`` kills land on one store before a run is let finish. After every kill the store must
be consistent (``Store.problems()`` empty) and openable; the run let finish must give a report
equal to the clean one. Prints the kills tried, where in the run they landed, and the failures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from storyweave import open_store
from storyweave.errors import StoryweaveError

REPO = Path(__file__).resolve().parents[1]
BUCKETS = 5  # the run's length cut in fifths, to show that kills land in every phase


def _command(corpus: Path, db: Path, report: Path) -> list[str]:
    return [
        *(sys.executable, "-m", "storyweave.cli", "run", str(corpus), "--db", str(db)),
        *("--json", str(report), "--workers", "1", "-q", "--no-progress", "--ner", "off"),
    ]


def _finish(corpus: Path, db: Path, report: Path) -> tuple[dict[str, Any] | None, str]:
    done = subprocess.run(
        _command(corpus, db, report), capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0:
        return None, f"exit {done.returncode}: {done.stderr.strip()[-300:]}"
    loaded: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return loaded, ""


def _kill_after(corpus: Path, db: Path, report: Path, after: float) -> bool:
    """Start a run and SIGKILL it ``after`` seconds in; False when it ended first."""
    with subprocess.Popen(
        _command(corpus, db, report), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as process:
        deadline = time.monotonic() + after
        while process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        if process.poll() is not None:
            return False
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    return True


def _problems(db: Path) -> list[str]:
    try:
        with open_store(str(db)) as store:
            return store.problems()
    except StoryweaveError as error:
        return [f"store does not open: {error}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--corpus", type=Path, default=REPO / "examples" / "demo")
    parser.add_argument("--per-store", type=int, default=2, metavar="K")
    args = parser.parse_args()
    os.environ["STORYWEAVE_NER"] = "off"
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="storyweave-kills-"))
    try:
        corpus = work / "corpus"
        if args.corpus.is_dir():
            shutil.copytree(args.corpus, corpus)
        else:
            corpus.mkdir()
            shutil.copy(args.corpus, corpus)
        started = time.monotonic()
        clean, error = _finish(corpus, work / "clean.duckdb", work / "clean.json")
        length = time.monotonic() - started
        if clean is None:
            print(f"the clean run failed: {error}")
            return 2
        print(
            f"corpus {args.corpus}: {len(clean['articles'])} articles, a run takes {length:.1f} s"
        )
        return _kill_loop(args, rng, corpus, work, clean, length)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _kill_loop(
    args: argparse.Namespace,
    rng: random.Random,
    corpus: Path,
    work: Path,
    clean: dict[str, Any],
    length: float,
) -> int:
    kills = ended = stores = 0
    where: Counter[int] = Counter()
    failures: list[str] = []
    started = time.monotonic()
    while kills < args.kills:
        stores += 1
        db = work / f"s{stores}.duckdb"
        for _ in range(args.per_store):
            moment = rng.uniform(0.05, length * 1.05)
            if not _kill_after(corpus, db, work / "k.json", moment):
                ended += 1
                continue
            kills += 1
            where[min(BUCKETS - 1, int(moment / length * BUCKETS))] += 1
            failures += [f"kill {kills} at {moment:.2f} s: {p}" for p in _problems(db)]
        report, error = _finish(corpus, db, work / f"r{stores}.json")
        if report is None:
            failures.append(f"store {stores}: the run after the kills failed: {error}")
        elif report != clean:
            keys = ", ".join(k for k in clean if report.get(k) != clean[k])
            failures.append(f"store {stores}: the report differs from the clean run's in {keys}")
        failures += [f"store {stores} after its last run: {p}" for p in _problems(db)]
        db.unlink(missing_ok=True)
        Path(str(db) + ".wal").unlink(missing_ok=True)
        print(f"\r{kills} kills, {len(failures)} failures", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    spread = ", ".join(
        f"{100 * b // BUCKETS}-{100 * (b + 1) // BUCKETS}%: {where[b]}" for b in range(BUCKETS)
    )
    print(f"kills tried: {kills} on {stores} stores ({ended} runs ended before their kill)")
    print(f"where in the run the kills landed: {spread}")
    print(f"runs after kills equal to the clean run: {stores - _differing(failures)}/{stores}")
    print(f"failures: {len(failures)}")
    for failure in failures[:20]:
        print(f"  {failure}")
    print(f"time: {time.monotonic() - started:.0f} s")
    return 1 if failures else 0


def _differing(failures: list[str]) -> int:
    return sum("the report differs" in f or "the run after the kills failed" in f for f in failures)


if __name__ == "__main__":
    sys.exit(main())
