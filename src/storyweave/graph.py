"""Connected components of small undirected graphs, by union-find (a disjoint-set forest), and the
edges that fall within groups of nodes.

Every set is represented by its *smallest* member, so the output never depends on the order in
which edges arrive: :meth:`DisjointSet.find` returns the smallest member of a node's set, and
:meth:`DisjointSet.groups` and :func:`components` return each group sorted, the groups ordered
by their smallest member.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from typing import Any, Generic, Protocol, TypeVar


class _Orderable(Hashable, Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


T = TypeVar("T", bound=_Orderable)


class DisjointSet(Generic[T]):
    """Disjoint sets over a fixed collection of hashable, mutually comparable nodes."""

    def __init__(self, nodes: Iterable[T] = ()) -> None:
        """Start with each of ``nodes`` (duplicates ignored) in a set of its own."""
        self._parent: dict[T, T] = {}
        for node in nodes:
            self.add(node)

    def add(self, node: T) -> None:
        """Add ``node`` as a set of its own; a node already present is left as it is."""
        self._parent.setdefault(node, node)

    def __contains__(self, node: object) -> bool:
        return node in self._parent

    def __len__(self) -> int:
        return len(self._parent)

    def __iter__(self) -> Iterator[T]:
        """The nodes, in the order they were first added."""
        return iter(self._parent)

    def find(self, node: T) -> T:
        """The smallest member of ``node``'s set. Raises KeyError for an unknown node."""
        parent = self._parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    def union(self, a: T, b: T) -> bool:
        """Join the sets of ``a`` and ``b``; False if they were already one set."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        # Keeping the smaller root is what makes every root its set's smallest member.
        if root_b < root_a:
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        return True

    def groups(self) -> list[list[T]]:
        """Every set as a sorted list, the sets ordered by their smallest member."""
        by_root: dict[T, list[T]] = {}
        for node in self._parent:
            by_root.setdefault(self.find(node), []).append(node)
        return [sorted(by_root[root]) for root in sorted(by_root)]


def components(nodes: Iterable[T], edges: Iterable[tuple[T, T]]) -> list[list[T]]:
    """Connected components of the graph of ``nodes`` joined by ``edges``.

    Each component is sorted and the components are ordered by their smallest member. Every
    end of an edge must be one of ``nodes`` (KeyError otherwise).
    """
    sets = DisjointSet(nodes)
    for a, b in edges:
        sets.union(a, b)
    return sets.groups()


E = TypeVar("E")


def edges_within(
    groups: Mapping[str, Iterable[Hashable]],
    edges: Iterable[E],
    ends: Callable[[E], tuple[Hashable, Hashable]],
) -> dict[str, list[E]]:
    """The ``edges`` whose two ``ends`` lie in one group, by group name (edge order kept): one
    pass over the edges, not one per group. A node is taken in its first group."""
    group_of: dict[Hashable, str] = {}
    for name, members in groups.items():
        for member in members:
            group_of.setdefault(member, name)
    within: dict[str, list[E]] = {}
    for edge in edges:
        a, b = ends(edge)
        group = group_of.get(a)
        if group is not None and group == group_of.get(b):
            within.setdefault(group, []).append(edge)
    return within
