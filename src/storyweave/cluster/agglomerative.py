"""Average-link agglomerative clustering with must-links: over a dense similarity matrix, or
over a sparse graph (pairs without an edge count as similarity 0). Optionally two clusters that
are both groups of some size join only at a higher average (:class:`GroupJoin`)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyweave.graph import components


def connected_groups(n: int, links: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Connected components of ``n`` items joined by ``links``, each sorted, by smallest member."""
    return components(range(n), links)


@dataclass(frozen=True)
class GroupJoin:
    """Two clusters of at least ``size`` members each merge only at an average similarity of
    ``threshold`` or above (a cluster smaller than that joins at the clustering's threshold).

    One article may join a story it is only loosely like as a whole (a feature's scene-setting
    opening, a late development); two established groups that are only that loosely alike are
    more often two events of one subject, each with its own coverage."""

    size: int
    threshold: float

    def refuses(self, size_a: float, size_b: float, average: float) -> bool:
        """Whether clusters of these sizes may not merge at this average similarity."""
        return min(size_a, size_b) >= self.size and average < self.threshold


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

    def refuse(self, i: int, j: int) -> None:
        """Never merge clusters ``i`` and ``j`` as they are (a merge of either renews them)."""
        self.average[i, j] = -np.inf
        self.average[j, i] = -np.inf
        self._refresh([i, j])

    def _refresh(self, rows: list[int]) -> None:
        for r in rows:
            self.best[r] = int(np.argmax(self.average[r]))
            self.best_value[r] = self.average[r, self.best[r]]


