"""Story clustering quality on FNC-1 dev (476 bodies, 64 gold stories).

Prints B-cubed precision/recall/F1, pairwise precision/recall/F1 and the adjusted Rand index of
``storyweave.cluster.cluster_stories`` at its default settings, then a sweep over thresholds
(the default marked). Relations (duplicates, reuse) are computed by the local engine and used as
must-links, as in a real run. Run: ``.venv/bin/python benchmarks/clustering.py``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyweave.cluster import DEFAULT_THRESHOLD, cluster_stories
from storyweave.engines.local import relate
from storyweave.ids import content_id
from storyweave.records import Article
from storyweave.reuse.minhash import fingerprint

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "stories" / "fnc1-dev.jsonl"
SWEEP = (0.08, 0.10, 0.11, 0.12, 0.13, 0.14, 0.16, 0.17, 0.18, 0.20, 0.22, 0.25, 0.30)


def load(path: Path) -> tuple[list[Article], dict[str, str]]:
    """Articles (body only) and their gold story, keyed by article id."""
    articles: list[Article] = []
    gold: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            article_id = content_id("fnc1", record["id"])
            articles.append(Article(article_id, record["id"], record["id"], record["text"]))
            gold[article_id] = record["story"]
    return articles, gold


def bcubed(predicted: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 averaged over items."""
    pred_groups: dict[int, set[str]] = {}
    gold_groups: dict[str, set[str]] = {}
    for item, cluster in predicted.items():
        pred_groups.setdefault(cluster, set()).add(item)
        gold_groups.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in predicted:
        mine = pred_groups[predicted[item]]
        truth = gold_groups[gold[item]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    precision /= len(predicted)
    recall /= len(predicted)
    return precision, recall, _f1(precision, recall)


def _pairs(sizes: Sequence[int]) -> int:
    return sum(s * (s - 1) // 2 for s in sizes)


def pair_counts(predicted: dict[str, int], gold: dict[str, str]) -> tuple[int, int, int, int]:
    """(pairs together in both, together in predicted, together in gold, all pairs)."""
    items = sorted(predicted)
    joint = Counter((predicted[i], gold[i]) for i in items)
    return (
        _pairs(list(joint.values())),
        _pairs(list(Counter(predicted[i] for i in items).values())),
        _pairs(list(Counter(gold[i] for i in items).values())),
        _pairs([len(items)]),
    )


def pairwise(predicted: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 over all pairs of items."""
    both, in_pred, in_gold, _ = pair_counts(predicted, gold)
    precision = both / in_pred if in_pred else 1.0
    recall = both / in_gold if in_gold else 1.0
    return precision, recall, _f1(precision, recall)


def adjusted_rand(predicted: dict[str, int], gold: dict[str, str]) -> float:
    """Adjusted Rand index (Hubert & Arabie)."""
    both, in_pred, in_gold, total = pair_counts(predicted, gold)
    expected = in_pred * in_gold / total if total else 0.0
    maximum = (in_pred + in_gold) / 2
    return (both - expected) / (maximum - expected) if maximum != expected else 1.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def assignment(stories: Sequence[object], ids: Sequence[str]) -> dict[str, int]:
    """Map each article id to the index of its story."""
    found = {aid: n for n, story in enumerate(stories) for aid in story.article_ids}  # type: ignore[attr-defined]
    assert set(found) == set(ids), "every article must be in exactly one story"
    return found


def main() -> int:
    if not DATA.exists():
        print(f"data not found: {DATA}", file=sys.stderr)
        return 1
    articles, gold = load(DATA)
    ids = [a.id for a in articles]
    started = time.perf_counter()
    relations = relate(articles, [fingerprint(a) for a in articles])
    related = time.perf_counter() - started
    kinds = Counter(r.kind for r in relations)
    print(f"{len(articles)} articles, {len(set(gold.values()))} gold stories")
    print(f"relations: {dict(sorted(kinds.items()))} in {related:.1f}s")
    print(
        f"{'threshold':>9}  {'stories':>7}  {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}  "
        f"{'pair P':>6} {'pair R':>6} {'pair F1':>7}  {'ARI':>6}  {'secs':>5}"
    )
    thresholds = sorted(set(SWEEP) | {DEFAULT_THRESHOLD})
    for threshold in thresholds:
        started = time.perf_counter()
        stories = cluster_stories(articles, relations, threshold=threshold)
        seconds = time.perf_counter() - started
        predicted = assignment(stories, ids)
        bp, br, bf = bcubed(predicted, gold)
        pp, pr, pf = pairwise(predicted, gold)
        ari = adjusted_rand(predicted, gold)
        mark = "  <- DEFAULT" if threshold == DEFAULT_THRESHOLD else ""
        print(
            f"{threshold:>9.2f}  {len(stories):>7}  {bp:6.3f} {br:6.3f} {bf:6.3f}  "
            f"{pp:6.3f} {pr:6.3f} {pf:7.3f}  {ari:6.3f}  {seconds:5.1f}{mark}"
        )
    return 0


if __name__ == "__main__":
    np.seterr(all="raise")
    sys.exit(main())
