"""Claim extraction speed: articles per second with and without the NER model.

Cleans the first N bodies of ``../shared/data/corpora/bbc-news.jsonl`` (default 200), then times
:func:`storyweave.facts.extract_claims` over them, once with ``ner=False`` (rules only) and once
with ``ner=True`` (after loading the model, whose load time is reported apart). One process.

Usage: ``python benchmarks/claims_speed.py [N]``
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from _results import save  # benchmarks/_results.py
from storyweave.facts import extract_claims
from storyweave.facts.ner import entities, model_available
from storyweave.records import Article

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "corpora" / "bbc-news.jsonl"


def load(limit: int) -> list[Article]:
    """The first ``limit`` BBC bodies as articles."""
    found = []
    with DATA.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            aid = str(record["id"])
            found.append(Article(id=aid, ref=aid, source=aid, text=record["text"]))
            if len(found) >= limit:
                break
    return found


def rate(articles: list[Article], ner: bool) -> float:
    """Articles per second of claim extraction."""
    started = time.perf_counter()
    for article in articles:
        extract_claims(article, ner=ner)
    return len(articles) / (time.perf_counter() - started)


def main() -> int:
    """Print the two rates."""
    limit = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if not DATA.is_file():
        print(f"{DATA} not present")
        return 0
    articles = load(limit)
    chars = sum(len(a.text) for a in articles) / len(articles)
    print(f"{len(articles)} articles, {chars:.0f} characters on average")
    figures: dict[str, float] = {"articles": len(articles), "mean_chars": round(chars)}
    figures["rules_per_s"] = round(rate(articles, ner=False), 1)
    print(f"rules only: {figures['rules_per_s']:.1f} articles/s")
    if model_available():
        started = time.perf_counter()
        entities("warm up")
        figures["ner_load_s"] = round(time.perf_counter() - started, 2)
        print(f"NER model load: {figures['ner_load_s']:.2f} s")
        figures["ner_per_s"] = round(rate(articles, ner=True), 1)
        print(f"with NER:   {figures['ner_per_s']:.1f} articles/s")
    else:
        print("NER model not installed")
    save("claims_speed", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
