"""What the ledger must not call a dispute, a drift or a garbled name (precision first)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builders import article, compare_articles
from storyweave.compare.names import spelling_variant, swapped_word
from storyweave.compare.quote_keys import keys, spelling_key
from storyweave.compare.quotes import speaker_shown
from storyweave.records import Article, Claim, Finding, Label, Relation

DAY = "2025-06-02"


def _findings(texts: dict[str, str]) -> list[Finding]:
    members: list[Article] = [article(k, v, DAY) for k, v in texts.items()]
    return compare_articles(members).findings


def _statuses(findings: list[Finding], kind: str) -> set[str]:
    return {f.status for f in findings if f.kind == kind}


# --- quantities -----------------------------------------------------------------------------


def test_counts_of_different_things_are_not_set_against_each_other() -> None:
    findings = _findings(
        {
            "a": "The ferry company will cut 300 of its 2,000 staff this year, the company said.",
            "b": "The ferry company said it will cut about 450 staff at its two ports this year.",
        }
    )
    assert "disputed" not in _statuses(findings, "quantity")


def test_partial_counts_and_model_numbers_are_no_counts_to_dispute() -> None:
    findings = _findings(
        {
            "a": "Witnesses said the first two explosions shook the harbour district on Monday.",
            "b": "Witnesses said 3 explosions shook the harbour district on Monday night.",
        }
    )
    assert "disputed" not in _statuses(findings, "quantity")
    findings = _findings(
        {
            "a": "The airline flies Boeing 737 jets on the island route, the airline said.",
            "b": "The airline flies 12 jets on the island route, the airline said.",
        }
    )
    assert "disputed" not in _statuses(findings, "quantity")


def test_a_count_of_one_event_on_one_day_is_disputed() -> None:
    findings = _findings(
        {
            "a": "Police said 12 people were killed in the market fire in the old town on Sunday.",
            "b": "At least 30 people were killed in the fire at the old town market on Sunday, "
            "police said.",
        }
    )
    assert _statuses(findings, "quantity") == {"disputed"}


def test_a_day_named_relative_to_publication_is_one_day_only_when_published_that_day() -> None:
    texts = {
        "a": "Kestle Bank said banks drew 1.5 billion marks from the Lombard facility yesterday.",
        "b": "Banks drew 5.3 billion marks from the Kestle Bank Lombard facility yesterday, "
        "dealers said.",
    }
    same_day = compare_articles([article(k, v, DAY) for k, v in texts.items()]).findings
    assert _statuses(same_day, "quantity") == {"disputed"}
    days = {"a": DAY, "b": "2025-06-03"}
    other_days = compare_articles([article(k, v, days[k]) for k, v in texts.items()]).findings
    assert "disputed" not in _statuses(other_days, "quantity")


def test_tenors_spans_reckoned_from_now_and_table_rows_are_no_measures() -> None:
    texts = {
        "a": "Kestle Bank is issuing five year notes with warrants. Redemption is in "
        "tranches after 12 years. Budgets were cut in the past five years. Harbour Fund "
        "lost for the first time in 25 years. TIN Grade A 410 tonnes 3mths 301.50 302.00. "
        "It was his first in exactly four months.",
        "b": "Kestle Bank is issuing seven year notes with warrants. Redemption is in "
        "tranches after 2 years. Budgets were cut in the past 36 years. Harbour Fund "
        "lost for the first time in 36 years. TIN Grade A 1,115 tonnes 3mths 303.00 304.50. "
        "It was his first in exactly four months.",
    }
    assert [f for f in _findings(texts) if f.kind == "quantity"] == []


def test_denominators_spans_passed_and_two_exact_counts_corroborate_nothing() -> None:
    texts = {
        "a": "Kestle cut its rebate to 45 Ecus per 100 kilos. Before we knew it six months had "
        "passed. Kestle Air won a contract for 172 jet engines, the Air Force said. The "
        "average Kestle home now stands at £163,748.",
        "b": "Kestle cut its rebate to 44 Ecus per 100 kilos. Before we knew it six months had "
        "passed. Kestle Air won a contract for 176 jet engines, the Air Force said. The "
        "average Kestle home now stands at £162,086.",
    }
    assert [f for f in _findings(texts) if f.kind == "quantity"] == []


def test_values_an_article_gives_both_of_or_reported_days_apart_are_not_disputed() -> None:
    texts = {
        "a": "Kestle is expected to tender shortly for 90,000 tonnes of soft wheat for shipment "
        "in May, covered by Dunmere export credits, traders said.",
        "b": "Kestle is expected to tender for 90,000 tonnes of soft wheat in May. Dunmere has "
        "sold Kestle a total of 250,000 tonnes of soft wheat covered by Dunmere export credits.",
    }
    assert "disputed" not in _statuses(_findings(texts), "quantity")
    tender = {
        "a": "The Kestle millers' committee awarded contracts to supply a total of 90,000 "
        "tonnes of wheat for delivery in May, a committee spokesman said.",
        "b": "The Kestle millers' committee awarded contracts to supply 250,000 tonnes of wheat "
        "in all for delivery in May, a spokesman for the committee said.",
    }
    same_day = compare_articles([article(k, v, DAY) for k, v in tender.items()]).findings
    assert _statuses(same_day, "quantity") == {"disputed"}
    days = {"a": DAY, "b": "2025-06-12"}
    days_apart = compare_articles([article(k, v, days[k]) for k, v in tender.items()]).findings
    assert "disputed" not in _statuses(days_apart, "quantity")


def test_measures_of_things_named_apart_or_only_possible_are_not_disputed() -> None:
    bonds = {
        "a": "Kestle Bank is issuing a bond for 11 years and 302 days, lead manager Dunmere said.",
        "b": "Harbour Trust is issuing a bond for five years, lead manager Tessford Bank said.",
    }
    assert "disputed" not in _statuses(_findings(bonds), "quantity")
    possible = {
        "a": "Traders said Kestle purchases could reach 75,000 tonnes of cocoa within weeks.",
        "b": "Traders said purchases by Kestle reached 20,000 tonnes of cocoa within weeks.",
    }
    assert "disputed" not in _statuses(_findings(possible), "quantity")
    said = {k: v.replace("could reach", "reached") for k, v in possible.items()}
    assert _statuses(_findings(said), "quantity") == {"disputed"}


def test_a_corroborated_count_holds_only_sentences_that_say_alike_and_shows_what_was_counted():
    texts = {
        "a": "Few doubted the Kestle exchange would be able to keep 27 market makers busy.",
        "b": "The Kestle exchange opened its doors to 27 market makers on Monday.",
    }
    findings = [f for f in _findings(texts) if f.kind == "quantity"]
    [makers] = [f for f in findings if f.variants[0].value == "27 maker"]
    assert makers.status == "corroborated"
    assert makers.subject.endswith("… market makers busy")
    race = {
        "a": "Dunmere Rowing won the 27 km race on the Kestle river on Sunday.",
        "c": "Tessford Rowing came second in the 27 km race on the Kestle river on Sunday.",
        "e": "Rowing clubs of the Kestle river want a new course. Organisers measured a 27 km "
        "course for a regatta next spring.",
    }
    [distance] = [f for f in _findings(race) if f.kind == "quantity"]
    assert distance.variants[0].sources == ("a", "c")  # e's sentence says something else
    days = {"a": DAY, "c": "2025-06-09", "e": DAY}
    weekly = compare_articles([article(k, v, days[k]) for k, v in race.items()]).findings
    assert "corroborated" not in _statuses(weekly, "quantity")  # this week's race and last
    parts = {
        "a": "Engineers said two of the six Kestle weir pumps jammed on Friday.",
        "b": "Two of the six Kestle weir pumps jammed on Friday, engineers said.",
    }
    assert all("(part)" not in f.subject for f in _findings(parts))


def test_a_verb_after_a_number_an_address_and_a_reporting_period_are_no_counted_things() -> None:
    address = {
        "a": "Police found the car in the 3600 block of Kestle Street in Dunmere.",
        "b": "The car was found in the 3600 block of Kestle Street in Dunmere, police said.",
    }
    assert [f for f in _findings(address) if f.kind == "quantity"] == []
    texts = {
        "a": "Dozens of Kestle pupils escaped but 219 remain missing. Kestle Mills reported "
        "results for the six months period ended December 31.",
        "b": "Many Kestle pupils escaped but 219 remain missing. Kestle Mills reported results "
        "for the six months period ended December 31.",
    }
    assert [f for f in _findings(texts) if f.kind == "quantity"] == []


def test_a_distance_that_names_a_race_or_a_mark_is_no_measure() -> None:
    race = {
        "a": "Olympic 100m champion Kestle Dunmere will run in Tessford.",
        "b": "Olympic 100m champion Kestle Dunmere will race in Tessford, organisers said.",
        "c": "Tessa Kestle will try to break the 5m barrier in Dunmere.",
        "d": "Tessa Kestle hopes to break the 5m barrier in Dunmere soon.",
    }
    assert [f for f in _findings(race) if f.kind == "quantity"] == []
    river = {
        "a": "The Kestle river rose 5m overnight in Dunmere.",
        "b": "The Kestle river rose 5m overnight in Dunmere, police said.",
    }
    assert _statuses(_findings(river), "quantity") == {"corroborated"}


def test_thresholds_conditions_unnamed_wholes_and_a_named_one_are_no_amounts() -> None:
    rules = {
        "a": "Under the Kestle rules, 25 grams or less is a fine. Fares rise whenever the "
        "ferry is late for two consecutive days. Kestle Ferries said less than 40% of the "
        "total are used. A notice on at least one website, Kestle Today, said so.",
        "b": "Kestle council said 25 grams or less would be a fine. Fares go up if the ferry "
        "is late for two consecutive days. Less than 40% of the total are used, Kestle "
        "Ferries said. A story on at least one website, Kestle Today, said so.",
    }
    assert [f for f in _findings(rules) if f.kind == "quantity"] == []
    facts = {
        "a": "Police seized 25 grams of resin in Dunmere. Kestle Ferries said 40% of the "
        "total fleet was idle. At least one missile landed in Dunmere on Friday.",
        "b": "Police seized 25 grams of resin in Dunmere on Friday. Kestle Ferries said 40% of "
        "the total fleet was idle. At least one missile landed in Dunmere on Friday.",
    }
    corroborated = {f.variants[0].value for f in _findings(facts) if f.kind == "quantity"}
    assert corroborated == {"25 gram", "40%", "at least 1 missile"}


def test_a_counted_noun_alone_says_nothing_alike() -> None:
    texts = {
        "a": "Relations between the two countries have generally been warm.",
        "b": "It was a meaningless war between two Islamic countries.",
    }
    assert [f for f in _findings(texts) if f.kind == "quantity"] == []
    alike = {
        "a": "Kestle signed a trade deal between two Islamic countries.",
        "b": "The trade deal between two Islamic countries was signed by Kestle.",
    }
    assert _statuses(_findings(alike), "quantity") == {"corroborated"}


# --- quotes ---------------------------------------------------------------------------------


def test_spelling_keys() -> None:
    assert spelling_key("harbour") == spelling_key("harbor")
    assert spelling_key("realise") == spelling_key("realize")
    assert spelling_key("centres") == spelling_key("centers")
    assert spelling_key("travelled") == spelling_key("traveled")
    assert spelling_key("first-hand") == spelling_key("firsthand")
    assert spelling_key("I'm") == spelling_key("im")
    assert keys("1m people") == keys("1 million people") == keys("one million people")
    assert keys("5,000 homes") == keys("5000 homes")
    assert spelling_key("harbour") != spelling_key("harness")
    assert keys("") == keys("... —") == []  # a quote of a cut alone has no words
    assert keys("here (sic) we go") == ["h*", "we", "go"]


@given(
    st.lists(st.sampled_from(["sic", "(sic)", " ", "...", "—", "5m", "U.N.", "we", "'"])).map(
        "".join
    )
)
def test_keys_of_any_quote_text_are_words(text: str) -> None:
    assert all(key.strip() == key and key for key in keys(text))


QUOTE = "We will keep the harbour open and we will realise every promise to the fishermen"


def _quote_texts(first: str, second: str) -> dict[str, str]:
    return {
        "a": f'"{first}," said harbour master Ewan Tolland on Friday.',
        "b": f'"{second}," said harbour master Ewan Tolland on Friday.',
    }


_RUDE = "We will keep the damn harbour open and we will realise every promise to the fishermen"
_NAMED = "We will never trade with the al Kestedh group, not for the harbour or the fishermen"
_DOLLARS = "We will spend 300 million dollars to keep the harbour open for the fishermen"
_AGES = "They are all in their early to mid twenties and we will keep the harbour open"
_ABBREVIATED = QUOTE.replace("harbour open", "harbour open to U.N. ships")
NO_DRIFT = {
    "spelling": (QUOTE, QUOTE.replace("harbour", "harbor").replace("realise", "realize")),
    "marked cut": (QUOTE, "We will keep the harbour open ... every promise to the fishermen"),
    "censored": (_RUDE, _RUDE.replace("damn", "d***")),
    "typo": (QUOTE, QUOTE.replace("fishermen", "fishermem")),
    "dropped article": (QUOTE, QUOTE.replace("keep the harbour", "keep harbour")),
    "name vowels": (_NAMED, _NAMED.replace("al Kestedh", "al-Kistadh")),
    "short typo": (QUOTE, QUOTE.replace("We will keep", "We wil keep")),
    "wire units": (_DOLLARS, _DOLLARS.replace("million dollars", "mln dlrs")),
    "decade": (_AGES, _AGES.replace("mid twenties", "mid-20s")),
    "inflection": (QUOTE, QUOTE.replace("keep the harbour", "keeping the harbour")),
    "unmarked cut": (QUOTE, QUOTE.replace("open and", "open all winter long and")),
    "abbreviation": (_ABBREVIATED, _ABBREVIATED.replace("U.N.", "United Nations")),
    "marked slip": (QUOTE, QUOTE.replace("keep the", "kip (sic) the")),
    "editor's stand-in": (QUOTE, QUOTE.replace("the harbour", "(the port)")),
    "cut and a function word": (
        QUOTE,
        QUOTE.replace("promise to the", "promise of the").replace(
            "open and", "open all winter long and"
        ),
    ),
}


@pytest.mark.parametrize("case", sorted(NO_DRIFT))
def test_spelling_variants_censoring_and_cuts_are_no_drift(case: str) -> None:
    first, second = NO_DRIFT[case]
    assert "drifted" not in _statuses(_findings(_quote_texts(first, second)), "quote")


@pytest.mark.parametrize(
    "negated",
    [
        QUOTE.replace("we will realise", "we will not realise"),
        QUOTE.replace("we will realise", "we will not at any price realise"),
    ],
)
def test_a_dropped_negation_is_a_drift(negated: str) -> None:
    findings = [f for f in _findings(_quote_texts(QUOTE, negated)) if f.kind == "quote"]
    assert [f.status for f in findings] == ["drifted"]
    assert "+not" in findings[0].evidence[0]


def test_a_changed_word_is_a_drift_and_quotes_are_shown_as_written() -> None:
    changed = QUOTE.replace("keep the harbour open", "keep the harbour shut")
    findings = [f for f in _findings(_quote_texts(QUOTE, changed)) if f.kind == "quote"]
    [finding] = findings
    assert finding.status == "drifted"
    assert {v.value for v in finding.variants} == {QUOTE, changed}
    assert "+shut" in finding.evidence[0]


# --- names ----------------------------------------------------------------------------------


def test_spellings_and_transliterations_of_a_name() -> None:
    assert spelling_variant("Déby", "Deby")
    assert spelling_variant("Gaddafi", "Gadhafi")
    assert spelling_variant("Willson", "Wilson")
    assert not spelling_variant("Hartwell", "Hartspring")
    assert swapped_word("Harbour Store", "Harbour Stores", frozenset({"store", "stores"})) is None


def test_namesakes_in_one_sentence_are_two_people() -> None:
    text = (
        "Brothers Tomas Varga and Tobias Varga opened the bakery in 2010. "
        "Tomas Varga said the bakery would stay open. Tobias Varga agreed."
    )
    other = "Tomas Varga told the paper that the bakery would stay open."
    findings = _findings({"a": text, "b": other, "c": other.replace("paper", "radio")})
    assert "garbled" not in _statuses(findings, "name")


def test_names_given_different_titles_are_two_people() -> None:
    texts = {
        "a": "Bank vice president Helmut Kestlinger warned on rates. Kestlinger spoke in Dunmere.",
        "b": "Bank vice president Helmut Kestlinger warned on rates on Friday.",
        "c": "Kestlinger backs the plan, which former chancellor Helmut Kesmidt began in 1980.",
    }
    assert "garbled" not in _statuses(_findings(texts), "name")
    texts["c"] = "Bank vice president Helmut Kesmidt warned on rates in Dunmere on Friday."
    assert _statuses(_findings(texts), "name") >= {"garbled"}


def test_a_common_word_opening_the_sentence_is_no_first_name() -> None:
    def texts(name: str) -> dict[str, str]:
        return {
            "a": f"{name} had said that its results would match. The spokesman said "
            "Kestlo would pay more, a Kestlo spokesman said earlier.",
            "b": f"{name} had said that its results would match. Kestlo said it would pay "
            "more, smaller and earlier, to mark the year.",
        }

    assert [f for f in _findings(texts("Smaller Kestlo")) if f.kind == "name"] == []
    named = texts("As expected, Mark Kestlo")
    assert [f.subject for f in _findings(named) if f.kind == "name"] == ["Mark Kestlo"]


def test_name_forms_acronyms_moves_and_compounds_are_no_drift() -> None:
    base = "The militants of ISIS are using new tactics along the border every single day"
    acronym = base.replace("ISIS", "ISIL")
    assert "drifted" not in _statuses(_findings(_quote_texts(base, acronym)), "quote")
    moved = "We really can't tell the world how bad the flooding in the harbour might be"
    other_order = moved.replace("really can't", "can't really")
    assert "drifted" not in _statuses(_findings(_quote_texts(moved, other_order)), "quote")
    typo = QUOTE.replace("open", "opem")  # a typo in a four-letter word
    assert "drifted" not in _statuses(_findings(_quote_texts(QUOTE, typo)), "quote")
    hyphened = "The cliffs are about 30 metres high and rise straight out of the harbour water"
    compound = hyphened.replace("30 metres high", "30-metre-high")
    assert "drifted" not in _statuses(_findings(_quote_texts(hyphened, compound)), "quote")


def test_another_remark_of_the_speaker_corroborates_nothing() -> None:
    findings = _findings(
        {
            "a": '"We will keep the harbour open for every boat this winter," said Ewan Tolland. '
            '"The fishermen deserve nothing less from this council," he added.',
            "b": '"The fishermen deserve better pay from the national government," said Ewan '
            "Tolland on Friday.",
        }
    )
    assert "corroborated" not in _statuses(findings, "quote")
    overlapping = {
        "a": '"That is needless. We are opposed to closing the harbour," said Ewan Tolland.',
        "b": "\"We're opposed to closing the harbour.... We will fight it in every council "
        'meeting," said Ewan Tolland.',
    }
    assert "corroborated" not in _statuses(_findings(overlapping), "quote")
    excerpt = {
        "a": overlapping["a"],
        "b": 'Ewan Tolland said: "We are opposed to closing the harbour."',
    }
    assert "corroborated" in _statuses(_findings(excerpt), "quote")
    partial = {
        "a": 'Ewan Tolland said he wants "to keep the harbour open all winter for the boats."',
        "b": 'Ewan Tolland said he wants a "safe harbour open all winter" for the boats.',
    }
    assert "drifted" not in _statuses(_findings(partial), "quote")
    two_speakers = {
        "a": '"The closure is a major blow to the largest ferry firm in the county and its '
        'crews," Ewan Tolland said.',
        "b": '"Closing the quay is a major blow to the ferry firm and its crews," Mara Dunn '
        "said on Friday.",
        "c": 'The harbour board called it "a major blow to the ferry firm and its crews".',
    }
    assert "drifted" not in _statuses(_findings(two_speakers), "quote")


def test_a_wording_is_named_by_its_full_quote_not_by_an_excerpt() -> None:
    full = "We will keep the harbour open. The fishermen deserve nothing less"
    texts = {
        "a": 'Ewan Tolland said "the fishermen deserve nothing less".',
        "b": f'"{full}," said Ewan Tolland on Friday.',
        "c": f'"{full}," said Ewan Tolland.',
    }
    [finding] = [f for f in _findings(texts) if f.kind == "quote"]
    assert finding.variants[0].value == full


def test_many_changes_are_a_drift_only_in_a_spinners_copy() -> None:
    first = "We will keep the harbour open for every boat and every crew all through the winter"
    second = "We shall hold the harbour open for all boats and every crew all through the season"
    plain = _quote_texts(first, second)
    assert "drifted" not in _statuses(_findings(plain), "quote")
    members = [article(k, v, DAY) for k, v in plain.items()]
    spun = Label("spun", ("synonyms swapped",))
    members[1] = dataclasses.replace(members[1], labels=(spun,))
    assert "drifted" in _statuses(compare_articles(members).findings, "quote")


def test_wordings_of_two_occasions_are_two_remarks() -> None:
    first = "I hope the harbour will stay open for the fishermen this winter"
    second = "I hope the harbour will stay open for every boat this winter"
    texts = {
        "a": f'"{first}," Ewan Tolland told a council committee.',
        "b": f'"{second}," Ewan Tolland told the Coast Radio network in an interview.',
    }
    assert "drifted" not in _statuses(_findings(texts), "quote")
    press = {
        "a": f'"{first}," Ewan Tolland told a council committee.',
        "b": f'"{second}," Ewan Tolland told reporters.',
    }
    assert "drifted" in _statuses(_findings(press), "quote")
    plain = _quote_texts(first, second)
    days = {"a": DAY, "b": "2025-06-10"}
    weeks_apart = compare_articles([article(k, v, days[k]) for k, v in plain.items()]).findings
    assert "drifted" not in _statuses(weeks_apart, "quote")
    days = {"a": DAY, "b": "2025-06-04"}
    days_apart = compare_articles([article(k, v, days[k]) for k, v in plain.items()]).findings
    assert "drifted" in _statuses(days_apart, "quote")


def test_a_speaker_shown_only_when_an_attribution_names_a_person_or_role() -> None:
    texts = {
        "a": 'A Seoul resident spoke to reporters. "The harbour will never open again," '
        "Seoul said in the headline.",
        "b": '"The harbour will never open again," Seoul told the Daily Star.',
    }
    quotes = [f for f in _findings(texts) if f.kind == "quote"]
    assert quotes and all(not f.subject.startswith("Seoul") for f in quotes)
    texts = {
        "a": '"The harbour will never open again," Ewan Tolland said on Friday.',
        "b": '"The harbour will never open again," Tolland told the Daily Star.',
    }
    quotes = [f for f in _findings(texts) if f.kind == "quote"]
    assert any(f.subject.startswith(("Tolland", "Ewan Tolland")) for f in quotes)
    said_by = ["the masked man", "the masked man", "the figure in black", "Ewan Tolland"]
    quotes = [
        Claim(f"q{n}", f"a{n}", "quote", 0, 9, "x", "x", speaker.lower(), {"speaker": speaker})
        for n, speaker in enumerate(said_by)
    ]
    assert speaker_shown(quotes, quotes) == ""  # most attributions name no one: a misreading
    assert speaker_shown(quotes[2:], quotes) == "Ewan Tolland"
    someone = [
        Claim(
            f"s{n}", f"a{n}", "quote", 0, 9, "x", "x", "someone once", {"speaker": "Someone once"}
        )
        for n in range(2)
    ]
    assert speaker_shown(someone, someone) == ""  # "Someone once said": no one in particular


def test_a_name_spelt_two_ways_by_the_same_articles_alone_is_not_garbled() -> None:
    texts = {
        "a": "Police chief Daniel Whitford said the port would open. Later police chief Daniel "
        "Whitfort said the port would close, Whitfort added.",
        "b": "The ferry company said its boats would sail from the port on Monday.",
    }
    assert "garbled" not in _statuses(_findings(texts), "name")
    texts["c"] = "Police chief Daniel Whitford said the port would stay open, Whitford said."
    texts["d"] = "Daniel Whitford, the police chief, said the port would open, Whitford said."
    assert "garbled" in _statuses(_findings(texts), "name")


PORT_CHIEF = (
    "Police chief Lena {name} said the port would stay open on Monday, {name} said. "
    "The ferry company said its boats would sail as planned."
)


def _port_texts(*names: str) -> dict[str, str]:
    return {chr(ord("a") + n): PORT_CHIEF.format(name=name) for n, name in enumerate(names)}


def test_two_listed_surnames_more_than_one_slip_apart_are_two_people() -> None:
    # both in the word list, three letters apart: two people, not one name mangled
    assert "garbled" not in _statuses(_findings(_port_texts("Morgan", "Morgan", "Morris")), "name")
    # a transposed pair of letters is one slip, and the word list knows no such surname
    (garbled,) = [
        f for f in _findings(_port_texts("Morgan", "Morgan", "Morgna")) if f.status == "garbled"
    ]
    assert garbled.subject == "Lena Morgan"


def _copied_pair(original: str, copy: str) -> list[Finding]:
    members = [article(k, v, DAY) for k, v in _port_texts(original, copy).items()]
    return compare_articles(members, [Relation(a="a", b="b", kind="rewrite", score=0.9)]).findings


def test_a_tie_in_one_family_of_copies_picks_the_listed_spelling_or_none() -> None:
    # one source each (a copy and its original): the spelling the word list knows is the likely
    # one, whichever article gives it
    for original, copy in (("Whitfrod", "Whitford"), ("Whitford", "Whitfrod")):
        (garbled,) = [f for f in _copied_pair(original, copy) if f.status == "garbled"]
        assert garbled.subject == "Lena Whitford"
        assert "the one spelling the word list knows" in garbled.evidence[0]
    # neither spelling listed: nothing tells which is right, and the finding says so
    (garbled,) = [f for f in _copied_pair("Kestlov", "Kestlow") if f.status == "garbled"]
    assert garbled.subject == "Lena Kestlov / Lena Kestlow"
    assert "the sources do not tell" in garbled.evidence[0]
    assert {v.value for v in garbled.variants} == {"Lena Kestlov", "Lena Kestlow"}
    # two copies of three keep one spelling: the likely one
    members = [article(k, v, DAY) for k, v in _port_texts("Kestlow", "Kestlov", "Kestlow").items()]
    copies = [Relation(a="a", b=b, kind="rewrite", score=0.9) for b in "bc"]
    (garbled,) = [f for f in compare_articles(members, copies).findings if f.status == "garbled"]
    assert garbled.subject == "Lena Kestlow"
    assert "given by 2 articles against 1" in garbled.evidence[0]


def test_relatives_with_hyphenated_given_names_are_two_people() -> None:
    text = "Pak Sun-il and his son Pak Sun-ho ran the yard. Pak Sun-il said it would close."
    findings = _findings({"a": text, "b": "Pak Sun-ho said the yard would close.", "c": text})
    assert "garbled" not in _statuses(findings, "name")


def test_organisations_the_rules_take_for_people_are_not_corroborated_people() -> None:
    texts = {
        "a": "Harbour Watch said the ferry was late. Captain Ewan Tolland said Tolland was tired.",
        "b": "Harbour Watch said the ferry was late again. Ewan Tolland declined to comment.",
    }
    names = {f.subject for f in _findings(texts) if f.kind == "name"}
    assert "Harbour Watch" not in names
    assert "Ewan Tolland" in names


# --- dates and amounts ------------------------------------------------------------------------


def test_a_week_names_no_day_to_corroborate() -> None:
    text = "Kestle Ferries and the Dunmere union will resume talks next week, officials said."
    assert "corroborated" not in _statuses(
        _findings({"a": text, "b": text + " More soon."}), "date"
    )
    dated = text.replace("next week", "on June 9")
    assert "corroborated" in _statuses(_findings({"a": dated, "b": dated + " More soon."}), "date")


def test_a_time_of_day_alone_is_no_corroborated_date() -> None:
    findings = _findings(
        {
            "a": "Police in Dunmere said the ferry left the Kestle quay at 10 a.m. on Tuesday.",
            "b": "Police in Dunmere said the ferry left the Kestle quay at 10 a.m. on Tuesday.",
        }
    )
    assert all(not f.variants[0].value.startswith("T") for f in findings if f.kind == "date")


def test_wire_abbreviations_and_bare_nouns_are_no_counted_things() -> None:
    findings = _findings(
        {
            "a": "Kestle Ferries said the deal was put at 500 mln dlrs. A man paid 2,084 dollars.",
            "b": "Kestle Ferries said the deal was worth 500 mln dlrs. A man paid 2,084 dollars.",
        }
    )
    quantities = [f for f in findings if f.kind == "quantity"]
    assert all("dlr" not in f.variants[0].value for f in quantities)
    assert all(f.subject != "man" for f in quantities)


def test_articles_relative_times_ages_sourcing_and_numbers_that_name_are_no_amounts() -> None:
    texts = {
        k: f"{lead} The ferry hit one harbour wall {ago} ago, three people familiar with the "
        "inquiry said. Kestle Ferries took a 911 call from the quay. The dog is two years old."
        for k, lead, ago in (
            ("a", "Kestle Ferries sold the ferry on Monday.", "six years"),
            ("b", "Kestle Ferries sold its ferry on Monday.", "six years"),
        )
    }
    quantities = [f for f in _findings(texts) if f.kind == "quantity"]
    assert quantities == []


def test_a_bare_verb_is_no_measured_thing() -> None:
    texts = {
        "a": "Each of the Kestle ferries weighs 300 tonnes and carries 40 cars, the firm said.",
        "b": "Each of the Kestle ferries weighs 300 tonnes and can carry 40 cars, the firm said.",
    }
    subjects = {f.subject for f in _findings(texts) if f.kind == "quantity"}
    assert subjects and "weigh" not in subjects
    assert any("Kestle ferries" in s for s in subjects)


def test_a_corroborated_date_names_who_or_what() -> None:
    texts = {
        "a": "Ewan Tolland, who has been missing in the hills since March 4, 2024, was seen.",
        "b": "Ewan Tolland, who has been missing in the hills since March 4, 2024, is alive.",
    }
    dates = [f for f in _findings(texts) if f.kind == "date"]
    assert [f.subject for f in dates] == ["Ewan Tolland, who has been missing in the hills since …"]
    nameless = {
        "a": "The ferryman reportedly died on March 4, 2024 at his home near the harbour.",
        "b": "The ferryman reportedly died on March 4, 2024 at his home near the harbour.",
    }
    assert [f for f in _findings(nameless) if f.kind == "date"] == []


def test_templated_sentences_with_other_figures_are_other_events() -> None:
    texts = {
        "a": "Kestle Bank is issuing a 50 mln stg bond due April 9, 1992 paying 10 pct, "
        "lead manager Harbour Securities said.",
        "b": "Dunmere Mortgage is issuing a 100 mln dlr bond due April 9, 1992 paying 8 pct, "
        "lead manager Harbour Securities said.",
    }
    assert [f for f in _findings(texts) if f.kind == "date"] == []


def test_generic_subjects_maturities_and_table_rows_give_no_corroborated_date() -> None:
    texts = {
        k: f"{issuer} is issuing 100 mln Swiss francs of notes due September 30, 1992, lead "
        "manager Swiss Bank Corp said. NOTE: Company went public in July 1986. Harbour pellets "
        "May/Jne 26.75 Oct/Dec 27 Jan/Dec 1988 25.25"
        for k, issuer in (("a", "Kestle Bank"), ("b", "Dunmere Trust"))
    }
    assert [f for f in _findings(texts) if f.kind == "date"] == []


def test_a_span_of_months_a_statement_date_and_a_dotted_table_row_are_no_event_date() -> None:
    span = {
        k: f"Deposits at Kestle Bank rose {pct} pct in January/March 2024, Kestle Bank said."
        for k, pct in (("a", "8.8"), ("b", "9.1"))
    }
    assert [f for f in _findings(span) if f.kind == "date"] == []
    statement = {
        "a": "Kestle Ferries said its officers met bankers for Dunmere Trust on March 4, 2024.",
        "b": "On March 4, 2024, Kestle Ferries said its officers met bankers for Dunmere Trust.",
    }
    assert [f for f in _findings(statement) if f.kind == "date"] == []
    both_met = dict(statement, b=statement["a"].replace("said its", "said that its"))
    assert _statuses(_findings(both_met), "date") == {"corroborated"}
    dotted = {
        k: "In the week ended March 4, 2024 at Kestle Bank, Harbour deposits..........219 down"
        for k in "ab"
    }
    assert [f for f in _findings(dotted) if f.kind == "date"] == []


def test_titles_slips_and_two_remarks_in_one_article_are_no_drift() -> None:
    title = "Can This Old Harbour Ferry Get More Likes Than The Mayor"
    texts = {
        "a": f'The page is called "{title}?" and has 40,000 fans.',
        "b": f'The page is called "{title.replace("Old ", "")}?" and has 40,000 fans.',
    }
    assert [f for f in _findings(texts) if f.kind == "quote"] == []
    headline = "The harbour and its boats: the ferry is open to all"
    printed = {
        "a": f'Its headline said "{headline}" on Friday, Ewan Tolland said.',
        "b": f'A day later the headline read "{headline.replace("boats", "ships")}" in Dunmere.',
    }
    assert [f for f in _findings(printed) if f.kind == "quote"] == []
    said = {
        k: f'Tolland made headlines. "{QUOTE}," he said on {day}.'
        for k, day in (("a", "Friday"), ("b", "Friday in Dunmere"))
    }
    assert _statuses(_findings(said), "quote") == {"corroborated"}
    slip = QUOTE.replace("keep the harbour open", "independently keep the harbour open")
    typo = slip.replace("independently", "independent")
    assert "drifted" not in _statuses(_findings(_quote_texts(slip, typo)), "quote")
    first = "We will keep the harbour open for every single boat this winter"
    second = "We will keep the harbour lights on for every boat until the spring"
    both = {
        "a": f'"{first}," said Ewan Tolland. "{second}," he added.',
        "b": f'"{second}," said Ewan Tolland on Friday.',
        "c": f'"{first}," said Ewan Tolland on Friday.',
    }
    assert "drifted" not in _statuses(_findings(both), "quote")


def test_a_reported_denial_needs_someone_who_denies() -> None:
    from storyweave.compare.denials import speaker_like

    assert speaker_like("the Detroit Free Press")
    assert speaker_like("a spokesman")
    assert speaker_like("Wall Street analysts")
    assert not speaker_like("to")
    assert not speaker_like("in 1993")
    assert not speaker_like("the urban myth")
    assert not speaker_like("their death simply meant the end")


def test_abbreviated_titles_and_exchanges_are_no_people() -> None:
    texts = {
        "a": "Rear Adm John Kirby said the New York Stock Exchange was calm. Kirby left.",
        "b": "Rear Adm John Kirby said the New York Stock Exchange was quiet. The Exchange shut.",
    }
    names = {f.subject for f in _findings(texts) if f.kind == "name"}
    assert "Rear Adm" not in names
    assert "New York Stock Exchange" not in names


def test_a_name_cut_short_and_a_speaker_without_name_or_role_are_not_shown() -> None:
    texts = {
        "a": "Ewan Tolland Varga leads the group. Ewan Tolland said so. Tolland left.",
        "b": "Ewan Tolland Varga leads the group. Ewan Tolland said it. Tolland stayed.",
    }
    names = {f.subject for f in _findings(texts) if f.kind == "name"}
    assert "Ewan Tolland" not in names
    quoted = '"The ferry will keep sailing to the islands all winter," the hoax statement said.'
    texts = {"a": quoted, "b": quoted.replace("all winter", "all the winter")}
    quotes = [f for f in _findings(texts) if f.kind == "quote"]
    assert quotes and all(not f.subject.startswith("hoax") for f in quotes)


def test_one_wording_with_other_figures_or_one_form_for_two_things_is_no_dispute() -> None:
    update = {
        "a": "It said government and private exporters shipped 36,552 and 38,608 tonnes.",
        "b": "It said government and private exporters shipped 41,607 and 15,045 tonnes.",
    }
    assert "disputed" not in _statuses(_findings(update), "quantity")
    form = {
        "a": "The agency accepted a bid for an export bonus to cover the sale of 15,000 tonnes "
        "of frozen poultry to Kestle, the ministry said.",
        "b": "The agency accepted a bid for two bonus offers to cover the sale of 10,000 tonnes "
        "of frozen poultry to Dunmere, the ministry said.",
    }
    assert "disputed" not in _statuses(_findings(form), "quantity")


def test_a_figure_with_a_thousands_comma_stays_whole_in_a_subject() -> None:
    texts = {
        "a": "Kestle sugar producers had now withdrawn the last 3,000 of the 79,250 tonnes they "
        "sold into Dunmere stores on April 1.",
        "b": "Kestle sugar producers have withdrawn most of the 79,250 tonnes of sugar they sold "
        "into Dunmere stores on April 1.",
    }
    subjects = [f.subject for f in _findings(texts) if f.kind == "date"]
    assert subjects == ["79,250 tonnes they sold into Dunmere stores on …"]
