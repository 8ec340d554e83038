"""Cost of the per-document work (clean, fingerprint, extract) against the article's length.

    python benchmarks/length_cost.py [--sizes 1K,10K,100K,1M,10M] [--ner on|off]

Each article is real news text: the BBC corpus's articles joined one after another (and again
from the start when more is needed) and cut at the size. Each size runs in a fresh process with
no per-article budget, which reports the CPU seconds of ``process_document`` and the peak
resident memory (the process's peak, and its growth over the process before the work). Linear
work shows as a constant time per megabyte.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from _results import save  # benchmarks/_results.py

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpora" / "bbc-news.jsonl"
UNITS = {"K": 1_000, "M": 1_000_000}


def long_text(size: int) -> str:
    """``size`` characters of BBC articles, one after another, separated by blank lines."""
    texts = [json.loads(line)["text"] for line in BBC.open(encoding="utf-8")]
    parts: list[str] = []
    length = 0
    while length < size:
        for text in texts:
            parts.append(text)
            length += len(text) + 2
            if length >= size:
                break
    return "\n\n".join(parts)[:size]


def _child(size: int, ner: bool) -> None:
    from storyweave.ids import content_id
    from storyweave.pipeline import process_document
    from storyweave.records import Document

    text = long_text(size)
    document = Document(content_id("text", text), "long.txt", "long.txt", "text", text, "utf-8")
    if ner:  # load the model first: its one-off cost is not the article's
        from storyweave.facts.ner import entities

        entities("Warm up.")
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    started = time.process_time()
    result = process_document(document, ner=ner, budget=None)
    seconds = time.process_time() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    claims = len(result[3]) if isinstance(result, tuple) else -1
    print(json.dumps({"seconds": seconds, "peak": peak, "base": base, "claims": claims}))


def _size(text: str) -> int:
    text = text.strip().upper()
    return int(float(text[:-1]) * UNITS[text[-1]]) if text[-1] in UNITS else int(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1K,10K,100K,1M,10M")
    parser.add_argument("--ner", choices=("on", "off"), default="off")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        _child(args.child, args.ner == "on")
        return 0
    print(f"per-document work (clean, fingerprint, extract; NER {args.ner}) on BBC text")
    print(f"{'chars':>10} {'CPU s':>8} {'s/MB':>7} {'claims':>7} {'peak MB':>8} {'growth MB':>9}")
    rows = []
    for size in (_size(s) for s in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(size), "--ner", args.ner],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(done.stdout)
        rows.append({"chars": size, **row})
        print(
            f"{size:>10,} {row['seconds']:>8.2f} {row['seconds'] / size * 1e6:>7.1f} "
            f"{row['claims']:>7,} {row['peak'] / 2**20:>8.0f} "
            f"{(row['peak'] - row['base']) / 2**20:>9.0f}",
            flush=True,
        )
    save(f"length_cost_ner_{args.ner}", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
