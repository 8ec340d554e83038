"""The NER path and the rule fallback of claim extraction, and the speaker/date rules that the
hand-annotated evaluation showed were weak."""

from __future__ import annotations

import pytest

from storyweave.facts import extract_claims
from storyweave.facts.ner import ENV_VAR, model_available, ner_enabled
from storyweave.records import Article, Claim, Meta

needs_model = pytest.mark.skipif(not model_available(), reason="NER model not installed")


def _article(text: str, published: str | None = "2026-03-03") -> Article:
    meta = Meta(published, "t") if published else None
    return Article(id="a", ref="a", source="a", text=text, published=meta)


def _names(claims: list[Claim]) -> dict[str, Claim]:
    return {c.text: c for c in claims if c.kind == "name"}


def test_env_var_turns_the_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "off")
    assert not ner_enabled()
    assert not ner_enabled(True) or model_available()
    monkeypatch.delenv(ENV_VAR)
    assert ner_enabled() == model_available()
    assert not ner_enabled(False)


def test_rule_fallback_types_names_without_the_model() -> None:
    text = "Mayor Jane Okoro said the Harbour Water Board would meet in Kelby."
    names = _names(extract_claims(_article(text), ner=False))
    assert names["Jane Okoro"].subject == "person"
    assert names["Harbour Water Board"].subject == "org"
    assert all("ner" not in c.attrs for c in names.values())


@needs_model
def test_model_names_are_trimmed_typed_and_linked() -> None:
    text = (
        "The United Nations said on Monday that aid convoys had reached Aleppo in Syria. "
        "Maria Lopez, a spokeswoman, said the convoys carried food. Lopez said more would follow."
    )
    names = _names(extract_claims(_article(text), ner=True))
    assert "United Nations" in names  # the leading article is not part of the name
    assert names["United Nations"].subject == "org"
    assert names["Syria"].subject == "place"
    assert names["Maria Lopez"].subject == "person"
    assert names["Lopez"].attrs["canonical"] == "Maria Lopez"
    assert names["Lopez"].attrs["ner"] in {"PERSON", "-"}


@needs_model
def test_rules_overrule_a_model_that_misreads_a_person() -> None:
    # Invented names the small model may read as places; the age appositive and the speech
    # verb make them people.
    text = "Quilla Marrowby, 67, has lived there for years. Quilla Marrowby said she would stay."
    names = [c for c in extract_claims(_article(text), ner=True) if c.kind == "name"]
    assert names and all(c.subject == "person" for c in names if "Marrowby" in c.text)


def _speakers(text: str) -> list[str]:
    return [
        c.attrs["speaker"] for c in extract_claims(_article(text), ner=False) if c.kind == "quote"
    ]


def test_he_said_after_a_new_named_person_is_that_person() -> None:
    text = (
        '"We were the braver side for the whole hour," said coach Anna Berg.\n\n'
        "Rival coach Tomas Ek said the red card decided it. "
        '"At eleven against eleven we controlled the game," he said.'
    )
    assert _speakers(text) == ["Anna Berg", "Tomas Ek"]


def test_name_before_an_appositive_naming_someone_else_speaks() -> None:
    text = (
        '"The war is moving to their own territory now," Olek Varga, an aide to president '
        "Ivan Doru, wrote on social media."
    )
    assert _speakers(text) == ["Olek Varga"]


def test_partial_quote_after_a_pronoun_speech_verb() -> None:
    text = (
        "Chief engineer Tom Reyes inspected the gate. He said the brake had failed but that it "
        'was "too early to rule anything in or out".'
    )
    quotes = [c for c in extract_claims(_article(text), ner=False) if c.kind == "quote"]
    assert [q.attrs["speaker"] for q in quotes] == ["Tom Reyes"]
    assert quotes[0].attrs["direct"] == "no"


def _dates(text: str, published: str | None = "2026-03-03") -> dict[str, Claim]:
    claims = extract_claims(_article(text, published), ner=False)
    return {c.text: c for c in claims if c.kind == "date"}


def test_weekday_in_future_tense_resolves_forward() -> None:
    # 2026-03-03 is a Tuesday.
    dates = _dates("Schools will be closed on Wednesday. The storm hit on Monday.")
    assert dates["on Wednesday"].value == "2026-03-04"
    assert "future" in dates["on Wednesday"].attrs["resolved_from"]
    assert dates["on Monday"].value == "2026-03-02"


def test_quoted_future_does_not_move_the_date_of_the_saying() -> None:
    dates = _dates('"We will move people twice if we must," she said on Tuesday.')
    assert dates["on Tuesday"].value == "2026-03-03"


def test_named_times_and_decades() -> None:
    dates = _dates("Crews worked from six o'clock until noon on a dam built in the early 1970s.")
    assert dates["six o'clock"].value == "T06:00"
    assert dates["noon"].value == "T12:00"
    assert dates["1970s"].value == "1970s"
    assert dates["1970s"].attrs["granularity"] == "decade"


def test_date_word_inside_a_name_is_no_date() -> None:
    dates = _dates("Norvale Today will bring you updates, and the river is high today.")
    assert [c.text for c in dates.values()] == ["today"]
