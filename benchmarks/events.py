"""Events kept apart: FNC-1 dev's stories with the BBC News articles mixed in, each its own event.

FNC-1 dev (``../shared/data/stories/fnc1-dev.jsonl``) gives 64 gold stories, each the coverage of
one claim by many outlets. The 2,225 BBC News articles (``../shared/data/corpora/bbc-news.jsonl``,
undated, one outlet) are mostly one event each: the same company's announcements, one party's
campaign items and one club's matches are different stories that share a topic. Each BBC
article is counted here as an event of its own (exact duplicates as one), which is slightly
unfair to the clustering: judged by hand, about 1 in 9 of its multi-article BBC stories really
is one event (a preview and the result of one match).

Prints, per threshold, B-cubed of all articles, of the FNC-1 articles alone (do their stories
hold together?) and the B-cubed precision of the BBC articles (are different events kept
apart?), with the number of stories that hold more than one BBC article. Relations are not
computed (no must-links), so the FNC-1 figures sit slightly below ``benchmarks/clustering.py``.

Then the same thresholds on FNC-1's training split (``../shared/data/stance/fnc1-train.jsonl``,
1,683 bodies), a set no clustering setting was chosen on: its gold stories join the bodies
that one claim is related to (any stance but unrelated), claim by claim, giving 191 stories of
which many share a subject (several Apple Watch rumours, several death hoaxes, several ISIS
claims). Prints B-cubed and the number of found stories that hold more than one gold story;
``--mixed`` lists those, each gold story by its first related claim, for judging by hand. The
gold follows the claims, so a story the clustering keeps whole may be split here (a shooting
and, as a second claim, the gunman's name).

    python benchmarks/events.py [--mixed] [THRESHOLD ...]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from _results import save  # benchmarks/_results.py
from clustering import assignment, bcubed, load  # type: ignore[import-not-found]
from storyweave.cluster import DEFAULT_THRESHOLD, cluster_stories
from storyweave.graph import DisjointSet
from storyweave.ids import content_id
from storyweave.records import Article, Meta

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DEV = DATA / "stories" / "fnc1-dev.jsonl"
BBC = DATA / "corpora" / "bbc-news.jsonl"
TRAIN = DATA / "stance" / "fnc1-train.jsonl"


def bbc_articles(gold: dict[str, str]) -> list[Article]:
    """The BBC articles, each its own gold event (exact duplicates share one)."""
    first_of: dict[str, str] = {}
    articles: list[Article] = []
    with BBC.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            article_id = content_id("bbc", record["id"])
            gold[article_id] = "bbc:" + first_of.setdefault(record["text"], record["id"])
            title = Meta(record["title"], "JSONL field title")
            articles.append(Article(article_id, record["id"], record["id"], record["text"], title))
    return articles


def training_stories() -> tuple[list[Article], dict[str, str], dict[str, str]]:
    """FNC-1 training bodies, their gold story (bodies joined through the claims they are
    related to) and each gold story's first related claim, for display."""
    records = [json.loads(line) for line in TRAIN.open(encoding="utf-8")]
    joined: DisjointSet[str] = DisjointSet()
    for record in records:
        joined.add("body " + record["id"])
        for headline in record["headlines"]:
            if headline["stance"] != "unrelated":
                joined.add("claim " + headline["headline"])
                joined.union("body " + record["id"], "claim " + headline["headline"])
    articles: list[Article] = []
    gold: dict[str, str] = {}
    claim_of: dict[str, str] = {}
    for record in records:
        article_id = content_id("fnc1-train", record["id"])
        articles.append(Article(article_id, record["id"], record["id"], record["text"]))
        gold[article_id] = joined.find("body " + record["id"])
        related = [h["headline"] for h in record["headlines"] if h["stance"] != "unrelated"]
        if related:
            claim_of.setdefault(gold[article_id], related[0])
    return articles, gold, claim_of


