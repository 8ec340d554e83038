"""Denied statements: a disputed finding when one source denies what another states."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builders import article, compare_articles
from storyweave.compare.denials import DENIAL_CUES, content_stem
from storyweave.records import Finding, Relation

DAY = "2025-03-04"
REPORT = (
    "The regional ferry operator plans to scrap its night crossings to the northern islands "
    "from April, the Coastline Courier reported on Tuesday."
)
DENIAL = (
    "The ferry operator on Wednesday dismissed claims that it plans to scrap night crossings "
    "to the northern islands, calling the story baseless."
)
UNRELATED_DENIAL = (
    "The harbour master denied that the new pier had been closed after the storm last week."
)


def _statements(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.kind == "statement"]


def test_a_denial_of_what_another_source_states_is_disputed() -> None:
    members = [article("a", REPORT, DAY), article("b", DENIAL, DAY)]
    (finding,) = _statements(compare_articles(members).findings)
    assert finding.status == "disputed"
    stated, denied = finding.variants
    assert stated.sources == ("a",) and stated.value.startswith("The regional ferry operator")
    assert denied.sources == ("b",) and "dismissed claims" in denied.value
    assert any('denial cue "dismissed claims"' in e for e in finding.evidence)
    assert any("shared words:" in e and "islands" in e for e in finding.evidence)
    assert finding.subject == "denied: ferry operator plans scrap night crossings northern islands"


def test_copies_of_one_source_are_not_a_dispute() -> None:
    members = [article("a", REPORT, DAY), article("b", DENIAL, DAY)]
    copy = Relation(a="a", b="b", kind="reuse", score=0.5)
    assert _statements(compare_articles(members, [copy]).findings) == []


def test_a_denial_of_something_else_is_not_a_dispute() -> None:
    members = [article("a", REPORT, DAY), article("b", UNRELATED_DENIAL, DAY)]
    assert _statements(compare_articles(members).findings) == []


def test_sentences_that_both_deny_are_not_statements() -> None:
    members = [
        article("a", DENIAL, DAY),
        article("b", DENIAL.replace("Wednesday", "Thursday"), DAY),
    ]
    assert _statements(compare_articles(members).findings) == []


def test_shared_topic_words_alone_do_not_match() -> None:
    # Every source names the ferry operator and the islands: those words say only what the
    # story is about, so a denial sharing nothing else is not matched to a statement.
    topic = "The ferry operator serves the northern islands."
    members = [
        article(
            "a", f"{topic} Its new timetable starts in April with extra morning sailings.", DAY
        ),
        article(
            "b", f"{topic} The operator denied that its ferry islands northern service ended.", DAY
        ),
        article("c", f"{topic} Passengers praised the crews on the morning sailings.", DAY),
    ]
    assert _statements(compare_articles(members).findings) == []


def test_denial_cues() -> None:
    for sentence in (
        "Officials denied reports that the plant would close.",
        "The club rejected the newspaper's claims.",
        "The minister denies that any deal was signed.",
        "The company said the report was not true.",
        "The photo is a hoax, the agency said.",
        "There are no plans to raise the fee.",
        "The navy quickly dispelled that rumour.",
        "It was a false story, the mayor said.",
    ):
        assert DENIAL_CUES.search(sentence), sentence
    for sentence in (
        "The player was dismissed in the second half.",
        "The court denied bail to the driver.",
        "The council rejected the budget on Monday.",
        "The true cost of the bridge is still unknown.",
        "The court quashed the conviction.",
    ):
        assert not DENIAL_CUES.search(sentence), sentence


def test_stems_meet_across_inflections() -> None:
    assert content_stem("plans") == content_stem("planning") == content_stem("planned") == "plan"
    assert content_stem("crossings") == content_stem("crossing")
    assert content_stem("islands") == content_stem("island")
    assert content_stem("closes") == content_stem("closing") == content_stem("closed")


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_stem_never_raises_and_is_short(word: str) -> None:
    assert len(content_stem(word.lower())) <= 6


SHIP_REPORT = (
    "A cargo ship carrying sick rats has drifted for weeks off the southern coast, port officials "
    "said on Monday. The ship left the northern harbour in July and lost its engines in a storm. "
    "Crews from two coastguard boats tried to tow the ship to the harbour but failed."
)
SHIP_DEBUNK = (
    "Posts shared widely this week said a cargo ship carrying sick rats drifted off the southern "
    "coast after it lost its engines. There is no truth to the story. Port officials said no such "
    "ship had left the northern harbour."
)


def test_a_denial_naming_no_claim_disputes_the_story_it_shares_words_with() -> None:
    members = [article("a", SHIP_REPORT, DAY), article("b", SHIP_DEBUNK, DAY)]
    compared = compare_articles(members, headline="Rat ship drifts off the coast")
    (finding,) = _statements(compared.findings)
    stated, denied = finding.variants
    assert stated.value == "Rat ship drifts off the coast" and stated.sources == ("a",)
    assert denied.value == "There is no truth to the story." and denied.sources == ("b",)
    assert any("naming no claim of its own" in e for e in finding.evidence)


def test_a_denial_naming_no_claim_in_an_unrelated_article_disputes_nothing() -> None:
    members = [
        article("a", SHIP_REPORT, DAY),
        article("b", "The rumours are false, she said.", DAY),
    ]
    assert _statements(compare_articles(members, headline="Rat ship").findings) == []
