"""How a sentence reads at the head of a brief: an event, not garbled, no leaning noun phrase."""

from __future__ import annotations

from storyweave.brief import _settle
from storyweave.brief.reading import garbled, leaning_heads, states_event
from storyweave.brief.sentences import Sentence, content_terms
from storyweave.stance.features import stem_of


def test_states_event_needs_a_verb_of_happening_and_no_background() -> None:
    for event in (
        "A bus carrying 30 pupils overturned on the Orne road near Tolve, police said.",
        "Kestle is reportedly planning to close the Dunmere works next spring.",
        "A ferry with 40 passengers sank off Ashby on Monday.",
        "A teenager woke up during surgery in Pellam to talk to the doctors.",
        "The Westshire council will close the old bridge at Dunmere in June.",
    ):
        assert states_event(event), event
    for background in (
        "The Dunmere bridge has long been a bottleneck for traffic into Kestle.",
        "Kestle began building the Dunmere works about four years ago.",
        "The old mill at Ashby is near the end of its life and will likely close next year.",
        "If you have been following the news from Pellam, you might know the mill.",
        "The Pellam works usually employ 300 people in the summer.",
    ):
        assert not states_event(background), background


def test_garbled_finds_words_repeated_back_to_back() -> None:
    assert garbled("The pilot flew against the armed militia armed militia on Monday.")
    assert not garbled("The pilot flew again and again over Pellam on Monday.")
    assert not garbled("The Kestle council met on Monday, and the council voted.")


def test_leaning_heads_finds_noun_phrases_that_point_back() -> None:
    assert leaning_heads("The handset will be launched in Kestle next year.") == ["handset"]
    assert leaning_heads("The family also stressed their support for Dunmere.") == ["family"]
    assert leaning_heads("Officials in Pellam said those news outlets never called.") == ["outlets"]
    assert leaning_heads("The handset will be launched next year.", {"handse"}) == []


def test_names_times_modified_nouns_and_antecedents_do_not_lean() -> None:
    for whole in (
        "The Kestle Town Hall said this week that it would act on Pellam.",
        "The evacuation order was issued at 5 a.m. in Dunmere.",
        "Kestle planned a new bridge, but dropped those plans in May.",
        "Officials said that residents of Ashby should leave.",
        "Kestle council closed the Dunmere bridge on Saturday.",
    ):
        assert leaning_heads(whole) == [], whole


def _sentence(text: str, position: int) -> Sentence:
    terms = content_terms(text)
    stems = frozenset(stem_of(t) for t in terms)
    empty: frozenset[str] = frozenset()
    return Sentence(
        "a", 0, position, position, 0, 0, text, terms, stems, empty, empty, empty, empty
    )


def test_a_sentence_leaning_on_a_later_one_moves_after_it() -> None:
    lead = _sentence("Kestle council closed the Dunmere bridge on Saturday.", 0)
    leaning = _sentence("The handset was found on the bridge by a diver on Monday.", 1)
    naming = _sentence("A diver said a lost handset lay under the Dunmere bridge.", 2)
    assert _settle([lead, leaning, naming]) == [lead, naming, leaning]
    assert _settle([lead, naming, leaning]) == [lead, naming, leaning]
