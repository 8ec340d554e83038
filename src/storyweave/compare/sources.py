"""Independent sources: articles that copy one another count as one source."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyweave.graph import DisjointSet
from storyweave.records import Relation, RelationKind

# Every relation kind: a rewrite (spun or reworded copy) derives from its origin just like a
# verbatim copy does, so it does not corroborate it either.
DEPENDENT_KINDS = frozenset(RelationKind)


def source_groups(
    article_ids: Iterable[str],
    relations: Sequence[Relation],
    dependent_kinds: frozenset[str] = DEPENDENT_KINDS,
) -> dict[str, str]:
    """Map each article id to its source: the smallest id of its copy-connected component."""
    sets = DisjointSet(article_ids)
    for relation in relations:
        if relation.kind in dependent_kinds and relation.a in sets and relation.b in sets:
            sets.union(relation.a, relation.b)
    return {aid: sets.find(aid) for aid in sets}


def independent_count(article_ids: Iterable[str], groups: dict[str, str]) -> int:
    """How many independent sources the articles ``article_ids`` amount to."""
    return len({groups.get(aid, aid) for aid in article_ids})
