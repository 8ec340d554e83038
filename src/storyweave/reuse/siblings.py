"""Sibling copies: two articles that both derive from a common origin, not from each other.

Two copies of one origin are related to each other too (they share the origin's text), and the
pairwise signals of ``provenance.direct`` then pick a direction between them on weak grounds
(one has a date, the other a credit line). When an origin ``o`` is the direct origin of both
``x`` and ``y``, the ``x``–``y`` relation is between siblings if

- ``o`` is more similar (word level) to each of them than they are to each other, or
- each keeps words of ``o`` that the other lacks (so neither can derive from the other alone).

Such a relation loses its direction and says why in its evidence ("both derive from o").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import Enum
from functools import cache
from typing import Protocol

from storyweave.records import Article, Relation
from storyweave.reuse.align import word_alignment, word_similarity
from storyweave.text import word_tokens

SIBLING = "siblings: both derive from"  # how the evidence of a sibling relation starts
MIN_OWN_WORDS = 3  # words of the origin one sibling must keep that the other lacks ...
MIN_OWN_SHARE = 0.01  # ... and at least this share of the origin's words


@dataclass(frozen=True)
class Siblings:
    """Why ``x`` and ``y`` are siblings under ``origin``: similarities and exclusive words."""

    origin: str
    x: str
    y: str
    origin_x: float
    origin_y: float
    x_y: float
    x_only: int  # words of the origin that x keeps and y lacks
    y_only: int

    def describe(self) -> str:
        """The evidence sentence for the sibling relation."""
        return (
            f"{SIBLING} {self.origin}, not from each other: word similarity "
            f"{self.origin}–{self.x} {self.origin_x:.2f}, {self.origin}–{self.y} "
            f"{self.origin_y:.2f}, {self.x}–{self.y} {self.x_y:.2f}; {self.x} keeps "
            f"{self.x_only} words of {self.origin} that {self.y} lacks, {self.y} keeps "
            f"{self.y_only} that {self.x} lacks"
        )


def is_sibling_relation(relation: Relation) -> bool:
    """Whether ``relation`` was found to hold between two copies of a common origin."""
    return relation.direction is None and any(e.startswith(SIBLING) for e in relation.evidence)


SiblingQuestion = tuple[str, str, tuple[str, ...]]
"""(x, y, origins): two related articles and the origins they share (sorted), whose first
sibling judgement decides the x–y relation."""


class SiblingMemo(Protocol):
    """Sibling judgements kept between calls (e.g. in a store), by :data:`SiblingQuestion`."""

    def known(
        self, questions: Sequence[SiblingQuestion]
    ) -> Mapping[SiblingQuestion, Siblings | None]:
        """The kept judgements of those of ``questions`` that have one."""
        ...

    def keep(self, judged: Mapping[SiblingQuestion, Siblings | None]) -> None:
        """Keep new judgements."""
        ...


def mark_siblings(
    articles: Sequence[Article],
    relations: Sequence[Relation],
    memo: SiblingMemo | None = None,
    recent: frozenset[str] = frozenset(),
) -> list[Relation]:
    """Return ``relations`` (same order) with sibling relations undirected and explained.

    A relation whose direction the pairwise signals had set keeps that verdict in its evidence
    ("pairwise signals said ..."), so nothing is hidden. ``memo``: the judgement of each
    relation under its common origins (:data:`SiblingQuestion`), kept from earlier calls and
    used instead of aligning the texts again; new ones are kept there. ``recent``: articles
    that may have joined the common origins since the memo was filled (a run's new articles).
    A relation whose origins the memo knows without the recent ones is judged under the
    recent ones only: an origin it had already judged stands as it was.
    """
    by_id = {a.id: a for a in articles}
    origins_of: dict[str, set[str]] = {}
    for relation in relations:
        if relation.direction is not None and relation.direction.origin in by_id:
            origins_of.setdefault(relation.direction.copy, set()).add(relation.direction.origin)
    none: set[str] = set()

    def question(relation: Relation) -> SiblingQuestion:
        x, y = relation.a, relation.b
        if x not in by_id or y not in by_id:
            return x, y, ()
        common = origins_of.get(x, none) & origins_of.get(y, none)
        common.discard(x)
        common.discard(y)
        return x, y, tuple(sorted(common))

    @cache
    def tokens(article_id: str) -> list[str]:
        return word_tokens(by_id[article_id].text)

    # The origin's alignment with each copy and the copies' similarity are the same whichever
    # relation asks: computed once each, not once per (relation, common origin).
    @cache
    def alignment(origin: str, copy: str) -> tuple[float, int]:
        return word_alignment(tokens(origin), tokens(copy))

    @cache
    def similarity(x: str, y: str) -> float:
        return word_similarity(tokens(x), tokens(y))

    def first_common_origin(asked: SiblingQuestion, before: Earlier = NOT_ASKED) -> Siblings | None:
        """The judgement under the first origin of ``asked`` that finds siblings; ``before``,
        its judgement without the recent origins, stands for the origins it judged."""
        x, y, origins = asked
        for origin in origins:
            if before is not NOT_ASKED:
                if before is not None and origin == before.origin:
                    return before
                if origin not in recent:
                    continue  # judged before, and found no siblings
            found = _judged(
                (origin, x, y),
                alignment(origin, x),
                alignment(origin, y),
                similarity(x, y),
                len(tokens(origin)),
            )
            if found is not None:
                return found
        return None

    questions = [question(relation) for relation in relations]
    asked = [q for q in questions if q[2]]
    known = memo.known(asked) if memo is not None and asked else {}
    earlier = _earlier_judgements(memo, [q for q in asked if q not in known], recent)
    fresh: dict[SiblingQuestion, Siblings | None] = {}
    marked: list[Relation] = []
    for relation, q in zip(relations, questions, strict=True):
        if not q[2]:
            marked.append(relation)
            continue
        if q in known:
            found = known[q]
        else:
            found = fresh[q] = first_common_origin(q, earlier.get(q, NOT_ASKED))
        marked.append(relation if found is None else _undirect(relation, found))
    if memo is not None and fresh:
        memo.keep(fresh)
    return marked


class _NotAsked(Enum):
    NOT_ASKED = "not asked"


NOT_ASKED = _NotAsked.NOT_ASKED
Earlier = Siblings | None | _NotAsked  # a kept judgement, or none kept


def _earlier_judgements(
    memo: SiblingMemo | None, missing: Sequence[SiblingQuestion], recent: frozenset[str]
) -> dict[SiblingQuestion, Siblings | None]:
    """The kept judgement of each of ``missing`` under its origins without the ``recent`` ones,
    for those the memo knows so."""
    if memo is None or not recent:
        return {}
    without: dict[SiblingQuestion, SiblingQuestion] = {}
    for x, y, origins in missing:
        older = tuple(o for o in origins if o not in recent)
        if older and len(older) < len(origins):
            without[(x, y, origins)] = (x, y, older)
    if not without:
        return {}
    kept = memo.known(list(without.values()))
    return {q: kept[older] for q, older in without.items() if older in kept}


def sibling_test(
    origin: str,
    x: str,
    y: str,
    origin_words: list[str],
    x_words: list[str],
    y_words: list[str],
) -> Siblings | None:
    """The sibling evidence when ``x`` and ``y`` (copies of ``origin``) are siblings, else None."""
    return _judged(
        (origin, x, y),
        word_alignment(origin_words, x_words),
        word_alignment(origin_words, y_words),
        word_similarity(x_words, y_words),
        len(origin_words),
    )


def _judged(
    ids: tuple[str, str, str],
    origin_x: tuple[float, int],
    origin_y: tuple[float, int],
    x_y: float,
    origin_length: int,
) -> Siblings | None:
    """:func:`sibling_test` on the alignments of the origin (of ``origin_length`` words) with
    each copy (similarity, kept words as a bit mask) and the copies' similarity."""
    (similar_x, kept_x), (similar_y, kept_y) = origin_x, origin_y
    x_only, y_only = (kept_x & ~kept_y).bit_count(), (kept_y & ~kept_x).bit_count()
    closer_to_origin = x_y < min(similar_x, similar_y)
    least = max(MIN_OWN_WORDS, MIN_OWN_SHARE * origin_length)
    each_keeps_own = x_only >= least and y_only >= least
    if not (closer_to_origin or each_keeps_own):
        return None
    return Siblings(*ids, similar_x, similar_y, x_y, x_only, y_only)


def _undirect(relation: Relation, siblings: Siblings) -> Relation:
    evidence = [siblings.describe()]
    if relation.direction is not None:
        direction = relation.direction
        evidence.append(
            f"pairwise signals alone said {direction.origin} → {direction.copy} "
            f"({'; '.join(direction.evidence)})"
        )
    return replace(relation, direction=None, evidence=relation.evidence + tuple(evidence))
