"""Average-link agglomerative clustering over a dense similarity matrix, with must-links."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyweave.graph import components


def connected_groups(n: int, links: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of ``n`` items joined by ``links``, each sorted, by smallest member."""
    return components(range(n), links)


class _Linkage:
    """Cluster-to-cluster state: summed similarities, sizes, averages and each row's best."""

    def __init__(self, sims: np.ndarray, groups: list[list[int]]) -> None:
        k, n = len(groups), sims.shape[0]
        membership = np.zeros((k, n), dtype=np.float64)
        for g, members in enumerate(groups):
            membership[g, members] = 1.0
        self.totals = membership @ sims @ membership.T
        self.sizes = membership.sum(axis=1)
        self.average = self.totals / np.outer(self.sizes, self.sizes)
        np.fill_diagonal(self.average, -np.inf)
        self.active = np.ones(k, dtype=bool)
        self.best = np.argmax(self.average, axis=1) if k else np.zeros(0, dtype=np.int64)
        self.best_value = self.average[np.arange(k), self.best] if k else np.zeros(0)

    def top(self) -> tuple[int, int, float]:
        i = int(np.argmax(np.where(self.active, self.best_value, -np.inf)))
        return i, int(self.best[i]), float(self.best_value[i])

    def merge(self, i: int, j: int) -> None:
        """Merge cluster ``j`` into ``i`` (i < j)."""
        self.totals[i, :] += self.totals[j, :]
        self.totals[:, i] += self.totals[:, j]
        self.sizes[i] += self.sizes[j]
        self.active[j] = False
        row = self.totals[i, :] / (self.sizes[i] * self.sizes)
        row[~self.active] = -np.inf
        row[i] = -np.inf
        self.average[i, :] = row
        self.average[:, i] = row
        self.average[j, :] = -np.inf
        self.average[:, j] = -np.inf
        self.best_value[j] = -np.inf
        stale = np.flatnonzero(self.active & ((self.best == i) | (self.best == j)))
        self._refresh([i, *stale.tolist()])
        improved = self.active & (self.average[:, i] > self.best_value)
        self.best[improved] = i
        self.best_value[improved] = self.average[improved, i]

    def _refresh(self, rows: list[int]) -> None:
        for r in rows:
            self.best[r] = int(np.argmax(self.average[r]))
            self.best_value[r] = self.average[r, self.best[r]]


def average_link(
    sims: np.ndarray,
    threshold: float,
    must_link: Sequence[tuple[int, int]] = (),
) -> list[list[int]]:
    """Clusters of items whose average pairwise similarity stays at or above ``threshold``.

    Items joined by ``must_link`` start in one cluster. Merging always takes the pair of clusters
    with the highest average similarity (ties: lowest indices), and stops below ``threshold``.

    Returns clusters as sorted index lists, ordered by their smallest member.

    Clusters never span two connected components of the graph of pairs at or above
    ``threshold`` (plus must-links): a merge needs an average, hence some pair, that high. So
    each component is clustered on its own, which is exact and keeps the matrices small.
    """
    close = np.argwhere(np.triu(sims >= threshold, k=1))
    links = [(int(i), int(j)) for i, j in close] + list(must_link)
    clusters: list[list[int]] = []
    for component in connected_groups(sims.shape[0], links):
        if len(component) == 1:
            clusters.append(component)
            continue
        local = {item: n for n, item in enumerate(component)}
        inner = [(local[i], local[j]) for i, j in must_link if i in local]
        sub = sims[np.ix_(component, component)]
        for cluster in _average_link_dense(sub, threshold, inner):
            clusters.append([component[n] for n in cluster])
    return sorted((sorted(c) for c in clusters), key=lambda c: c[0])


def _average_link_dense(
    sims: np.ndarray, threshold: float, must_link: Sequence[tuple[int, int]]
) -> list[list[int]]:
    groups = connected_groups(sims.shape[0], must_link)
    state = _Linkage(sims, groups)
    clusters = [list(g) for g in groups]
    while state.active.sum() > 1:
        i, j, value = state.top()
        if value < threshold or value == -np.inf:
            break
        i, j = min(i, j), max(i, j)
        state.merge(i, j)
        clusters[i].extend(clusters[j])
        clusters[j] = []
    return [c for c in clusters if c]
