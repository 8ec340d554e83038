"""Connected components by union-find: storyweave.graph."""

from __future__ import annotations

from collections import defaultdict, deque

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyweave.graph import DisjointSet, components, edges_within


def _bfs_components(nodes: list[int], edges: list[tuple[int, int]]) -> list[list[int]]:
    """The obvious reference: breadth-first search from each unvisited node."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen: set[int] = set()
    found = []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        group, queue = [], deque([start])
        while queue:
            node = queue.popleft()
            group.append(node)
            for other in neighbours[node] - seen:
                seen.add(other)
                queue.append(other)
        found.append(sorted(group))
    return sorted(found)


def test_no_nodes_no_components() -> None:
    assert components([], []) == []


def test_isolated_nodes_are_singletons() -> None:
    assert components([2, 0, 1], []) == [[0], [1], [2]]


def test_components_are_sorted_and_ordered_by_smallest_member() -> None:
    edges = [("pear", "apple"), ("zebra", "fig"), ("fig", "banana")]
    nodes = ["zebra", "pear", "fig", "banana", "apple", "cherry"]
    assert components(nodes, edges) == [
        ["apple", "pear"],
        ["banana", "fig", "zebra"],
        ["cherry"],
    ]


def test_find_is_the_smallest_member_whatever_the_union_order() -> None:
    sets = DisjointSet(range(6))
    sets.union(5, 4)
    sets.union(4, 3)
    sets.union(1, 5)
    assert [sets.find(n) for n in range(6)] == [0, 1, 2, 1, 1, 1]


def test_union_reports_whether_it_joined_two_sets() -> None:
    sets = DisjointSet("abc")
    assert sets.union("a", "b")
    assert not sets.union("b", "a")
    assert sets.union("c", "b")
    assert sets.groups() == [["a", "b", "c"]]


def test_duplicate_nodes_count_once_and_keep_first_order() -> None:
    sets = DisjointSet(["b", "a", "b"])
    sets.add("a")
    assert list(sets) == ["b", "a"]
    assert len(sets) == 2
    assert "a" in sets
    assert "z" not in sets


def test_an_edge_to_an_unknown_node_is_an_error() -> None:
    with pytest.raises(KeyError):
        components([0, 1], [(0, 2)])


def test_self_loops_change_nothing() -> None:
    assert components([0, 1], [(1, 1)]) == [[0], [1]]


_GRAPHS = st.integers(min_value=0, max_value=30).flatmap(
    lambda n: st.tuples(
        st.permutations(list(range(n))),
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=40)
        if n
        else st.just([]),
    )
)


@given(_GRAPHS)
def test_components_equal_breadth_first_search(
    graph: tuple[list[int], list[tuple[int, int]]],
) -> None:
    nodes, edges = graph
    assert components(nodes, edges) == _bfs_components(nodes, edges)


@given(_GRAPHS)
def test_components_do_not_depend_on_edge_order_or_direction(
    graph: tuple[list[int], list[tuple[int, int]]],
) -> None:
    nodes, edges = graph
    flipped = [(b, a) for a, b in reversed(edges)]
    assert components(nodes, edges) == components(sorted(nodes), flipped)


@given(_GRAPHS)
def test_every_node_finds_the_smallest_member_of_its_component(
    graph: tuple[list[int], list[tuple[int, int]]],
) -> None:
    nodes, edges = graph
    sets = DisjointSet(nodes)
    for a, b in edges:
        sets.union(a, b)
    for group in _bfs_components(nodes, edges):
        assert {sets.find(node) for node in group} == {group[0]}


def test_edges_within_groups_keep_their_order_and_leave_crossing_edges_out() -> None:
    groups = {"s1": ["a", "b", "c"], "s2": ["d", "e"], "s3": ["a"]}
    edges = [("c", "a"), ("a", "d"), ("e", "d"), ("b", "c"), ("x", "y"), ("a", "a")]
    assert edges_within(groups, edges, lambda edge: edge) == {
        "s1": [("c", "a"), ("b", "c"), ("a", "a")],
        "s2": [("e", "d")],
    }
