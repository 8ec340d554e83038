"""Story clustering: which articles report the same event.

Articles are compared by the cosine of their TF-IDF vectors over title and body (sublinear tf,
function words dropped, IDF raised to a power above 1 so that rare, event-specific words weigh
most; optionally blended with IDF-weighted overlap of name words and of numbers, see Weights),
damped when their dates are far apart (the publication date, else the latest full date the text
mentions), and halved for two titled articles of which one uses few of the other's title
words (see :mod:`.headlines`). Average-link agglomerative clustering then merges while the
average similarity between two clusters stays at or above a threshold, two groups of
:data:`GROUP_SIZE` articles or more only at :data:`GROUP_JOIN_RATIO` times it (two established
bodies of coverage that are only loosely alike are more often two events of one subject); a
member whose best link to another member is weak (below :data:`MIN_BEST_LINK_RATIO` times the
threshold), a topic neighbour averaged in rather than a report of the event, is then set apart.
Duplicates, near-duplicates and substantial text reuse are must-links.

Different events on one topic share the topic's vocabulary and names but differ in the specific
ones (who said what, where, which figures); IDF weighting makes those specific terms count, and
average linkage keeps one loosely related article from chaining two events together.

Only pairs that share an indexed term are compared (see :mod:`storyweave.cluster.blocking`), and
each article keeps its most similar neighbours, so the cost grows near-linearly with the corpus.
``blocking=None`` compares all pairs in a dense matrix instead (the reference, for small sets).

Optionally (``Weights.semantic`` above 0, e.g. ``SEMANTIC_WEIGHTS``), each compared pair's
similarity is blended with the cosine of sentence embeddings (:mod:`.embeddings`); without the
embedding model installed, the rule and statistics similarity above is used unchanged.

One job: story clustering, from the corpus to the story records; kept whole because the
records (:func:`build_stories`) are built from this module's corpus, edges and thresholds while
:func:`cluster_stories` calls them: apart, the two modules would import each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC

import numpy as np

from storyweave.cluster import embeddings
from storyweave.cluster.agglomerative import GroupJoin, average_link, graph_average_link
from storyweave.cluster.blocking import (
    DEFAULT_MAX_DF,
    DEFAULT_TOP_K,
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
from storyweave.cluster.embeddings import Embedder
from storyweave.cluster.feature_table import FeatureRows, FeatureTable, Field
from storyweave.cluster.features import (
    ArticleFeatures,
    WeightedSets,
    article_features,
    cosine_matrix,
)
from storyweave.cluster.headlines import Headlines
from storyweave.ids import content_id
from storyweave.records import Article, Relation, RelationKind, Story, StoryLink
from storyweave.reuse import published_at
from storyweave.text import sentences

# On FNC-1 dev: B-cubed F1 0.966 at 0.08 and 0.965 at 0.10, but with unrelated articles added
# (1k-5k from other corpora) 0.08 drops to 0.936/0.912 and 0.10 keeps 0.955/0.943; 0.10 also
# keeps the seeds' different-event article apart with more margin (it joins below 0.075).
DEFAULT_THRESHOLD = 0.10
# A member of a story must be like some other member by this multiple of the threshold. At the
# default threshold (a best link of 0.12) FNC-1 dev B-cubed F1 stays 0.965 (0.964 at 1.3, 0.954
# at 1.5); with the BBC News articles added, each counted as an event of its own, their B-cubed
# precision rises from 0.393 to 0.415 (0.461 at 1.5).
MIN_BEST_LINK_RATIO = 1.2
# Two groups of GROUP_SIZE articles or more join only at this multiple of the threshold (a
# smaller group or one article joins at the threshold). Chosen on FNC-1's training bodies
# (benchmarks/events.py): B-cubed precision 0.894 -> 0.949, recall 0.965 -> 0.943, F1 0.928 ->
# 0.946, and within 0.007 of that for sizes 3 to 5 at 1.3 and ratios 1.2 to 1.5 at size 3; FNC-1
# dev unchanged (0.965; size 2 costs it 0.007), BBC News precision 0.415 -> 0.432. Set apart:
# two Comcast stories, two Ebola patients, HBO's and Amazon's streaming plans, two Nelsons'
# death hoaxes; split: the coverage of a few big events, into parts that stay in one topic.
GROUP_SIZE = 3
GROUP_JOIN_RATIO = 1.3
MUST_LINK_REUSE = 0.3  # reuse covering at least this share of the shorter article is a must-link


@dataclass(frozen=True)
class Weights:
    """How the similarity signals are blended (they sum to 1) and how time damps them.

    Chosen on FNC-1 dev and checked by a 2-fold split of its stories (benchmarks/clustering.py):
    IDF raised to the power 1.5 lifted B-cubed F1 at the default threshold from 0.950 to 0.966.
    Overlap of name words added a little on FNC-1 but joined two events that share a town's
    names in small collections, and overlap of numbers did not help, so both are off.
    """

    text: float = 1.0
    names: float = 0.0
    numbers: float = 0.0
    # Added to ln((1+n)/(1+df)): below the usual 1.0, so that words every article uses weigh
    # little even in a small collection, where document frequencies are coarse.
    idf_floor: float = 0.4
    idf_power: float = 1.5
    same_days: int = 3  # dates this many days apart or closer: no damping
    half_life_days: float = 14.0  # beyond same_days, similarity halves over this many days
    damping_floor: float = 0.25  # the damping never goes below this factor ...
    # ... unless both articles' days are their publication dates: a date an undated article's
    # text mentions may be of anything it recalls, but two reports published years apart are
    # no coverage of one event (a 1985 ban and a 2013 announcement).
    published_floor: float = 0.0
    # Optional semantic signal (see storyweave.cluster.embeddings): the share of the similarity
    # taken by the embedding cosine, rescaled so that ``semantic_floor`` and below count as 0.
    # 0 keeps the rule and statistics path; so does an embedding model that is not installed.
    semantic: float = 0.0
    semantic_floor: float = 0.8
    # Headline support (see storyweave.cluster.headlines): a pair of titled articles where one
    # uses under ``title_support`` of the other's title words has its similarity multiplied by
    # ``title_conflict`` (1 turns this off). On the 181 scrapinghub pages
    # (benchmarks/story_precision.py), right multi-page stories 13 of 32 -> 18 of 27 (0.406 ->
    # 0.667); with the BBC News articles, each counted as an event of its own, their B-cubed
    # precision 0.432 -> 0.589 (benchmarks/events.py). FNC-1's bodies have no titles: unchanged.
    title_support: float = 0.3
    title_conflict: float = 0.5


@dataclass(frozen=True)
class Blocking:
    """Which pairs are compared: those sharing a term used by at most ``max_df`` articles; each
    article keeps its ``top_k`` most similar neighbours."""

    max_df: int = DEFAULT_MAX_DF
    top_k: int = DEFAULT_TOP_K


DEFAULT_WEIGHTS = Weights()
DEFAULT_BLOCKING = Blocking()

# The optional semantic blend (``--embeddings``), measured on FNC-1 dev (benchmarks/clustering.py
# --embeddings): no setting beat the rule path (B-cubed F1 0.965; tuned on one half of the
# stories and scored on the other, rule and blend tie). Embeddings put every article on one
# subject close together whatever the event, so only cosines above a high floor count: this
# setting scores 0.963 and keeps the seeds' different-event article apart with the rule path's
# margin (its average similarity to the others 0.065 against 0.09). The threshold is lower by
# the rule's share (0.9), so pairs the embeddings do not vouch for need what they needed before.
SEMANTIC_WEIGHTS = Weights(semantic=0.1, semantic_floor=0.8)
SEMANTIC_THRESHOLD = 0.09


def clustering_settings(semantic: bool) -> tuple[Weights, float]:
    """(weights, threshold) to cluster with: the semantic blend's when ``semantic`` is asked for
    and the embedding model is installed, else the rule path's defaults."""
    if semantic and embeddings.available():
        return SEMANTIC_WEIGHTS, SEMANTIC_THRESHOLD
    return DEFAULT_WEIGHTS, DEFAULT_THRESHOLD


