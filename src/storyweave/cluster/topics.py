"""Topics: stories grouped into ongoing subjects (the same dam, war or trial across events).

A story is represented by the centroid of its articles' TF-IDF vectors (plain IDF: a topic is
carried by its shared vocabulary, not by the rare details that set one event apart), with no
time damping (a topic spans months). Stories are grouped by average-link clustering of those
centroids, over the same sparse blocking as the stories themselves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from storyweave.cluster.agglomerative import sparse_average_link
from storyweave.cluster.blocking import inverted_index, row_products, summed, top_k_edges
from storyweave.cluster.features import WeightedSets, article_features, tfidf
from storyweave.ids import content_id
from storyweave.records import Article, Story, Topic

DEFAULT_TOPIC_THRESHOLD = 0.2
_LABEL_TERMS = 6


def topics(
    stories: Sequence[Story],
    articles: Sequence[Article],
    *,
    threshold: float = DEFAULT_TOPIC_THRESHOLD,
    idf_floor: float = 0.4,
) -> list[Topic]:
    """Group ``stories`` (of ``articles``) into topics; deterministic, independent of order.

    Topics are ordered by their earliest story start (unknown last), then id.
    """
    ordered = sorted({s.id: s for s in stories}.values(), key=lambda s: s.id)
    if not ordered:
        return []
    by_id = {a.id: a for a in articles}
    centroids = _centroids(ordered, by_id, idf_floor)
    index = inverted_index(centroids, max_df=len(ordered))
    rows, others, values = row_products(centroids, index, range(len(ordered)))
    edges = top_k_edges(rows, others, values)
    triples = list(zip(edges.a.tolist(), edges.b.tolist(), edges.value.tolist(), strict=True))
    groups = sparse_average_link(len(ordered), triples, threshold)
    found = [_topic([ordered[i] for i in group], centroids, group) for group in groups]
    return sorted(found, key=lambda t: (t.start is None, t.start or "", t.id))


def _centroids(
    stories: Sequence[Story], by_id: dict[str, Article], idf_floor: float
) -> WeightedSets:
    """Per story, the L2-normalised mean of its articles' TF-IDF vectors (IDF over articles)."""
    members = [[a for a in s.article_ids if a in by_id] for s in stories]
    flat = sorted({a for m in members for a in m})
    row = {a: n for n, a in enumerate(flat)}
    vectors = tfidf([article_features(by_id[a]).terms for a in flat], idf_floor=idf_floor)
    indices: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for ids in members:
        terms = np.concatenate([vectors.indices[row[a]] for a in ids] or [np.zeros(0, np.int64)])
        values = np.concatenate([vectors.weights[row[a]] for a in ids] or [np.zeros(0)])
        unique, inverse = np.unique(terms, return_inverse=True)
        total = summed(inverse, values, len(unique))
        norm = float(np.linalg.norm(total))
        indices.append(unique)
        weights.append(total / norm if norm > 0 else total)
    return WeightedSets(indices, weights, vectors.vocabulary)


def _topic(stories: list[Story], centroids: WeightedSets, group: list[int]) -> Topic:
    stories = sorted(stories, key=lambda s: (s.start is None, s.start or "", s.id))
    weight_of: dict[str, float] = {}
    for i in group:
        for t, w in zip(centroids.indices[i].tolist(), centroids.weights[i].tolist(), strict=True):
            term = centroids.vocabulary[t]
            weight_of[term] = weight_of.get(term, 0.0) + w
    ranked = sorted(weight_of.items(), key=lambda x: (-x[1], x[0]))
    label = tuple(t for t, _ in ranked[:_LABEL_TERMS])
    in_stories: Counter[str] = Counter()
    for story in stories:
        in_stories.update(dict.fromkeys(story.entities, 1))
    entities = tuple(n for n, _ in sorted(in_stories.items(), key=lambda x: (-x[1], x[0]))[:8])
    starts = [s.start for s in stories if s.start]
    ends = [s.end for s in stories if s.end]
    return Topic(
        id=content_id(*sorted(s.id for s in stories)),
        story_ids=tuple(s.id for s in stories),
        label=label,
        entities=entities,
        start=min(starts) if starts else None,
        end=max(ends) if ends else None,
    )
