"""The label audit: precision of the accusing labels (``spun``, ``scraped``), of the weak sign
``unusual-wording`` and of the provenance labels (``original``, ``syndicated``), judged by hand
on real pages and articles nobody here wrote.

Datasets, each through the whole of ``storyweave run`` (:func:`storyweave.weave`, rules for
names) in a store of its own:

- ``aeb``: the 181 article pages of ``../shared/data/extraction/scrapinghub-aeb/html``;
- ``readability``: the 130 pages of ``../shared/data/extraction/mozilla-readability/pages``;
- ``bbc``: the 2,225 BBC News articles (``../shared/data/corpora/bbc-news.jsonl``);
- ``reuters``: the first :data:`REUTERS_LINES` Reuters-21578 wire stories;
- ``fnc1``: the 476 FNC-1 dev bodies (``../shared/data/stories/fnc1-dev.jsonl``).

- ``python benchmarks/labels_audit.py --sheet FILE`` writes every labelled article to judge:
  the dataset, the article's id and ref, the label, its evidence and the article's text. The
  sheet holds third-party text (with the start of each article the evidence names): keep it
  out of the repository.
- The judgements are committed as data in ``benchmarks/audit/label_judgements.jsonl``: one
  line per label, ``{"key", "dataset", "ref", "label", "digest", "verdict", "reason"}``, where
  ``verdict`` is ``right`` (a reader checking the evidence would agree) or ``wrong``, ``key``
  is a content hash of the dataset, the article and the label, and ``digest`` one of the
  label's evidence: a judgement counts only while the evidence is the same.
- ``python benchmarks/labels_audit.py --sheet FILE --judged VERDICTS.jsonl`` adds a judge's
  verdicts (``{"key", "verdict", "reason"}`` a line) on that sheet's labels.
- ``python benchmarks/labels_audit.py`` recomputes the labels and prints, per label, how many
  were found, judged and right.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from _results import save  # benchmarks/_results.py
from storyweave.ids import content_id
from storyweave.records import Article

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
AEB = DATA / "extraction" / "scrapinghub-aeb" / "html"
READABILITY = DATA / "extraction" / "mozilla-readability" / "pages"
BBC = DATA / "corpora" / "bbc-news.jsonl"
REUTERS = DATA / "corpora" / "reuters21578.jsonl"
FNC1 = DATA / "stories" / "fnc1-dev.jsonl"
REUTERS_LINES = 4000
AUDITED = ("spun", "scraped", "unusual-wording", "original", "syndicated")
OTHER_CHARS = 3000  # of each article a label's evidence names, shown to the judge
_IDS = re.compile(r"\b[0-9a-f]{16}\b")
DATASETS = frozenset({"aeb", "readability", "bbc", "reuters", "fnc1"})
JUDGEMENTS = Path(__file__).resolve().parent / "audit" / "label_judgements.jsonl"


def _lines(corpus: Path, stop: int | None, folder: Path) -> Path:
    path = folder / corpus.name
    with corpus.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        out.writelines(itertools.islice(lines, 0, stop))
    return path


def labelled_articles(
    only: frozenset[str] = DATASETS,
) -> Iterator[tuple[str, Article, dict[str, Article]]]:
    """(dataset, article, the dataset's articles by id) for every article of the datasets
    ``only`` that carries an audited label."""
    from storyweave import open_store, weave

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        inputs = {
            "aeb": AEB,
            "readability": READABILITY,
            "bbc": BBC,
            "reuters": (
                _lines(REUTERS, REUTERS_LINES, folder)
                if REUTERS.is_file() and "reuters" in only
                else None
            ),
            "fnc1": FNC1,
        }
        for dataset, path in inputs.items():
            if dataset not in only:
                continue
            if path is None or not path.exists():
                print(f"{dataset}: {path} not found, skipped", file=sys.stderr)
                continue
            with open_store(":memory:") as store:
                result = weave([str(path)], store, ner=False, on_error=lambda e: None)
            print(f"{dataset}: {len(result.articles)} articles", file=sys.stderr)
            by_id = {a.id: a for a in result.articles}
            for article in sorted(result.articles, key=lambda a: a.ref):
                if any(lb.label in AUDITED for lb in article.labels):
                    yield dataset, article, by_id


def label_key(dataset: str, article: Article, label: str) -> str:
    return content_id("label audit", dataset, article.id, label)


def evidence_digest(evidence: tuple[str, ...]) -> str:
    return content_id("label evidence", *evidence)


def sheet_rows(only: frozenset[str] = DATASETS) -> Iterator[dict[str, Any]]:
    for dataset, article, by_id in labelled_articles(only):
        for label in article.labels:
            if label.label not in AUDITED:
                continue
            named = sorted({i for e in label.evidence for i in _IDS.findall(e) if i in by_id})
            yield {
                "key": label_key(dataset, article, label.label),
                "dataset": dataset,
                "id": article.id,
                "ref": _short_ref(article.ref),
                "label": label.label,
                "digest": evidence_digest(label.evidence),
                "evidence": list(label.evidence),
                "removed": [[r.reason, r.text] for r in article.removed],
                "text": article.text,
                "others": {i: by_id[i].text[:OTHER_CHARS] for i in named if i != article.id},
            }


def _short_ref(ref: str) -> str:
    """The ref without its folder (a temporary one for the Reuters slice): file name and record."""
    path, _, record = ref.partition("#")
    return Path(path).name + (f"#{record}" if record else "")


def read_judgements() -> dict[str, dict[str, Any]]:
    if not JUDGEMENTS.is_file():
        return {}
    lines = JUDGEMENTS.read_text(encoding="utf-8").splitlines()
    return {j["key"]: j for j in map(json.loads, lines) if j}


def write_sheet(path: Path, only: frozenset[str] = DATASETS) -> None:
    rows = list(sheet_rows(only))
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print_precision(rows)


def add_judgements(sheet: Path, judged: Path) -> None:
    rows = {r["key"]: r for r in map(json.loads, sheet.read_text(encoding="utf-8").splitlines())}
    judgements = read_judgements()
    for line in judged.read_text(encoding="utf-8").splitlines():
        verdict = json.loads(line)
        row = rows[verdict["key"]]
        if verdict["verdict"] not in ("right", "wrong"):
            raise SystemExit(f"{judged}: verdict must be right or wrong: {line}")
        judgements[row["key"]] = {
            "key": row["key"],
            "dataset": row["dataset"],
            "ref": row["ref"],
            "label": row["label"],
            "digest": row["digest"],
            "verdict": verdict["verdict"],
            "reason": verdict["reason"],
        }
    JUDGEMENTS.parent.mkdir(parents=True, exist_ok=True)
    ordered = sorted(judgements.values(), key=lambda j: (j["label"], j["dataset"], j["key"]))
    text = "".join(json.dumps(j, ensure_ascii=False) + "\n" for j in ordered)
    temporary = JUDGEMENTS.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(JUDGEMENTS)


def print_precision(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Print, and return, per label: found, judged, right."""
    judgements = read_judgements()
    found: Counter[str] = Counter()
    judged: Counter[str] = Counter()
    right: Counter[str] = Counter()
    per_dataset: Counter[tuple[str, str]] = Counter()
    for row in rows:
        label = row["label"]
        found[label] += 1
        per_dataset[label, row["dataset"]] += 1
        judgement = judgements.get(row["key"])
        if judgement is None or judgement["digest"] != row["digest"]:
            continue
        judged[label] += 1
        right[label] += judgement["verdict"] == "right"
    print(f"{'label':<16} {'found':>6} {'judged':>7} {'right':>6} {'precision':>9}  per dataset")
    for label in AUDITED:
        share = f"{right[label] / judged[label]:.3f}" if judged[label] else "–"
        where = ", ".join(f"{d} {n}" for (lb, d), n in sorted(per_dataset.items()) if lb == label)
        print(
            f"{label:<16} {found[label]:>6} {judged[label]:>7} {right[label]:>6} {share:>9}"
            f"  {where}"
        )
    return {
        label: {"found": found[label], "judged": judged[label], "right": right[label]}
        for label in AUDITED
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheet", type=Path, help="write (or, with --judged, read) this sheet")
    parser.add_argument("--judged", type=Path, help="add these verdicts on the sheet's labels")
    parser.add_argument(
        "--datasets",
        default=",".join(sorted(DATASETS)),
        help="comma-separated datasets to run (default: all of %(default)s)",
    )
    args = parser.parse_args()
    only = frozenset(args.datasets.split(","))
    if not only <= DATASETS:
        parser.error(f"--datasets: unknown {', '.join(sorted(only - DATASETS))}")
    if args.judged is not None:
        if args.sheet is None:
            parser.error("--judged needs the --sheet it judges")
        add_judgements(args.sheet, args.judged)
        rows = list(map(json.loads, args.sheet.read_text(encoding="utf-8").splitlines()))
        save("labels_audit", print_precision(rows))
    elif args.sheet is not None:
        write_sheet(args.sheet, only)
    else:
        save("labels_audit", print_precision(list(sheet_rows(only))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
