"""Extraction quality: storyweave's clean stage against trafilatura alone, same pages, same run.

Usage: python benchmarks/extraction.py [--limit N] [--data DIR]

Datasets (read from ../shared/data/extraction relative to the repository root):

- scrapinghub-aeb: 181 pages with a gold ``articleBody``.
- mozilla-readability: 130 pages with Readability's reviewed text, title, byline, site name and
  publication date.

Text quality is token-level precision / recall / F1 (whitespace tokens, multiset overlap),
computed per page and averaged over pages. Metadata accuracy counts a value as right when its
normalised words equal the expected value's, or one is a contiguous run of the other (so
"By Jane Doe" matches "Jane Doe"); dates compare their calendar day. Only pages with an expected
value count.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from storyweave.clean import clean_document
from storyweave.clean.dates import normalize_iso
from storyweave.errors import InputError
from storyweave.ids import content_id
from storyweave.records import Article, Document
from storyweave.text import normalize, words

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / ".." / "shared" / "data" / "extraction"


@dataclass(frozen=True)
class Page:
    """One benchmark page: its markup and the expected values."""

    key: str
    html: str
    text: str
    title: str | None = None
    byline: str | None = None
    site_name: str | None = None
    published: str | None = None


@dataclass
class Scores:
    """Per-page text scores and metadata hits of one system on one dataset."""

    prf: list[tuple[float, float, float]] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def mean(self, index: int) -> float:
        return sum(s[index] for s in self.prf) / len(self.prf) if self.prf else 0.0


def token_prf(gold: str, predicted: str) -> tuple[float, float, float]:
    """Token-level precision, recall, F1 of ``predicted`` against ``gold`` (multiset overlap)."""
    gold_tokens, predicted_tokens = Counter(gold.split()), Counter(predicted.split())
    overlap = sum((gold_tokens & predicted_tokens).values())
    n_gold, n_predicted = sum(gold_tokens.values()), sum(predicted_tokens.values())
    if n_gold == 0 and n_predicted == 0:
        return 1.0, 1.0, 1.0
    precision = overlap / n_predicted if n_predicted else 0.0
    recall = overlap / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def same_value(expected: str, found: str | None) -> bool:
    """Normalised match: equal word sequences, or one a contiguous run of the other."""
    if found is None:
        return False
    a, b = words(normalize(expected)), words(normalize(found))
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1))


def same_day(expected: str, found: str | None) -> bool:
    """Dates match when they name the same calendar day."""
    day = normalize_iso(expected)
    return found is not None and day is not None and day[:10] == found[:10]


def scrapinghub_pages(root: Path) -> Iterator[Page]:
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for sha in sorted(truth):
        markup = gzip.decompress((root / "html" / f"{sha}.html.gz").read_bytes())
        yield Page(sha, markup.decode("utf-8", "replace"), truth[sha].get("articleBody") or "")


def readability_pages(root: Path) -> Iterator[Page]:
    with (root / "cases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            case = json.loads(line)
            markup = gzip.decompress((root / case["html"]).read_bytes())
            yield Page(
                case["id"],
                markup.decode("utf-8", "replace"),
                case.get("expected_text") or "",
                title=case.get("title"),
                byline=case.get("byline"),
                site_name=case.get("site_name"),
                published=case.get("published"),
            )


def run_storyweave(page: Page) -> Article | None:
    doc = Document(
        id=content_id("html", page.html),
        ref=page.key,
        source=page.key,
        format="html",
        text=page.html,
        encoding="utf-8",
    )
    try:
        return clean_document(doc)
    except InputError:
        return None


def run_trafilatura(page: Page) -> str:
    return trafilatura.extract(page.html) or ""


def score_storyweave(page: Page, scores: Scores) -> float:
    started = time.perf_counter()
    article = run_storyweave(page)
    scores.seconds += time.perf_counter() - started
    prf = token_prf(page.text, article.text if article else "")
    scores.prf.append(prf)
    checks: list[tuple[str, str | None, Callable[[str, str | None], bool], str | None]] = [
        ("title", page.title, same_value, _value(article, "title")),
        ("byline", page.byline, same_value, _value(article, "byline")),
        ("site_name", page.site_name, same_value, _value(article, "outlet")),
        ("published", page.published, same_day, _value(article, "published")),
    ]
    _count_hits(scores, checks)
    return prf[2]


def score_trafilatura(page: Page, scores: Scores) -> float:
    started = time.perf_counter()
    text = run_trafilatura(page)
    meta = None
    if page.title or page.byline or page.site_name or page.published:
        meta = trafilatura.extract_metadata(page.html)
    scores.seconds += time.perf_counter() - started
    prf = token_prf(page.text, text)
    scores.prf.append(prf)
    checks: list[tuple[str, str | None, Callable[[str, str | None], bool], str | None]] = [
        ("title", page.title, same_value, getattr(meta, "title", None)),
        ("byline", page.byline, same_value, getattr(meta, "author", None)),
        ("site_name", page.site_name, same_value, getattr(meta, "sitename", None)),
        ("published", page.published, same_day, getattr(meta, "date", None)),
    ]
    _count_hits(scores, checks)
    return prf[2]


def _value(article: Article | None, key: str) -> str | None:
    meta = getattr(article, key) if article is not None else None
    return meta.value if meta is not None else None


def _count_hits(
    scores: Scores,
    checks: list[tuple[str, str | None, Callable[[str, str | None], bool], str | None]],
) -> None:
    for name, expected, matches, found in checks:
        if expected:
            scores.hits[f"{name}_n"] += 1
            scores.hits[name] += int(matches(expected, found))


def evaluate(name: str, pages: Iterator[Page], limit: int | None) -> dict[str, object]:
    mine, theirs = Scores(), Scores()
    wins = losses = 0
    worst: list[tuple[float, str]] = []
    for count, page in enumerate(pages):
        if limit is not None and count >= limit:
            break
        ours = score_storyweave(page, mine)
        base = score_trafilatura(page, theirs)
        wins += ours > base + 1e-9
        losses += ours < base - 1e-9
        worst.append((ours - base, page.key))
    worst.sort()
    return {
        "dataset": name,
        "pages": len(mine.prf),
        "storyweave": mine,
        "trafilatura": theirs,
        "wins": wins,
        "losses": losses,
        "worst": worst[:5],
        "best": worst[-5:][::-1],
    }


def print_table(result: dict[str, object]) -> None:
    print(f"\n{result['dataset']} ({result['pages']} pages)")
    header = f"{'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'sec':>6}"
    mine = result["storyweave"]
    assert isinstance(mine, Scores)
    meta_names = [n for n in ("title", "byline", "site_name", "published") if mine.hits[f"{n}_n"]]
    header += "".join(f" {n:>14}" for n in meta_names)
    print(header)
    for system in ("storyweave", "trafilatura"):
        scores = result[system]
        assert isinstance(scores, Scores)
        row = f"{system:<12} {scores.mean(0):6.4f} {scores.mean(1):6.4f} {scores.mean(2):6.4f}"
        row += f" {scores.seconds:6.1f}"
        for n in meta_names:
            hit, total = scores.hits[n], scores.hits[f"{n}_n"]
            row += f" {f'{hit}/{total} {hit / total:.2f}':>14}"
        print(row)
    print(f"storyweave beats trafilatura on {result['wins']} pages, loses on {result['losses']}")
    print(f"largest losses (ΔF1, page): {_pairs(result['worst'])}")
    print(f"largest gains  (ΔF1, page): {_pairs(result['best'])}")


def _pairs(items: object) -> str:
    assert isinstance(items, list)
    return ", ".join(f"{delta:+.3f} {key[:12]}" for delta, key in items)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset")
    parser.add_argument("--data", type=Path, default=DATA, help="extraction data folder")
    args = parser.parse_args(argv)
    root: Path = args.data
    if not root.is_dir():
        print(f"no data at {root}", file=sys.stderr)
        return 2
    datasets = (
        ("scrapinghub-aeb", scrapinghub_pages(root / "scrapinghub-aeb")),
        ("mozilla-readability", readability_pages(root / "mozilla-readability")),
    )
    figures: dict[str, object] = {}
    for name, pages in datasets:
        result = evaluate(name, pages, args.limit)
        print_table(result)
        figures[name] = _figures(result)
    # Imported here: the quality gates (tests/test_quality_gates.py) load this file as a module
    # without benchmarks/ on the import path.
    from _results import save

    save("extraction", figures)
    return 0


def _figures(result: dict[str, object]) -> dict[str, object]:
    """The printed table as data: mean P, R, F1, seconds and metadata hits per system."""
    figures: dict[str, object] = {k: result[k] for k in ("pages", "wins", "losses")}
    for system in ("storyweave", "trafilatura"):
        scores = result[system]
        assert isinstance(scores, Scores)
        figures[system] = {
            "P": round(scores.mean(0), 4),
            "R": round(scores.mean(1), 4),
            "F1": round(scores.mean(2), 4),
            "seconds": round(scores.seconds, 1),
            "metadata": dict(scores.hits),
        }
    return figures


if __name__ == "__main__":
    raise SystemExit(main())
