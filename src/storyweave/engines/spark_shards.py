"""The local dedup engine's decisions replayed on Spark, per shard of components of the
candidate graph: each shard runs ``decide_by_estimate`` and ``decide_by_words`` on its own
documents in the local engine's order, rounds of pairs numbered by one global sort between the
steps, and gives back its groups."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np

from storyweave.duplicates import (
    MAX_LONELY_PAIRS,
    DedupGroup,
    Features,
    Links,
    decide_by_estimate,
    decide_by_words,
)
from storyweave.engines.spark_rdds import Doc, Pair, Settings, persist, shuffle_parts
from storyweave.records import RelationKind

if TYPE_CHECKING:
    from pyspark import RDD


@dataclass
class Shard:
    """The components of one shard: their texts (``positions``, ascending, and features in
    that order), exact duplicates of each, boilerplate texts, links so far, and the pairs of
    each round (local indices)."""

    positions: np.ndarray
    features: Features
    duplicates: list[list[int]]
    boilerplate: set[int]
    links: Links
    pairs: dict[str, np.ndarray]
    left: np.ndarray  # pairs the estimate of the current round left


def _shard_of(node: int, shards: int) -> int:
    return node % shards


def shard_states(
    reps: RDD[tuple[int, Doc]],
    labels: RDD[tuple[int, int]],
    dup_lists: RDD[tuple[int, list[int]]],
    boilerplate: RDD[tuple[int, bool]],
    primary: RDD[Pair],
    secondary: RDD[Pair],
    shards: int,
) -> RDD[tuple[int, Shard]]:
    parts = shuffle_parts(reps)
    labelled = reps.map(lambda rd: (rd[1].pos, rd[1])).join(labels, parts)
    docs: RDD[Any] = labelled.leftOuterJoin(dup_lists, parts).leftOuterJoin(boilerplate, parts)
    members: RDD[tuple[int, Any]] = docs.map(partial(_member, shards=shards))
    keyed = [members]
    for name, pairs in (("primary", primary), ("secondary", secondary)):
        keyed.append(pairs.join(labels, parts).map(partial(_routed, name=name, shards=shards)))
    grouped = members.context.union(keyed).groupByKey(shards)
    return persist(grouped.mapValues(_new_shard))


def _member(entry: Any, shards: int) -> tuple[int, Any]:
    _, (((doc, label), duplicates), boiler) = entry
    return _shard_of(label, shards), (doc, duplicates or [], bool(boiler))


def _routed(entry: tuple[int, tuple[int, int]], name: str, shards: int) -> tuple[int, Any]:
    a, (b, label) = entry
    return _shard_of(label, shards), (name, a, b)


def _new_shard(entries: Iterable[Any]) -> Shard:
    docs: list[tuple[Doc, list[int], bool]] = []
    pairs: dict[str, list[Pair]] = {"primary": [], "secondary": []}
    for entry in entries:
        if isinstance(entry[0], str):
            pairs[entry[0]].append((entry[1], entry[2]))
        else:
            docs.append(entry)
    docs.sort(key=lambda e: e[0].pos)
    positions = np.array([d.pos for d, _, _ in docs], dtype=np.int64)
    return Shard(
        positions,
        _features([d for d, _, _ in docs]),
        [dup for _, dup, _ in docs],
        {i for i, (_, _, boiler) in enumerate(docs) if boiler},
        Links(np.arange(len(docs))),
        {name: _local_pairs(positions, found) for name, found in pairs.items()},
        np.zeros((0, 2), np.int64),
    )


def _features(docs: Sequence[Doc]) -> Features:
    """The local engine's features of ``docs`` (those its decisions read)."""
    lengths = np.array([d.length for d in docs], dtype=np.int64)
    signatures = [d.signature for d in docs]
    width = len(signatures[0]) if signatures else 0
    return Features(
        np.concatenate([np.zeros(0, np.uint64), *(d.tokens for d in docs)]),
        lengths,
        np.stack(signatures) if signatures else np.zeros((0, width), np.uint32),
        np.array([d.key for d in docs], dtype=np.uint64),
        np.array([d.distinct for d in docs], dtype=np.int64),
        np.zeros(0, np.uint64),
        np.full(len(docs), -1, dtype=np.int64),
        np.zeros((len(docs), 0), np.uint64),
    )


def _local_pairs(positions: np.ndarray, pairs: Sequence[Pair]) -> np.ndarray:
    """``pairs`` of positions as sorted distinct pairs of indices into ``positions``."""
    if not pairs:
        return np.zeros((0, 2), np.int64)
    found = np.searchsorted(positions, np.array(sorted(set(pairs)), dtype=np.int64))
    return found.astype(np.int64)


