"""Incremental clustering: the same stories as a batch run, whatever the slices and their order."""

from __future__ import annotations

import itertools
import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from storyweave.cluster import assign_incremental, cluster_stories, incremental
from storyweave.cluster.incremental import changed_articles
from storyweave.records import Article, Meta, Relation, Story

FNC = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "stories" / "fnc1-dev.jsonl"

EVENTS = {
    "fire": [
        "A fire destroyed the Harlow paper mill on Tuesday night; firefighters from Denby and "
        "Harlow fought the blaze for six hours and 40 workers were evacuated unharmed.",
        "The Harlow paper mill burned down overnight. Six hours of firefighting by crews from "
        "Harlow and Denby could not save the building, though all 40 workers got out.",
        "Investigators began searching the ruins of the Harlow paper mill, gutted by Tuesday's "
        "fire, for the cause of the blaze that forced 40 workers to flee.",
    ],
    "election": [
        "Voters in Denby elected Miriam Osei as mayor on Sunday with 54 percent of the vote, "
        "ending twelve years of rule by the Civic Alliance in the town hall.",
        "Miriam Osei won the Denby mayoral election, taking 54 percent against the Civic "
        "Alliance candidate, and promised to reopen the closed branch libraries.",
    ],
    "match": [
        "Denby Rovers beat Kestrel United 3-1 in the regional cup semi-final, with two late goals "
        "from striker Paulo Ferreira sending the club to its first final since 1998.",
        "Paulo Ferreira scored twice in the last ten minutes as Denby Rovers knocked Kestrel "
        "United out of the regional cup, winning the semi-final 3-1.",
    ],
}


def corpus() -> list[Article]:
    return [
        Article(f"{event}{i}", f"{event}{i}", f"{event}{i}", text)
        for event, texts in EVENTS.items()
        for i, text in enumerate(texts)
    ]


def members(stories: list[Story]) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def feed(
    articles: list[Article], slices: int, relations: list[Relation], ratio: float = 0.25
) -> list[Story]:
    stories: list[Story] = []
    seen: list[Article] = []
    for part in (articles[i::slices] for i in range(slices)):
        stories = assign_incremental(stories, seen, part, relations, rebuild_ratio=ratio)
        seen += part
    return stories


def test_events_are_found_in_batch() -> None:
    assert members(cluster_stories(corpus(), [])) == {
        frozenset({"fire0", "fire1", "fire2"}),
        frozenset({"election0", "election1"}),
        frozenset({"match0", "match1"}),
    }


@pytest.mark.parametrize("slices", [1, 2, 3])
def test_slices_in_any_order_give_the_batch_stories(slices: int) -> None:
    articles = corpus()
    batch = cluster_stories(articles, [])
    for seed in range(4):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        assert members(feed(shuffled, slices, [])) == members(batch)


def test_growing_a_small_set_one_by_one_rebuilds_and_matches_batch() -> None:
    # One article at a time onto a handful shifts the IDF a lot: such calls re-cluster all.
    articles = corpus()
    batch = cluster_stories(articles, [])
    for seed in range(6):
        shuffled = list(articles)
        random.Random(seed).shuffle(shuffled)
        assert members(feed(shuffled, len(shuffled), [], ratio=0.1)) == members(batch)


def test_new_article_joins_its_story_and_others_are_kept_as_they_were() -> None:
    articles = corpus()
    old = [a for a in articles if a.id != "fire2"]
    before = cluster_stories(old, [])
    after = assign_incremental(before, old, [a for a in articles if a.id == "fire2"], [])
    assert frozenset({"fire0", "fire1", "fire2"}) in members(after)
    untouched = [s for s in before if not s.article_ids[0].startswith("fire")]
    assert all(story in after for story in untouched)  # the very same records


def test_input_order_within_a_call_does_not_matter() -> None:
    articles = corpus()
    old, new = articles[::2], articles[1::2]
    before = cluster_stories(old, [])
    for ratio in (0.25, float("inf")):  # with and without the rebuild
        expected = assign_incremental(before, old, new, [], rebuild_ratio=ratio)
        for order in itertools.islice(itertools.permutations(new), 0, 24, 5):
            again = assign_incremental(
                list(reversed(before)), old[::-1], list(order), [], rebuild_ratio=ratio
            )
            assert again == expected


def test_nothing_new_returns_the_existing_stories() -> None:
    articles = corpus()
    before = cluster_stories(articles, [])
    assert assign_incremental(before, articles, [], []) == before
    assert assign_incremental(before, articles, articles[:2], []) == before  # already placed


def test_must_links_hold_incrementally() -> None:
    articles = corpus()
    relation = Relation("election0", "match0", "near-duplicate", 0.9)
    stories = feed(articles, 3, [relation])
    assert any({"election0", "match0"} <= story for story in members(stories))


def test_a_dated_follow_up_months_later_opens_a_story() -> None:
    articles = [replace(a, published=Meta("2024-05-01", "test")) for a in corpus()]
    old = [a for a in articles if a.id != "fire2"]
    late = replace(next(a for a in articles if a.id == "fire2"), published=Meta("2025-09-01", "t"))
    before = cluster_stories(old, [])
    after = assign_incremental(before, old, [late], [])
    assert members(after) == members(cluster_stories([*old, late], []))


def test_five_slices_of_fnc1_give_the_batch_stories() -> None:
    if not FNC.exists():
        pytest.skip(f"{FNC} is not present")
    with FNC.open(encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    articles = [Article(r["id"], r["id"], r["id"], r["text"]) for r in records]
    random.Random(0).shuffle(articles)
    batch = cluster_stories(articles, [])
    stories = feed(articles, 5, [], ratio=float("inf"))  # never rebuild: incremental only
    assert changed_articles(batch, stories) == set()


@pytest.mark.parametrize("exact", [True, False])
def test_one_link_away_mode_places_new_articles_too(exact: bool) -> None:
    articles = corpus()
    old = [a for a in articles if a.id not in ("fire2", "match1")]
    before = cluster_stories(old, [])
    new = [a for a in articles if a.id in ("fire2", "match1")]
    after = assign_incremental(before, old, new, [], rebuild_ratio=float("inf"), exact=exact)
    assert members(after) == members(cluster_stories(articles, []))
    election = next(s for s in before if s.article_ids[0].startswith("election"))
    assert election in after  # not reached: the same record


def test_a_bounded_region_goes_one_link_away_instead_of_rebuilding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reclustered: list[int] = []
    real = incremental._recluster

    def recording(corpus: Any, region: list[int], must: Any, params: Any) -> Any:
        reclustered.append(len(region))
        return real(corpus, region, must, params)

    monkeypatch.setattr(incremental, "_recluster", recording)
    articles = corpus()
    old = [a for a in articles if a.id != "fire2"]
    new = [a for a in articles if a.id == "fire2"]
    before = cluster_stories(old, [])
    after = assign_incremental(before, old, new, [], rebuild_ratio=float("inf"), region_limit=1)
    assert reclustered == [3]  # the new article and the fire story it links to, not all 7
    assert members(after) == members(cluster_stories(articles, []))
