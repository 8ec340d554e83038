"""The blocked similarity graph as one relational query (DuckDB SQL), for engines that work on
tables (DuckDB locally, Spark SQL at scale).

Same plan as :func:`storyweave.cluster.stories.similarity_graph`: postings (signal, doc, term,
weight) → keep terms used by 2..max_df documents → self-join on the term → sum the products per
pair → time damping from the documents' days → each document's top-k → undirected edges; then,
outside the query, the headline support's factor (``stories.headline_factors``). Sums run in
the engine's order, so values may differ from the numpy path in the last bits.
"""

from __future__ import annotations

import duckdb
import numpy as np

from storyweave.cluster.blocking import Edges
from storyweave.cluster.stories import (
    DEFAULT_BLOCKING,
    DEFAULT_WEIGHTS,
    Blocking,
    Corpus,
    Weights,
    headline_factors,
)

GRAPH_SQL = """
WITH frequent AS (
    SELECT signal, term FROM postings GROUP BY signal, term HAVING count(*) BETWEEN 2 AND $max_df
),
kept AS (SELECT p.* FROM postings p SEMI JOIN frequent f USING (signal, term)),
products AS (
    SELECT x.doc AS a, y.doc AS b, sum(x.w * y.w * s.weight) AS s
    FROM kept x
    JOIN kept y ON x.signal = y.signal AND x.term = y.term AND x.doc <> y.doc
    JOIN signals s ON s.signal = x.signal
    GROUP BY x.doc, y.doc
),
damped AS (
    SELECT a, b, s * CASE WHEN da.known AND db.known THEN greatest(
        pow(2.0, -least(greatest(abs(da.day - db.day) - $same_days, 0) / $half_life, 64.0)),
        CASE WHEN da.from_text OR db.from_text THEN $damping_floor ELSE $published_floor END
        ) ELSE 1.0 END AS s
    FROM products JOIN days da ON da.doc = a JOIN days db ON db.doc = b
),
ranked AS (
    SELECT a, b, s, row_number() OVER (PARTITION BY a ORDER BY s DESC, b) AS r
    FROM damped WHERE s > 0
)
SELECT least(a, b) AS a, greatest(a, b) AS b, max(s) AS s
FROM ranked WHERE r <= $top_k
GROUP BY least(a, b), greatest(a, b)
ORDER BY a, b
"""


def similarity_graph_sql(
    corpus: Corpus,
    weights: Weights = DEFAULT_WEIGHTS,
    blocking: Blocking = DEFAULT_BLOCKING,
    *,
    connection: duckdb.DuckDBPyConnection | None = None,
) -> Edges:
    """The similarity graph of all of ``corpus``, computed by DuckDB from postings tables."""
    con = connection if connection is not None else duckdb.connect()
    postings = _postings(corpus)
    signals = {
        "signal": np.arange(len(corpus.signals), dtype=np.int64),
        "weight": np.array([w for w, _ in corpus.signals], dtype=np.float64),
    }
    days = {
        "doc": np.arange(len(corpus.features), dtype=np.int64),
        "day": np.array([f.day.toordinal() if f.day else 0 for f in corpus.features], np.int64),
        "known": np.array([f.day is not None for f in corpus.features], dtype=bool),
        "from_text": np.array([f.day_from_text for f in corpus.features], dtype=bool),
    }
    for name, table in (("postings", postings), ("signals", signals), ("days", days)):
        con.register(name, table)
    params = {
        "max_df": blocking.max_df,
        "top_k": blocking.top_k,
        "same_days": float(weights.same_days),
        "half_life": weights.half_life_days,
        "damping_floor": weights.damping_floor,
        "published_floor": weights.published_floor,
    }
    result = con.execute(GRAPH_SQL, params).fetchnumpy()
    a = np.asarray(result["a"], dtype=np.int64)
    b = np.asarray(result["b"], dtype=np.int64)
    values = np.asarray(result["s"], dtype=np.float64) * headline_factors(corpus, a, b, weights)
    return Edges(a, b, values)


def _postings(corpus: Corpus) -> dict[str, np.ndarray]:
    signal, doc, term, weight = [], [], [], []
    for s, (_, vectors) in enumerate(corpus.signals):
        for d, (ix, ws) in enumerate(zip(vectors.indices, vectors.weights, strict=True)):
            signal.append(np.full(len(ix), s, dtype=np.int64))
            doc.append(np.full(len(ix), d, dtype=np.int64))
            term.append(ix.astype(np.int64))
            weight.append(ws)
    empty_int, empty_float = np.zeros(0, dtype=np.int64), np.zeros(0)
    return {
        "signal": np.concatenate(signal or [empty_int]),
        "doc": np.concatenate(doc or [empty_int]),
        "term": np.concatenate(term or [empty_int]),
        "w": np.concatenate(weight or [empty_float]),
    }
