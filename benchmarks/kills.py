"""Kill harness: SIGKILL `storyweave run` at random moments, then check the store and the report.

    python benchmarks/kills.py [--kills N] [--seed S] [--corpus PATH] [--per-store K]

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
import os
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _results import save  # benchmarks/_results.py
from kill_runs import finish, kill_rounds  # benchmarks/kill_runs.py

REPO = Path(__file__).resolve().parents[1]
BUCKETS = 5  # the run's length cut in fifths, to show that kills land in every phase


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
        clean, error = finish(corpus, work / "clean.duckdb", work / "clean.json")
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
    rounds = kill_rounds(
        corpus, work, rng, per_store=args.per_store, earliest=0.05, latest=length * 1.05
    )
    while kills < args.kills:
        done = next(rounds)
        stores = done.number
        ended += done.ended
        kills += len(done.kills)
        for moment in done.kills:
            where[min(BUCKETS - 1, int(moment / length * BUCKETS))] += 1
        failures += [f"store {stores}: {problem}" for problem in done.problems]
        if done.report is None:
            failures.append(f"store {stores}: the run after the kills failed: {done.error}")
        elif done.report != clean:
            keys = ", ".join(k for k in clean if done.report.get(k) != clean[k])
            failures.append(f"store {stores}: the report differs from the clean run's in {keys}")
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
    landed = {f"{100 * b // BUCKETS}-{100 * (b + 1) // BUCKETS}%": where[b] for b in range(BUCKETS)}
    figures = {
        "kills": kills,
        "stores": stores,
        "ended_before_kill": ended,
        "landed": landed,
        "equal_to_clean": stores - _differing(failures),
        "failures": failures,
        "seconds": round(time.monotonic() - started),
    }
    save("kills", figures)
    return 1 if failures else 0


def _differing(failures: list[str]) -> int:
    return sum("the report differs" in f or "the run after the kills failed" in f for f in failures)


if __name__ == "__main__":
    sys.exit(main())
