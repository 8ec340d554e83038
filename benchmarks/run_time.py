"""Wall time and peak memory of `storyweave run` on the seeds, the BBC corpus and Reuters-21578
at several scales, with an optional incremental run on the largest store.

    python benchmarks/run_time.py [--corpus NAME ...] [--workers N]
        [--scale N ...] [--limit N] [--incremental PCT] [--max-seconds S]

Runs the real command in a fresh store per corpus, with name extraction off unless
``STORYWEAVE_NER`` says otherwise (as in the default install, which has no spaCy), and samples
the resident memory of the whole process tree (the command and its worker processes) from
/proc every 50 ms; also reports articles (input records) per second and the size of the store
when the run is done.

``--scale N`` (only for ``--corpus reuters``): a corpus N times the size of Reuters-21578 (or of
its first ``--limit`` records), written to a temporary folder: every record as it is, then N − 1
replicas of each record with words, each with a fresh id, one word changed and a boilerplate
line appended (the edits of ``benchmarks/dedup.py``, seeded). Scale 1 reads the file itself.
``--incremental PCT``: after the largest scale, a second run on the same store with PCT % more
articles (fresh replicas, none of whose texts is in the store); its time is also given relative
to the first run's. ``--max-seconds S``: a scale whose run took longer than S seconds is the
last one run; the larger ones are projected from the growth of time between the last two.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from _results import save  # benchmarks/_results.py
from dedup import BOILERPLATE, REUTERS, SEED, _change_one_word  # benchmarks/dedup.py

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = {
    "seeds": SHARED / "seeds",
    "demo": REPO / "examples" / "demo",
    "bbc-news": SHARED / "data" / "corpora" / "bbc-news.jsonl",
    "reuters": REUTERS.resolve(),
}


@dataclass
class Run:
    """One measured `storyweave run`."""

    seconds: float
    peak: int  # bytes, the whole process tree
    code: int
    note: str  # the last line on stderr
    store_bytes: int
    commit: str


def tree_rss_bytes(root: int) -> int:
    """Resident memory of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            stat = (proc / "stat").read_text()
            status = (proc / "status").read_text()
        except OSError:
            continue
        pid = int(proc.name)
        parents[pid] = int(stat.rsplit(")", 1)[1].split()[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1]) * 1024
    members = {root}
    grew = True
    while grew:
        before = len(members)
        members |= {pid for pid, parent in parents.items() if parent in members}
        grew = len(members) > before
    return sum(rss.get(pid, 0) for pid in members)


def measure(path: Path, workers: int | None, store: Path) -> Run:
    """Run storyweave on ``path`` into ``store`` (which may hold earlier runs)."""
    exe = Path(sys.executable).parent / "storyweave"
    cmd = [str(exe), "run", str(path), "--db", str(store), "--quiet", "--json"]
    cmd.append(str(store.with_suffix(".json")))
    if workers:
        cmd += ["--workers", str(workers)]
    commit = _head()
    start = time.perf_counter()
    # name extraction off unless asked for, as in the default install (no spaCy): a checkout
    # with the test extras has spaCy, and its NER more than doubles the time of a run
    env = {**os.environ, "STORYWEAVE_NER": os.environ.get("STORYWEAVE_NER", "off")}
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_bytes(proc.pid))
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    size = sum(f.stat().st_size for f in store.parent.glob(store.name + "*"))
    last = (err.strip().splitlines() or [""])[-1]
    return Run(elapsed, peak, proc.returncode, last, size, commit)


def _head() -> str:
    """The commit checked out when a run starts: the tree may move on during a long benchmark,
    and the results file records the commit at its end."""
    git = ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]
    return subprocess.run(git, capture_output=True, text=True, check=False).stdout.strip()


# --- Reuters at scale -------------------------------------------------------------------------


def reuters_records(limit: int | None) -> list[dict[str, object]]:
    with REUTERS.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    return records[:limit] if limit else records


def _replica(
    record: dict[str, object], n: int, replica: int, rng: random.Random, vocabulary: list[str]
) -> dict[str, object]:
    """Record ``n``'s replica number ``replica``: a fresh id, one word changed, a boilerplate
    line appended."""
    text = _change_one_word(str(record["text"]), rng, vocabulary)
    line = BOILERPLATE[(n + replica) % len(BOILERPLATE)]
    return record | {"id": f"replica-{replica}-{n}", "text": text.rstrip() + "\n" + line}


def _with_words(records: list[dict[str, object]]) -> list[tuple[int, dict[str, object]]]:
    return [(n, r) for n, r in enumerate(records) if str(r.get("text", "")).strip()]


def _vocabulary(records: list[dict[str, object]]) -> list[str]:
    from dedup import _WORD

    return sorted({w.lower() for r in records[:2000] for w in _WORD.findall(str(r["text"]))})


def scaled_records(records: list[dict[str, object]], scale: int) -> Iterator[dict[str, object]]:
    """Every record, then ``scale`` − 1 replicas of each record with words."""
    yield from records
    rng = random.Random(SEED)
    vocabulary = _vocabulary(records)
    for replica in range(1, scale):
        for n, record in _with_words(records):
            yield _replica(record, n, replica, rng, vocabulary)


