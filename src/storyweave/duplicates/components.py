"""Groups of duplicates as connected components of the links found so far (a union-find that
keeps each link's score and kind).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from storyweave.duplicates.candidates import unique_values
from storyweave.records import RelationKind


@dataclass(frozen=True)
class DedupGroup:
    """Documents with the same text (``duplicate``) or nearly (``near-duplicate``).

    ``members`` are input positions, ascending; ``score`` is the smallest similarity of the
    links that joined the group (1.0 for duplicates).
    """

    kind: str
    members: tuple[int, ...]
    score: float


class Links:
    """Connected components over input positions: ``roots[i]`` is the smallest member of i's
    component (so the groups do not depend on the order of the links), ``low[r]`` the smallest
    link score in root r's component. Links come in bulk (:meth:`join`, vectorised) or one by
    one (:meth:`sequential`, for links that depend on the ones before)."""

    def __init__(self, roots: np.ndarray) -> None:
        self.roots = roots.astype(np.int64)
        self.low = np.ones(len(roots), dtype=np.float64)

    def join(self, a: np.ndarray, b: np.ndarray, scores: np.ndarray) -> None:
        """Link each a[i] with b[i] (score scores[i])."""
        if len(a) == 0:
            return
        roots, linked = self.roots, a
        while True:
            ra, rb = roots[a], roots[b]
            apart = ra != rb
            if not apart.any():
                break
            a, b, ra, rb = a[apart], b[apart], ra[apart], rb[apart]
            # Hook each root to the smallest root it is linked with, then jump to the roots.
            np.minimum.at(roots, np.maximum(ra, rb), np.minimum(ra, rb))
            while True:
                jumped = roots[roots]
                if np.array_equal(jumped, roots):
                    break
                roots = jumped
            self.roots = roots
        self._settle()
        np.minimum.at(self.low, self.roots[linked], scores)

    def _settle(self) -> None:
        """Carry every node's low score to its root."""
        np.minimum.at(self.low, self.roots, self.low.copy())

    def sequential(self) -> _Sequential:
        """A one-by-one view; call its ``close()`` to write the links back."""
        return _Sequential(self)


class _Sequential:
    """Union-find for links decided one at a time: a dictionary over the components the links
    touch (starting from the bulk roots), so its cost follows the links, not the documents;
    ``close()`` hands the links to the bulk structure."""

    def __init__(self, links: Links) -> None:
        self.links = links
        self.parent: dict[int, int] = {}
        self.joined: list[tuple[int, int, float]] = []

    def find(self, node: int) -> int:
        node = int(self.links.roots[node])
        parent = self.parent
        while parent.get(node, node) != node:
            parent[node] = parent.get(parent[node], parent[node])
            node = parent[node]
        return node

    def union(self, a: int, b: int, score: float) -> None:
        root_a, root_b = self.find(a), self.find(b)
        self.parent[max(root_a, root_b)] = min(root_a, root_b)
        self.joined.append((a, b, score))

    def close(self) -> None:
        if self.joined:
            a, b, scores = zip(*self.joined, strict=True)
            self.links.join(np.array(a), np.array(b), np.array(scores, dtype=np.float64))


def groups_of(links: Links, rep_of: np.ndarray) -> list[DedupGroup]:
    roots = links.roots
    order = np.argsort(roots, kind="stable")
    sorted_roots = roots[order]
    opens = np.flatnonzero(np.concatenate([[True], sorted_roots[1:] != sorted_roots[:-1]]))
    sizes = np.diff(np.append(opens, len(order)))
    # A group of one distinct text is a group of duplicates.
    width = np.int64(len(roots) + 1)
    texts = unique_values(roots * width + (rep_of + 1)) // width
    distinct = np.bincount(texts, minlength=len(roots))
    members = order.tolist()
    groups = []
    for start, size in zip(opens[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
        root = int(sorted_roots[start])
        single_text = distinct[root] == 1
        kind = RelationKind.DUPLICATE if single_text else RelationKind.NEAR_DUPLICATE
        score = 1.0 if single_text else float(links.low[root])
        groups.append(DedupGroup(kind, tuple(members[start : start + size]), round(score, 4)))
    return groups
