"""Independent sources: articles that copy one another count as one source."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyweave.records import Relation

# A rewrite (spun or reworded copy) derives from its origin just like a verbatim copy does, so it
# does not corroborate it either.
DEPENDENT_KINDS = frozenset({"duplicate", "near-duplicate", "reuse", "rewrite"})


def source_groups(
    article_ids: Iterable[str],
    relations: Sequence[Relation],
    dependent_kinds: frozenset[str] = DEPENDENT_KINDS,
) -> dict[str, str]:
    """Map each article id to its source: the smallest id of its copy-connected component."""
    parent = {aid: aid for aid in article_ids}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for relation in relations:
        if relation.kind not in dependent_kinds:
            continue
        if relation.a not in parent or relation.b not in parent:
            continue
        root_a, root_b = find(relation.a), find(relation.b)
        if root_a != root_b:
            parent[max(root_a, root_b)] = min(root_a, root_b)
    return {aid: find(aid) for aid in parent}


def independent_count(article_ids: Iterable[str], groups: dict[str, str]) -> int:
    """How many independent sources the articles ``article_ids`` amount to."""
    return len({groups.get(aid, aid) for aid in article_ids})