@dataclass(frozen=True)
class Corpus:
    """Everything the clusterer derives from a set of articles, indexed like ``articles``
    (sorted by id)."""

    articles: tuple[Article, ...]
    features: Sequence[ArticleFeatures]  # a FeatureRows when built from a FeatureTable
    signals: tuple[tuple[float, WeightedSets], ...]  # (weight, vectors) of each blended signal
    position: dict[str, int]
    name_df: Counter[str]  # in how many articles each name phrase occurs
    vectors: np.ndarray | None = None  # article embeddings, when the semantic signal is on
    headlines: Headlines | None = None  # the titles' words, for the headline support


def build_corpus(
    articles: Sequence[Article],
    weights: Weights = DEFAULT_WEIGHTS,
    *,
    embedder: Embedder | None = None,
    features: Mapping[str, ArticleFeatures] | None = None,
) -> Corpus:
    """Features and weighted vectors of ``articles`` (duplicates by id dropped, sorted by id).

    With ``weights.semantic`` above 0, the articles are also embedded: by ``embedder`` if given,
    else by the packaged model when it is installed (:func:`embeddings.available`); otherwise
    no vectors are made and the similarity is the rule and statistics one. ``features``: the
    :func:`article_features` of some articles by id, already computed (e.g. kept in a store).
    """
    ordered = tuple(sorted({a.id: a for a in articles}.values(), key=lambda a: a.id))
    known = features or {}
    table = known if isinstance(known, FeatureTable) else FeatureTable()
    if not all(a.id in table for a in ordered):
        table = FeatureTable(
            (a.id, known[a.id] if a.id in known else article_features(a)) for a in ordered
        )
    features_of = table.rows([a.id for a in ordered])  # made on access, not all held
    signals = blended_signals(features_of, weights)
    position = {a.id: i for i, a in enumerate(ordered)}
    name_df = features_of.document_counts("name_phrases")
    vectors = None
    if weights.semantic > 0 and (embedder is not None or embeddings.available()):
        vectors = embeddings.article_vectors(ordered, embedder)
    titles = [a.title.value if a.title is not None else None for a in ordered]
    headlines = Headlines.of(titles, signals[0][1])
    return Corpus(ordered, features_of, signals, position, name_df, vectors, headlines)


