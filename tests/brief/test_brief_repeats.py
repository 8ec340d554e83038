"""One fact told once: the same event in other words, one measure in other units, and another
article's opening retelling the lead."""

from __future__ import annotations

from builders import article, compare_articles
from storyweave.brief.repeats import (
    retells_lead,
    same_check,
    same_event,
    same_measure,
    tells_happening,
    verb_stem,
)
from storyweave.brief.sentences import Sentence, content_terms, split_articles
from storyweave.stance.features import stem_of


def _sentence(text: str, article_id: str = "a", prose: int = 3) -> Sentence:
    terms = content_terms(text)
    stems = frozenset(stem_of(t) for t in terms)
    empty: frozenset[str] = frozenset()
    return Sentence(
        article_id, 0, prose, prose, 0, 0, text, terms, stems, empty, empty, empty, empty
    )


def test_verb_stem_meets_the_forms_of_one_verb() -> None:
    assert verb_stem("suspended") == verb_stem("suspend") == verb_stem("suspends")
    assert verb_stem("stopped") == verb_stem("stop")
    assert verb_stem("released") == verb_stem("release")
    assert verb_stem("attacked") != verb_stem("attended")


def test_same_event_needs_the_same_verb_and_two_participants() -> None:
    told = _sentence(
        "The Ashby ferry service was suspended by the Orme harbour council after the sinking "
        "of the Kestle boat on Monday."
    )
    again = _sentence(
        "Officials said on Tuesday that all crossings to Ashby by ferry had been suspended for "
        "the rest of the stormy winter season.",
        "b",
    )
    other_place = _sentence(
        "The Dunmere rail service was suspended on Tuesday after a landslide near Tolve.", "c"
    )
    said_only = _sentence("Officials in Ashby said the ferry sank in a storm on Monday.", "d")
    assert same_event(told, again)
    assert not same_event(told, other_place)  # one participant: the service
    assert not same_event(again, said_only)  # "said" tells no event


def test_another_articles_opening_that_shares_the_lead_retells_it() -> None:
    lead = _sentence("A ferry carrying 40 passengers sank off Ashby on Monday.", "a", 0)
    retold = _sentence("Dozens were rescued when a ferry went down near Ashby.", "b", 0)
    assert retells_lead(retold, lead)
    assert not retells_lead(_sentence(retold.text, "b", 2), lead)  # not its opening
    assert not retells_lead(_sentence(retold.text, "a", 0), lead)  # the lead's own article
    denial = _sentence("The Ashby ferry company denied that a ferry sank near Ashby.", "c", 0)
    assert not retells_lead(denial, lead)  # the outcome, not the event again
    unrelated = _sentence("Kestle council will vote on the new budget in June.", "d", 0)
    assert not retells_lead(unrelated, lead)


def test_an_opening_sharing_one_rare_word_with_the_lead_retells_it() -> None:
    lead = _sentence(
        "Fishermen hauled a giant sturgeon from the Orne near Kestle on Monday.", "a", 0
    )
    rare = _sentence("The sturgeon weighed 300 kilograms, the angling club said.", "b", 0)
    common = _sentence("The angling club will hold its annual dinner on Monday.", "c", 0)
    assert retells_lead(rare, lead)
    assert not retells_lead(common, lead)


def test_one_distance_in_other_units_is_one_fact() -> None:
    texts = {
        "a": "The flood front was less than 2km away from Kestle on Monday night.",
        "b": "Rising water was just one mile from Kestle, officials warned.",
        "c": "The dam at Ashby is 40 miles from Kestle, officials said.",
        "d": "Rising water was just one mile from Ashby, officials warned.",
    }
    members = [article(k, v, "2024-03-06") for k, v in texts.items()]
    run = compare_articles(members)
    a, b, c, d = split_articles(run.articles, {k: i for i, k in enumerate(texts)}, run.claims)
    assert same_measure(a, b)
    assert not same_measure(a, c)  # another distance
    assert not same_measure(a, d)  # nothing else in common


def test_one_speaker_saying_twice_that_a_claim_is_being_checked_is_one_fact() -> None:
    checking = _sentence(
        "Kestle Council spokesman Ivo Sant said officials were checking the photos."
    )
    unconfirmed = _sentence(
        "The Kestle Council said it could not confirm that the photos were genuine.", "b"
    )
    confirmed = _sentence("The Kestle Council confirmed on Tuesday that the photos were genuine.")
    other_speaker = _sentence("Ashby police said they could not confirm the photos were genuine.")
    assert same_check(checking, unconfirmed)
    assert not same_check(checking, confirmed)  # the outcome, not the check again
    assert not same_check(checking, other_speaker)  # only the photos in common


def test_one_verb_with_a_particle_in_other_forms_is_one_event() -> None:
    told = _sentence("A girl in Kestle wrote her teacher a note after he came out to the class.")
    again = _sentence(
        "The Kestle teacher decided to come out to his class after a talk with the head.", "b"
    )
    other = _sentence("The Kestle teacher decided to come to his class on a bicycle.", "c")
    other_verb = _sentence("The Kestle teacher will step down from his class job in June.", "d")
    assert same_event(told, again)
    assert not same_event(told, other)  # "come" alone tells no event
    assert not same_event(again, other_verb)  # another verb with its particle


def test_a_happening_is_told_by_a_verb_an_ing_form_or_a_modal_not_by_saying() -> None:
    assert tells_happening("The order went out at dawn, the Kestle board said.")
    assert tells_happening("Ida Orme is one of the women fighting for the Kestle militia.")
    assert tells_happening("The Kestle board may reveal more details before the launch.")
    assert not tells_happening("Ida Orme is the leader of the Kestle militia, the board said.")