def average_link(
    sims: np.ndarray,
    threshold: float,
    must_link: Sequence[tuple[int, int]] = (),
    join: GroupJoin | None = None,
) -> list[list[int]]:
    """Clusters of items whose average pairwise similarity stays at or above ``threshold``.

    Items joined by ``must_link`` start in one cluster. Merging always takes the pair of clusters
    with the highest average similarity (ties: lowest indices), and stops below ``threshold``.

    Returns clusters as sorted index lists, ordered by their smallest member. ``join``: the
    higher average two large clusters need (a merge it refuses is skipped, not a stop).

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
        for cluster in _average_link_dense(sub, threshold, inner, join):
            clusters.append([component[n] for n in cluster])
    return sorted((sorted(c) for c in clusters), key=lambda c: c[0])


def _average_link_dense(
    sims: np.ndarray,
    threshold: float,
    must_link: Sequence[tuple[int, int]],
    join: GroupJoin | None = None,
) -> list[list[int]]:
    groups = connected_groups(sims.shape[0], must_link)
    state = _Linkage(sims, groups)
    clusters = [list(g) for g in groups]
    while state.active.sum() > 1:
        i, j, value = state.top()
        if value < threshold or value == -np.inf:
            break
        i, j = min(i, j), max(i, j)
        if join is not None and join.refuses(state.sizes[i], state.sizes[j], value):
            state.refuse(i, j)
            continue
        state.merge(i, j)
        clusters[i].extend(clusters[j])
        clusters[j] = []
    return [c for c in clusters if c]


def sparse_average_link(
    n: int,
    edges: Sequence[tuple[int, int, float]],
    threshold: float,
    must_link: Sequence[tuple[int, int]] = (),
    join: GroupJoin | None = None,
) -> list[list[int]]:
    """:func:`average_link` over a sparse graph: a pair without an edge has similarity 0.

    ``edges`` are (i, j, similarity) with i != j, each pair at most once. Gives the same clusters
    as :func:`average_link` on the dense matrix holding these values (and 0 elsewhere), with the
    same tie-breaking, in time about (edges x log edges) instead of n^2.
    """
    count = len(edges)
    return graph_average_link(
        n,
        np.fromiter((i for i, _, _ in edges), dtype=np.int64, count=count),
        np.fromiter((j for _, j, _ in edges), dtype=np.int64, count=count),
        np.fromiter((s for _, _, s in edges), dtype=np.float64, count=count),
        threshold,
        must_link,
        join,
    )


def graph_average_link(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    value: np.ndarray,
    threshold: float,
    must_link: Sequence[tuple[int, int]] = (),
    join: GroupJoin | None = None,
) -> list[list[int]]:
    """:func:`sparse_average_link` over the edges (a[e], b[e], value[e]) held as arrays: only
    the edges of one connected group at a time are made Python objects, not the whole graph."""
    close = value >= threshold
    links = list(zip(a[close].tolist(), b[close].tolist(), strict=True))
    groups = connected_groups(n, links + list(must_link))
    del links
    group_of = np.zeros(n, dtype=np.int64)
    for g, members in enumerate(groups):
        group_of[members] = g
    # The edges inside a group, group by group, each group's in their order among ``a``/``b``.
    inside = np.flatnonzero(group_of[a] == group_of[b])
    inside = inside[np.argsort(group_of[a][inside], kind="stable")]
    bounds = np.searchsorted(group_of[a][inside], np.arange(len(groups) + 1))
    local_must: dict[int, list[tuple[int, int]]] = {}
    for i, j in must_link:
        local_must.setdefault(int(group_of[i]), []).append((i, j))
    clusters: list[list[int]] = []
    for g, members in enumerate(groups):
        if len(members) == 1:
            clusters.append(members)
            continue
        mine = inside[bounds[g] : bounds[g + 1]]
        found = _merge_sparse(
            members, a[mine], b[mine], value[mine], threshold, local_must.get(g, []), join
        )
        clusters.extend(found)
    return sorted((sorted(c) for c in clusters), key=lambda c: c[0])


def _merge_sparse(
    members: list[int],
    a: np.ndarray,
    b: np.ndarray,
    value: np.ndarray,
    threshold: float,
    must_link: list[tuple[int, int]],
    join: GroupJoin | None = None,
) -> list[list[int]]:
    """Average-link inside one component (``members``, sorted, and the edges (a[e], b[e],
    value[e]) among them); clusters are named by their smallest member."""
    starts = components(members, must_link)
    content = {group[0]: list(group) for group in starts}
    totals = _starting_totals(members, starts, a, b, value)
    # Only pairs at or above the threshold are queued: the first pair below it would end the
    # merging, so leaving them out merges the same pairs, with a queue a fraction of the size.
    heap = [
        (-average, x, y)
        for x, row in totals.items()
        for y, total in row.items()
        if x < y and (average := total / (len(content[x]) * len(content[y]))) >= threshold
    ]
    heapq.heapify(heap)
    while heap:
        negative, x, y = heapq.heappop(heap)
        if x not in content or y not in content:
            continue
        size = len(content[x]) * len(content[y])
        if -negative != totals[x][y] / size:
            continue  # stale: one of the two changed since this entry was pushed
        if join is not None and join.refuses(len(content[x]), len(content[y]), -negative):
            continue  # this pair as it is never merges; a merge of either pushes it anew
        _merge_into(x, y, content, totals, heap, threshold)
    return list(content.values())


def _starting_totals(
    members: list[int],
    starts: list[list[int]],
    a: np.ndarray,
    b: np.ndarray,
    value: np.ndarray,
) -> dict[int, dict[int, float]]:
    """The summed similarity of each pair of starting clusters (``starts``, named by their
    first member) that an edge joins, both ways. Each sum adds its edges in their order, from
    arrays: a Python tuple per edge took most of the memory of clustering a large component
    (about 150 bytes an edge; a component of Reuters-21578 held 700,000)."""
    ids = np.asarray(members, dtype=np.int64)
    names = np.empty(len(members), dtype=np.int64)
    for group in starts:
        names[np.searchsorted(ids, group)] = group[0]
    x, y = names[np.searchsorted(ids, a)], names[np.searchsorted(ids, b)]
    apart = x != y
    low, high = np.minimum(x[apart], y[apart]), np.maximum(x[apart], y[apart])
    span = int(ids[-1]) + 1
    pairs, inverse = np.unique(low * span + high, return_inverse=True)
    sums = np.bincount(inverse.reshape(-1), weights=value[apart], minlength=len(pairs))
    totals: dict[int, dict[int, float]] = {group[0]: {} for group in starts}
    name_of = {group[0]: group[0] for group in starts}  # one int object per name, shared
    for pair, total in zip(pairs.tolist(), sums.tolist(), strict=True):
        first, second = name_of[pair // span], name_of[pair % span]
        totals[first][second] = total
        totals[second][first] = total
    return totals


def _merge_into(
    x: int,
    y: int,
    content: dict[int, list[int]],
    totals: dict[int, dict[int, float]],
    heap: list[tuple[float, int, int]],
    threshold: float,
) -> None:
    """Merge clusters ``x`` < ``y`` into ``x`` and push its new averages that reach
    ``threshold``."""
    content[x].extend(content.pop(y))
    row_y = totals.pop(y)
    row_x = totals[x]
    del row_x[y]
    row_y.pop(x, None)
    for other, total in row_y.items():
        row_x[other] = row_x.get(other, 0.0) + total
        del totals[other][y]
    size_x = len(content[x])
    for other, total in row_x.items():
        totals[other][x] = total
        average = total / (size_x * len(content[other]))
        if average >= threshold:
            heapq.heappush(heap, (-average, min(x, other), max(x, other)))
