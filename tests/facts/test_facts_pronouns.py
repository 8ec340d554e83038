"""Pronoun mentions linked to the person they stand for (storyweave.facts.pronouns), and quote
speakers given by a pronoun taking the same person."""

from __future__ import annotations

import pytest

from storyweave.facts import extract_claims
from storyweave.facts.common import make_claim
from storyweave.facts.ner import model_available
from storyweave.facts.pronouns import pronoun_claims
from storyweave.facts.quotes import quote_spans
from storyweave.records import Article, Claim

needs_model = pytest.mark.skipif(not model_available(), reason="NER model not installed")


def _article(text: str) -> Article:
    return Article(id="a", ref="a", source="a", text=text)


def _links(text: str, ner: bool = False) -> list[tuple[str, str]]:
    """(pronoun as written, person it stands for) in text order."""
    return [(c.text, c.attrs["canonical"]) for c in _pronouns(text, ner)]


def _pronouns(text: str, ner: bool = False) -> list[Claim]:
    claims = extract_claims(_article(text), ner=ner)
    return [c for c in claims if c.attrs.get("mention") == "pronoun"]


def _speakers(text: str) -> list[str]:
    claims = extract_claims(_article(text), ner=False)
    return [c.attrs["speaker"] for c in claims if c.kind == "quote"]


def test_a_pronoun_is_recorded_as_a_mention_of_the_person_with_its_evidence() -> None:
    text = "Mayor Maria Lopez visited the shelter. Lopez said she would return on Friday."
    [claim] = _pronouns(text)
    assert claim.kind == "name"
    assert text[claim.start : claim.end] == claim.text == "she"
    assert claim.value == "she"
    assert claim.subject == "person"
    assert claim.attrs["canonical"] == "Maria Lopez"
    assert claim.attrs["type"] == "person"
    start, end = (int(x) for x in claim.attrs["antecedent"].split("-"))
    assert text[start:end] == "Lopez"
    assert claim.attrs["resolution"] == "nearest person before it in its sentence"


def test_the_subject_of_the_sentence_before_wins_over_the_one_spoken_to() -> None:
    text = "Mayor Maria Lopez told engineer Tom Reyes to inspect the gate. He agreed at once."
    # No gender is stated for either: the rule takes the subject (the first named).
    assert _links(text) == [("He", "Maria Lopez")]


def test_a_stated_gender_rules_out_the_other_person() -> None:
    text = "Mr Tom Reyes introduced Ms Ana Diaz at the briefing. She said the road would reopen."
    [claim] = _pronouns(text)
    assert claim.attrs["canonical"] == "Ana Diaz"
    assert claim.attrs["resolution"].endswith("other gender: Tom Reyes")


def test_a_gendered_role_word_states_the_gender() -> None:
    text = (
        "Spokeswoman Ana Diaz stood beside Tom Reyes, the chief engineer. "
        "He said the gate had been freed."
    )
    assert _links(text) == [("He", "Tom Reyes")]


def test_an_earlier_pronoun_chain_states_the_gender() -> None:
    text = (
        "Mayor Dana Cole opened the meeting. She thanked the crews. "
        "Mayor Dana Cole then toured the dam with engineer Sam Ruiz. He said the gates were sound."
    )
    assert _links(text) == [("She", "Dana Cole"), ("He", "Sam Ruiz")]


def test_the_speaker_of_the_sentence_before_is_its_subject() -> None:
    text = (
        "When Ana Diaz met Tom Reyes on Monday, talks stalled, spokesman Ivo Brand said. "
        "He added that they would meet again."
    )
    assert _links(text) == [("He", "Ivo Brand")]


def test_a_chain_of_pronouns_carries_the_person_on() -> None:
    text = (
        "Ruth Okoro, 67, a retired teacher, lives by the river. "
        "She left at dawn. The water rose fast. Her house was spared. She went back at noon."
    )
    assert _links(text) == [("She", "Ruth Okoro"), ("Her", "Ruth Okoro"), ("She", "Ruth Okoro")]


def test_a_possessor_is_not_taken_for_the_subject() -> None:
    text = "Tom Reyes, Ana Diaz's deputy, said he would stay on."
    assert _links(text) == [("he", "Tom Reyes")]


def _name(article: Article, name: str) -> Claim:
    start = article.text.index(name)
    attrs = {"canonical": name, "type": "person"}
    return make_claim(article, "name", (start, start + len(name)), name, "person", attrs)


def test_a_pronoun_inside_a_name_is_not_linked_again() -> None:
    # "He" as a family name: a name claim that covers it keeps it from being read as a pronoun.
    article = _article("Mayor Ana Diaz spoke first. He Wen, a scientist, said the dam was safe.")
    spans = quote_spans(article.text)
    diaz = _name(article, "Ana Diaz")
    assert [c.text for c in pronoun_claims(article, [diaz], spans)] == ["He"]
    assert pronoun_claims(article, [diaz, _name(article, "He Wen")], spans) == []


