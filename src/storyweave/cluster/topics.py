"""Topics: stories grouped into ongoing subjects (the same dam, war or trial across events).

A story is represented by the centroid of its articles' TF-IDF vectors (plain IDF: a topic is
carried by its shared vocabulary, not by the rare details that set one event apart), with no
time damping (a topic spans months), cut to its heaviest :data:`_SUBJECT_TERMS` terms: what
the story is about, without the long tail of words that any two stories share by chance.
Stories are grouped by average-link clustering of those short vectors, over the same sparse
blocking as the stories themselves. A topic's label is its
heaviest subject words: no dates, figures or verbs of saying (see :func:`_label`).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

import numpy as np

from storyweave.cluster.agglomerative import graph_average_link
from storyweave.cluster.blocking import (
    Edges,
    Index,
    inverted_index,
    row_blocks,
    row_products,
    summed,
    symmetric_edges,
    top_k_per_row,
    walked_postings,
)
from storyweave.cluster.feature_table import TermTable
from storyweave.cluster.features import WeightedSets, article_terms, tfidf
from storyweave.ids import content_id
from storyweave.lexicon import is_function_word
from storyweave.records import Article, Story, Topic
from storyweave.text import CALENDAR_WORDS

_Dated = TypeVar("_Dated", Story, Topic)

# Chosen on the first 40 articles of each subject of benchmarks/topics.py (Reuters-21578 subjects),
# with the next 40 and FNC-1 dev's stories held out. Whole centroids at 0.08: B-cubed F1 0.486,
# 0.575 held out, 0.679 on FNC-1; the heaviest 15 terms at 0.04: 0.580, 0.713, 0.729 (10 or 20
# terms and cuts of 0.03 to 0.05 are within 0.03 of it).
DEFAULT_TOPIC_THRESHOLD = 0.04
REBUILD_SHARE = 0.25  # new stories, as a share of all, from which all topics are grouped again
_BLOCK_POSTINGS = 500_000  # postings walked for the stories linked at once (see _top_links)
_SUBJECT_TERMS = 15
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
    idf_floor: float = 1.0,
    terms: Mapping[str, Counter[str]] | None = None,
    previous: Sequence[Topic] = (),
    rebuild_share: float = REBUILD_SHARE,
) -> list[Topic]:
    """Group ``stories`` (of ``articles``) into topics; deterministic, independent of order.

    Topics are ordered by their earliest story start (unknown last), then id. ``terms``: the
    :func:`~storyweave.cluster.features.article_terms` of some articles by id, already computed.

    ``previous``: the topics of an earlier call. Each stands with those of its stories that
    still exist unless a new story links to it (at or above ``threshold``): then the new stories
    and the topics they reach are grouped again over the new stories' links, each reached topic
    kept whole, so a call costs what its new stories bring. A topic that stands as it was is
    kept as it was (labels keep the weights of their time); one that lost stories is described
    anew. When the new stories are at least ``rebuild_share`` of all, or there are no previous
    topics, all are grouped afresh.
    """
    ordered = sorted({s.id: s for s in stories}.values(), key=lambda s: s.id)
    if not ordered:
        return []
    by_id = {a.id: a for a in articles}
    centroids = _centroids(ordered, by_id, idf_floor, terms or {})
    subjects = _heaviest_terms(centroids, _SUBJECT_TERMS)
    index = inverted_index(subjects, max_df=len(ordered))
    row = {s.id: n for n, s in enumerate(ordered)}
    standing = [(t, [row[s] for s in t.story_ids if s in row]) for t in previous]
    standing = [(t, rows) for t, rows in standing if rows]
    placed = {n: k for k, (_, rows) in enumerate(standing) for n in rows}
    fresh = [n for n in range(len(ordered)) if n not in placed]
    region: list[int] = list(range(len(ordered)))
    must: list[tuple[int, int]] = []
    kept: list[Topic] = []
    if standing and len(fresh) < rebuild_share * len(ordered):
        products = row_products(subjects, index, fresh)
        region, must, unreached = _reached(products, fresh, placed, standing, threshold)
        kept = [
            t
            if len(rows) == len(t.story_ids)
            else _topic([ordered[i] for i in rows], centroids, rows)
            for t, rows in unreached
        ]
        links = _links_of_fresh(products, region, len(ordered))
    else:
        links = _top_links(subjects, index, region)
    groups = _grouped(region, links, must, threshold)
    found = [_topic([ordered[i] for i in group], centroids, group) for group in groups]
    return in_time_order([*kept, *found])


Products = tuple[np.ndarray, np.ndarray, np.ndarray]
"""(row, other, value) of some rows' links, as ``row_products`` gives them."""


def _reached(
    products: Products,
    fresh: list[int],
    placed: dict[int, int],
    standing: Sequence[tuple[Topic, list[int]]],
    threshold: float,
) -> tuple[list[int], list[tuple[int, int]], list[tuple[Topic, list[int]]]]:
    """The rows to group again (``fresh`` and every row of a standing topic a fresh row links
    to), must-links that keep each reached topic whole, and the standing topics not reached
    (with their rows), from the fresh rows' links (``products``)."""
    _, others, values = products
    strong = values >= threshold
    reached = {placed[o] for o in others[strong].tolist() if o in placed}
    region = sorted({*fresh, *(n for k in reached for n in standing[k][1])})
    must = [pair for k in sorted(reached) for pair in itertools.pairwise(standing[k][1])]
    return region, must, [pair for k, pair in enumerate(standing) if k not in reached]


