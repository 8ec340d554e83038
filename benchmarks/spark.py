"""Spark engine benchmark: wall time and driver peak memory of `storyweave dups` and `run`
with the local engine, Spark ``local[2]`` and Spark ``local-cluster[2,1,1024]`` (executors in
their own JVMs), on Reuters-based corpora at several scales (built as in ``benchmarks/dedup.py``:
each story with 3·s − 1 seeded copies at scale s).

Each measurement is a fresh process running the CLI; the figures are its wall time, the peak
RSS of the Python driver process itself (``driver_mb``; not the local engine's pool workers)
and of the driver JVM (``jvm_mb``, read from /proc when the command is done; 0 for the local
engine), not the executors'.
`dups` uses the first ``--dups-stories`` Reuters stories (default: all) as its base.
`run` uses the first ``--run-stories`` Reuters stories as its base (the whole of Reuters at
several scales takes far longer than this benchmark should). Its relations grow about 4x per
doubling of such a corpus, as each story's copies grow with the scale, so its time cannot show
whether `run` grows linearly; ``--run-corpus distinct`` builds the `run` corpora otherwise: at
scale s, the first s × ``--run-stories`` distinct Reuters stories, each with the 2 copies of
scale 1 (a changed word; a boilerplate line), so the articles and their copy relations grow
linearly with s.

    .venv/bin/python benchmarks/spark.py [--scales 1,2] [--run-scales 1,2] [--json FILE]
        [--run-stories N] [--run-corpus copies|distinct] [--spark-conf spark.driver.memory=2g]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dedup import REUTERS, _copies, _write_corpus

ENGINES = {
    "local": [],
    "spark local[2]": ["--engine", "spark", "--spark-master", "local[2]"],
    "spark local-cluster": ["--engine", "spark", "--spark-master", "local-cluster[2,1,1024]"],
}
_MEASURE = """
import os, resource, sys
from storyweave.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("RSS", me, file=sys.stderr)
# The driver JVM (a child of this process; executors of local-cluster are its children):
# its peak resident size while it is still up.
for entry in os.listdir("/proc"):
    try:
        with open(f"/proc/{entry}/stat") as stat:
            parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        with open(f"/proc/{entry}/status") as status:
            lines = status.read().splitlines()
        peak = [line for line in lines if line.startswith("VmHWM")]
    except (OSError, ValueError, IndexError):
        continue
    if parent == os.getpid() and peak and lines[0].split()[-1] == "java":
        print("JVM", peak[0].split()[1], file=sys.stderr)
sys.exit(code)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,2,4", help="scales of the dups corpora")
    parser.add_argument("--run-scales", default="1,2,4", help="scales of the run corpora")
    parser.add_argument("--run-stories", type=int, default=300)
    parser.add_argument(
        "--run-corpus",
        choices=("copies", "distinct"),
        default="copies",
        help="run corpora: N stories with 3·s − 1 copies each (copies), or s·N distinct "
        "stories with 2 copies each (distinct)",
    )
    parser.add_argument("--dups-stories", type=int, default=None)
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="comma-separated, of: " + "; ".join(f"'{name}'" for name in ENGINES),
    )
    parser.add_argument("--json", metavar="FILE", default="spark-benchmark.json")
    parser.add_argument(
        "--spark-conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a Spark setting for the Spark engines (repeatable), e.g. spark.driver.memory=2g",
    )
    args = parser.parse_args()
    if not REUTERS.exists():
        sys.exit(f"missing {REUTERS}")
    print(f"load average at start: {os.getloadavg()}", file=sys.stderr)
    stories = [json.loads(line) for line in REUTERS.open(encoding="utf-8")]
    stories = [s for s in stories if s.get("text", "").strip()]
    from dedup import _WORD

    vocabulary = sorted({w.lower() for s in stories[:2000] for w in _WORD.findall(s["text"])})
    engines = [e for e in args.engines.split(",") if e]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        parser.error(f"unknown engine {unknown[0]!r}: use one of " + ", ".join(map(repr, ENGINES)))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        plan = [
            ("dups", stories[: args.dups_stories], int(s), int(s))
            for s in args.scales.split(",")
            if s
        ]
        plan += [
            _run_plan(stories, args.run_stories, int(s), args.run_corpus)
            for s in args.run_scales.split(",")
            if s
        ]
        for command, base, scale, copies in plan:
            corpus = Path(tmp) / f"{command}-{scale}x.jsonl"
            _write_corpus(corpus, base, _copies(base, copies, vocabulary))
            size = sum(1 for _ in corpus.open(encoding="utf-8"))
            for engine in engines:
                options = ENGINES[engine]
                if options:
                    options = options + [a for c in args.spark_conf for a in ("--spark-conf", c)]
                row = _measure(command, corpus, options, Path(tmp))
                row.update({"command": command, "scale": scale, "docs": size, "engine": engine})
                if command == "run":
                    row["run_corpus"] = args.run_corpus
                row["spark_conf"] = args.spark_conf if options else []
                rows.append(row)
                print(
                    f"{command:4} {scale}x {size:7d} docs  {engine:20} "
                    f"{row['seconds']:7.1f} s  driver {row['driver_mb']:6.0f} MB  "
                    f"JVM {row['jvm_mb']:6.0f} MB  "
                    f"groups/stories {row['found']}  relations {row['relations']}  "
                    f"report md5 {row['report_md5'][:8]}",
                    flush=True,
                )
    Path(args.json).write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"written to {args.json}")
    from _results import save  # benchmarks/_results.py

    save("spark", rows)


def _run_plan(
    stories: list[dict[str, str]], per_scale: int, scale: int, corpus: str
) -> tuple[str, list[dict[str, str]], int, int]:
    """("run", base stories, scale, the ``_copies`` scale of their copies) of one run corpus."""
    if corpus == "distinct":
        if scale * per_scale > len(stories):
            sys.exit(f"--run-corpus distinct at {scale}x needs {scale * per_scale} stories")
        return "run", stories[: scale * per_scale], scale, 1
    return "run", stories[:per_scale], scale, scale


def _measure(command: str, corpus: Path, engine: list[str], tmp: Path) -> dict[str, object]:
    out = tmp / "out.json"
    out.unlink(missing_ok=True)
    argv = [command, str(corpus), "--json", str(out), "-q", "--no-progress", *engine]
    if command == "run":
        db = tmp / "bench.duckdb"
        db.unlink(missing_ok=True)
        argv += ["--db", str(db), "--ner", "off"]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1) or not out.exists():
        sys.exit(f"{argv} failed (exit status {done.returncode}):\n{done.stderr[-2000:]}")
    driver = next(
        int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("RSS ")
    )
    jvm = sum(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("JVM "))
    report = out.read_bytes()
    result = json.loads(report)
    found = len(result["groups"]) if command == "dups" else len(result["stories"])
    return {
        "seconds": round(seconds, 1),
        "driver_mb": round(driver / 1024),
        "jvm_mb": round(jvm / 1024),
        "found": found,
        "relations": len(result.get("relations", [])),
        # The refs name the corpus under this run's temporary folder, which the md5 leaves out
        # so that the reports of separate runs of the benchmark compare too.
        "report_md5": hashlib.md5(report.replace(str(tmp).encode(), b"TMP")).hexdigest(),
    }


if __name__ == "__main__":
    main()
