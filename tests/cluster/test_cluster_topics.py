"""Topics: stories of one ongoing subject grouped, unrelated ones apart; stable ids and order."""

from __future__ import annotations

import itertools
import tracemalloc
from dataclasses import replace

import numpy as np

from storyweave.cluster import cluster_stories, topics
from storyweave.cluster.blocking import inverted_index, row_products, top_k_edges
from storyweave.cluster.features import WeightedSets
from storyweave.cluster.topics import _label, _top_links
from storyweave.ids import content_id
from storyweave.records import Article, Meta, Story

# One reservoir, two events months apart (a leak, then a repair contract), and a chess event.
TEXTS = {
    "leak0": "Engineers found a leak in the Marrow reservoir wall on Monday, and the water company "
    "lowered the reservoir level by two metres while divers inspected the concrete wall.",
    "leak1": "Divers inspected a leaking section of the Marrow reservoir wall after engineers "
    "spotted water seeping through the concrete; the water company lowered the level.",
    "repair0": "The water company signed a contract to rebuild the Marrow reservoir wall, months "
    "after the leak, and engineers will reline the concrete before the winter rains.",
    "repair1": "Work to reline the concrete wall of the Marrow reservoir will start in October "
    "under a new contract, the water company said, after engineers found the leak in spring.",
    "chess0": "Grandmaster Ilse Voronin won the Tallis chess open with a round to spare, beating "
    "the defending champion in a long endgame on Saturday.",
    "chess1": "Ilse Voronin took the Tallis chess open title after a marathon endgame against the "
    "defending champion, finishing a full point clear of the field.",
}
DATES = {"leak": "2024-03-04", "repair": "2024-09-02", "chess": "2024-03-09"}


def corpus() -> list[Article]:
    articles = []
    for key, text in TEXTS.items():
        base = Article(key, key, key, text)
        articles.append(replace(base, published=Meta(DATES[key[:-1]], "test")))
    return articles


def test_stories_of_one_subject_form_one_topic() -> None:
    articles = corpus()
    stories = cluster_stories(articles, [])
    assert len(stories) == 3  # the leak and the repair are different events
    found = topics(stories, articles)
    grouped = {
        frozenset(a for s in stories if s.id in t.story_ids for a in s.article_ids) for t in found
    }
    assert grouped == {
        frozenset({"leak0", "leak1", "repair0", "repair1"}),
        frozenset({"chess0", "chess1"}),
    }
    reservoir = next(t for t in found if len(t.story_ids) == 2)
    assert reservoir.id == content_id(*sorted(reservoir.story_ids))
    assert (reservoir.start, reservoir.end) == ("2024-03-04", "2024-09-02")
    assert "reservoir" in reservoir.label and "Marrow" in reservoir.entities
    assert found[0] is reservoir  # ordered by start


def test_topics_ignore_input_order() -> None:
    articles = corpus()
    stories = cluster_stories(articles, [])
    expected = topics(stories, articles)
    for order in itertools.permutations(stories):
        assert topics(list(order), list(reversed(articles))) == expected


def test_no_stories_no_topics() -> None:
    assert topics([], []) == []


def test_a_topic_label_names_its_subject_not_what_was_said_or_when() -> None:
    ranked = ["said", "october", "coffee", "pct", "adjusted", "quotas", "quota", "ico", "the"]
    assert _label(ranked) == ("coffee", "quotas", "ico")
    articles = corpus()
    stories = cluster_stories(articles, [])
    reservoir = next(t for t in topics(stories, articles) if len(t.story_ids) == 2)
    assert {"reservoir", "wall"} <= set(reservoir.label)


def _reservoir_and_chess() -> tuple[list[Article], list[Story], Story]:
    articles = corpus()
    stories = cluster_stories(articles, [])
    repair = next(s for s in stories if "repair0" in s.article_ids)
    return articles, stories, repair


def test_a_new_story_joins_the_topic_it_links_to_and_the_others_stand() -> None:
    articles, stories, repair = _reservoir_and_chess()
    before = topics([s for s in stories if s is not repair], articles)
    assert len(before) == 2
    chess = next(t for t in before if len(t.story_ids) == 1 and "chess" in t.label)
    after = topics(stories, articles, previous=before, rebuild_share=1.0)
    assert any(t is chess for t in after)  # not reached: the very record kept
    assert {frozenset(t.story_ids) for t in after} == {
        frozenset(t.story_ids) for t in topics(stories, articles)
    }


def test_previous_topics_that_lost_a_story_are_grouped_again() -> None:
    articles, stories, repair = _reservoir_and_chess()
    gone = replace(repair, id="a story of the last run")
    stale = topics([*(s for s in stories if s is not repair), gone], articles)
    after = topics(stories, articles, previous=stale, rebuild_share=1.0)
    assert {frozenset(t.story_ids) for t in after} == {
        frozenset(t.story_ids) for t in topics(stories, articles)
    }
    assert all(gone.id not in t.story_ids for t in after)


def test_unchanged_stories_keep_their_topics() -> None:
    articles, stories, _ = _reservoir_and_chess()
    batch = topics(stories, articles)
    assert topics(stories, articles, previous=batch, rebuild_share=1.0) == batch


def test_a_topic_that_lost_a_story_and_is_not_reached_is_described_anew() -> None:
    articles, stories, _ = _reservoir_and_chess()
    chess = next(s for s in stories if "chess0" in s.article_ids)
    gone = replace(chess, id="a story of the last run")
    stale = topics([*stories, gone], articles)
    assert any({chess.id, gone.id} <= set(t.story_ids) for t in stale)
    after = topics(stories, articles, previous=stale, rebuild_share=1.0)
    assert after == topics(stories, articles)


def test_stories_are_linked_block_by_block_in_bounded_memory() -> None:
    # Every story with the same subject words: each is linked with all the others, the case of
    # a corpus's frequent subject words. Their links at once take ~24 bytes a pair (35 MB
    # here, with more for sorting them); a block of stories at a time keeps only its top k.
    n, width = 1_200, 15
    weight = 1 / np.sqrt(width)
    subjects = WeightedSets(
        [np.arange(width, dtype=np.int64) for _ in range(n)],
        [np.full(width, weight) for _ in range(n)],
        [f"word{t}" for t in range(width)],
    )
    index = inverted_index(subjects, max_df=n)
    tracemalloc.start()
    try:
        links = _top_links(subjects, index, list(range(n)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 48 * 2**20
    every = top_k_edges(*row_products(subjects, index, list(range(n))))
    assert np.array_equal(links.a, every.a) and np.array_equal(links.b, every.b)
    assert np.array_equal(links.value, every.value)
