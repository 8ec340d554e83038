"""Topic-level evaluation: do stories about one subject end up in one topic?

Gold: Reuters-21578 wire stories that carry exactly one topic among specific subjects
(commodities and industries such as coffee, gold, ship; the broad genres ``earn``, ``acq`` and
the macro-economic series are left out), at most ``--per-topic`` of each, in file order, after
the first ``--skip`` (the settings were chosen on the first 40 of each: report another slice). The
articles are clustered into stories and the stories into topics as ``storyweave run`` does
(:func:`storyweave.cluster.cluster_stories`, then :func:`storyweave.cluster.topics`); each
article's predicted group is its topic. Scores: B-cubed precision, recall and F1 of the
articles' topics against the gold subjects, with the numbers of stories and topics (and of
topics that hold a single story). For reference, the same B-cubed of a plain TF-IDF
average-link clustering of the articles at its best cut (the best a bag of words reaches when
told the answer), and of the stories alone (each story its own topic). Then the same topic
B-cubed on FNC-1 dev against its gold stories (each a rumour covered by many outlets: a topic
may join two of them, so this measures how far topics keep apart subjects that differ).

    python benchmarks/topics.py [--per-topic N] [--skip N] [--no-baseline]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import numpy as np

from _results import save  # benchmarks/_results.py
from clustering import DATA as FNC1_DEV  # benchmarks/clustering.py
from clustering import bcubed, load
from storyweave.cluster import cluster_stories
from storyweave.cluster.agglomerative import average_link
from storyweave.cluster.features import article_features, tfidf
from storyweave.cluster.topics import topics
from storyweave.records import Article, Meta

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
REUTERS = DATA / "corpora" / "reuters21578.jsonl"
SUBJECTS = frozenset(
    "crude ship sugar coffee gold cocoa copper grain alum iron-steel nat-gas rubber veg-oil tin "
    "cotton orange livestock zinc lumber gas pet-chem strategic-metal heat silver wheat corn "
    "oilseed carcass soybean".split()
)


def gold_articles(per_topic: int, skip: int = 0) -> tuple[list[Article], dict[str, str]]:
    """Articles of one specific subject each (deduplicated by text), and their subjects: the
    ``per_topic`` after the first ``skip`` of each subject."""
    taken: Counter[str] = Counter()
    seen: set[str] = set()
    articles: list[Article] = []
    subject: dict[str, str] = {}
    with REUTERS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            found = record.get("topics") or []
            text = record["text"].strip()
            if len(found) != 1 or found[0] not in SUBJECTS or text in seen or len(text) < 200:
                continue
            seen.add(text)
            taken[found[0]] += 1
            if not skip < taken[found[0]] <= skip + per_topic:
                continue
            article = Article(record["id"], record["id"], "reuters", text)
            published = _published(record.get("date", ""))
            if published:
                article = replace(article, published=Meta(published, "dataset date"))
            title = record.get("title")
            if title:
                article = replace(article, title=Meta(title, "dataset title"))
            articles.append(article)
            subject[article.id] = found[0]
    return articles, subject


def _published(value: str) -> str | None:
    try:
        return datetime.strptime(value.strip()[:20], "%d-%b-%Y %H:%M:%S").date().isoformat()
    except ValueError:
        return None


def tfidf_best_cut(articles: Sequence[Article], gold: Mapping[str, str]) -> tuple[float, float]:
    """The best B-cubed F1 of average-link over plain TF-IDF cosine, and its cut."""
    vectors = tfidf([article_features(a).terms for a in articles], idf_floor=0.0)
    size = len(vectors.vocabulary)
    dense = np.zeros((len(articles), size))
    for row, (terms, weights) in enumerate(zip(vectors.indices, vectors.weights, strict=True)):
        dense[row, terms] = weights
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    dense = dense / np.where(norms > 0, norms, 1)
    sims = dense @ dense.T
    best = (0.0, 0.0)
    for cut in np.arange(0.02, 0.5, 0.02):
        clusters = average_link(sims, float(cut), [])
        predicted = {articles[i].id: str(c) for c, members in enumerate(clusters) for i in members}
        f1 = bcubed(predicted, gold)[2]
        best = max(best, (f1, float(cut)))
    return best


def evaluate(articles: Sequence[Article], gold: Mapping[str, str]) -> dict[str, object]:
    """Cluster ``articles`` into stories and topics as ``run`` does; print and return the
    B-cubed of the topics and of the stories alone against ``gold``."""
    started = time.perf_counter()
    stories = cluster_stories(articles, [])
    found = topics(stories, articles)
    seconds = time.perf_counter() - started
    story_of = {a: s.id for s in stories for a in s.article_ids}
    topic_of_story = {s: t.id for t in found for s in t.story_ids}
    predicted = {a: topic_of_story[story_of[a]] for a in gold}
    single = sum(len(t.story_ids) == 1 for t in found)
    p, r, f1 = bcubed(predicted, gold)
    print(f"stories {len(stories)}, topics {len(found)} ({single} of one story); {seconds:.1f} s")
    print("| grouping | B-cubed P | R | F1 |")
    print("|---|---|---|---|")
    print(f"| topics | {p:.3f} | {r:.3f} | {f1:.3f} |")
    sp, sr, sf = bcubed(story_of, gold)
    print(f"| stories alone | {sp:.3f} | {sr:.3f} | {sf:.3f} |")
    labels = [", ".join(t.label) for t in found if len(t.story_ids) > 1][:8]
    print("labels of the first topics with more than one story:")
    for label in labels:
        print(f"  {label}")
    return {
        "articles": len(articles),
        "gold_groups": len(set(gold.values())),
        "stories": len(stories),
        "topics": len(found),
        "single_story_topics": single,
        "seconds": round(seconds, 1),
        "topics_b3": [round(p, 4), round(r, 4), round(f1, 4)],
        "stories_b3": [round(sp, 4), round(sr, 4), round(sf, 4)],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--per-topic", type=int, default=40, help="articles per gold subject")
    parser.add_argument("--skip", type=int, default=0, help="leave out the first N per subject")
    parser.add_argument("--no-baseline", action="store_true", help="skip the TF-IDF best cut")
    args = parser.parse_args()
    if not REUTERS.is_file():
        print(f"{REUTERS} not found", file=sys.stderr)
        return 1
    articles, gold = gold_articles(args.per_topic, args.skip)
    print(f"{len(articles)} Reuters-21578 articles in {len(set(gold.values()))} gold subjects")
    figures = evaluate(articles, gold)
    if not args.no_baseline:
        best, cut = tfidf_best_cut(articles, gold)
        print(f"plain TF-IDF average-link, best cut {cut:.2f}: B-cubed F1 {best:.3f}")
        figures["tfidf_best_cut"] = {"cut": round(cut, 3), "f1": round(best, 4)}
    results: dict[str, object] = {"reuters": figures}
    if FNC1_DEV.is_file():
        fnc_articles, fnc_gold = load(FNC1_DEV)
        groups = len(set(fnc_gold.values()))
        print(f"\nFNC-1 dev: {len(fnc_articles)} articles in {groups} gold stories")
        results["fnc1_dev"] = evaluate(fnc_articles, fnc_gold)
    save("topics", results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
