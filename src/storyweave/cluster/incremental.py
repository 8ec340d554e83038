"""Incremental story clustering: place new articles without re-clustering the whole corpus.

Average-link clustering never joins two articles that are not connected by a chain of pairs at
or above the threshold (or must-links). So new articles can only change the stories they reach
through such chains. :func:`assign_incremental` finds that region — the new articles, the
existing stories they link to, and whatever those stories link to in turn — re-clusters it
exactly as a batch run would, and keeps every other story as it was.

The only difference from a batch run on everything comes from document frequencies: new
articles shift the IDF weights, and stories outside the region are not re-weighted (their
members stay, their link scores keep the weights of their time). Stories inside it are computed
with the IDF of all articles, as in batch. When a call adds many articles relative to those
already placed (see ``rebuild_ratio``), the shift can be large, so such a call re-clusters all.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyweave.cluster.agglomerative import graph_average_link
from storyweave.cluster.blocking import Edges, Index
from storyweave.cluster.embeddings import Embedder
from storyweave.cluster.features import ArticleFeatures
from storyweave.cluster.stories import (
    DEFAULT_BLOCKING,
    DEFAULT_THRESHOLD,
    DEFAULT_WEIGHTS,
    Blocking,
    Corpus,
    Weights,
    build_corpus,
    build_stories,
    corpus_indexes,
    group_join,
    must_links,
    similarity_graph,
    story_order,
)
from storyweave.records import Article, Relation, Story

REBUILD_RATIO = 0.25
REGION_LIMIT = 0.5  # share of the corpus beyond which re-clustering all is cheaper ...
REGION_MIN = 1000  # ... once the region holds at least this many articles
REGION_PER_NEW = 20  # a run's bound on the region: this many articles per new one ...
BOUNDED_REGION_MIN = 5000  # ... and at least this many


def region_bound(new: int) -> int:
    """The ``region_limit`` that keeps a run's re-clustering in proportion to the ``new``
    articles it adds (see :func:`assign_incremental`)."""
    return max(REGION_PER_NEW * new, BOUNDED_REGION_MIN)


def assign_incremental(
    existing: Sequence[Story],
    existing_articles: Sequence[Article],
    new_articles: Sequence[Article],
    relations: Sequence[Relation],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Weights = DEFAULT_WEIGHTS,
    blocking: Blocking = DEFAULT_BLOCKING,
    rebuild_ratio: float = REBUILD_RATIO,
    exact: bool = True,
    region_limit: int | None = None,
    embedder: Embedder | None = None,
    features: Mapping[str, ArticleFeatures] | None = None,
) -> list[Story]:
    """The stories after adding ``new_articles`` to ``existing`` (stories of ``existing_articles``).

    New articles join existing stories or open new ones; existing stories they touch may be
    re-formed (as a batch run would). Stories not reached are returned unchanged. ``relations``
    are those among all the articles (old ones may be included). Articles of
    ``existing_articles`` in no existing story are treated as new. The result does not depend
    on the order of any input. Ordered like :func:`cluster_stories`.

    When the new articles number at least ``rebuild_ratio`` times the placed ones, the IDF
    weights shift enough to matter, so everything is re-clustered (as :func:`cluster_stories`);
    rebuilding only on such growth keeps the total cost linear over a sequence of calls.

    ``exact=True`` re-clusters everything the new articles reach through chains of links, which
    is what makes the result equal a batch run; in a corpus where one subject chains thousands of
    articles, that region is large (past half the corpus, all is re-clustered). ``exact=False``
    only looks one link away: the stories a new article links to are kept whole and may merge
    with new articles and with each other — much cheaper, at the price of differences from
    batch (measured in benchmarks/clustering.py). ``region_limit`` bounds the exact way: when the
    chained region holds more articles than that, the call goes one link away instead (as
    ``exact=False``) rather than re-clustering everything, so that the cost of a call follows
    what it adds, not the corpus.

    ``embedder`` embeds article texts when ``weights`` blend in semantic similarity (see
    :func:`storyweave.cluster.stories.build_corpus`), e.g. one that caches vectors; ``features``
    the articles' features already computed, as there.
    """
    articles = [*existing_articles, *new_articles]
    corpus = build_corpus(articles, weights, embedder=embedder, features=features)
    pos = corpus.position
    story_of: dict[int, int] = {}
    for s, story in enumerate(existing):
        for article_id in story.article_ids:
            if article_id in pos:
                story_of[pos[article_id]] = s
    fresh = sorted(set(range(len(corpus.articles))) - set(story_of))
    if not fresh:
        return story_order(corpus, list(existing))
    must = must_links(corpus, relations)
    indexes = corpus_indexes(corpus, blocking)
    params = _Params(threshold, weights, blocking, indexes)
    if len(fresh) >= rebuild_ratio * len(story_of):
        everything = list(range(len(corpus.articles)))
        clusters, edges = _recluster(corpus, everything, must, params)
        return build_stories(corpus, clusters, edges, relations, threshold=params.threshold)
    hops = None if exact else 1
    limit = max(int(REGION_LIMIT * len(corpus.articles)), REGION_MIN) if exact else len(pos)
    if region_limit is not None:
        limit = min(limit, region_limit)
    near, region = _affected_region(corpus, fresh, story_of, existing, must, params, hops, limit)
    if region is None and region_limit is not None:  # bounded: one link away instead
        exact, region = False, near
    if region is None:  # most of the corpus is reached: a rebuild is cheaper than the search
        everything = list(range(len(corpus.articles)))
        clusters, edges = _recluster(corpus, everything, must, params)
        return build_stories(corpus, clusters, edges, relations, threshold=params.threshold)
    touched = sorted({story_of[i] for i in region if i in story_of})
    if not exact:  # reached stories stay whole: chain their members as must-links
        chains = (itertools.pairwise(_members(existing[s], pos)) for s in touched)
        must = [*must, *itertools.chain.from_iterable(chains)]
    clusters, edges = _recluster(corpus, region, must, params)
    reached = set(touched)
    kept = [story for s, story in enumerate(existing) if s not in reached]
    rebuilt = build_stories(corpus, clusters, edges, relations, threshold=params.threshold)
    return story_order(corpus, kept + rebuilt)


@dataclass(frozen=True)
class _Params:
    threshold: float
    weights: Weights
    blocking: Blocking
    indexes: Sequence[Index]


def _affected_region(
    corpus: Corpus,
    fresh: list[int],
    story_of: dict[int, int],
    existing: Sequence[Story],
    must: list[tuple[int, int]],
    params: _Params,
    hops: int | None,
    limit: int,
) -> tuple[list[int], list[int] | None]:
    """Positions reachable from ``fresh`` by links at or above the threshold or must-links,
    closed under story membership (reaching one member of a story brings in all of it), within
    one step, and within ``hops`` steps (None: no limit). The second is None when the region
    grows beyond ``limit`` articles, or when the next step's frontier alone is larger than the
    room left."""
    pos = corpus.position
    partners: dict[int, list[int]] = {}
    for a, b in must:
        partners.setdefault(a, []).append(b)
        partners.setdefault(b, []).append(a)
    region = set(fresh)
    frontier = list(fresh)
    near: list[int] | None = None
    step = 0
    while frontier and (hops is None or step < hops):
        step += 1
        edges = similarity_graph(
            corpus, frontier, params.weights, params.blocking, indexes=params.indexes
        )
        strong = edges.value >= params.threshold
        reached = set(edges.a[strong].tolist()) | set(edges.b[strong].tolist())
        reached.update(p for i in frontier for p in partners.get(i, ()))
        frontier = []
        for i in sorted(reached - region):
            members = [i] if i not in story_of else _members(existing[story_of[i]], pos)
            new = [m for m in members if m not in region]
            region.update(new)
            frontier.extend(new)
        if near is None:
            near = sorted(region)
        more = frontier and (hops is None or step < hops)
        # A frontier larger than the room left would all but surely take the region past the
        # limit: searching its links would be spent for nothing.
        if len(region) > limit or (more and len(frontier) > limit - len(region)):
            return near, None
    return near if near is not None else sorted(region), sorted(region)


def _members(story: Story, pos: dict[str, int]) -> list[int]:
    return [pos[a] for a in story.article_ids if a in pos]


def _recluster(
    corpus: Corpus,
    region: list[int],
    must: list[tuple[int, int]],
    params: _Params,
) -> tuple[list[list[int]], Edges]:
    """Average-link clusters of the ``region`` (global positions), and its similarity graph."""
    among = np.zeros(len(corpus.articles), dtype=bool)
    among[region] = True
    edges = similarity_graph(
        corpus, region, params.weights, params.blocking, among=among, indexes=params.indexes
    )
    local = np.zeros(len(corpus.articles), dtype=np.int64)
    local[region] = np.arange(len(region))
    inner = [(int(local[a]), int(local[b])) for a, b in must if among[a] and among[b]]
    join = group_join(params.threshold)
    clusters = graph_average_link(
        len(region), local[edges.a], local[edges.b], edges.value, params.threshold, inner, join
    )
    return [[region[n] for n in c] for c in clusters], edges


def changed_articles(before: Iterable[Story], after: Iterable[Story]) -> set[str]:
    """Ids of the articles whose story (as a member set) differs between two clusterings."""
    old = {a: frozenset(s.article_ids) for s in before for a in s.article_ids}
    new = {a: frozenset(s.article_ids) for s in after for a in s.article_ids}
    return {a for a in old.keys() | new.keys() if old.get(a) != new.get(a)}
