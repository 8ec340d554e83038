"""The local engine: cross-document work (candidate pairs, relations, stories) in DuckDB.

The plan is relational so that the Spark engine can run the same one: per-article rows
(LSH band keys, hashed word n-grams) go into tables, candidate pairs come from self-joins on
equal keys, and only the candidates are verified pair by pair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC
from typing import Any, Protocol, runtime_checkable

import duckdb
import numpy as np

from storyweave.cluster import (
    DEFAULT_THRESHOLD,
    DEFAULT_WEIGHTS,
    ArticleFeatures,
    Embedder,
    Weights,
    cluster_stories,
)
from storyweave.duplicates import (
    band_keys,
    sequence_keys,
    shingle_hashes,
    token_hashes,
    whole_text_keys,
)
from storyweave.errors import UsageError
from storyweave.parallel import Mapper, StepProgressFn, in_process, map_in_waves
from storyweave.records import Article, Relation, Signature, Story
from storyweave.reuse import (
    DEFAULT_GRAM,
    SiblingMemo,
    direct,
    mark_siblings,
    published_at,
    relate_pair,
)
from storyweave.store import SignatureTable, work_connection

# Looser LSH than for near-duplicates alone, so that reuse and light rewrites become candidates:
# 32 bands of 4 rows make pairs with Jaccard ~0.42 candidates half of the time.
RELATE_BANDS = 32
RELATE_ROWS = 4
# Each article's LSH candidates are its BAND_PARTNERS most alike (by MinHash agreement): a large
# family of near-identical texts (stub pages with one footer, a wire story in every outlet)
# would otherwise make every pair of its members a candidate. On Reuters-21578 no article has
# more than 12; on four times it (benchmarks/run_time.py's replicas) 981,644 pairs became
# 182,352, most of the rest among the stubs that one word and a footer line make distinct.
BAND_PARTNERS = 16
MIN_SHARED_GRAMS = 6  # shared 8-grams that make a reuse candidate (a 25-word passage has 18)
MAX_GRAM_ARTICLES = 50  # 8-grams in more articles than this are formulas, not reuse
GRAM_BATCH = 5000  # articles whose n-grams are hashed at once
PROGRESS_WAVES = 10  # slices of the candidate pairs verified at once, for progress bars


def candidate_pairs(
    signatures: Sequence[Signature],
    *,
    bands: int = 16,
    rows: int = 8,
    con: duckdb.DuckDBPyConnection | None = None,
) -> list[tuple[str, str]]:
    """Pairs of article ids (a < b, sorted, distinct) that share an LSH bucket in some band.

    Signatures of empty bodies are skipped (they would all collide).
    """
    if bands < 1 or rows < 1:
        raise UsageError("bands and rows must be positive")
    kept = SignatureTable.of(signatures).with_shingles()
    ids = kept.ids
    places = kept.minhash.shape[1] if ids else bands * rows
    matrix = kept.minhash.astype(np.uint32)
    if bands * rows > places:
        raise UsageError(f"bands*rows = {bands * rows} exceeds the signature length {places}")
    matrix = matrix.reshape(len(ids), places)
    table = {
        "article_id": np.repeat(np.array(ids, dtype=object), bands),
        "band": np.tile(np.arange(bands, dtype=np.int32), len(ids)),
        # as signed 64-bit, to fit a SQL BIGINT: equal keys stay equal
        "bucket": band_keys(matrix, bands, rows).view(np.int64).reshape(-1),
    }
    query = """
        SELECT DISTINCT x.article_id AS a, y.article_id AS b
        FROM lsh_keys x JOIN lsh_keys y ON x.band = y.band AND x.bucket = y.bucket
        WHERE x.article_id < y.article_id
        ORDER BY a, b
    """
    return _run_pairs(con, "lsh_keys", table, query)


def shared_gram_pairs(
    articles: Sequence[Article],
    *,
    n: int = DEFAULT_GRAM,
    min_shared: int = MIN_SHARED_GRAMS,
    max_articles: int = MAX_GRAM_ARTICLES,
    con: duckdb.DuckDBPyConnection | None = None,
    grams: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[tuple[str, str]]:
    """Pairs of article ids (a < b, sorted) sharing at least ``min_shared`` word ``n``-grams.

    This finds text reuse that MinHash misses because the shared passage is a small part of
    long articles. N-grams found in more than ``max_articles`` articles are ignored. The words
    and n-grams are hashed in numpy (``duplicates.token_hashes`` and ``shingle_hashes``), a
    batch of articles at a time. ``grams``: the (position in ``articles``, n-gram hash) of
    every n-gram of ``articles``, as :func:`text_grams` gives them, when already hashed.
    """
    ordered = list(articles)
    if grams is None:
        ordered.sort(key=lambda a: a.id)
        grams = _batched_grams(ordered, n)
    table = {"article": grams[0], "gram": grams[1]}
    query = f"""
        WITH article_gram AS (SELECT DISTINCT article, gram FROM article_grams),
        common AS (
            SELECT gram FROM article_gram GROUP BY gram
            HAVING count(*) BETWEEN 2 AND {int(max_articles)}
        ), kept AS (
            SELECT g.article, g.gram FROM article_gram g JOIN common USING (gram)
        )
        SELECT x.article AS a, y.article AS b
        FROM kept x JOIN kept y ON x.gram = y.gram AND x.article < y.article
        GROUP BY a, b HAVING count(*) >= {int(min_shared)}
        ORDER BY a, b
    """
    rows = _run_rows(con, "article_grams", table, query)
    return [(ordered[a].id, ordered[b].id) for a, b in rows]


def _batched_grams(articles: Sequence[Article], n: int) -> tuple[np.ndarray, np.ndarray]:
    """:func:`text_grams` of the articles' texts, hashed :data:`GRAM_BATCH` at a time."""
    owners: list[np.ndarray] = [np.zeros(0, np.int64)]
    grams: list[np.ndarray] = [np.zeros(0, np.int64)]
    for first in range(0, len(articles), GRAM_BATCH):
        owner, hashes = text_grams([a.text for a in articles[first : first + GRAM_BATCH]], n)
        owners.append(owner + first)
        grams.append(hashes)
    return np.concatenate(owners), np.concatenate(grams)


