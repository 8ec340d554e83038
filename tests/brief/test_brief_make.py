"""The cited brief: central sentences with their sources, disputed points and a timeline."""

from __future__ import annotations

from builders import article, articles, compare_articles
from storyweave.brief import MAX_SENTENCES, MIN_SENTENCES, make_brief, similarity
from storyweave.records import Brief, Relation

DAY = "2024-03-06"
FIRST = (
    "Floods hit the river town of Marlow on Monday, forcing 300 families from their homes.\n"
    "Mayor Grace Ilunga said the water reached the old bridge by noon.\n"
    "The army sent 40 boats to help with the evacuation of the lower streets.\n"
    "Local bakers handed out bread to volunteers near the church square.\n"
    "The levee has a height of 4 metres, engineers said."
)
SECOND = (
    "On Monday floods hit the river town of Marlow and forced 300 families from their homes.\n"
    "The army sent 40 boats to help with evacuation of the lower streets, officials said.\n"
    "Mayor Grace Ilunga said the water reached the old bridge by noon on Monday.\n"
    "Engineers said the levee has a height of 9 metres."
)
THIRD = (
    "Rain is forecast to ease by Friday, the weather office in Marlow said on Tuesday.\n"
    "Floods hit the river town of Marlow on Monday, forcing 300 families from homes."
)


def _brief(texts: dict[str, str], relations: list[Relation] | None = None) -> Brief:
    run = compare_articles(articles(texts, DAY), relations or [], headline="floods")
    return make_brief(run.story, run.articles, run.claims, run.findings, relations or [])


def test_brief_picks_shared_sentences_and_cites_every_source() -> None:
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD})
    assert MIN_SENTENCES <= len(brief.sentences) <= MAX_SENTENCES
    texts = [s.text for s in brief.sentences]
    floods = "Floods hit the river town of Marlow on Monday, forcing 300 families from their homes."
    assert floods in texts  # the earliest article's wording
    assert brief.sentences[texts.index(floods)].sources == ("a", "b", "c")
    boats = next(s for s in brief.sentences if "40 boats" in s.text)
    assert boats.sources == ("a", "b")


def test_brief_sentences_follow_the_order_of_appearance() -> None:
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD})
    positions = [FIRST.find(s.text) for s in brief.sentences if FIRST.find(s.text) >= 0]
    assert positions == sorted(positions)


def test_sentence_without_any_fact_or_support_is_left_out() -> None:
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD})
    assert not any("bakers" in s.text for s in brief.sentences)


def test_copies_do_not_make_a_sentence_central() -> None:
    copy_of_third = THIRD
    relations = [Relation(a="c", b="d", kind="duplicate", score=1.0)]
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD, "d": copy_of_third}, relations)
    rain = [s for s in brief.sentences if "Rain is forecast" in s.text]
    assert rain == []  # two copies of one source are still one source


def test_disputed_points_are_the_disputed_finding_ids() -> None:
    run = compare_articles([article("a", FIRST, DAY), article("b", SECOND, DAY)], headline="floods")
    brief = make_brief(run.story, run.articles, run.claims, run.findings, [])
    disputed = [f for f in run.findings if f.status == "disputed"]
    assert [f.subject for f in disputed] == ["height"]
    assert brief.disputed == tuple(f.id for f in disputed)


def test_timeline_is_resolved_sorted_and_cited() -> None:
    brief = _brief({"a": FIRST, "b": SECOND, "c": THIRD})
    whens = [entry.when for entry in brief.timeline]
    assert whens == sorted(whens)
    monday = next(e for e in brief.timeline if e.when == "2024-03-04")
    assert monday.sources == ("a", "b", "c")
    assert "Floods hit" in monday.text
    assert "2024-03-05" in whens  # "on Tuesday" in the third article


def test_brief_is_deterministic() -> None:
    texts = {"a": FIRST, "b": SECOND, "c": THIRD}
    assert _brief(texts) == _brief(texts)


def test_similarity_is_dice_of_word_sets() -> None:
    assert similarity(frozenset("ab"), frozenset("bc")) == 0.5
    assert similarity(frozenset(), frozenset("a")) == 0.0