def blended_signals(
    features: Sequence[ArticleFeatures], weights: Weights
) -> tuple[tuple[float, WeightedSets], ...]:
    """(weight, vectors) of each similarity signal that has a weight."""
    floor, power = weights.idf_floor, weights.idf_power
    rows = _table_rows(features)
    terms = rows.weighted("terms", idf_floor=floor, idf_power=power)
    signals: list[tuple[float, WeightedSets]] = [(weights.text, terms)]
    named: tuple[tuple[float, Field], ...] = (
        (weights.names, "names"),
        (weights.numbers, "numbers"),
    )
    for weight, sets in named:
        if weight:  # a set weighs 1 a word, as binary_idf weighs it
            vectors = rows.weighted(sets, sublinear=False, idf_floor=floor, idf_power=power)
            signals.append((weight, vectors))
    return tuple(signals)


def _table_rows(features: Sequence[ArticleFeatures]) -> FeatureRows:
    """``features`` as the rows of a :class:`FeatureTable` (as they are, when they are)."""
    if isinstance(features, FeatureRows):
        return features
    names = [str(n) for n in range(len(features))]
    return FeatureTable(zip(names, features, strict=True)).rows(names)


def cluster_stories(
    articles: Sequence[Article],
    relations: Sequence[Relation],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: Weights = DEFAULT_WEIGHTS,
    blocking: Blocking | None = DEFAULT_BLOCKING,
    embedder: Embedder | None = None,
    features: Mapping[str, ArticleFeatures] | None = None,
) -> list[Story]:
    """Group ``articles`` into stories; deterministic and independent of input order.

    ``threshold`` must be above 0. Stories are ordered by their first article (publication,
    then id). ``blocking=None`` compares all pairs (dense; for small sets and as a reference).
    ``weights.semantic`` above 0 blends in embedding similarity (see :func:`build_corpus`;
    ``SEMANTIC_WEIGHTS`` and ``SEMANTIC_THRESHOLD`` are the measured settings). ``features``
    as in :func:`build_corpus`.
    """
    corpus = build_corpus(articles, weights, embedder=embedder, features=features)
    if not corpus.articles:
        return []
    must = must_links(corpus, relations)
    n = len(corpus.articles)
    join = group_join(threshold)
    if blocking is None:
        sims = similarity_matrix(corpus.features, weights, corpus=corpus)
        clusters = average_link(sims, threshold, must, join)
        edges = _dense_edges(sims)
    else:
        edges = similarity_graph(corpus, range(n), weights, blocking)
        clusters = graph_average_link(n, edges.a, edges.b, edges.value, threshold, must, join)
    return build_stories(corpus, clusters, edges, relations, threshold=threshold)


