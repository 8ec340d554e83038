"""Blocking: sparse similarities equal the dense ones; sparse average-link equals the dense one."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import storyweave.cluster.blocking as blocking_module
import storyweave.cluster.stories as clustering
from storyweave.cluster import Blocking, cluster_stories
from storyweave.cluster.agglomerative import (
    GroupJoin,
    average_link,
    graph_average_link,
    sparse_average_link,
)
from storyweave.cluster.blocking import (
    inverted_index,
    row_blocks,
    row_products,
    top_k_edges,
    top_k_per_row,
    walked_postings,
)
from storyweave.cluster.features import cosine_matrix, tfidf
from storyweave.cluster.relational import similarity_graph_sql
from storyweave.cluster.stories import build_corpus, similarity_graph, similarity_matrix
from storyweave.records import Article, Meta

FNC = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "stories" / "fnc1-dev.jsonl"

WORDS = "dam gate river flood mayor council budget school tax cup final goal storm road".split()


def random_bags(seed: int, n: int = 30) -> list[Counter[str]]:
    rng = np.random.default_rng(seed)
    return [Counter(rng.choice(WORDS, size=int(rng.integers(1, 9))).tolist()) for _ in range(n)]


@pytest.mark.parametrize("seed", range(5))
def test_row_products_equal_the_dense_cosines(seed: int) -> None:
    vectors = tfidf(random_bags(seed), idf_power=1.5)
    dense = cosine_matrix(vectors)
    rows, others, values = row_products(vectors, inverted_index(vectors, max_df=10_000), range(30))
    sparse = np.zeros_like(dense)
    sparse[rows, others] = values
    np.fill_diagonal(sparse, 1.0)
    assert np.allclose(sparse, dense)
    assert np.array_equal(sparse, sparse.T)  # the same value from either end, exactly


def test_terms_above_max_df_are_not_indexed() -> None:
    bags = [Counter(["common", f"own{i}"]) for i in range(5)] + [Counter(["pair"])] * 2
    vectors = tfidf(bags)
    index = inverted_index(vectors, max_df=3)
    indexed = {
        vectors.vocabulary[t]
        for t in range(len(vectors.vocabulary))
        if index.start[t + 1] > index.start[t]
    }
    assert indexed == {"pair"}  # "common" is in 5 documents, each "own" term in one


def test_top_k_keeps_the_best_neighbours_and_symmetrises() -> None:
    rows = np.array([0, 0, 0, 1, 1, 2])
    others = np.array([1, 2, 3, 0, 3, 0])
    values = np.array([0.5, 0.9, 0.1, 0.5, 0.7, 0.9])
    kept = top_k_per_row(rows, others, values, top_k=1)
    assert list(zip(*(a.tolist() for a in kept), strict=True)) == [
        (0, 2, 0.9),
        (1, 3, 0.7),
        (2, 0, 0.9),
    ]
    edges = top_k_edges(rows, others, values, top_k=1)
    assert list(zip(edges.a.tolist(), edges.b.tolist(), strict=True)) == [(0, 2), (1, 3)]


def sparse_from(matrix: np.ndarray) -> list[tuple[int, int, float]]:
    a, b = np.nonzero(np.triu(matrix, k=1))
    return [(int(i), int(j), float(matrix[i, j])) for i, j in zip(a, b, strict=True)]


def sparse_similarities(rng: np.random.Generator, n: int, density: float) -> np.ndarray:
    """A symmetric n x n similarity matrix, 1 on the diagonal, most pairs 0."""
    matrix = np.triu(rng.random((n, n)) * (rng.random((n, n)) < density), k=1)
    matrix = matrix + matrix.T
    np.fill_diagonal(matrix, 1.0)
    return matrix


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    threshold=st.sampled_from([0.2, 0.35, 0.5]),
    links=st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), max_size=4),
    join=st.sampled_from([None, (2, 1.3), (3, 1.5)]),
)
def test_sparse_average_link_equals_the_dense_one(
    seed: int, threshold: float, links: list[tuple[int, int]], join: tuple[int, float] | None
) -> None:
    matrix = sparse_similarities(np.random.default_rng(seed), 20, 0.4)
    must = [(i, j) for i, j in links if i != j]
    rule = GroupJoin(join[0], threshold * join[1]) if join else None
    assert sparse_average_link(20, sparse_from(matrix), threshold, must, rule) == average_link(
        matrix, threshold, must, rule
    )


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    threshold=st.sampled_from([0.2, 0.35, 0.5]),
    links=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=5),
    join=st.sampled_from([None, (2, 1.3), (3, 1.5)]),
)
def test_average_link_over_edge_arrays_equals_the_dense_one(
    seed: int, threshold: float, links: list[tuple[int, int]], join: tuple[int, float] | None
) -> None:
    rng = np.random.default_rng(seed)
    matrix = sparse_similarities(rng, 30, 0.3)
    must = [(i, j) for i, j in links if i != j]
    edges = sparse_from(matrix)
    order = rng.permutation(len(edges))  # edges in any order, either end first
    a = np.array([edges[e][e % 2] for e in order], dtype=np.int64)
    b = np.array([edges[e][1 - e % 2] for e in order], dtype=np.int64)
    value = np.array([edges[e][2] for e in order])
    rule = GroupJoin(join[0], threshold * join[1]) if join else None
    found = graph_average_link(30, a, b, value, threshold, must, rule)
    assert found == average_link(matrix, threshold, must, rule)


def test_similarity_graph_holds_the_dense_similarities() -> None:
    texts = [" ".join(bag.elements()) for bag in random_bags(7, 25)]
    articles = [Article(f"a{i:02d}", "r", "s", text) for i, text in enumerate(texts)]
    corpus = build_corpus(articles)
    dense = similarity_matrix(corpus.features, corpus=corpus)
    edges = similarity_graph(corpus, range(len(articles)), blocking=Blocking(top_k=100))
    sparse = np.zeros_like(dense)
    sparse[edges.a, edges.b] = edges.value
    sparse[edges.b, edges.a] = edges.value
    np.fill_diagonal(sparse, 1.0)
    assert np.allclose(sparse, dense)


def test_row_blocks_keep_within_the_budget() -> None:
    walked = np.array([3, 4, 0, 9, 2, 2, 1])
    blocks = row_blocks(walked, 7)
    assert blocks == [(0, 3), (3, 4), (4, 7)]  # a row over the budget makes a block alone
    assert row_blocks(np.zeros(0, dtype=np.int64), 7) == []


def test_similarity_graph_is_the_same_in_small_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [" ".join(bag.elements()) for bag in random_bags(5, 60)]
    articles = [Article(f"a{i:02d}", "r", "s", text) for i, text in enumerate(texts)]
    articles[3] = replace(articles[3], published=Meta("2024-01-01", "t"))
    articles[9] = replace(articles[9], published=Meta("2024-06-01", "t"))
    corpus = build_corpus(articles)
    whole = similarity_graph(corpus, range(len(articles)), blocking=Blocking(top_k=5))
    index = inverted_index(corpus.signals[0][1])
    walked = walked_postings(corpus.signals[0][1], index, range(len(articles)))
    rows, _, _ = row_products(corpus.signals[0][1], index, range(len(articles)))
    assert (np.bincount(rows, minlength=len(articles)) <= walked).all()  # pairs within the bound
    monkeypatch.setattr(clustering, "_BLOCK_POSTINGS", int(walked.max()))
    assert len(row_blocks(walked, clustering._BLOCK_POSTINGS)) > 10  # the bound sets the blocks
    blocked = similarity_graph(corpus, range(len(articles)), blocking=Blocking(top_k=5))
    for name in ("a", "b", "value"):
        assert np.array_equal(getattr(blocked, name), getattr(whole, name))


def test_blocked_clustering_equals_dense_on_fnc1() -> None:
    if not FNC.exists():
        pytest.skip(f"{FNC} is not present")
    with FNC.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    articles = [Article(r["id"], r["id"], r["id"], r["text"]) for r in records]
    blocked = cluster_stories(articles, [])
    assert blocked == cluster_stories(articles, [], blocking=None)
    assert 40 < len(blocked) < 120  # 64 gold stories: neither everything apart nor together


def test_the_duckdb_plan_gives_the_same_graph() -> None:
    texts = [" ".join(bag.elements()) for bag in random_bags(11, 40)]
    articles = [Article(f"a{i:02d}", "r", "s", text) for i, text in enumerate(texts)]
    articles[3] = replace(articles[3], published=Meta("2024-01-01", "t"))
    articles[4] = replace(articles[4], published=Meta("2024-06-01", "t"))
    corpus = build_corpus(articles)
    for blocking in (Blocking(), Blocking(max_df=12, top_k=3)):
        expected = similarity_graph(corpus, range(len(articles)), blocking=blocking)
        found = similarity_graph_sql(corpus, blocking=blocking)
        assert np.array_equal(found.a, expected.a) and np.array_equal(found.b, expected.b)
        assert np.allclose(found.value, expected.value, rtol=0, atol=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_row_products_count_pairs_densely_or_by_sorting_alike(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small blocks count their (row, other) pairs in dense arrays, large ones sort them: the
    same pairs, in the same order, with bit-for-bit the same sums (rows unsorted, repeated)."""
    vectors = tfidf(random_bags(seed, 40), idf_power=1.5)
    index = inverted_index(vectors, max_df=30)
    rows = [7, 3, 39, 3, 0, 21]
    assert len(set(rows)) * 40 <= blocking_module._DENSE_PAIRS  # the dense way, by default
    dense = row_products(vectors, index, rows)
    monkeypatch.setattr(blocking_module, "_DENSE_PAIRS", 0)
    sorted_ = row_products(vectors, index, rows)
    assert len(dense[0]) > 50
    for mine, theirs in zip(dense, sorted_, strict=True):
        assert mine.dtype == theirs.dtype
        assert mine.tobytes() == theirs.tobytes()