def training_rows(thresholds: list[float], show_mixed: bool) -> list[dict[str, object]]:
    """B-cubed of the stories found in FNC-1's training bodies, per threshold."""
    articles, gold, claim_of = training_stories()
    print(f"\nFNC-1 training: {len(articles)} articles in {len(set(gold.values()))} gold stories")
    print("threshold  B3 P    R     F1   stories  holding 2+ gold stories  secs")
    rows: list[dict[str, object]] = []
    for threshold in thresholds:
        start = time.perf_counter()
        stories = cluster_stories(articles, [], threshold=threshold)
        predicted = assignment(stories, [a.id for a in articles])
        precision, recall, f1 = bcubed(predicted, gold)
        mixed = [s for s in stories if len({gold[m] for m in s.article_ids}) > 1]
        secs = time.perf_counter() - start
        mark = "  <- DEFAULT" if threshold == DEFAULT_THRESHOLD else ""
        print(
            f"{threshold:9.3f}  {precision:5.3f} {recall:5.3f} {f1:5.3f}  {len(stories):7d}  "
            f"{len(mixed):23d}  {secs:4.1f}{mark}"
        )
        if show_mixed and threshold == thresholds[0]:
            for story in sorted(mixed, key=lambda s: -len(s.article_ids)):
                counts = Counter(gold[m] for m in story.article_ids)
                print(f"  {len(story.article_ids)} articles:")
                for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                    print(f"    {n:3d}  {claim_of.get(key, key)}")
        rows.append(
            {
                "threshold": threshold,
                "train_b3": [round(precision, 4), round(recall, 4), round(f1, 4)],
                "train_stories": len(stories),
                "train_mixed_stories": len(mixed),
            }
        )
    return rows


def main(argv: list[str]) -> int:
    if not DEV.is_file() or not BBC.is_file() or not TRAIN.is_file():
        print(f"needs {DEV}, {BBC} and {TRAIN}", file=sys.stderr)
        return 1
    show_mixed = "--mixed" in argv
    argv = [x for x in argv if x != "--mixed"]
    thresholds = [float(x) for x in argv] or [DEFAULT_THRESHOLD, 0.15, 0.20]
    fnc, gold = load(DEV)
    fnc_ids = set(gold)
    articles = fnc + bbc_articles(gold)
    print(
        f"{len(fnc)} FNC-1 articles in {len(set(gold[i] for i in fnc_ids))} stories, "
        f"{len(articles) - len(fnc)} BBC articles"
    )
    print("threshold  all B3 F1  FNC-1 B3 P    R     F1   BBC B3 P  multi-BBC stories  secs")
    rows = []
    for threshold in thresholds:
        start = time.perf_counter()
        stories = cluster_stories(articles, [], threshold=threshold)
        predicted = assignment(stories, [a.id for a in articles])
        everything = bcubed(predicted, gold)
        fnc_only = bcubed({k: v for k, v in predicted.items() if k in fnc_ids}, gold)
        bbc_only = bcubed({k: v for k, v in predicted.items() if k not in fnc_ids}, gold)
        mixed = sum(1 for s in stories if sum(m not in fnc_ids for m in s.article_ids) > 1)
        mark = "  <- DEFAULT" if threshold == DEFAULT_THRESHOLD else ""
        secs = time.perf_counter() - start
        print(
            f"{threshold:9.3f}  {everything[2]:9.3f}  {fnc_only[0]:10.3f} {fnc_only[1]:5.3f} "
            f"{fnc_only[2]:6.3f}  {bbc_only[0]:8.3f}  {mixed:17d}  {secs:4.1f}{mark}"
        )
        rows.append(
            {
                "threshold": threshold,
                "all_b3_f1": round(everything[2], 4),
                "fnc1_b3": [round(x, 4) for x in fnc_only],
                "bbc_b3_precision": round(bbc_only[0], 4),
                "multi_bbc_stories": mixed,
                "seconds": round(secs, 1),
            }
        )
    for row, train_row in zip(rows, training_rows(thresholds, show_mixed), strict=True):
        row.update(train_row)
    save("events", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
