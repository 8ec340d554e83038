"""Per-document work grows linearly with the article's length (no quadratic scans).

Work is counted, not timed: the Python calls (and generator steps) that extracting claims
makes, which a machine's speed or load does not change. A text four times as long must take
about four times the calls; a scan of every name or quote per quote takes sixteen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import Any

from storyweave.facts import extract_claims
from storyweave.facts.quotes import extract_quotes, quote_spans
from storyweave.ids import content_id
from storyweave.pipeline import process_document
from storyweave.records import Article, Claim, Document, Meta

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
GROWTH_LIMIT = 6.0  # calls(4n) / calls(n): linear is about 4, quadratic about 16


def _demo_text(size: int) -> str:
    """Real-ish prose of about ``size`` characters: the demo's plain-text articles, repeated."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt"))]
    body = "\n\n".join(texts)
    return (body * (size // len(body) + 1))[:size]


def _article(size: int) -> Article:
    text = _demo_text(size)
    return Article(id="a", ref="a", source="a", text=text, published=Meta("2026-03-04", "t"))


def _calls(work: Callable[[], Any]) -> int:
    """The Python calls ``work()`` makes (each step of a generator counts as one)."""
    count = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def test_extracting_claims_is_linear_in_the_article_length() -> None:
    short, long = _article(12_000), _article(48_000)
    growth = _calls(lambda: extract_claims(long, ner=False)) / _calls(
        lambda: extract_claims(short, ner=False)
    )
    assert growth < GROWTH_LIMIT


def _document(size: int) -> Document:
    text = _demo_text(size)
    return Document(content_id("text", text), "long.txt", "long.txt", "text", text, "utf-8")


def test_all_per_document_work_is_linear_in_the_article_length() -> None:
    """Cleaning, fingerprinting and extracting together."""
    short, long = _document(12_000), _document(48_000)
    growth = _calls(lambda: process_document(long, ner=False, budget=None)) / _calls(
        lambda: process_document(short, ner=False, budget=None)
    )
    assert growth < GROWTH_LIMIT


class _CountingList(list[Claim]):
    """A list that counts the items read from it by iteration."""

    reads = 0

    def __iter__(self) -> Iterator[Claim]:
        for item in super().__iter__():
            _CountingList.reads += 1
            yield item


def test_quotes_read_each_name_a_bounded_number_of_times() -> None:
    article = _article(48_000)
    spans = quote_spans(article.text)
    names = [c for c in extract_claims(article, ner=False) if c.kind == "name"]
    assert len(spans) > 50 and len(names) > 500
    _CountingList.reads = 0
    quotes = extract_quotes(article, _CountingList(names), spans)
    assert quotes
    assert _CountingList.reads <= 4 * len(names)
