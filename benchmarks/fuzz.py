"""Fuzzing benchmark: many mangled inputs through every reader and the cleaner.

Inputs are seeds (the demo corpus's articles, pages and JSONL lines; a WARC archive of them;
small hand-made inputs), each mutated by a seeded random generator: bits flipped, bytes and
escape sequences inserted, ranges deleted, duplicated or spliced from another seed, the end cut
off, the result gzip-compressed or not. Each input goes through one target, in turn:

- ``text``, ``html``, ``jsonl``, ``warc``, ``sniffed``: ``read_bytes`` with that format (sniffed:
  none given), every item a Document or an InputError whose message is one line;
- ``decode``: ``decode`` and ``sniff_format`` of the bytes;
- ``clean``: the reader's Documents (sniffed format) through ``clean_document``, which may only
  raise an InputError.

Anything else (another exception, a bad item) is a failure: counted by kind, the first inputs of
each kind written to --out for replay. The run stops at --inputs or after --seconds, whichever
comes first, and prints inputs tried per target, failures found and the slowest inputs, timed in
the worker's CPU seconds (a busy machine does not inflate them) and written to --out too. Each
worker first runs one page with a date through the cleaner, untimed: the first such page of a
process loads dateparser's locales (1.5 to 2.5 s of CPU, once), which is no input's cost.

    python benchmarks/fuzz.py [--inputs 1000000] [--seconds 1200] [--workers 2]
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import logging
import multiprocessing
import random
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from _results import save  # benchmarks/_results.py
from storyweave.clean import clean_document
from storyweave.errors import InputError
from storyweave.ingest import read_bytes
from storyweave.ingest.decode import Decoded, Undecodable, decode
from storyweave.ingest.sniff import FORMATS, sniff_format
from storyweave.records import Article, Document

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"
TARGETS = ("text", "html", "jsonl", "warc", "sniffed", "decode", "clean")
CHUNK = 500  # inputs per task sent to a worker
MAX_SEED = 12_000  # bytes of a seed kept: mutations matter more than length
TOKENS = (
    b"\x1b[2J",
    b"\x1b]0;x\x07",
    b"\x00",
    b"\r",
    b"\n",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\x1f\x8b",
    b"{",
    b"}",
    b'"',
    b"\\u0000",
    b"<",
    b"</p>",
    b"<script>",
    b"&#27;",
    b"WARC/1.0\r\n",
    b"Content-Length: 99999999\r\n",
    b"\r\n\r\n",
    b"\xc3",
    b"\xed\xa0\x80",
)


def _warc(pages: list[tuple[bytes, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n, (body, content_type) in enumerate(pages):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{n}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
            )
        )
    return out.getvalue()


def seeds() -> list[bytes]:
    """The inputs mutations start from."""
    found: list[bytes] = []
    for path in sorted(DEMO.iterdir()) if DEMO.is_dir() else []:
        data = path.read_bytes()
        found.append(gzip.decompress(data) if path.name.endswith(".gz") else data)
    story = (
        b"Port strike ends\n\nBy A. Writer\n\nDockworkers walked out on Tuesday, officials said."
    )
    found += [
        story,
        story.decode().encode("utf-16"),
        story.decode().encode("cp1252"),
        b"<html><head><meta charset=latin-1><title>T</title></head><body><p>"
        + story
        + b"</p></body></html>",
        json.dumps({"id": "x", "title": "T", "text": story.decode()}).encode() + b"\n",
        _warc(
            [(found[0] if found else story, "text/plain"), (b"<p>" + story + b"</p>", "text/html")]
        ),
    ]
    return [seed[:MAX_SEED] for seed in found]


def mutate(rng: random.Random, pool: list[bytes]) -> bytes:
    """A seed from ``pool`` with 0 to 10 random mutations."""
    data = bytearray(rng.choice(pool))
    for _ in range(rng.randrange(11)):
        where = rng.randrange(len(data) + 1)
        action = rng.randrange(7)
        if action == 0 and data:
            data[min(where, len(data) - 1)] ^= 1 << rng.randrange(8)
        elif action == 1:
            data[where:where] = rng.randbytes(rng.randrange(1, 24))
        elif action == 2:
            del data[where : where + rng.randrange(1, 200)]
        elif action == 3:
            data[where:where] = rng.choice(TOKENS) * rng.randrange(1, 4)
        elif action == 4:
            data[where:where] = data[where : where + rng.randrange(1, 400)]
        elif action == 5:
            other = rng.choice(pool)
            start = rng.randrange(len(other) + 1)
            data[where:] = other[start : start + rng.randrange(1, 2000)]
        else:
            del data[where:]
    if rng.random() < 0.1:
        data = bytearray(gzip.compress(bytes(data), mtime=0))
        if rng.random() < 0.5:
            del data[rng.randrange(len(data) + 1) :]
    return bytes(data)


def _read(data: bytes, fmt: str | None, max_bytes: int) -> list[Document]:
    documents = []
    for item in read_bytes(data, "fuzz.in", fmt=fmt, max_bytes=max_bytes):
        if isinstance(item, InputError):
            if not item.reason or "\n" in str(item):
                raise AssertionError(f"error message not one line: {str(item)[:80]!r}")
        elif not isinstance(item, Document) or not item.text.strip():
            raise AssertionError(f"bad item {type(item).__name__}")
        else:
            documents.append(item)
    return documents


def run_target(target: str, data: bytes, max_bytes: int) -> None:
    """Run one input through ``target``; raise on anything that is not an expected outcome."""
    if target == "decode":
        if not isinstance(decode(data), Decoded | Undecodable):
            raise AssertionError("decode gave neither Decoded nor Undecodable")
        if sniff_format(data[: 1 << 16], complete=len(data) < 1 << 16) not in FORMATS:
            raise AssertionError("sniff_format gave an unknown format")
        return
    if target == "clean":
        for document in _read(data, None, max_bytes)[:3]:
            try:
                article = clean_document(document)
            except InputError:
                continue
            if not isinstance(article, Article):
                raise AssertionError("clean_document gave no Article")
        return
    _read(data, None if target == "sniffed" else target, max_bytes)


@dataclass
class Tally:
    """What a worker found on its inputs."""

    tried: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    examples: dict[str, tuple[str, bytes, str]] = field(default_factory=dict)
    slowest: list[tuple[float, str, bytes]] = field(default_factory=list)


def work(task: tuple[int, int]) -> Tally:
    """Run ``count`` inputs generated from the random seed ``seed``."""
    seed, count = task
    logging.disable(logging.CRITICAL)  # trafilatura and warcio log every broken page
    rng = random.Random(seed)
    pool = POOL
    tally = Tally()
    for n in range(count):
        target = TARGETS[(seed * CHUNK + n) % len(TARGETS)]
        data = mutate(rng, pool)
        max_bytes = rng.choice((64, 4096, 1 << 20))
        started = time.process_time()
        try:
            run_target(target, data, max_bytes)
        except Exception as exc:  # a fuzzer counts whatever escapes
            first = (str(exc).splitlines() or [""])[0][:100]
            kind = f"{target}: {type(exc).__name__}: {first}"
            tally.failures[kind] += 1
            tally.examples.setdefault(kind, (target, data, traceback.format_exc()))
        elapsed = time.process_time() - started
        tally.tried[target] += 1
        tally.slowest.append((elapsed, target, data))
        if len(tally.slowest) > 40:
            tally.slowest = sorted(tally.slowest, reverse=True)[:5]
    tally.slowest = sorted(tally.slowest, reverse=True)[:5]
    return tally


POOL: list[bytes] = seeds()
WARM_UP = (
    b"<html><head><title>Ferry resumes</title></head><body><article><time>more of 12 World "
    b"2020 March</time><p>The Kestle ferry resumed service on Monday after repairs, the operator "
    b"said.</p></article></body></html>"
)


def warm_up() -> None:
    """Load what a process loads once, on its first page with a date (dateparser's locales)."""
    logging.disable(logging.CRITICAL)
    run_target("clean", WARM_UP, 1 << 20)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=1200.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("/tmp/storyweave-fuzz"))
    args = parser.parse_args()

    total = Tally()
    started = time.perf_counter()
    tasks = ((seed, CHUNK) for seed in range(-(-args.inputs // CHUNK)))
    with multiprocessing.get_context("fork").Pool(args.workers, initializer=warm_up) as pool:
        for tally in pool.imap_unordered(work, tasks):
            total.tried.update(tally.tried)
            total.failures.update(tally.failures)
            for kind, example in tally.examples.items():
                total.examples.setdefault(kind, example)
            total.slowest = sorted(total.slowest + tally.slowest, reverse=True)[:5]
            if time.perf_counter() - started > args.seconds:
                pool.terminate()
                break
    elapsed = time.perf_counter() - started
    tried = sum(total.tried.values())
    print(
        f"{len(POOL)} seeds; {tried:,} inputs tried in {elapsed:.0f} s ({tried / elapsed:,.0f}/s)"
    )
    for target in TARGETS:
        print(f"  {target:<8} {total.tried[target]:>10,}")
    print(f"failures: {sum(total.failures.values()):,} ({len(total.failures)} kinds)")
    args.out.mkdir(parents=True, exist_ok=True)
    for n, (kind, count) in enumerate(total.failures.most_common()):
        target, data, trace = total.examples[kind]
        (args.out / f"failure-{n}.{target}.bin").write_bytes(data)
        (args.out / f"failure-{n}.{target}.txt").write_text(trace, encoding="utf-8")
        print(f"  {count:>8,}  {kind}  (example: {args.out}/failure-{n}.{target}.bin)")
    print("slowest inputs (CPU seconds):")
    for n, (seconds, target, data) in enumerate(total.slowest):
        path = args.out / f"slow-{n}.{target}.bin"
        path.write_bytes(data)
        print(f"  {seconds:.2f} s  {target}, {len(data):,} bytes  ({path})")
    figures = {
        "seeds": len(POOL),
        "inputs": tried,
        "seconds": round(elapsed),
        "per_target": dict(total.tried),
        "failures": dict(total.failures),
        "slowest_cpu_s": [[round(s, 2), t, len(d)] for s, t, d in total.slowest],
    }
    save("fuzz", figures)
    return 1 if total.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
