"""Dedup benchmark: recall, precision and whole-process speed of `storyweave dups`, side by side
with datasketch MinHash + MinHashLSH (128 permutations, word 5-grams, threshold 0.8).

Corpora: Reuters-21578 as it is, and corpora built from it in a temporary folder: at scale s,
each story appears 3·s times: the original, a copy with one word changed, a copy with a line of
boilerplate appended, and for each further replica a fresh word change, a fresh boilerplate line
and a copy with both (seeded, so every copy is known). The known groups are each story with its
copies, merged with the stories whose texts are already identical in Reuters.

Recall: known pairs (each copy with its original; each exact-duplicate original with the first
of its kind) that end in one reported group. Precision: reported pairs (each group member with
the group's first) that are known; a sample of the others is checked by word-level similarity.

The baseline uses datasketch the way its ``MinHash.generator`` does (permutations made once,
copied for each text): a ``MinHash`` built per text makes its permutations again each time,
about half of the baseline's time (datasketch 2.0.0, Reuters-21578: 24.0 s instead of 12.8 s),
which would flatter the comparison.

    python benchmarks/dedup.py [--scales 1,2,4] [--datasketch-scales 1,2]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from _results import save  # benchmarks/_results.py

REPO = Path(__file__).resolve().parents[1]
REUTERS = REPO / ".." / "shared" / "data" / "corpora" / "reuters21578.jsonl"
STORYWEAVE = Path(sys.executable).with_name("storyweave")
BOILERPLATE = (
    "Copyright 1987 the news agency. All rights reserved.",
    "Click here to subscribe to our free daily business newsletter.",
    "Follow us on social media for the latest market updates.",
    "This story was imported automatically from a wire service feed.",
    "Read more business and finance news on our website every day.",
    "Share this article with your friends and colleagues.",
    "Advertisement - scroll down to continue reading the article.",
    "Sign up for breaking news alerts sent straight to your inbox.",
)
SEED = 1987
_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\w+(?:[’'.-]\w+)*")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="1,2,4")
    parser.add_argument("--datasketch-scales", default="1,2")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each side per corpus; medians reported"
    )
    parser.add_argument("--datasketch-only", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}", file=sys.stderr)
    if args.datasketch_only:
        _datasketch(args.datasketch_only)
        return
    if not REUTERS.exists():
        sys.exit(f"missing {REUTERS}")
    stories = [json.loads(line) for line in REUTERS.open(encoding="utf-8")]
    stories = [s for s in stories if s.get("text", "").strip()]
    vocabulary = sorted({w.lower() for s in stories[:2000] for w in _WORD.findall(s["text"])})
    ds_scales = {int(x) for x in args.datasketch_scales.split(",") if x}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(_measure("reuters", stories, [], Path(tmp), True, args.repeat))
        for scale in (int(x) for x in args.scales.split(",")):
            copies = _copies(stories, scale, vocabulary)
            with_datasketch = scale in ds_scales
            rows.append(
                _measure(f"{scale}x", stories, copies, Path(tmp), with_datasketch, args.repeat)
            )
    _print_table(rows)
    save("dedup", rows)


# --- corpus ---------------------------------------------------------------------------------


def _copies(
    stories: list[dict[str, str]], scale: int, vocabulary: list[str]
) -> list[tuple[int, str]]:
    """(story index, text) of every copy at ``scale``: 3·scale − 1 copies per story."""
    rng = random.Random(SEED)
    copies: list[tuple[int, str]] = []
    for replica in range(scale):
        for n, story in enumerate(stories):
            text = story["text"]
            line = BOILERPLATE[(n + replica) % len(BOILERPLATE)]
            changed = _change_one_word(text, rng, vocabulary)
            copies.append((n, changed))
            copies.append((n, text.rstrip() + "\n" + line))
            if replica > 0:
                copies.append((n, _change_one_word(text, rng, vocabulary).rstrip() + "\n" + line))
    return copies


def _change_one_word(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    spans = [m.span() for m in _WORD.finditer(text)]
    if not spans:
        return text
    start, end = spans[rng.randrange(len(spans))]
    word = text[start:end].lower()
    new = word
    while new == word:
        new = vocabulary[rng.randrange(len(vocabulary))]
    return text[:start] + new + text[end:]


def _write_corpus(
    path: Path, stories: list[dict[str, str]], copies: list[tuple[int, str]]
) -> list[int]:
    """Write the corpus; return the story index of each record."""
    owner = []
    with path.open("w", encoding="utf-8") as out:
        for n, story in enumerate(stories):
            out.write(json.dumps({"id": f"s{n}", "text": story["text"]}) + "\n")
            owner.append(n)
        for m, (n, text) in enumerate(copies):
            out.write(json.dumps({"id": f"c{m}", "text": text}) + "\n")
            owner.append(n)
    return owner


# --- measuring ------------------------------------------------------------------------------


def _measure(
    name: str,
    stories: list[dict[str, str]],
    copies: list[tuple[int, str]],
    tmp: Path,
    run_datasketch: bool,
    repeat: int = 1,
) -> dict[str, object]:
    """Quality of one run, and the median wall time of ``repeat`` runs of each side."""
    corpus = tmp / f"{name}.jsonl"
    owner = _write_corpus(corpus, stories, copies)
    known = _known_groups(stories, owner, copies)
    os.sync()  # the corpus on disk before timing: its write-back costs neither side
    out = tmp / f"{name}.groups.json"
    ours_runs: list[float] = []
    theirs_runs: list[float] = []
    for _ in range(repeat):  # the two sides alternate, so that a change of load hits both
        started = time.perf_counter()
        command = [str(STORYWEAVE), "dups", str(corpus), "--json", str(out), "-q"]
        subprocess.run(command, check=True)
        ours_runs.append(time.perf_counter() - started)
        if run_datasketch:
            started = time.perf_counter()
            subprocess.run([sys.executable, __file__, "--datasketch-only", str(corpus)], check=True)
            theirs_runs.append(time.perf_counter() - started)
    ours = statistics.median(ours_runs)
    groups = json.loads(out.read_text(encoding="utf-8"))["groups"]
    found = [[_position(ref, len(stories)) for ref in g["refs"]] for g in groups]
    row: dict[str, object] = {
        "corpus": name,
        "docs": len(owner),
        "storyweave_s": ours,
        "load": round(os.getloadavg()[0], 2),
    }
    row.update(_quality(found, known, owner, stories, copies))
    row["storyweave_runs_s"] = [round(t, 2) for t in ours_runs]
    if theirs_runs:
        row["datasketch_s"] = statistics.median(theirs_runs)
        row["datasketch_runs_s"] = [round(t, 2) for t in theirs_runs]
    print(json.dumps(row), flush=True)
    return row


def _position(ref: str, originals: int) -> int:
    record = ref.rsplit("#", 1)[1]
    return int(record[1:]) + (originals if record[0] == "c" else 0)


def _known_groups(
    stories: list[dict[str, str]], owner: list[int], copies: list[tuple[int, str]]
) -> list[int]:
    """The known group of each record: its story, merged with every record of the same word
    sequence (texts that are identical word for word are duplicates whoever wrote them).

    A story without a single word (Reuters has some whose text is only asterisks) has no known
    copy: `storyweave dups` groups no text without words, and its "copies" are either as empty
    or only the appended boilerplate line.
    """
    texts = [s["text"] for s in stories] + [t for _, t in copies]
    bodies = [" ".join(w.lower() for w in _TOKEN.findall(t)) for t in texts]
    parent = list(range(len(texts)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(a: int, b: int) -> None:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)

    first_of_body: dict[str, int] = {}
    for i, body in enumerate(bodies):
        if body:
            union(first_of_body.setdefault(body, i), i)
        if bodies[owner[i]]:
            union(owner[i], i)
    return [find(i) for i in range(len(texts))]


def _quality(
    found: list[list[int]],
    known: list[int],
    owner: list[int],
    stories: list[dict[str, str]],
    copies: list[tuple[int, str]],
) -> dict[str, object]:
    group_of = {m: g for g, members in enumerate(found) for m in members}
    leader: dict[int, int] = {}
    for i, k in enumerate(known):
        leader.setdefault(k, i)
    known_pairs = [(leader[k], i) for i, k in enumerate(known) if leader[k] != i]
    missed = [
        (a, b) for a, b in known_pairs if a not in group_of or group_of.get(a) != group_of.get(b)
    ]
    hits = len(known_pairs) - len(missed)
    reported = [(g[0], m) for g in found for m in g[1:]]
    extra = [(a, b) for a, b in reported if known[a] != known[b]]
    rng = random.Random(SEED)
    sample = rng.sample(extra, min(50, len(extra)))
    texts = [s["text"] for s in stories] + [t for _, t in copies]
    similar = [_word_ratio(texts[a], texts[b]) for a, b in sample]
    for a, b in missed[:10]:  # say what was missed, to tell a benchmark quirk from a defect
        print(
            f"  missed: #{a} ({len(texts[a].split())} words) ~ #{b} "
            f"({len(texts[b].split())} words), word ratio {_word_ratio(texts[a], texts[b]):.3f}: "
            f"{texts[a][:60]!r} / {texts[b][:60]!r}",
            file=sys.stderr,
        )
    return {
        "known_pairs": len(known_pairs),
        "recall": hits / len(known_pairs) if known_pairs else 1.0,
        "reported_pairs": len(reported),
        "precision": 1 - len(extra) / len(reported) if reported else 1.0,
        "extra_pairs": len(extra),
        "extra_sampled": len(sample),
        "extra_real_nd": sum(r >= 0.7 for r in similar),
    }


def _word_ratio(a: str, b: str) -> float:
    words_a, words_b = a.lower().split(), b.lower().split()
    return difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).ratio()


def _datasketch(path: str) -> None:
    """The baseline, whole process: datasketch MinHash + MinHashLSH, word 5-grams, 0.8."""
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    signatures = {}
    # As datasketch's MinHash.generator does: permutations made once, copied for each text.
    empty = MinHash(num_perm=128)
    for key, grams in _gram_sets(path):
        minhash = empty.copy()
        minhash.update_batch(grams)
        lsh.insert(key, minhash)
        signatures[key] = minhash
    pairs = {tuple(sorted((key, other))) for key, m in signatures.items() for other in lsh.query(m)}
    print(f"datasketch: {len(signatures)} documents, {len(pairs)} candidate pairs", file=sys.stderr)


def _gram_sets(path: str) -> Iterator[tuple[str, list[bytes]]]:
    """(id, distinct word 5-grams) of each record with words, as the baseline hashes them."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            words = record["text"].lower().split()
            if words:
                grams = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
                yield record["id"], [g.encode() for g in grams]