def new_records(
    records: list[dict[str, object]], scale: int, count: int, stored: set[str]
) -> list[dict[str, object]]:
    """``count`` fresh replicas (replica number ``scale`` and on) whose texts are not in
    ``stored`` (digests of the texts already read)."""
    rng = random.Random(SEED + scale)
    vocabulary = _vocabulary(records)
    candidates = _with_words(records)
    fresh: list[dict[str, object]] = []
    replica = scale
    while len(fresh) < count:
        for n, record in rng.sample(candidates, min(count - len(fresh), len(candidates))):
            new = _replica(record, n, replica, rng, vocabulary)
            digest = _digest(str(new["text"]))
            if digest not in stored:
                stored.add(digest)
                fresh.append(new)
        replica += 1
    return fresh


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def write_jsonl(path: Path, records: Iterator[dict[str, object]] | list[dict[str, object]]) -> int:
    """Write ``records``; return how many."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record) + "\n")
            count += 1
    return count


# --- the table --------------------------------------------------------------------------------


def _row(articles: int, run: Run) -> dict[str, object]:
    return {
        "articles": articles,
        "seconds": round(run.seconds, 2),
        "articles_per_s": round(articles / run.seconds, 1),
        "peak_mib": round(run.peak / 2**20, 1),
        "store_mib": round(run.store_bytes / 2**20, 1),
        "exit": run.code,
        "note": run.note,
        "load": round(os.getloadavg()[0], 2),  # the machine is shared: its 1-minute load
        "commit": run.commit,
    }


def _print(name: str, row: dict[str, object]) -> None:
    print(
        f"{name:<16} {row['articles']:>8} {row['seconds']:>9} {row['articles_per_s']:>8} "
        f"{row['peak_mib']:>9} {row['store_mib']:>9} {row['exit']:>4}  {row['note']}",
        flush=True,
    )


def run_reuters(args: argparse.Namespace, tmp: Path) -> dict[str, dict[str, object]]:
    """The Reuters rows: one per scale (larger ones projected after ``--max-seconds``), then
    the incremental run on the largest store built."""
    records = reuters_records(args.limit)
    figures: dict[str, dict[str, object]] = {}
    built: tuple[int, Path, float] | None = None  # scale, store, seconds of its run
    measured: list[tuple[int, float]] = []
    for scale in sorted(set(args.scale)):
        name = f"reuters-{scale}x"
        if built is not None and built[2] > args.max_seconds:
            figures[name] = _projection(measured, scale, len(records))
            print(f"{name:<16} projected: {figures[name]}", flush=True)
            continue
        if scale == 1 and not args.limit:
            corpus, articles = REUTERS.resolve(), len(records)
        else:
            corpus = tmp / f"{name}.jsonl"
            articles = write_jsonl(corpus, scaled_records(records, scale))
        store = tmp / name / "s.duckdb"
        store.parent.mkdir()
        run = measure(corpus, args.workers, store)
        figures[name] = _row(articles, run) | {"scale": scale}
        _print(name, figures[name])
        if run.code in (0, 1):
            built = (scale, store, run.seconds)
            measured.append((scale, run.seconds))
    if args.incremental and built is not None:
        figures.update(_incremental(args, records, built, tmp))
    return figures


def _projection(measured: list[tuple[int, float]], scale: int, base: int) -> dict[str, object]:
    """Time at ``scale`` from the growth of time per doubling between the last two measured
    (scale, seconds), or linear growth when only one was measured."""
    last_scale, last_seconds = measured[-1]
    per_doubling = 2.0
    if len(measured) > 1:
        scale_before, seconds_before = measured[-2]
        doublings = math.log2(last_scale / scale_before)
        per_doubling = (last_seconds / seconds_before) ** (1 / doublings)
    seconds = last_seconds * per_doubling ** math.log2(scale / last_scale)
    return {"scale": scale, "articles": base * scale, "projected": True, "seconds": round(seconds)}


def _incremental(
    args: argparse.Namespace,
    records: list[dict[str, object]],
    built: tuple[int, Path, float],
    tmp: Path,
) -> dict[str, dict[str, object]]:
    scale, store, first = built
    stored = {_digest(str(r["text"])) for r in scaled_records(records, scale)}
    count = max(1, round(len(stored) * args.incremental / 100))
    corpus = tmp / "incremental.jsonl"
    write_jsonl(corpus, new_records(records, scale, count, stored))
    run = measure(corpus, args.workers, store)
    name = f"reuters-{scale}x+{args.incremental:g}%"
    row = _row(count, run) | {"of_first_run": round(run.seconds / first, 3)}
    _print(name, row)
    print(f"  incremental time / first run's: {row['of_first_run']}", flush=True)
    return {name: row}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="*", default=["seeds", "bbc-news"], choices=CORPORA)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--scale", type=int, nargs="+", default=[1], help="Reuters scales")
    parser.add_argument("--limit", type=int, default=None, help="first N Reuters records")
    parser.add_argument("--incremental", type=float, default=0.0, metavar="PCT")
    parser.add_argument("--max-seconds", type=float, default=float("inf"), metavar="S")
    args = parser.parse_args()
    print(
        f"{'corpus':<16} {'articles':>8} {'seconds':>9} {'art/s':>8} {'peak MiB':>9} "
        f"{'store MiB':>9} {'exit':>4}  note"
    )
    figures: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.corpus:
            path = CORPORA[name]
            if not path.exists():
                print(f"{name:<16} missing: {path}")
            elif name == "reuters":
                figures.update(run_reuters(args, Path(tmp)))
            else:
                store = Path(tmp) / name / "s.duckdb"
                store.parent.mkdir()
                figures[name] = _row(_count(path), measure(path, args.workers, store))
                _print(name, figures[name])
    save("run_time", figures)


def _count(path: Path) -> int:
    """Input records: lines of a JSONL file, else files in the folder."""
    if path.is_file():
        return sum(1 for _ in path.open(encoding="utf-8"))
    return sum(1 for p in path.rglob("*") if p.is_file())


if __name__ == "__main__":
    main()