def test_no_link_without_a_person_before_it() -> None:
    assert _links("He said the dam was safe. His comments calmed the town.") == []
    # A pronoun that opens an article does not point forward to a person named later.
    assert _links("His comments came as Mayor Ana Diaz toured the dam.") == []


def test_no_link_to_an_organisation_or_a_place() -> None:
    text = "The Harbour Water Board met in Kelby on Monday. She said the gates were sound."
    assert _links(text) == []


def test_it_and_they_are_never_linked() -> None:
    text = "Mayor Ana Diaz said it would take weeks. They are tired, said engineer Tom Reyes."
    claims = extract_claims(_article(text), ner=False)
    linked = {c.text.lower() for c in claims if c.attrs.get("mention") == "pronoun"}
    assert linked.isdisjoint({"it", "they"})


def test_a_pronoun_inside_a_quote_is_not_the_speaker() -> None:
    # Decision: a speaker calls themself "I"; a "he" inside their quote is someone else. With
    # nobody named inside the quote it stays unlinked (not the speaker, not anyone outside).
    text = (
        'Mayor Ana Diaz thanked the crews. "He told us to leave at once," said Tom Reyes, a '
        "resident."
    )
    assert _links(text) == []


def test_a_pronoun_inside_a_quote_links_to_a_person_named_in_that_quote() -> None:
    text = (
        "Ana Diaz, a councillor, spoke on Monday. "
        '"The voters punished Mayor Ivo Brand for his silence," said Tom Reyes, a resident.'
    )
    assert _links(text) == [("his", "Ivo Brand")]


def test_a_capitalised_pronoun_inside_a_sentence_is_part_of_a_title() -> None:
    text = "Director Ana Diaz said fans of His Dark Materials would be pleased."
    assert _links(text) == []


def test_someone_unnamed_in_between_stops_the_search() -> None:
    # "A spokesman" is the one who "added": no link to the mayor named before him.
    text = (
        "Mayor Tom Reyes opened the bridge. A spokesman for the council said traffic would be "
        "slow. He added that buses would run."
    )
    assert _links(text) == []
    # Someone unnamed of the other gender does not stop it.
    text = "Mayor Tom Reyes opened the bridge. A woman was hurt in the crush. He said sorry."
    assert _links(text) == [("He", "Tom Reyes")]
    # Nor does someone unnamed inside a quote, for a pronoun outside it.
    text = 'Ruth Okoro, 67, lives by the river. "A police officer knocked on the window," she said.'
    assert _links(text) == [("she", "Ruth Okoro")]


def test_pronoun_mentions_are_left_out_past_the_window() -> None:
    text = (
        "Mayor Ana Diaz opened the bridge. The river was high. Traffic was slow. Shops were shut. "
        "Schools were closed. She spoke later."
    )
    assert _links(text) == []


def test_quote_speaker_given_by_a_pronoun_is_the_linked_person() -> None:
    # The first person named in the sentence before is Mr Reyes; the stated gender of Ms Diaz
    # makes "she" hers, for the name mention and the quote alike.
    text = (
        "Mr Tom Reyes introduced Ms Ana Diaz at the briefing. "
        '"We will reopen the road by Friday," she said.'
    )
    [claim] = _pronouns(text)
    assert claim.attrs["canonical"] == "Ana Diaz"
    assert _speakers(text) == ["Ana Diaz"]


def test_every_link_points_at_an_earlier_mention_of_the_same_person() -> None:
    text = (
        "Maria Lopez, the agency's director, said crews were ready. "
        '"We would rather move people twice," she said. Tom Reyes, the chief engineer, said '
        "his team had freed the gate. He said it was safe. Lopez said she agreed."
    )
    claims = extract_claims(_article(text), ner=False)
    names = {(c.start, c.end): c for c in claims if c.kind == "name"}
    pronouns = [c for c in names.values() if c.attrs.get("mention") == "pronoun"]
    assert [(c.text, c.attrs["canonical"]) for c in pronouns] == [
        ("she", "Maria Lopez"),
        ("his", "Tom Reyes"),
        ("He", "Tom Reyes"),
        ("she", "Maria Lopez"),
    ]
    for claim in pronouns:
        start, end = (int(x) for x in claim.attrs["antecedent"].split("-"))
        antecedent = names[(start, end)]
        assert end <= claim.start
        assert antecedent.attrs["canonical"] == claim.attrs["canonical"]


@needs_model
def test_the_model_path_links_pronouns_the_same_way() -> None:
    text = (
        "Emil Castellan had been on the pitch for 29 minutes when he rose to head the winner. "
        "Agnes Thorvald, the manager, was delighted. Her team had waited 39 years."
    )
    assert _links(text, ner=True) == [("he", "Emil Castellan"), ("Her", "Agnes Thorvald")]
