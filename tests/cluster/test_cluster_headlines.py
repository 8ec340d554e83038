"""Headline support: titled reports of two events of one subject are kept apart, one event's
reports stay together, articles without titles are left as they were, and an incremental run
meets the same support as a batch run."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np

from storyweave.cluster import Weights, assign_incremental, cluster_stories
from storyweave.cluster.stories import build_corpus, similarity_matrix
from storyweave.records import Article, Meta, Story

# Two matches of one club, a week apart: the same club, manager, ground and league.
FIRST_MATCH = (
    "Harwick Rovers beat Dunmore City 3-1 at Millbrook Park on Saturday, with Tomas Ekland "
    "scoring twice in the second half. Manager Ruth Calloway said her side had been patient and "
    "that the win kept Harwick Rovers top of the Northern League after twelve games this season."
)
FIRST_AGAIN = (
    "Two second-half goals from Tomas Ekland gave Harwick Rovers a 3-1 home win over Dunmore "
    "City, who had led at the break. Ruth Calloway praised the patience of her players at "
    "Millbrook Park."
)
SECOND_MATCH = (
    "Kelso Athletic ended a long unbeaten run with a 2-0 win on Tuesday night, Ilse Brandt "
    "heading the opener before a late penalty. Ruth Calloway, the visiting manager, blamed tired "
    "legs after a busy month for Harwick Rovers, who remain top of the Northern League."
)
OTHERS = (
    "The river Aldmoor burst its banks in Westbury on Sunday night after three days of heavy "
    "rain, flooding about 200 homes near the old mill.",
    "Westbury town council approved its budget for next year on Thursday, raising spending on "
    "schools and libraries while freezing the local property tax.",
    "Floodwater from the Aldmoor swept through the lower town of Westbury overnight, forcing the "
    "evacuation of hundreds of residents near the old mill.",
)
FIRST_TITLE = "Ekland double sends Dunmore packing"
FIRST_AGAIN_TITLE = "Ekland scores twice as Harwick Rovers come back against Dunmore City"
SECOND_TITLE = "Kelso Athletic stun the league leaders"


def article(article_id: str, text: str, day: str, title: str | None) -> Article:
    base = Article(article_id, article_id, article_id, text)
    return replace(base, published=Meta(day, "test"), title=Meta(title, "test") if title else None)


def matches(titled: bool) -> list[Article]:
    found = [
        article("m1", FIRST_MATCH, "2024-03-02", FIRST_TITLE if titled else None),
        article("m2", SECOND_MATCH, "2024-03-05", SECOND_TITLE if titled else None),
    ]
    others = [article(f"o{i}", t, "2024-02-10", None) for i, t in enumerate(OTHERS)]
    return found + others


def together(stories: list[Story], *ids: str) -> bool:
    return any(set(ids) <= set(s.article_ids) for s in stories)


def test_untitled_reports_of_two_matches_join_on_their_text() -> None:
    assert together(cluster_stories(matches(titled=False), []), "m1", "m2")


def test_titles_naming_two_events_keep_their_reports_apart() -> None:
    stories = cluster_stories(matches(titled=True), [])
    assert not together(stories, "m1", "m2")


def test_the_headline_factor_can_be_turned_off() -> None:
    stories = cluster_stories(matches(titled=True), [], weights=Weights(title_conflict=1.0))
    assert together(stories, "m1", "m2")


def test_titles_of_one_event_keep_its_reports_together() -> None:
    articles = [*matches(titled=True), article("m3", FIRST_AGAIN, "2024-03-03", FIRST_AGAIN_TITLE)]
    stories = cluster_stories(articles, [])
    assert together(stories, "m1", "m3")
    assert not together(stories, "m2", "m3")


def test_support_is_the_smaller_share_and_none_without_a_title() -> None:
    articles = [*matches(titled=True), article("u", FIRST_AGAIN, "2024-03-03", None)]
    corpus = build_corpus(articles)
    assert corpus.headlines is not None
    pos = corpus.position
    a = np.array([pos["m1"], pos["m2"], pos["m1"]])
    b = np.array([pos["m2"], pos["m1"], pos["u"]])
    support = corpus.headlines.support(a, b)
    # SECOND_TITLE's words: kelso, athletic, stun, league, leaders; FIRST_MATCH uses "league"
    # (1 of 5); FIRST_TITLE's: ekland, double, sends, dunmore, packing; SECOND_MATCH uses none.
    assert support[0] == support[1] == 0.0
    assert np.isnan(support[2])


def test_the_dense_matrix_and_the_graph_agree_with_titles() -> None:
    articles = matches(titled=True)
    dense = cluster_stories(articles, [], blocking=None)
    assert dense == cluster_stories(articles, [])
    corpus = build_corpus(articles)
    sims = similarity_matrix(corpus.features, corpus=corpus)
    untitled = build_corpus(matches(titled=False))
    raw = similarity_matrix(untitled.features, corpus=untitled)
    i, j = corpus.position["m1"], corpus.position["m2"]
    assert sims[i, j] < raw[i, j]


def test_incremental_runs_meet_the_batch_stories_with_titles() -> None:
    articles = [*matches(titled=True), article("m3", FIRST_AGAIN, "2024-03-03", FIRST_AGAIN_TITLE)]
    batch = {frozenset(s.article_ids) for s in cluster_stories(articles, [])}
    for order in itertools.permutations(range(3)):
        stories: list[Story] = []
        seen: list[Article] = []
        parts = [articles[k::3] for k in range(3)]
        for k in order:
            stories = assign_incremental(stories, seen, parts[k], [], rebuild_ratio=float("inf"))
            seen += parts[k]
        assert {frozenset(s.article_ids) for s in stories} == batch
