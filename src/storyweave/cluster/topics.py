"""Topics: stories grouped into ongoing subjects (the same dam, war or trial across events).

A story is represented by the centroid of its articles' TF-IDF vectors (plain IDF: a topic is
carried by its shared vocabulary, not by the rare details that set one event apart), with no
time damping (a topic spans months). Stories are grouped by average-link clustering of those
centroids, over the same sparse blocking as the stories themselves. A topic's label is its
heaviest subject words: no dates, figures or verbs of saying (see :func:`_label`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TypeVar

import numpy as np

from storyweave.cluster.agglomerative import sparse_average_link
from storyweave.cluster.blocking import inverted_index, row_products, summed, top_k_edges
from storyweave.cluster.features import WeightedSets, article_features, tfidf
from storyweave.ids import content_id
from storyweave.records import Article, Story, Topic
from storyweave.reuse.stopwords import is_stopword
from storyweave.text import CALENDAR_WORDS

_Dated = TypeVar("_Dated", Story, Topic)

# Chosen on the first 40 articles of each subject of benchmarks/topics.py (Reuters-21578 subjects):
# B-cubed F1 0.396 at 0.2, where 212 of 242 topics held one story, 0.480 at 0.08.
DEFAULT_TOPIC_THRESHOLD = 0.08
_LABEL_TERMS = 6
_FAMILY = 6  # label words sharing this many first letters are one word ("certificate(s)")
# Words that say what happened or when, not what about: no topic label is made of them.
_NOT_SUBJECT_WORDS = CALENDAR_WORDS | frozenset(
    "said says say told added rose fell rise fall up down year years week weeks month months "
    "today yesterday pct per cent percent mln billion dlrs".split()
)


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
    return in_time_order(found)


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


def _label(ranked_terms: list[str]) -> tuple[str, ...]:
    """The topic's first :data:`_LABEL_TERMS` subject words: no function word, date, figure,
    verb of saying or of moving up and down, or past form ("adjusted"), one form per word."""
    label: list[str] = []
    for term in ranked_terms:
        if (
            len(term) < 3
            or not term.isalpha()
            or term in _NOT_SUBJECT_WORDS
            or is_stopword(term)
            or term.endswith("ed")
            or any(_one_word(term, other) for other in label)
        ):
            continue
        label.append(term)
        if len(label) == _LABEL_TERMS:
            break
    return tuple(label)


def in_time_order(items: Iterable[_Dated]) -> list[_Dated]:
    """Topics or stories by their start (unknown last), then id: the order topics are given in."""
    return sorted(items, key=lambda t: (t.start is None, t.start or "", t.id))


def _one_word(a: str, b: str) -> bool:
    """Two forms of one word: the same first :data:`_FAMILY` letters, or one the other with an
    ending ("quota" / "quotas")."""
    short, long = sorted((a, b), key=len)
    return a[:_FAMILY] == b[:_FAMILY] or (long.startswith(short) and len(long) - len(short) <= 3)


def _topic(stories: list[Story], centroids: WeightedSets, group: list[int]) -> Topic:
    stories = in_time_order(stories)
    weight_of: dict[str, float] = {}
    for i in group:
        for t, w in zip(centroids.indices[i].tolist(), centroids.weights[i].tolist(), strict=True):
            term = centroids.vocabulary[t]
            weight_of[term] = weight_of.get(term, 0.0) + w
    ranked = sorted(weight_of.items(), key=lambda x: (-x[1], x[0]))
    label = _label([t for t, _ in ranked])
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
