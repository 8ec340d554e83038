"""Independent sources: articles that copy one another count as one source, and so do the
articles of one outlet (a follow-up or an update of its own report does not corroborate it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from storyweave.graph import DisjointSet
from storyweave.records import Article, Relation, RelationKind

# Every relation kind: a rewrite (spun or reworded copy) derives from its origin just like a
# verbatim copy does, so it does not corroborate it either.
DEPENDENT_KINDS = frozenset(RelationKind)


def source_groups(
    article_ids: Iterable[str],
    relations: Sequence[Relation],
    dependent_kinds: frozenset[str] = DEPENDENT_KINDS,
    outlets: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Map each article id to its source: the smallest id of its component, articles joined by
    a copy relation or by one outlet (``outlets``, as :func:`outlets_of` gives them)."""
    sets = DisjointSet(article_ids)
    for relation in relations:
        if relation.kind in dependent_kinds and relation.a in sets and relation.b in sets:
            sets.union(relation.a, relation.b)
    first_of: dict[str, str] = {}
    for aid, outlet in sorted((outlets or {}).items()):
        if aid in sets and outlet:
            sets.union(first_of.setdefault(outlet, aid), aid)
    return {aid: sets.find(aid) for aid in sets}


def outlets_of(articles: Iterable[Article]) -> dict[str, str]:
    """Each article's outlet as :func:`source_groups` compares them (case and spaces aside),
    for the articles whose outlet is known."""
    return {a.id: " ".join(a.outlet.value.split()).casefold() for a in articles if a.outlet}


def independent_count(article_ids: Iterable[str], groups: dict[str, str]) -> int:
    """How many independent sources the articles ``article_ids`` amount to."""
    return len({groups.get(aid, aid) for aid in article_ids})
