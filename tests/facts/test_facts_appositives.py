"""Roles set off by commas next to a name make it a person, and speak for its quotes."""

from __future__ import annotations

from storyweave.facts import extract_claims
from storyweave.records import Article, Claim


def _claims(text: str, kind: str) -> list[Claim]:
    article = Article(id="p1", ref="p.txt", source="p.txt", text=text)
    return [c for c in extract_claims(article) if c.kind == kind]


def test_a_role_after_the_name_makes_a_person() -> None:
    text = "Marta Quell, the port's operations director, closed the quay. Quell met the crews."
    names = {c.value: c.subject for c in _claims(text, "name")}
    assert names["Marta Quell"] == "person"


def test_a_role_before_the_name_makes_a_person() -> None:
    text = "The port's chief engineer, Olek Varga, inspected the crane on Monday."
    names = {c.value: c.subject for c in _claims(text, "name")}
    assert names["Olek Varga"] == "person"


def test_the_speaker_may_be_the_appositive_of_a_role() -> None:
    text = (
        '"The crane did not stop when we asked it to," '
        "the port's chief engineer, Olek Varga, told reporters."
    )
    (quote,) = _claims(text, "quote")
    assert quote.attrs["speaker"] == "Olek Varga"
    assert quote.subject == "varga"


def test_a_pronoun_finds_a_person_named_with_an_appositive_role() -> None:
    text = (
        "Marta Quell, the director of the port, made no apology. "
        '"We would close the quay again tomorrow," she said.'
    )
    (quote,) = _claims(text, "quote")
    assert quote.attrs["speaker"] == "Marta Quell"
