"""Credits: source credits mark a copy, staff credits do not; bylines and sign-offs."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from storyweave.records import Article, Meta, Removed
from storyweave.reuse.credits import (
    credit_signs,
    credited_byline,
    is_staff_credit,
    names_outlet_of,
    sign_off_name,
    staff_credits,
)

BODY = "The city council approved the new budget on Tuesday after a long debate.\n"


def article(
    text: str = BODY,
    byline: str | None = None,
    outlet: str | None = None,
    removed: tuple[Removed, ...] = (),
    article_id: str = "x",
) -> Article:
    base = Article(article_id, "ref", "src", text)
    return replace(
        base,
        byline=Meta(byline, "test") if byline else None,
        outlet=Meta(outlet, "test") if outlet else None,
        removed=removed,
    )


def test_staff_credit_is_not_evidence_of_copying() -> None:
    for reason in ("staff credit", "credit line"):  # either way the cleaner may file it
        credited = article(removed=(Removed("(Reporting by Ann Lee; editing by Bo Park)", reason),))
        assert credit_signs(credited) == []
        assert staff_credits(credited) == ["(Reporting by Ann Lee; editing by Bo Park)"]


def test_source_credits_are_evidence_of_copying() -> None:
    for line in ("(With inputs from agencies)", "(With agency inputs)", "Source: Example Wire"):
        assert credit_signs(article(removed=(Removed(line, "credit line"),)))
    assert credit_signs(article(BODY + "This story first appeared on Example Daily.\n"))
    assert credit_signs(article(BODY + "(Source: Example Daily)\n"))
    assert credit_signs(article(BODY + "The post Budget passed appeared first on Example.\n"))
    assert credit_signs(article(BODY + "The rumour first appeared on social media.\n")) == []


def test_the_outlets_own_sign_off_credits_no_other_source() -> None:
    signed = (Removed("Example Wire", "credit line"),)
    assert credit_signs(article(outlet="Example Wires", removed=signed)) == []
    assert credit_signs(article(outlet="Other Daily", removed=signed))


def test_a_reporting_credit_naming_an_agency_credits_a_source() -> None:
    assert not is_staff_credit("(Reporting by Reuters; editing by Bo Park)")
    assert not is_staff_credit("(Reporting by agencies)")
    assert is_staff_credit("Additional reporting by Carla Diaz in Lisbon")


def test_a_byline_naming_an_agency_other_than_the_outlet_is_a_credit() -> None:
    assert credited_byline(article(byline="Example News Agency", outlet="Evening Post"))
    assert credited_byline(article(byline="Example News Agency")) == "Example News Agency"
    assert credited_byline(article(byline="Jane Doe", outlet="Evening Post")) is None
    assert credited_byline(article(byline="Ani Dap", outlet="Evening Post")) is None
    assert credited_byline(article(byline="Jane Doe (AFP)", outlet="Evening Post"))
    assert credited_byline(article(byline="Evening Post", outlet="Evening Post")) is None
    assert credited_byline(article(byline="News Desk", outlet="Evening Post")) is None
    assert credited_byline(article(byline="Jane Doe, Evening Post", outlet="Evening Post")) is None


def test_a_closing_sign_off_names_the_source() -> None:
    signed = article(BODY + "\n- Example News Agency")
    assert sign_off_name(signed) == "Example News Agency"
    assert any("sign-off" in sign for sign in credit_signs(signed))
    assert sign_off_name(article(BODY)) is None


def test_names_outlet_of_matches_outlet_or_copyright_holder() -> None:
    wire = article(outlet="Example News Agency", article_id="w")
    copy = article(byline="Example News Agency", outlet="Evening Post", article_id="c")
    assert names_outlet_of(copy, wire) is not None
    assert names_outlet_of(wire, copy) is None
    unnamed_wire = article(
        removed=(
            Removed("Copyright 2025 Example News Agency. All rights reserved.", "copyright line"),
        ),
        article_id="u",
    )
    found = names_outlet_of(copy, unnamed_wire)
    assert found is not None and "copyright line" in found
    assert names_outlet_of(article(byline="Jane Doe", article_id="p"), wire) is None


@given(st.text(alphabet=st.sampled_from("abc XYZ;()\n-"), max_size=80))
def test_credit_helpers_accept_any_text(text: str) -> None:
    odd = article(text, byline=text.strip() or None, removed=(Removed(text, "credit line"),))
    assert isinstance(credit_signs(odd), list)
    assert isinstance(staff_credits(odd), list)


def test_a_copy_names_the_paper_it_took_the_story_from() -> None:
    quoted = BODY + '"It was the best day of my life." - Kestle Mirror'
    assert credit_signs(article(quoted)) == ['closing sign-off credits "Kestle Mirror"']
    told = "The dam was leaking on Monday, report The Dunmere Herald, citing engineers.\n"
    assert credit_signs(article(told))
    assert credit_signs(article(told, outlet="The Dunmere Herald")) == []  # its own name
    assert credit_signs(article("According to the Kestle Post, the dam was leaking.\n"))
    assert credit_signs(article("The Independent Electoral Commission met on Monday.\n")) == []
    assert credit_signs(article(BODY + '"We will win," he said. - Ann Lee')) == []