def decision_round(
    state: RDD[tuple[int, Shard]], name: str, shards: int, settings: Settings
) -> RDD[tuple[int, Shard]]:
    """One call of the local engine's ``decide`` on the pairs ``name`` of every shard."""
    step = partial(_estimate, name=name, settings=settings)
    estimated = persist(state.mapValues(step))
    left = estimated.flatMap(
        lambda s: [
            (int(s[1].positions[a]), int(s[1].positions[b]), s[0]) for a, b in s[1].left.tolist()
        ]
    )
    total = left.count()
    if total <= settings.block:  # one block: no need to number the pairs
        decided = estimated.mapValues(partial(_by_words, blocks=None, settings=settings))
    else:
        ordered = left.sortBy(lambda e: (e[0], e[1]), numPartitions=shuffle_parts(left))
        numbered = ordered.zipWithIndex()
        blocks = numbered.map(lambda ei: (ei[0][2], (ei[0][0], ei[0][1], ei[1] // settings.block)))
        joined = estimated.leftOuterJoin(blocks.groupByKey(shards), shards)
        decided = joined.mapValues(
            lambda sb: _by_words(sb[0], blocks=sb[1] or (), settings=settings)
        )
    decided = persist(decided)
    decided.count()
    state.unpersist()
    estimated.unpersist()
    return decided


def _estimate(shard: Shard, name: str, settings: Settings) -> Shard:
    pairs = shard.pairs.pop(name, np.zeros((0, 2), np.int64))
    shard.left = decide_by_estimate(
        shard.features, pairs, shard.links, threshold=settings.threshold, k=settings.k
    )
    return shard


def _by_words(
    shard: Shard, blocks: Iterable[tuple[int, int, int]] | None, settings: Settings
) -> Shard:
    if blocks is None:
        numbers = np.zeros(len(shard.left), dtype=np.int64)
    else:
        # The shard's pairs are in position order, so their blocks are too.
        numbers = np.array([n for _, _, n in sorted(blocks)], dtype=np.int64)
    decide_by_words(
        shard.features,
        shard.left,
        numbers,
        shard.boilerplate,
        shard.links,
        threshold=settings.threshold,
        k=settings.k,
    )
    shard.left = np.zeros((0, 2), np.int64)
    return shard


def lonely_round(
    state: RDD[tuple[int, Shard]],
    buckets: RDD[tuple[Any, list[int]]],
    shards: int,
    settings: Settings,
) -> RDD[tuple[int, Shard]]:
    """The local engine's second chance for texts still alone: pairs with up to
    ``MAX_LONELY_PAIRS`` members of each of their LSH buckets."""
    alone = state.flatMap(lambda s: [(pos, s[0]) for pos in _alone(s[1])])
    firsts = buckets.mapValues(lambda members: members[:MAX_LONELY_PAIRS])
    membership = buckets.flatMap(lambda kv: [(pos, kv[0]) for pos in kv[1]])
    parts = shuffle_parts(buckets)
    wanted = membership.join(alone, parts).map(lambda kv: (kv[1][0], (kv[0], kv[1][1])))
    pairs = wanted.join(firsts, parts).flatMap(
        lambda kv: [(kv[1][0][1], (kv[1][0][0], other)) for other in kv[1][1]]
    )
    grouped = pairs.groupByKey(shards)
    joined = state.leftOuterJoin(grouped, shards)
    with_pairs = joined.mapValues(lambda sp: _add_pairs(sp[0], "lonely", sp[1] or ()))
    decided = decision_round(persist(with_pairs), "lonely", shards, settings)
    state.unpersist()
    return decided


def _alone(shard: Shard) -> list[int]:
    """Positions of the texts alone in their group (no duplicate, no link)."""
    roots = shard.links.roots
    sizes = np.bincount(roots, minlength=len(roots))
    copies = np.array([len(d) for d in shard.duplicates], dtype=np.int64)
    sizes += np.bincount(roots, weights=copies, minlength=len(roots)).astype(np.int64)
    found: list[int] = shard.positions[sizes[roots] == 1].tolist()
    return found


def _add_pairs(shard: Shard, name: str, pairs: Iterable[Pair]) -> Shard:
    distinct = [(min(p), max(p)) for p in pairs if p[0] != p[1]]
    shard.pairs[name] = _local_pairs(shard.positions, distinct)
    return shard


def shard_groups(shard: Shard) -> Iterator[tuple[int, DedupGroup]]:
    """The groups of a shard, as (first member, group) (``duplicates.components.groups_of``)."""
    links = shard.links
    order = np.argsort(links.roots, kind="stable")
    roots = links.roots[order]
    opens = np.flatnonzero(np.diff(roots, prepend=-1) != 0)
    for texts in np.split(order, opens[1:]):
        members = sorted(
            [int(shard.positions[t]) for t in texts.tolist()]
            + [m for t in texts.tolist() for m in shard.duplicates[t]]
        )
        if len(members) < 2:
            continue
        if len(texts) == 1:
            yield members[0], DedupGroup(RelationKind.DUPLICATE, tuple(members), 1.0)
        else:
            score = round(float(links.low[links.roots[texts[0]]]), 4)
            yield members[0], DedupGroup(RelationKind.NEAR_DUPLICATE, tuple(members), score)