def _top_links(subjects: WeightedSets, index: Index, rows: list[int]) -> Edges:
    """Each of ``rows``' top-k links (as in batch: every row with every other), block by
    block of rows: the links of all rows at once were most of a first run's peak (730 MB
    on Reuters-21578, whose frequent subject words link most stories with each other), and
    a row's top k are the same whichever rows share its block."""
    walked = walked_postings(subjects, index, rows)
    kept = [
        top_k_per_row(*row_products(subjects, index, rows[start:stop]))
        for start, stop in row_blocks(walked, _BLOCK_POSTINGS)
    ]
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    return symmetric_edges(*(np.concatenate([k[x] for k in kept] or [empty[x]]) for x in range(3)))


def _links_of_fresh(products: Products, region: list[int], size: int) -> Edges:
    """Every link of a fresh row (``products``) within the ``region`` (rows of ``size``):
    only the fresh stories' places are decided again (the reached topics are kept whole by
    must-links), so the links among the reached topics' stories are not needed."""
    in_region = np.zeros(size, dtype=bool)
    in_region[region] = True
    rows, others, values = products
    inside = in_region[others]
    return symmetric_edges(rows[inside], others[inside], values[inside])


def _grouped(
    region: list[int], links: Edges, must: list[tuple[int, int]], threshold: float
) -> list[list[int]]:
    """Average-link groups (rows) of the ``region`` over ``links`` (rows, within
    the region); ``must`` pairs always share a group. The links stay arrays (a Python tuple
    each took 70 MiB more at Reuters-21578's 8,460 stories)."""
    size = max(region, default=-1) + 1
    local = np.zeros(size, dtype=np.int64)
    local[region] = np.arange(len(region))
    inner = [(int(local[a]), int(local[b])) for a, b in must]
    groups = graph_average_link(
        len(region), local[links.a], local[links.b], links.value, threshold, inner
    )
    return [[region[n] for n in group] for group in groups]


def _centroids(
    stories: Sequence[Story],
    by_id: dict[str, Article],
    idf_floor: float,
    terms: Mapping[str, Counter[str]],
) -> WeightedSets:
    """Per story, the L2-normalised mean of its articles' TF-IDF vectors (IDF over articles)."""
    members = [[a for a in s.article_ids if a in by_id] for s in stories]
    flat = sorted({a for m in members for a in m})
    row = {a: n for n, a in enumerate(flat)}
    if isinstance(terms, TermTable) and all(a in terms for a in flat):
        vectors = terms.tfidf(flat, idf_floor=idf_floor)  # from the table's arrays: equal
    else:
        bags = [terms[a] if a in terms else article_terms(by_id[a]) for a in flat]
        vectors = tfidf(bags, idf_floor=idf_floor)
    # Every story's member entries at once, keyed by (story, term): one sort for all stories.
    # Within a key the values keep their member order, so each sum adds in the same order as
    # a story on its own would.
    size = max(len(vectors.vocabulary), 1)
    rows = [row[a] for ids in members for a in ids]
    story_of = np.repeat(np.arange(len(members), dtype=np.int64), [len(m) for m in members])
    lengths = np.array([len(vectors.indices[r]) for r in rows], dtype=np.int64)
    empty_terms, empty_values = np.zeros(0, np.int64), np.zeros(0)
    entries = np.concatenate([vectors.indices[r] for r in rows] or [empty_terms])
    values = np.concatenate([vectors.weights[r] for r in rows] or [empty_values])
    keys = np.repeat(story_of, lengths) * size + entries
    unique, inverse = np.unique(keys, return_inverse=True)
    totals = summed(inverse, values, len(unique))
    bounds = np.searchsorted(unique // size, np.arange(len(members) + 1)).tolist()
    indices: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for start, stop in itertools.pairwise(bounds):
        total = totals[start:stop]
        norm = float(np.linalg.norm(total))
        indices.append(unique[start:stop] % size)
        weights.append(total / norm if norm > 0 else total)
    return WeightedSets(indices, weights, vectors.vocabulary)


def _heaviest_terms(vectors: WeightedSets, keep: int) -> WeightedSets:
    """Each vector cut to its ``keep`` heaviest terms (ties by term index) and L2-normalised."""
    indices: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for terms, values in zip(vectors.indices, vectors.weights, strict=True):
        top = np.lexsort((terms, -values))[:keep]
        kept = values[top]
        norm = float(np.linalg.norm(kept))
        order = np.argsort(terms[top], kind="stable")
        indices.append(terms[top][order])
        weights.append((kept / norm if norm > 0 else kept)[order])
    return WeightedSets(indices, weights, vectors.vocabulary)


def _label(ranked_terms: Iterable[str]) -> tuple[str, ...]:
    """The topic's first :data:`_LABEL_TERMS` subject words: no function word, date, figure,
    verb of saying or of moving up and down, or past form ("adjusted"), one form per word."""
    label: list[str] = []
    for term in ranked_terms:
        if (
            len(term) < 3
            or not term.isalpha()
            or term in _NOT_SUBJECT_WORDS
            or is_function_word(term)
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
    # Each term's weight summed over the group's centroids (in group order), heaviest first,
    # ties by term (the vocabulary is sorted, so by index); read only as far as the label needs.
    terms = np.concatenate([centroids.indices[i] for i in group] or [np.zeros(0, np.int64)])
    values = np.concatenate([centroids.weights[i] for i in group] or [np.zeros(0)])
    unique, inverse = np.unique(terms, return_inverse=True)
    totals = summed(inverse, values, len(unique))
    ranked = unique[np.lexsort((unique, -totals))].tolist()
    label = _label(centroids.vocabulary[t] for t in ranked)
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
