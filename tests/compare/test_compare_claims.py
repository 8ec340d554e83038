"""Claims at stake: headlines as claims, each source's stance, disputes only between outlets."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

import storyweave.compare.claims as claims_module
from builders import article, compare_articles
from stance_texts import CLAIM, DEBUNKS, DENIES, DISCUSSES, SUPPORTS, SUPPORTS_TOO, UNRELATED
from storyweave.compare.claims import claims_at_stake
from storyweave.compare.denials import FOREIGN_PARTY, attributed_party
from storyweave.records import Article, Finding, Meta, Relation

DAY = "2026-05-12"


def _titled(article_id: str, text: str, title: str = "") -> Article:
    found = article(article_id, text, DAY)
    return replace(found, title=Meta(title, "test")) if title else found


def _claims(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind == "claim"]


def _variants(finding: Finding) -> dict[str, tuple[str, ...]]:
    return {v.value: v.sources for v in finding.variants}


def test_an_outlet_denying_in_its_own_voice_disputes_the_claim() -> None:
    members = [
        _titled("a", SUPPORTS, CLAIM),
        _titled("b", SUPPORTS_TOO),
        _titled("c", DEBUNKS, "No, the harbour library is not closing"),
    ]
    [finding] = [f for f in _claims(compare_articles(members).findings) if f.subject == CLAIM]
    assert finding.status == "disputed"
    variants = _variants(finding)
    assert variants["asserted"] == ("a", "b")
    assert variants["denied"] == ("c",)
    assert any(line.startswith("c denies") and "false" in line for line in finding.evidence)


def test_a_reported_denial_is_the_party_s_not_a_dispute() -> None:
    members = [_titled("a", SUPPORTS, CLAIM), _titled("b", SUPPORTS_TOO), _titled("c", DENIES)]
    [finding] = [f for f in _claims(compare_articles(members).findings) if f.subject == CLAIM]
    assert finding.status == "corroborated"
    variants = _variants(finding)
    assert variants["asserted"] == ("a", "b")
    assert variants["denied by The harbour town council (as reported)"] == ("c",)
    assert "denied" not in variants


def test_a_source_stating_part_of_the_claim_does_not_corroborate_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    members = [_titled("a", SUPPORTS, CLAIM), _titled("b", SUPPORTS_TOO)]
    [finding] = [f for f in _claims(compare_articles(members).findings) if f.subject == CLAIM]
    assert finding.status == "corroborated"  # b's sentence holds 6 of the claim's 7 words
    monkeypatch.setattr(claims_module, "MIN_CORROBORATING_COVERAGE", 0.9)
    [finding] = [f for f in _claims(compare_articles(members).findings) if f.subject == CLAIM]
    assert finding.status == "single-source"
    assert _variants(finding) == {"asserted": ("a",), claims_module.PARTLY: ("b",)}


def test_copies_count_as_one_source() -> None:
    members = [_titled("a", SUPPORTS, CLAIM), _titled("b", SUPPORTS_TOO), _titled("c", DEBUNKS)]
    copies = [Relation(a="a", b="c", kind="rewrite", score=0.5)]
    findings = _claims(compare_articles(members, copies).findings)
    assert all(f.status != "disputed" for f in findings)


def test_sources_that_only_discuss_or_ignore_the_claim_assert_nothing() -> None:
    members = [_titled("a", DISCUSSES, CLAIM), _titled("b", UNRELATED)]
    findings = _claims(compare_articles(members).findings)
    assert all(f.status != "disputed" for f in findings)
    assert all(f.subject != CLAIM for f in findings)  # nobody asserts it: no finding
    for finding in findings:  # each lead is asserted by its own article, and no other
        assert "asserted" in _variants(finding)
        assert len({s for v in finding.variants for s in v.sources}) == 1


def test_headlines_that_say_the_same_are_one_claim() -> None:
    members = [
        _titled("a", SUPPORTS, CLAIM),
        _titled("b", SUPPORTS_TOO, "Harbour town council votes to close the only public library"),
        _titled("c", UNRELATED, "Rain postpones the regional football final by a week"),
    ]
    claims = claims_at_stake(members)
    assert [c.text for c in claims] == [
        CLAIM,
        "Rain postpones the regional football final by a week",
    ]
    assert claims[0].articles == ("a", "b")


def test_lead_sentences_stand_in_for_missing_headlines() -> None:
    [claim] = claims_at_stake([_titled("a", SUPPORTS)])
    assert claim.text.startswith("The harbour town council voted on Tuesday")


def test_attribution_of_denials() -> None:
    assert attributed_party("The ministry has flatly denied the report.") == "The ministry"
    assert attributed_party("The claim is false, a spokesman said.") == "a spokesman"
    assert attributed_party("The story was dismissed by police as a hoax.") == "police"
    assert attributed_party("According to the agency, the photo is fake.") == "the agency"
    assert attributed_party('"That is simply untrue," she told reporters.') == FOREIGN_PARTY
    assert attributed_party("The photo is a fake.") is None
    assert attributed_party("This so-called cure is a hoax.") is None


def test_passive_chains_end() -> None:
    sentence = "Claims that the pier collapsed are being described as a hoax."
    assert attributed_party(sentence) == FOREIGN_PARTY
    assert attributed_party("The report has been denied by the ministry.") == "the ministry"


_PIECES = ["a", "b", " ", ",", ".", '"', "“", "”", "was ", "being ", "denied ", "said ", "by "]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_sentence_gets_an_answer(sentence: str) -> None:
    party = attributed_party(sentence)
    assert party is None or isinstance(party, str)


def test_a_sentence_with_other_figures_or_a_hedge_asserts_nothing() -> None:
    claim = "Harbour town council cuts library budget by 8.6 pct"
    stated = "The harbour town council cut the library budget by 8.6 pct on Tuesday, it said."
    other = "The harbour town council cut the library budget by 17.8 pct on Tuesday, it said."
    hedged = "The harbour town council reportedly cut the library budget by 8.6 pct on Tuesday."
    members = [_titled("a", stated, claim), _titled("b", other), _titled("c", hedged)]
    [finding] = [f for f in _claims(compare_articles(members).findings) if f.subject == claim]
    assert _variants(finding)["asserted"] == ("a",)
    assert finding.status == "single-source"


def test_sources_must_tell_the_same_event_not_only_the_claim_s_words() -> None:
    claim = "Harbour council sells its ferry to Kestle Lines"
    members = [
        _titled(
            "a",
            "The harbour council sold its ferry to Kestle Lines on Tuesday for two million "
            "crowns, the mayor said. The buyer will run it from June.",
            claim,
        ),
        _titled(
            "b",
            "The harbour council sold its ferry to Kestle Lines in 1998, archive records show, "
            "when the old fleet was renewed. Divers found the wreck last week.",
        ),
        _titled(
            "c",
            "On Tuesday the harbour council sold its ferry to Kestle Lines for two million "
            "crowns, the mayor said. Staff will keep their jobs.",
        ),
    ]
    findings = _claims(compare_articles(members).findings)
    [headline] = [f for f in findings if f.subject == claim]
    assert _variants(headline)["asserted"] == ("a", "c")
    assert all("b" not in _variants(f)["asserted"] or f.status == "single-source" for f in findings)


def test_an_asserting_sentence_names_the_claim_s_rarest_words() -> None:
    claim = "Kestle Brokers making a market in Dunmere Shipping stock"
    members = [
        _titled(
            "a", "Kestle Brokers said it was making a market in Dunmere Shipping stock.", claim
        ),
        _titled(
            "b",
            "Kestle Brokers is making a market in Harbour Shipping stock, Kestle Brokers said. "
            "Dunmere shares fell.",
        ),
    ]
    findings = [f for f in _claims(compare_articles(members).findings) if f.subject == claim]
    assert all(_variants(f).get("asserted") == ("a",) for f in findings)


def test_a_wire_slug_is_no_claim() -> None:
    lead = "Kestle Ferries said it will sell its harbour depot to Dunmere Mills for cash."
    members = [_titled("a", lead, "KESTLE FERRIES <KFR> TO SELL DEPOT"), _titled("b", lead)]
    subjects = {c.text for c in claims_at_stake(members)}
    assert subjects == {lead}  # b's lead; a puts nothing at stake
    assert {c.text for c in claims_at_stake(members, "KESTLE FERRIES <KFR> TO SELL DEPOT")} == {
        lead
    }  # nor does a story named by the slug
    heading = "LONDON TIN PRICES MIDDAY SESSION - MAY 4\nGrade A 410 tonnes 3mths 301.50."
    assert claims_at_stake([_titled("c", heading), _titled("d", heading)]) == []
    rate = "1.2843 compared with 1.2822 yesterday, the Kestle Monetary Board said."
    assert claims_at_stake([_titled("e", rate), _titled("f", rate)]) == []


def test_a_figure_by_a_letter_is_read_as_the_word_an_article_writes() -> None:
    spelled = claims_module._claim_words
    assert spelled("Kestle to buy Dunmere Mills for $2.5B") == (
        "Kestle to buy Dunmere Mills for $2.5 billion"
    )
    assert (
        spelled("Kestle ferry sales forecast at 73M") == "Kestle ferry sales forecast at 73 million"
    )
    assert spelled("Dunmere debt hits £4bn") == "Dunmere debt hits £4 billion"
    assert (
        spelled("Kestle runner wins the 100m in Dunmere")
        == "Kestle runner wins the 100m in Dunmere"
    )
    assert spelled("Team B wins 3 M") == "Team B wins 3 M"
    claim = claims_module.prepare_claim(spelled("Kestle to buy Dunmere Mills for $2.5B"))
    body = claims_module.prepare_body("Kestle will buy Dunmere Mills for $2.5 billion.")
    assert not claims_module.rare_missing(claim, body)


def test_a_claim_s_words_are_stated_in_any_inflection() -> None:
    claim = claims_module.prepare_claim("Kestle police fire on protesters at Dunmere mill")
    body = claims_module.prepare_body("Kestle police fired on protesters at the Dunmere mill.")
    assert claims_module._stated(claim, body).coverage == pytest.approx(1.0)
