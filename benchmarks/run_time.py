"""Wall time and peak memory of `storyweave run` on the seeds and on the BBC corpus.

    python benchmarks/run_time.py [--corpus NAME ...] [--workers N]

Runs the real command in a fresh store per corpus and samples the resident memory of the whole
process tree (the command and its worker processes) from /proc every 50 ms.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _results import save  # benchmarks/_results.py

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPORA = {
    "seeds": SHARED / "seeds",
    "demo": REPO / "examples" / "demo",
    "bbc-news": SHARED / "data" / "corpora" / "bbc-news.jsonl",
}


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


def measure(path: Path, workers: int | None) -> tuple[float, int, int, str]:
    """Run storyweave on ``path``; return seconds, peak bytes, exit code, last stderr line."""
    exe = Path(sys.executable).parent / "storyweave"
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [
            str(exe),
            "run",
            str(path),
            "--db",
            f"{tmp}/s.duckdb",
            "--quiet",
            "--json",
            f"{tmp}/r.json",
        ]
        if workers:
            cmd += ["--workers", str(workers)]
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss_bytes(proc.pid))
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        err = proc.stderr.read() if proc.stderr else ""
        return elapsed, peak, proc.returncode, (err.strip().splitlines() or [""])[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="*", default=["seeds", "bbc-news"], choices=CORPORA)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    print(f"{'corpus':<10} {'seconds':>8} {'peak MiB':>9} {'exit':>4}  note")
    figures: dict[str, dict[str, object]] = {}
    for name in args.corpus:
        path = CORPORA[name]
        if not path.exists():
            print(f"{name:<10} missing: {path}")
            continue
        seconds, peak, code, note = measure(path, args.workers)
        print(f"{name:<10} {seconds:8.2f} {peak / 2**20:9.1f} {code:>4}  {note}")
        figures[name] = {
            "seconds": round(seconds, 2),
            "peak_mib": round(peak / 2**20, 1),
            "exit": code,
            "note": note,
        }
    save("run_time", figures)


if __name__ == "__main__":
    main()