def group_join(threshold: float) -> GroupJoin:
    """What two groups of articles need to join into one story at ``threshold``."""
    return GroupJoin(GROUP_SIZE, threshold * GROUP_JOIN_RATIO)


def must_links(corpus: Corpus, relations: Sequence[Relation]) -> list[tuple[int, int]]:
    """Pairs of positions that must share a story: copies and substantial reuse."""
    pos = corpus.position
    return sorted((pos[r.a], pos[r.b]) for r in relations if _is_must_link(r, pos))


def similarity_graph(
    corpus: Corpus,
    rows: Sequence[int] | range,
    weights: Weights = DEFAULT_WEIGHTS,
    blocking: Blocking = DEFAULT_BLOCKING,
    *,
    among: np.ndarray | None = None,
    indexes: Sequence[Index] | None = None,
) -> Edges:
    """Blended, time-damped similarities of ``rows`` with the articles sharing a term with them.

    ``among`` (a boolean mask over positions) restricts the other end of each pair. Each row keeps
    its ``blocking.top_k`` best neighbours; the result is symmetric in the rows given.
    ``indexes`` are the corpus's inverted indexes (see :func:`corpus_indexes`), if already built.
    """
    rows = list(rows)
    if indexes is None:
        indexes = corpus_indexes(corpus, blocking)
    walked = sum(
        (walked_postings(v, ix, rows) for (_, v), ix in zip(corpus.signals, indexes, strict=True)),
        np.zeros(len(rows), dtype=np.int64),
    )
    days = _Days.of(corpus.features)
    kept = [
        _block_neighbours(corpus, indexes, rows[start:stop], weights, blocking, among, days)
        for start, stop in row_blocks(walked, _BLOCK_POSTINGS)
    ]
    return symmetric_edges(*(np.concatenate([k[x] for k in kept] or [_EMPTY]) for x in range(3)))


def corpus_indexes(corpus: Corpus, blocking: Blocking = DEFAULT_BLOCKING) -> list[Index]:
    """The inverted index of each signal of ``corpus``."""
    return [inverted_index(vectors, blocking.max_df) for _, vectors in corpus.signals]


# Postings walked for the rows compared at once: bounds the memory of their candidate pairs
# (about 100 bytes each at the peak), whatever the size of the corpus. A fixed number of rows
# did not: each row's postings grow with the corpus (up to ``Blocking.max_df`` per term).
_BLOCK_POSTINGS = 500_000
_EMPTY = np.zeros(0, dtype=np.int64)