def text_grams(texts: Sequence[str], n: int) -> tuple[np.ndarray, np.ndarray]:
    """(text position, n-gram hash as int64) of every word ``n``-gram of ``texts``; a text of
    fewer than ``n`` words has none. The Spark engine hashes with it too."""
    return _grams_of_tokens(*token_hashes(texts), n)


def _grams_of_tokens(
    tokens: np.ndarray, lengths: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`text_grams` of texts already split and hashed by ``token_hashes``."""
    hashes, counts = shingle_hashes(tokens, lengths, n)
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), counts)
    full = (lengths >= n)[owner]
    return owner[full], hashes[full].view(np.int64)


def duplicate_groups(
    articles: Sequence[Article],
    *,
    con: duckdb.DuckDBPyConnection | None = None,
    bodies: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[tuple[str, str]]:
    """(representative, member) pairs for articles with identical normalised bodies.

    The representative of a group is its earliest published article (unknown dates last), then
    smallest id: the likeliest origin. Articles without words are left out. ``bodies``: the
    articles' ``whole_text_keys``, when already computed.
    """
    ids: list[str] = []
    hashes: list[int] = []
    published: list[str] = []
    keys, lengths = bodies or whole_text_keys([article.text for article in articles])
    for article, key, length in zip(articles, keys.view(np.int64).tolist(), lengths, strict=True):
        if not length:
            continue
        ids.append(article.id)
        hashes.append(key)
        published.append(published_key(article))
    table = {
        "article_id": np.array(ids, dtype=object),
        "body": np.array(hashes, dtype=np.int64),
        "published": np.array(published, dtype=object),
    }
    query = """
        WITH ranked AS (
            SELECT article_id, first_value(article_id) OVER (
                PARTITION BY body ORDER BY published = '', published, article_id
            ) AS representative
            FROM bodies
        )
        SELECT representative, article_id FROM ranked
        WHERE article_id <> representative
        ORDER BY representative, article_id
    """
    return _run_pairs(con, "bodies", table, query)


def published_key(article: Article) -> str:
    """The publication time of ``article`` as an ISO string in UTC, or "" when unknown: the
    order in which identical bodies choose their representative."""
    when = published_at(article)
    return when.astimezone(UTC).isoformat() if when else ""


class VerdictMemo(Protocol):
    """Verdicts on candidate pairs kept from earlier runs (the directed relation, or None)."""

    def known(self, pairs: Sequence[tuple[str, str]]) -> dict[tuple[str, str], Relation | None]:
        """The kept verdicts of those of ``pairs`` (article ids) that have one."""
        ...

    def keep(self, verdicts: Mapping[tuple[str, str], Relation | None]) -> None:
        """Keep new verdicts."""
        ...


@runtime_checkable
class CandidateFinder(Protocol):
    """A mapper that also finds the candidate pairs of :func:`relate` itself (the Spark
    engine's, which joins the keys in its executors)."""

    def relation_candidates(
        self, articles: Sequence[Article], signatures: Sequence[Signature]
    ) -> list[tuple[str, str]]:
        """What :func:`relation_candidate_ids` returns, found elsewhere."""
        ...


def relate(
    articles: Sequence[Article],
    signatures: Sequence[Signature],
    progress: StepProgressFn | None = None,
    mapper: Mapper = in_process,
    memo: VerdictMemo | None = None,
    siblings: SiblingMemo | None = None,
    recent: frozenset[str] = frozenset(),
) -> list[Relation]:
    """Relations among ``articles``: duplicates, then verified LSH and shared-n-gram candidates
    (:func:`relation_candidate_ids`, or the mapper's own when it is a :class:`CandidateFinder`),
    each verified and directed by :func:`relate_and_direct` through ``mapper`` (in a process
    pool or Spark) unless ``memo`` knows its verdict (new verdicts are kept there); relations
    between two copies of a common origin then lose their direction (``siblings.mark_siblings``,
    reusing the judgements kept in ``siblings``; ``recent``: the articles new since they were
    kept). Sorted by (a, b). ``progress`` is told how many candidate pairs were verified (the
    total None until the candidates are known).
    """
    tell = progress or _no_progress
    tell(0, None)
    find = (
        mapper.relation_candidates
        if isinstance(mapper, CandidateFinder)
        else relation_candidate_ids
    )
    by_id = {a.id: a for a in articles}
    ids = [(a, b) for a, b in find(articles, signatures) if a in by_id and b in by_id]
    known = memo.known(ids) if memo is not None else {}
    missing = [key for key in ids if key not in known]
    pairs = [(by_id[a], by_id[b]) for a, b in missing]
    found = map_in_waves(mapper, relate_and_direct, pairs, tell, PROGRESS_WAVES)
    fresh = dict(zip(missing, found, strict=True))
    if memo is not None:
        memo.keep(fresh)
    verdicts = [fresh[key] if key in fresh else known[key] for key in ids]
    return mark_siblings(
        articles, [relation for relation in verdicts if relation is not None], siblings, recent
    )


def relation_candidate_ids(
    articles: Sequence[Article], signatures: Sequence[Signature]
) -> list[tuple[str, str]]:
    """The candidate pairs of article ids to verify (a < b, sorted): each article with the
    representative of its identical bodies (see ``duplicate_groups``: a star, not every pair,
    so that a body repeated thousands of times costs thousands of pairs, not millions), and
    among representatives the pairs sharing an LSH bucket or enough word 8-grams."""
    if len(articles) < 2:  # no pair: nor the DuckDB connection that would look for them
        return []
    bodies, grams = _hashed_texts(articles, DEFAULT_GRAM)
    with work_connection() as con:
        copies = duplicate_groups(articles, con=con, bodies=bodies)
        repeated = {member for _, member in copies}
        unique_signatures = SignatureTable.of(signatures).without(repeated)
        pairs = set(copies)
        banded = candidate_pairs(unique_signatures, bands=RELATE_BANDS, rows=RELATE_ROWS, con=con)
        pairs |= set(strongest_partners(banded, unique_signatures))
        kept = np.array([a.id not in repeated for a in articles], dtype=bool)[grams[0]]
        pairs |= set(shared_gram_pairs(articles, con=con, grams=(grams[0][kept], grams[1][kept])))
    return sorted({(min(x, y), max(x, y)) for x, y in pairs})


def strongest_partners(
    pairs: Sequence[tuple[str, str]], signatures: SignatureTable, keep: int = BAND_PARTNERS
) -> list[tuple[str, str]]:
    """The ``pairs`` (of ids of ``signatures``) that are among the ``keep`` best of either end:
    ranked by the share of MinHash values the two agree on (an estimate of their Jaccard),
    then by the other end's id. In their order."""
    if not pairs:
        return []
    row = {article_id: n for n, article_id in enumerate(signatures.ids)}
    a = np.array([row[x] for x, _ in pairs], dtype=np.int64)
    b = np.array([row[y] for _, y in pairs], dtype=np.int64)
    agree = np.empty(len(pairs))
    for start in range(0, len(pairs), _AGREEMENT_SLICE):
        part = slice(start, start + _AGREEMENT_SLICE)
        agree[part] = (signatures.minhash[a[part]] == signatures.minhash[b[part]]).mean(axis=1)
    ends = np.concatenate([a, b])
    others = np.concatenate([b, a])
    order = np.lexsort((others, -np.concatenate([agree, agree]), ends))
    ranked = ends[order]
    rank = np.arange(len(ranked)) - np.searchsorted(ranked, ranked, side="left")
    kept = np.zeros(len(pairs), dtype=bool)
    kept[(order % len(pairs))[rank < keep]] = True
    return [pair for pair, chosen in zip(pairs, kept.tolist(), strict=True) if chosen]


_AGREEMENT_SLICE = 100_000  # pairs whose MinHash rows are compared at once


def _hashed_texts(
    articles: Sequence[Article], n: int
) -> tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """The ``whole_text_keys`` of the articles' texts and their :func:`text_grams`, from one
    splitting and hashing of the words (:data:`GRAM_BATCH` texts at a time)."""
    keys: list[np.ndarray] = [np.zeros(0, np.uint64)]
    lengths: list[np.ndarray] = [np.zeros(0, np.int64)]
    owners: list[np.ndarray] = [np.zeros(0, np.int64)]
    grams: list[np.ndarray] = [np.zeros(0, np.int64)]
    for first in range(0, len(articles), GRAM_BATCH):
        tokens, counts = token_hashes([a.text for a in articles[first : first + GRAM_BATCH]])
        keys.append(sequence_keys(tokens, counts))
        lengths.append(counts)
        owner, hashes = _grams_of_tokens(tokens, counts, n)
        owners.append(owner + first)
        grams.append(hashes)
    return (
        (np.concatenate(keys), np.concatenate(lengths)),
        (np.concatenate(owners), np.concatenate(grams)),
    )


def relate_and_direct(pair: tuple[Article, Article]) -> Relation | None:
    """The relation of a candidate pair, directed (pure: runs where the mapper sends it)."""
    a, b = pair
    relation = relate_pair(a, b)
    return None if relation is None else direct(relation, a, b)


def _no_progress(done: int, total: int | None) -> None:
    """The progress callback of a caller that does not ask for one."""


def stories(
    articles: Sequence[Article],
    relations: Sequence[Relation],
    *,
    weights: Weights = DEFAULT_WEIGHTS,
    threshold: float = DEFAULT_THRESHOLD,
    embedder: Embedder | None = None,
    features: Mapping[str, ArticleFeatures] | None = None,
) -> list[Story]:
    """Cluster ``articles`` into stories (see ``storyweave.cluster.cluster_stories``)."""
    return cluster_stories(
        articles,
        relations,
        threshold=threshold,
        weights=weights,
        embedder=embedder,
        features=features,
    )


def _run_pairs(
    con: duckdb.DuckDBPyConnection | None,
    name: str,
    table: dict[str, np.ndarray],
    query: str,
) -> list[tuple[str, str]]:
    return [(str(a), str(b)) for a, b in _run_rows(con, name, table, query)]


def _run_rows(
    con: duckdb.DuckDBPyConnection | None,
    name: str,
    table: dict[str, np.ndarray],
    query: str,
) -> list[Any]:
    """The rows of ``query`` over ``table`` registered as ``name`` (on ``con``, or a connection
    of its own)."""
    own = con is None
    connection = duckdb.connect() if con is None else con
    try:
        connection.register(name, table)
        rows = connection.execute(query).fetchall()
        connection.unregister(name)
    finally:
        if own:
            connection.close()
    return rows
