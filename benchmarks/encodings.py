"""Legacy encodings detected right on real text: real articles written out in an 8-bit code
page, with no charset declared, read back by :func:`storyweave.ingest.decode.decode`.

Texts: the BBC News articles and FNC-1 dev bodies that hold non-ASCII characters, and the
Mozilla Readability pages (many languages). For each code page, every text it can encode (and
that is not plain ASCII then) is written in it and decoded; a text is right when it comes back
exactly. ``python benchmarks/encodings.py [CODEC ...]`` prints, per code page, right / tried
and the encodings the wrong ones were taken for.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from _results import save  # benchmarks/_results.py
from storyweave.ingest.decode import Decoded, decode, normalise_text

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
CORPORA = (DATA / "corpora" / "bbc-news.jsonl", DATA / "stories" / "fnc1-dev.jsonl")
PAGES = DATA / "extraction" / "mozilla-readability" / "pages"
CODECS = ("cp1252", "latin-1", "iso8859-15", "cp1250", "cp1251", "cp1253", "cp1254", "koi8-r")


def texts() -> list[str]:
    found = []
    for corpus in CORPORA:
        if corpus.is_file():
            with corpus.open(encoding="utf-8") as lines:
                found += [json.loads(line)["text"] for line in lines]
    for page in sorted(PAGES.glob("*.gz")):
        with gzip.open(page) as data:
            found.append(data.read().decode("utf-8"))
    found = [t for t in found if not t.isascii()]
    return [normalise_text(t) for t in found]


def main() -> int:
    codecs = sys.argv[1:] or CODECS
    corpus = texts()
    print(f"{len(corpus)} texts with non-ASCII characters")
    figures: dict[str, object] = {"texts": len(corpus)}
    for codec in codecs:
        right, tried, taken_for = 0, 0, Counter[str]()
        for text in corpus:
            try:
                data = text.encode(codec)
            except UnicodeEncodeError:
                continue
            tried += 1
            result = decode(data)
            if isinstance(result, Decoded) and result.text == text:
                right += 1
            else:
                taken_for[getattr(result, "encoding", "undecodable")] += 1
        wrong = ", ".join(f"{name} {n}" for name, n in taken_for.most_common(4)) or "-"
        print(f"{codec:<11} right {right:>5} / {tried:<5} wrong ones read as: {wrong}")
        figures[codec] = {"right": right, "tried": tried, "read_as": dict(taken_for)}
    save("encodings", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
