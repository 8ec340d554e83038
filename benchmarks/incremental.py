"""Incremental runs against a batch run: FNC-1 dev fed to `weave` in slices on one store.

    STORYWEAVE_NER=off python benchmarks/incremental.py [--slices 5] [--seed 1]

Prints, for the articles in order and shuffled, how many articles end in a different story
than in one batch run over everything, and the time of each run.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from _results import save  # benchmarks/_results.py
from storyweave import open_store, weave
from storyweave.records import Story

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "stories" / "fnc1-dev.jsonl"


def write_slices(records: list[dict[str, str]], slices: int, folder: Path) -> list[str]:
    """Write ``records`` as ``slices`` JSONL files; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    size = -(-len(records) // slices)
    for n in range(slices):
        path = folder / f"slice-{n}.jsonl"
        chunk = records[n * size : (n + 1) * size]
        path.write_text("".join(json.dumps(r) + "\n" for r in chunk), encoding="utf-8")
        paths.append(str(path))
    return paths


def partition(stories: list[Story]) -> dict[str, frozenset[str]]:
    """Each article id mapped to the set of its story's members."""
    return {a: frozenset(s.article_ids) for s in stories for a in s.article_ids}


def run(paths: list[str], db: str) -> tuple[list[Story], list[float]]:
    times = []
    with open_store(db) as store:
        for path in paths:
            started = time.perf_counter()
            weave([path], store, workers=1)
            times.append(time.perf_counter() - started)
        return store.derived().stories, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slices", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    records = [
        {"id": r["id"], "text": r["text"]}
        for r in map(json.loads, DATA.read_text(encoding="utf-8").splitlines())
    ]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        batch, batch_times = run(write_slices(records, 1, folder / "b"), f"{tmp}/batch.duckdb")
        expected = partition(batch)
        print(f"batch: {len(batch)} stories in {batch_times[0]:.1f}s")
        figures: dict[str, object] = {
            "batch": {"stories": len(batch), "seconds": round(batch_times[0], 1)}
        }
        orders = {
            "in order": records,
            "shuffled": random.Random(args.seed).sample(records, len(records)),
        }
        for name, ordered in orders.items():
            sub = folder / name.replace(" ", "-")
            stories, times = run(write_slices(ordered, args.slices, sub), f"{sub}/s.duckdb")
            got = partition(stories)
            moved = sum(1 for a, members in expected.items() if got.get(a) != members)
            print(
                f"{name}: {len(stories)} stories, {moved} of {len(expected)} articles in a "
                f"different story than batch; slice times " + ", ".join(f"{t:.1f}s" for t in times)
            )
            figures[name] = {
                "stories": len(stories),
                "moved": moved,
                "articles": len(expected),
                "slice_seconds": [round(t, 1) for t in times],
            }
    save("incremental", figures)


if __name__ == "__main__":
    main()
