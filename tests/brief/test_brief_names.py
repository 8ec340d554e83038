"""Names a brief must introduce: one word of a name used alone is told after the full name, in
full, or not at all."""

from __future__ import annotations

from builders import article
from storyweave.brief import _named_in_full, _without_antecedent
from storyweave.brief.names import lone_names, name_forms
from storyweave.brief.referents import pointed_back
from storyweave.brief.sentences import split_articles

DAY = "2024-03-06"
STUDY = (
    "The war on butter began in 1953, when Dr. Ambrose Quellfield published a paper in Kestle.\n"
    "Time to Put Ambrose Quellfield's Theory to Rest\n"
    "Quellfield based his theory on a study of six towns near the Dunmere river.\n"
    "Critics in Kestle have questioned Quellfield's findings ever since."
)


def _sentences(text: str) -> list:  # type: ignore[type-arg]
    return split_articles([article("a", text, DAY)], {"a": 0}, [])


def test_a_surname_alone_is_read_with_the_full_name_its_article_gives() -> None:
    forms = name_forms(STUDY)
    # the title is left out, and the heading's capitals are no given name ("Put")
    assert forms["quellfield"] == {"Ambrose Quellfield"}
    alone = [n.word for n in lone_names("Quellfield based his theory on a study of six towns.")]
    assert alone == ["Quellfield"]


def test_a_name_used_alone_is_told_in_full_when_the_brief_has_not_named_it() -> None:
    sentences = _sentences(STUDY)
    theory = next(s for s in sentences if s.text.startswith("Quellfield based"))
    lead = next(s for s in sentences if s.text.startswith("The war"))
    assert _named_in_full([theory]) == [
        "Ambrose Quellfield based his theory on a study of six towns near the Dunmere river."
    ]
    # named before: the surname alone is enough
    assert _named_in_full([lead, theory])[1] == theory.text


def test_the_first_word_of_a_thing_s_name_makes_no_full_name() -> None:
    text = (
        "Ostra unveiled the Ostra Lens on Monday in Kestle.\n"
        "Buyers of the Lens in Kestle queued for hours, Ostra said."
    )
    assert "lens" not in name_forms(text)  # "Ostra" is a name of its own: no one's given name
    lone = [n.word for n in lone_names("Shlomo and Nehama Quellfield wrote in 1993.")]
    assert lone == []  # one surname for two given names


def test_someone_named_by_a_rare_surname_the_article_never_gives_in_full_leans() -> None:
    text = (
        "Sales of the Ostra Lens in Kestle beat all forecasts on Monday.\n"
        "Zorbitskay thinks that the Lens will then sell to every Ostra phone user."
    )
    lead, guess = _sentences(text)
    assert guess.unknown == {"zorbitskay"}
    assert _without_antecedent([lead, guess]) == [lead]
    # a common word opening a sentence, or a name after a describing noun, needs no one
    words = "Analyst Zorbitskay said the Lens sold well. Critics said so too."
    assert not any(s.unknown for s in _sentences(words))


def test_a_thing_its_article_introduced_before_is_pointed_back_to() -> None:
    before = "Police in Kestle said a masked man robbed a petrol station on Monday night."
    said = "Six people were arrested at the petrol station, and the masked man fled."
    assert pointed_back(said, before) == {"petrol station", "masked man"}
    # told in the sentence itself, said which one, a name's head, a noun alone: no pointing
    assert not pointed_back(
        "A petrol station in Ashby was robbed; the petrol station shut.", before
    )
    assert not pointed_back("The petrol station where it happened shut on Tuesday.", before)
    assert not pointed_back("The masked Ostra Lens buyer fled.", before)
    assert not pointed_back("Six people were arrested at the station on Monday.", before)


def test_a_sentence_pointing_back_to_a_thing_the_brief_never_told_is_not_told() -> None:
    text = (
        "A masked man robbed a petrol station in Kestle on Monday night, police said.\n"
        "Six people were later arrested at the petrol station, and police say the man fled."
    )
    lead, arrests = _sentences(text)
    assert arrests.pointed == {"petrol station"}
    assert _without_antecedent([lead, arrests]) == [lead, arrests]  # the lead told of it
    other = _sentences("Drivers in Ashby queued for fuel on Tuesday morning, police said.")[0]
    assert _without_antecedent([other, arrests]) == [other]