def _block_neighbours(
    corpus: Corpus,
    indexes: Sequence[Index],
    rows: Sequence[int],
    weights: Weights,
    blocking: Blocking,
    among: np.ndarray | None,
    days: _Days,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The top-k (row, other, similarity) of a block of rows."""
    n = len(corpus.articles)
    keys: list[np.ndarray] = []
    values: list[np.ndarray] = []
    for (weight, vectors), index in zip(corpus.signals, indexes, strict=True):
        r, o, v = row_products(vectors, index, rows)
        if among is not None:
            r, o, v = r[among[o]], o[among[o]], v[among[o]]
        keys.append(r * n + o)
        values.append(weight * v)
    unique, inverse = np.unique(np.concatenate(keys), return_inverse=True)
    blended = summed(inverse, np.concatenate(values), len(unique))
    row_ids, other_ids = unique // n, unique % n
    blended = with_semantic(corpus, blended, row_ids, other_ids, weights)
    blended *= _damped(days, row_ids, other_ids, weights)
    kept_rows, kept_others, kept = top_k_per_row(row_ids, other_ids, blended, blocking.top_k)
    return kept_rows, kept_others, kept * headline_factors(corpus, kept_rows, kept_others, weights)


def headline_factors(corpus: Corpus, a: np.ndarray, b: np.ndarray, weights: Weights) -> np.ndarray:
    """The factor of each pair (a[e], b[e]) for its headline support (see :class:`Weights`):
    ``weights.title_conflict`` for two titled articles that do not support each other, else 1."""
    if corpus.headlines is None:
        return np.ones(len(a))
    return corpus.headlines.factors(a, b, weights.title_support, weights.title_conflict)


def with_semantic(
    corpus: Corpus, values: np.ndarray, a: np.ndarray, b: np.ndarray, weights: Weights
) -> np.ndarray:
    """``values`` of the pairs (a[e], b[e]) blended with their rescaled embedding cosine, when
    the corpus has embeddings and ``weights.semantic`` is above 0; else ``values`` unchanged."""
    share = weights.semantic
    if corpus.vectors is None or share <= 0 or len(a) == 0:
        return values
    cosines = embeddings.pair_cosines(corpus.vectors, a, b)
    return (1.0 - share) * values + share * embeddings.rescaled(cosines, weights.semantic_floor)


def damping(
    features: Sequence[ArticleFeatures], a: np.ndarray, b: np.ndarray, weights: Weights
) -> np.ndarray:
    """The time-damping factor of each pair (a[e], b[e]): 1 when either date is unknown."""
    return _damped(_Days.of(features), a, b, weights)


@dataclass(frozen=True)
class _Days:
    """The articles' days as arrays, as :func:`damping` reads them."""

    known: np.ndarray
    from_text: np.ndarray
    ordinal: np.ndarray

    @classmethod
    def of(cls, features: Sequence[ArticleFeatures]) -> _Days:
        ordinal, from_text = _table_rows(features).days()
        return cls(ordinal != 0, from_text, ordinal)


def _damped(days: _Days, a: np.ndarray, b: np.ndarray, weights: Weights) -> np.ndarray:
    known, from_text, ordinal = days.known, days.from_text, days.ordinal
    if len(a) == 0:
        return np.ones(0)
    apart = np.abs(ordinal[a] - ordinal[b]).astype(np.float64)
    excess = np.maximum(apart - weights.same_days, 0.0)
    halvings = np.minimum(excess / weights.half_life_days, 64.0)  # no underflow far apart
    floor = np.where(from_text[a] | from_text[b], weights.damping_floor, weights.published_floor)
    factor = np.maximum(np.exp2(-halvings), floor)
    return np.where(known[a] & known[b], factor, 1.0)


def similarity_matrix(
    features: Sequence[ArticleFeatures],
    weights: Weights = DEFAULT_WEIGHTS,
    *,
    corpus: Corpus | None = None,
) -> np.ndarray:
    """The blended, time-damped similarity of every pair of articles (dense n x n).

    ``corpus`` holds the weighted vectors of the features, if already computed.
    """
    signals = corpus.signals if corpus is not None else blended_signals(features, weights)
    n = len(features)
    sims = np.zeros((n, n))
    for weight, vectors in signals:
        sims += weight * cosine_matrix(vectors)
    a, b = np.indices((n, n))
    if corpus is not None:
        sims = with_semantic(corpus, sims.ravel(), a.ravel(), b.ravel(), weights).reshape(n, n)
        sims *= headline_factors(corpus, a.ravel(), b.ravel(), weights).reshape(n, n)
    sims *= damping(features, a.ravel(), b.ravel(), weights).reshape(n, n)
    np.fill_diagonal(sims, 1.0)
    return sims


def _dense_edges(sims: np.ndarray) -> Edges:
    a, b = np.nonzero(np.triu(sims > 0, k=1))
    return Edges(a, b, sims[a, b])


def _known(relation: Relation, position: dict[str, int]) -> bool:
    return relation.a in position and relation.b in position


def _is_must_link(relation: Relation, position: dict[str, int]) -> bool:
    if not _known(relation, position):
        return False
    if relation.kind in (RelationKind.DUPLICATE, RelationKind.NEAR_DUPLICATE):
        return True
    return (
        relation.kind in (RelationKind.REUSE, RelationKind.REWRITE)
        and relation.score >= MUST_LINK_REUSE
    )


# --- stories and their explanation ---------------------------------------------------------------


def build_stories(
    corpus: Corpus,
    clusters: Sequence[Sequence[int]],
    edges: Edges,
    relations: Sequence[Relation],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Story]:
    """Story records for ``clusters`` (lists of positions), ordered by their first article;
    members weakly like the rest are set apart (see :func:`without_weak_members`)."""
    pos = corpus.position
    kinds = {
        (min(pos[r.a], pos[r.b]), max(pos[r.a], pos[r.b])): r.kind
        for r in relations
        if _known(r, pos)
    }
    clusters = without_weak_members(clusters, edges, kinds, threshold * MIN_BEST_LINK_RATIO)
    cluster_of = {i: c for c, members in enumerate(clusters) for i in members}
    inner: dict[int, dict[tuple[int, int], float]] = {}
    for a, b, value in zip(edges.a.tolist(), edges.b.tolist(), edges.value.tolist(), strict=True):
        if cluster_of.get(a) is not None and cluster_of.get(a) == cluster_of.get(b):
            inner.setdefault(cluster_of[a], {})[(a, b)] = value
    built = [
        _story(corpus, list(members), inner.get(c, {}), kinds) for c, members in enumerate(clusters)
    ]
    return story_order(corpus, built)


def without_weak_members(
    clusters: Sequence[Sequence[int]],
    edges: Edges,
    related: Mapping[tuple[int, int], str],
    min_link: float,
) -> list[list[int]]:
    """``clusters`` with each member whose strongest link to another member is below
    ``min_link`` (and that shares no text with one) set apart as a story of its own.

    Average linkage lets an article join a group it is only loosely like as a whole: an article
    on the same topic but another event, close to none of the group's articles in particular.
    """
    cluster_of = {i: c for c, members in enumerate(clusters) for i in members}
    best: dict[int, float] = {}
    for a, b, value in zip(edges.a.tolist(), edges.b.tolist(), edges.value.tolist(), strict=True):
        if a != b and cluster_of.get(a) is not None and cluster_of.get(a) == cluster_of.get(b):
            best[a] = max(best.get(a, 0.0), value)
            best[b] = max(best.get(b, 0.0), value)
    shares_text = {
        i
        for a, b in related
        if cluster_of.get(a) is not None and cluster_of.get(a) == cluster_of.get(b)
        for i in (a, b)
    }
    kept: list[list[int]] = []
    apart: list[list[int]] = []
    for members in clusters:
        strong = [i for i in members if i in shares_text or best.get(i, 0.0) >= min_link]
        if len(members) == 1 or len(strong) == len(members):
            kept.append(list(members))
            continue
        if strong:
            kept.append(strong)
        apart.extend([i] for i in members if i not in strong)
    return kept + apart


def story_order(corpus: Corpus, stories: Sequence[Story]) -> list[Story]:
    """``stories`` ordered by their first article (publication, then id)."""
    by_id = {a.id: a for a in corpus.articles}
    return sorted(stories, key=lambda s: _article_key(by_id[s.article_ids[0]]))


def _story(
    corpus: Corpus,
    members: list[int],
    sims: dict[tuple[int, int], float],
    kinds: dict[tuple[int, int], str],
) -> Story:
    ordered, features = corpus.articles, corpus.features
    members = sorted(members, key=lambda i: _article_key(ordered[i]))
    ids = tuple(ordered[i].id for i in members)
    # The story's dates are when its articles came out: a date the text mentions may be of
    # anything it recalls (a 2012 election story citing 1941), so it dates no story.
    days = sorted(
        f.day for f in (features[i] for i in members) if f.day is not None and not f.day_from_text
    )
    links = [_strongest_link(corpus, members, i, sims, kinds) for i in members]
    return Story(
        id=content_id(*sorted(ids)),
        article_ids=ids,
        headline=_headline(corpus, members, sims),
        start=days[0].isoformat() if days else None,
        end=days[-1].isoformat() if days else None,
        entities=_shared_names(features, members),
        links=tuple(link for link in links if link is not None),
    )


def _article_key(article: Article) -> tuple[int, str, str]:
    """Publication order (as UTC instants; a bare date counts as its midnight UTC), unknown last."""
    when = published_at(article)
    if when is None:
        return (1, "", article.id)
    return (0, when.astimezone(UTC).isoformat(), article.id)


_HEADLINE_MIN_WORDS = 5


def _headline(corpus: Corpus, members: list[int], sims: dict[tuple[int, int], float]) -> str:
    """The earliest member's title; without titles, a first sentence of the most central member."""
    for i in members:
        title = corpus.articles[i].title
        if title is not None and title.value.strip():
            return title.value.strip()
    centrality: dict[int, float] = dict.fromkeys(members, 0.0)
    for (a, b), value in sims.items():
        centrality[a] += value
        centrality[b] += value
    central = max(members, key=lambda i: (centrality[i], -i))
    found = sentences(corpus.articles[central].text)
    for sentence in found:  # skip datelines, section names and other scraps
        if len(sentence.split()) >= _HEADLINE_MIN_WORDS:
            return sentence
    return found[0] if found else ""


def _shared_names(
    features: Sequence[ArticleFeatures], members: list[int], top: int = 8
) -> tuple[str, ...]:
    in_docs: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for i in members:
        in_docs.update(features[i].name_phrases.keys())
        mentions.update(features[i].name_phrases)
    needed = 2 if len(members) > 1 else 1
    names = [n for n in in_docs if in_docs[n] >= needed]
    names.sort(key=lambda n: (-in_docs[n], -mentions[n], n))
    return tuple(names[:top])


def _strongest_link(
    corpus: Corpus,
    members: list[int],
    i: int,
    sims: dict[tuple[int, int], float],
    kinds: dict[tuple[int, int], str],
) -> StoryLink | None:
    """The member ``i`` is most similar to, and what they share (relation kind, names, terms)."""
    others = [m for m in members if m != i]
    if not others:
        return None

    def strength(j: int) -> tuple[float, bool, int]:
        pair = (min(i, j), max(i, j))
        return (sims.get(pair, 0.0), pair in kinds, -j)

    j = max(others, key=strength)
    pair = (min(i, j), max(i, j))
    shared: list[str] = []
    if pair in kinds:
        shared.append(kinds[pair])
    shared.extend(shared_evidence(corpus, i, j))
    ordered = corpus.articles
    return StoryLink(ordered[i].id, ordered[j].id, round(sims.get(pair, 0.0), 4), tuple(shared))


def shared_evidence(
    corpus: Corpus, i: int, j: int, names: int = 4, numbers: int = 2, terms: int = 6
) -> list[str]:
    """What two articles share, most telling first: the rarest name phrases in the corpus,
    numbers of three or more characters, then the terms that contribute most to their TF-IDF
    cosine (words already shown inside a name are not repeated)."""
    fi, fj = corpus.features[i], corpus.features[j]
    common_names = sorted(_common_names(list(fi.name_phrases), list(fj.name_phrases)))
    common_names.sort(key=lambda p: (corpus.name_df[p], -len(p.split()), p))
    chosen = common_names[:names]
    figures = sorted(
        (x for x in fi.numbers & fj.numbers if len(x) >= 3), key=lambda x: (-len(x), x)
    )
    shown = {w.lower() for p in chosen for w in p.split()}
    vectors = corpus.signals[0][1]
    x = dict(zip(vectors.indices[i].tolist(), vectors.weights[i].tolist(), strict=True))
    y = dict(zip(vectors.indices[j].tolist(), vectors.weights[j].tolist(), strict=True))
    common = sorted((t for t in x if t in y), key=lambda t: (-(x[t] * y[t]), t))
    words = [vectors.vocabulary[t] for t in common if vectors.vocabulary[t] not in shown]
    return chosen + figures[:numbers] + words[:terms]


def _common_names(x: list[str], y: list[str]) -> set[str]:
    """Name phrases of both lists; a phrase that is a whole-word part of the other's counts
    ("Helen Varga" is shared with "Mayor Helen Varga"), as the shorter form."""
    found = set(x) & set(y)
    for short_side, long_side in ((x, y), (y, x)):
        for short in short_side:
            padded = f" {short} "
            if short not in found and any(padded in f" {long} " for long in long_side):
                found.add(short)
    return found
