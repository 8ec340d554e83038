"""Story clustering: events apart, duplicates together, stable ids and order, story fields."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from storyweave.cluster import Weights, cluster_stories
from storyweave.cluster.agglomerative import GroupJoin, average_link, connected_groups
from storyweave.cluster.blocking import symmetric_edges
from storyweave.cluster.features import article_features
from storyweave.cluster.stories import similarity_matrix, without_weak_members
from storyweave.ids import content_id
from storyweave.records import Article, Meta, Relation

# Two events in one town with the same people and places: a flood and a budget vote.
FLOOD = [
    "The river Aldmoor burst its banks in Westbury on Sunday night after three days of heavy "
    "rain, flooding about 200 homes near the old mill. Mayor Helen Varga said emergency crews "
    "had evacuated residents of the lower town and opened the sports hall as a shelter.",
    "Floodwater from the Aldmoor swept through the lower town of Westbury overnight, forcing the "
    "evacuation of hundreds of residents. Mayor Helen Varga told reporters that rescue boats had "
    "reached families trapped near the old mill and that the sports hall would shelter them.",
    "Residents of Westbury were cleaning mud from their homes on Monday after the Aldmoor flooded "
    "the lower town. Helen Varga, the mayor, praised rescue crews and said some 200 homes near "
    "the old mill were damaged by the floodwater and the heavy rain.",
]
BUDGET = [
    "Westbury town council approved its budget for next year on Thursday, raising spending on "
    "schools and libraries while freezing the local property tax. Mayor Helen Varga said the "
    "council had found savings in road maintenance contracts.",
    "Councillors in Westbury voted 14 to 5 to adopt the annual budget, which freezes property tax "
    "and adds money for schools and the public library. Mayor Helen Varga defended cuts to road "
    "maintenance contracts during the debate.",
]


def article(
    article_id: str, text: str, published: str | None = None, title: str | None = None
) -> Article:
    base = Article(article_id, article_id, article_id, text)
    return replace(
        base,
        published=Meta(published, "test") if published else None,
        title=Meta(title, "test") if title else None,
    )


def corpus() -> list[Article]:
    flood = [article(f"f{i}", t, f"2024-02-0{4 + i}") for i, t in enumerate(FLOOD)]
    budget = [article(f"b{i}", t) for i, t in enumerate(BUDGET)]
    return flood + budget


def groups(stories: list) -> set[frozenset[str]]:  # type: ignore[type-arg]
    return {frozenset(s.article_ids) for s in stories}


def test_two_events_sharing_names_are_two_stories() -> None:
    stories = cluster_stories(corpus(), [])
    assert groups(stories) == {frozenset({"f0", "f1", "f2"}), frozenset({"b0", "b1"})}


def test_clustering_ignores_input_order() -> None:
    articles = corpus()
    expected = cluster_stories(articles, [])
    for order in itertools.islice(itertools.permutations(articles), 0, 120, 7):
        assert cluster_stories(list(order), []) == expected


def test_story_fields() -> None:
    articles = corpus()
    articles[1] = replace(articles[1], title=Meta("Floods in Westbury", "test"))
    stories = cluster_stories(articles, [])
    flood = next(s for s in stories if "f0" in s.article_ids)
    assert flood.id == content_id("f0", "f1", "f2")
    assert flood.article_ids == ("f0", "f1", "f2")  # by publication
    assert flood.headline == "Floods in Westbury"
    assert (flood.start, flood.end) == ("2024-02-04", "2024-02-06")
    assert "Helen Varga" in flood.entities
    assert {link.article for link in flood.links} == {"f0", "f1", "f2"}
    assert all(
        link.linked_to in flood.article_ids and link.linked_to != link.article
        for link in flood.links
    )
    assert all(0 < link.score <= 1 and link.shared for link in flood.links)
    budget = next(s for s in stories if "b0" in s.article_ids)
    assert budget.start is None and budget.headline.startswith("Westbury town council approved")
    assert stories[0] is flood  # stories ordered by their first article's publication


def test_a_story_is_dated_by_publication_never_by_dates_its_text_recalls() -> None:
    recalled = " The town was last flooded on March 3, 1941."
    articles = [article(f"f{i}", t + recalled) for i, t in enumerate(FLOOD)]
    [undated] = cluster_stories(articles, [])
    assert (undated.start, undated.end) == (None, None)
    articles = [
        replace(a, published=Meta(f"2024-02-0{5 + i}", "test")) for i, a in enumerate(articles)
    ]
    [dated] = cluster_stories(articles, [])
    assert (dated.start, dated.end) == ("2024-02-05", "2024-02-07")


def test_relations_are_must_links() -> None:
    articles = corpus()
    strict = cluster_stories(articles, [], threshold=0.99)
    assert len(strict) == 5
    relation = Relation("b0", "f0", "near-duplicate", 0.9)
    linked = cluster_stories(articles, [relation], threshold=0.99)
    assert frozenset({"b0", "f0"}) in groups(linked)
    linked_story = next(s for s in linked if "b0" in s.article_ids)
    assert any("near-duplicate" in link.shared for link in linked_story.links)


def test_dates_far_apart_damp_similarity() -> None:
    near = [article("x", FLOOD[0], "2024-02-04"), article("y", FLOOD[1], "2024-02-05")]
    far = [article("x", FLOOD[0], "2024-02-04"), article("y", FLOOD[1], "2025-06-05")]
    undated = [article("x", FLOOD[0]), article("y", FLOOD[1])]
    near_sim = similarity_matrix([article_features(a) for a in near])[0, 1]
    far_sim = similarity_matrix([article_features(a) for a in far])[0, 1]
    undated_sim = similarity_matrix([article_features(a) for a in undated])[0, 1]
    assert near_sim == undated_sim > 0
    halvings = (487 - Weights().same_days) / Weights().half_life_days
    assert far_sim == pytest.approx(near_sim * 2**-halvings)  # publication dates: no floor
    recalled = [
        article("x", FLOOD[0] + " It last flooded on February 4, 2024."),
        article("y", FLOOD[1] + " It last flooded on June 5, 2025."),
    ]
    recalled_sim = similarity_matrix([article_features(a) for a in recalled])[0, 1]
    assert (
        recalled_sim
        >= similarity_matrix(
            [article_features(a) for a in recalled], replace(Weights(), same_days=10**6)
        )[0, 1]
        * Weights().damping_floor
    )  # dates a text mentions damp down to the floor only
    middle = (near_sim + far_sim) / 2
    assert len(cluster_stories(near, [], threshold=middle)) == 1
    assert len(cluster_stories(far, [], threshold=middle)) == 2


def test_average_link_merges_by_average_and_respects_threshold() -> None:
    sims = [
        [1.0, 0.9, 0.5, 0.0],
        [0.9, 1.0, 0.1, 0.0],
        [0.5, 0.1, 1.0, 0.0],
        [0.0, 0.0, 0.0, 1.0],
    ]
    matrix = np.array(sims)
    assert average_link(matrix, 0.4) == [[0, 1], [2], [3]]  # average of 0.5 and 0.1 is 0.3
    assert average_link(matrix, 0.25) == [[0, 1, 2], [3]]
    assert average_link(matrix, 0.4, [(2, 3)]) == [[0, 1], [2, 3]]
    assert connected_groups(4, [(3, 1), (1, 0)]) == [[0, 1, 3], [2]]


def test_seed_article_on_another_event_is_a_story_of_its_own(seeds_dir: Path) -> None:
    paths = sorted(seeds_dir.glob("*.txt"))
    if len(paths) != 5:
        pytest.skip("expected the five seed articles")
    articles = [Article(p.stem, str(p), str(p), p.read_text(encoding="utf-8")) for p in paths]
    stories = cluster_stories(articles, [])
    assert sorted(len(s.article_ids) for s in stories) == [1, 4]
    # The seeds' README names 003 as the article about a different event on the same topic.
    alone = next(s for s in stories if len(s.article_ids) == 1)
    assert alone.article_ids[0].startswith("003")


def test_members_are_ordered_by_publication_instant() -> None:
    first = article("z", FLOOD[0], "2024-02-04T23:00:00-05:00")  # 2024-02-05T04:00Z
    second = article("a", FLOOD[1], "2024-02-05T06:00:00+01:00")  # 2024-02-05T05:00Z
    undated = article("b", FLOOD[2])
    (story,) = cluster_stories([undated, second, first], [], threshold=0.05)
    assert story.article_ids == ("z", "a", "b")


def test_headline_without_titles_skips_scraps() -> None:
    texts = [f"World\n{FLOOD[0]}", f"Updated 2 hours ago\n{FLOOD[1]}"]
    (story,) = cluster_stories([article("x", texts[0]), article("y", texts[1])], [], threshold=0.05)
    assert len(story.headline.split()) >= 5
    assert story.headline in FLOOD[0] or story.headline in FLOOD[1]


def naive_average_link(
    sims: np.ndarray, threshold: float, join: GroupJoin | None = None
) -> list[list[int]]:
    clusters = [[i] for i in range(sims.shape[0])]
    while len(clusters) > 1:
        pairs = [(x, y) for x in range(len(clusters)) for y in range(x + 1, len(clusters))]
        averages = [float(sims[np.ix_(clusters[x], clusters[y])].mean()) for x, y in pairs]
        if join is not None:  # the best pair the join rule allows
            averages = [
                -np.inf if join.refuses(len(clusters[x]), len(clusters[y]), v) else v
                for (x, y), v in zip(pairs, averages, strict=True)
            ]
        best = int(np.argmax(averages))
        if averages[best] < threshold:
            break
        x, y = pairs[best]
        clusters[x] = clusters[x] + clusters[y]
        del clusters[y]
    return sorted((sorted(c) for c in clusters), key=lambda c: c[0])


@pytest.mark.parametrize("seed", range(8))
def test_average_link_equals_the_textbook_algorithm(seed: int) -> None:
    rng = np.random.default_rng(seed)
    points = rng.random((24, 3))
    sims = 1.0 / (1.0 + 4.0 * np.linalg.norm(points[:, None] - points[None, :], axis=2))
    for threshold in (0.3, 0.45, 0.6):
        assert average_link(sims, threshold) == naive_average_link(sims, threshold)
        for join in (GroupJoin(2, threshold * 1.3), GroupJoin(3, threshold * 1.2)):
            found = average_link(sims, threshold, join=join)
            assert found == naive_average_link(sims, threshold, join)


def test_two_groups_join_only_at_the_group_threshold_one_article_at_the_threshold() -> None:
    # two tight groups of three (0.9 inside) alike by 0.12 on average; a loner alike to the
    # first group by 0.12 on average
    sims = np.full((7, 7), 0.0)
    sims[:3, :3] = sims[3:6, 3:6] = 0.9
    sims[:3, 3:6] = sims[3:6, :3] = 0.12
    sims[6, :3] = sims[:3, 6] = 0.12
    np.fill_diagonal(sims, 1.0)
    # without the rule the groups merge (a tie broken by index), and the loner is averaged out
    assert average_link(sims, 0.1) == [[0, 1, 2, 3, 4, 5], [6]]
    assert average_link(sims, 0.1, join=GroupJoin(3, 0.13)) == [[0, 1, 2, 6], [3, 4, 5]]
    assert average_link(sims, 0.1, join=GroupJoin(3, 0.12)) == [[0, 1, 2, 3, 4, 5], [6]]
    assert average_link(sims, 0.1, join=GroupJoin(4, 0.13)) == [[0, 1, 2, 3, 4, 5], [6]]


def test_a_member_like_no_other_member_in_particular_is_set_apart() -> None:
    # 0-1 and 1-2 are one event; 3 averages above the threshold with the group (0.11) but is
    # close to none of them: a topic neighbour, not the event.
    pairs = [(0, 1, 0.6), (1, 2, 0.5), (0, 2, 0.3), (0, 3, 0.11), (1, 3, 0.11), (2, 3, 0.11)]
    edges = symmetric_edges(*(np.array(column) for column in zip(*pairs, strict=True)))
    assert without_weak_members([[0, 1, 2, 3]], edges, {}, 0.12) == [[0, 1, 2], [3]]
    # shared text keeps a member whatever its similarity
    assert without_weak_members([[0, 1, 2, 3]], edges, {(2, 3): "reuse"}, 0.12) == [[0, 1, 2, 3]]
    # a group in which no pair holds falls apart
    assert without_weak_members([[0, 3]], edges, {}, 0.12) == [[0], [3]]