def _print_table(rows: list[dict[str, object]]) -> None:
    print()
    print(
        "| corpus | docs | recall | precision | extra pairs (real near-dup in sample) "
        "| storyweave dups s | docs/s | datasketch s | speed-up | load avg |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        ds = r.get("datasketch_s")
        ours = float(r["storyweave_s"])  # type: ignore[arg-type]
        print(
            f"| {r['corpus']} | {r['docs']} | {float(r['recall']):.4f} | "  # type: ignore[arg-type]
            f"{float(r['precision']):.4f} | {r['extra_pairs']} "  # type: ignore[arg-type]
            f"({r['extra_real_nd']}/{r['extra_sampled']}) | {ours:.1f} | "
            f"{int(r['docs']) / ours:,.0f} | "  # type: ignore[call-overload]
            + (f"{float(ds):.1f} | {float(ds) / ours:.1f}x |" if ds else "– | – |")  # type: ignore[arg-type]
            + f" {r['load']} |"
        )
    base = [r for r in rows if str(r["corpus"]).endswith("x")]
    if len(base) >= 2:
        first, last = base[0], base[-1]
        growth = float(last["storyweave_s"]) / float(first["storyweave_s"])  # type: ignore[arg-type]
        size = int(last["docs"]) / int(first["docs"])  # type: ignore[call-overload]
        print(
            f"\ngrowth {first['corpus']} -> {last['corpus']}: {size:.1f}x documents, "
            f"{growth:.2f}x time"
        )


if __name__ == "__main__":
    main()
