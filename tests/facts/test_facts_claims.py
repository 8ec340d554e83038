"""Rule-based claim extraction: quotes, quantities, dates and names, with exact offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyweave.facts import extract_claims
from storyweave.facts.names import extract_names
from storyweave.records import Article, Claim, Meta


def _article(text: str, published: str | None = None, article_id: str = "a1") -> Article:
    meta = Meta(published, "test") if published else None
    return Article(id=article_id, ref="t.txt", source="t.txt", text=text, published=meta)


def _claims(text: str, kind: str, published: str | None = None) -> list[Claim]:
    return [c for c in extract_claims(_article(text, published)) if c.kind == kind]


# --- quotes --------------------------------------------------------------------------------------


def test_quote_after_attribution_with_curly_marks() -> None:
    text = "Mayor Maria Lopez toured the site. “We will rebuild every school,” Lopez said."
    (quote,) = _claims(text, "quote")
    assert quote.text == "We will rebuild every school,"
    assert quote.value == "we will rebuild every school"
    assert quote.attrs["speaker"] == "Maria Lopez"
    assert quote.attrs["verb"] == "said"
    assert quote.attrs["direct"] == "yes"
    assert quote.subject == "lopez"


def test_quote_before_attribution_and_said_name_form() -> None:
    text = 'Tom Baker said, "The river rose faster than anyone expected."\n'
    text += '"Nobody could have stopped the water in time," said Ann Reyes.'
    quotes = _claims(text, "quote")
    assert [q.attrs["speaker"] for q in quotes] == ["Tom Baker", "Ann Reyes"]
    assert [q.subject for q in quotes] == ["baker", "reyes"]


def test_typewriter_quote_marks_close_and_open_quotes() -> None:
    text = "\"The claims are completely and utterly false,'' said Ann Reyes, his agent."
    text += " ``We will rebuild every single school,'' Reyes said."
    quotes = _claims(text, "quote")
    assert [q.text for q in quotes] == [
        "The claims are completely and utterly false,",
        "We will rebuild every single school,",
    ]
    assert [q.attrs["speaker"] for q in quotes] == ["Ann Reyes", "Reyes"]


def test_short_quoted_terms_are_not_quotes() -> None:
    text = 'Critics called the plan "fake news" and a "big mistake" on Monday.'
    assert _claims(text, "quote") == []


def test_pronoun_resolves_to_the_previous_speaker() -> None:
    text = (
        '"The budget is balanced for the first time," finance chief Omar Haddad said.\n'
        '"We cut waste, not services," he added.'
    )
    quotes = _claims(text, "quote")
    assert [q.attrs["speaker"] for q in quotes] == ["Omar Haddad", "Omar Haddad"]
    assert quotes[1].attrs["verb"] == "added"


def test_pronoun_without_previous_quote_resolves_to_last_named_person() -> None:
    text = (
        'Senator Ruth Kagame left the chamber early.\nShe added, "This vote will not pass today."'
    )
    (quote,) = _claims(text, "quote")
    assert quote.attrs["speaker"] == "Ruth Kagame"


def test_role_without_a_name_is_kept_as_the_speaker() -> None:
    text = '"Our troops are ready for any escalation," the defence minister said.'
    (quote,) = _claims(text, "quote")
    assert quote.attrs["speaker"] == "defence minister"
    assert quote.subject == "defence minister"


def test_according_to_attribution() -> None:
    text = '"The fire spread through four floors," according to the fire brigade.'
    (quote,) = _claims(text, "quote")
    assert quote.attrs["speaker"] == "fire brigade"


# --- quantities ----------------------------------------------------------------------------------


def test_range_with_conversion_in_brackets_is_one_quantity() -> None:
    text = "The rockets have a range between 300-600 kilometers (186-373 miles), experts say."
    (quantity,) = _claims(text, "quantity")
    assert quantity.text == "between 300-600 kilometers (186-373 miles)"
    assert quantity.value == "300-600 km"
    assert (quantity.attrs["low"], quantity.attrs["high"]) == ("300", "600")
    assert quantity.attrs["unit"] == "km"
    assert quantity.attrs["conversion_ok"] == "yes"
    assert quantity.subject == "range"


def test_miles_are_read_as_kilometres_keeping_the_original() -> None:
    (quantity,) = _claims("The pipeline runs for 500 miles to the coast.", "quantity")
    assert quantity.value == "805 km"
    assert quantity.attrs["original"] == "500 miles"


def test_money_with_hedge_and_scale() -> None:
    text = "The projected cost of each tram is around $5 million, officials said."
    (quantity,) = _claims(text, "quantity")
    assert quantity.value == "5000000 USD"
    assert quantity.attrs["approx"] == "around"
    assert quantity.subject == "cost"


def test_pounds_sterling_versus_pounds_weight() -> None:
    money = _claims("The club paid £20 million for the striker.", "quantity")
    weight = _claims("The parcel weighed 10 pounds at the depot.", "quantity")
    assert [q.value for q in money] == ["20000000 GBP"]
    assert [q.attrs["unit"] for q in weight] == ["kg"]


def test_counts_ranges_and_percentages() -> None:
    text = (
        "Air defences shot down 28 Dutch cargo planes overnight. "
        "The plant employs between 300 and 350 workers. Turnout rose to 64% this year. "
        "At least two people were killed near the port."
    )
    quantities = {q.text: q for q in _claims(text, "quantity")}
    assert quantities["28 Dutch cargo planes"].attrs["noun"] == "planes"
    assert quantities["28 Dutch cargo planes"].subject == "plane"
    workers = quantities["between 300 and 350 workers"]
    assert (workers.attrs["low"], workers.attrs["high"]) == ("300", "350")
    assert quantities["64%"].value == "64%"
    killed = quantities["At least two people"]
    assert killed.attrs["approx"] == "at least"
    assert killed.subject == "people killed"


def test_number_words_and_durations() -> None:
    text = "The talks stalled nearly two years into the war, and no one objected."
    quantities = _claims(text, "quantity")
    assert [(q.text, q.value, q.attrs.get("approx")) for q in quantities] == [
        ("nearly two years", "2 year", "nearly")
    ]


def test_years_are_dates_not_counts() -> None:
    text = "Voters went to the polls in the 2022 council elections."
    assert _claims(text, "quantity") == []
    assert [d.value for d in _claims(text, "date")] == ["2022"]


# --- dates ---------------------------------------------------------------------------------------

PUBLISHED = "2024-01-09"  # a Tuesday


@pytest.mark.parametrize(
    ("sentence", "value", "granularity"),
    [
        ("The strike came on December 30 near the border.", "2023-12-30", "day"),
        ("The deal was signed on Jan 9, 2024 in Geneva.", "2024-01-09", "day"),
        ("The law passed on 3 March 2021 after a long debate.", "2021-03-03", "day"),
        ("The war began in February 2022 with an invasion.", "2022-02", "month"),
        ("The company was founded in 1998 by two students.", "1998", "year"),
        ("Officials met on Thursday to discuss the plan.", "2024-01-04", "day"),
        ("Officials met yesterday to discuss the plan.", "2024-01-08", "day"),
        ("Officials met last week to discuss the plan.", "2024-01-01", "week"),
        ("Drones attacked the city overnight, officials said.", "2024-01-09", "day"),
        ("The annual meeting is scheduled for March 5 in Dunmere.", "2024-03-05", "day"),
        ("The board met on March 5 in Dunmere.", "2023-03-05", "day"),
        ("Kestle said the record date is March 5 for the payout.", "2024-03-05", "day"),
        ("The board met on October 5 in Dunmere.", "2023-10-05", "day"),
        ("The firm sold its stake in the mill in March.", "2023-03", "month"),
        ("The firm will sell its stake in the mill in March.", "2024-03", "month"),
        ("The first payment will be made in January.", "2024-01", "month"),
    ],
)
def test_dates_resolve_against_publication(sentence: str, value: str, granularity: str) -> None:
    (date,) = _claims(sentence, "date", PUBLISHED)
    assert date.value == value
    assert date.attrs["granularity"] == granularity


def test_a_day_word_that_qualifies_a_noun_is_no_date() -> None:
    assert _claims("The bank raised its overnight call money rate.", "date", PUBLISHED) == []


def test_relative_date_records_how_it_was_resolved() -> None:
    (date,) = _claims("Officials met on Thursday to discuss the plan.", "date", PUBLISHED)
    assert date.text == "on Thursday"
    assert date.attrs["resolved_from"] == "Thursday on or before 2024-01-09"
    assert date.subject == "officials met"


def test_dates_without_publication_date_stay_unresolved() -> None:
    weekday = _claims("Officials met on Thursday to discuss the plan.", "date")
    day = _claims("The strike came on December 30 near the border.", "date")
    assert weekday[0].attrs["resolved"] == "no"
    assert day[0].value == "--12-30"


# --- names ---------------------------------------------------------------------------------------


def test_role_before_a_name_and_linked_surname() -> None:
    text = (
        "The defence minister Jane Okafor visited the base. Later, Okafor met troops. "
        "Meanwhile, President Luis Arce spoke."
    )
    names = {c.text: c for c in _claims(text, "name")}
    assert names["Jane Okafor"].attrs["role"] == "defence minister"
    assert names["Okafor"].attrs["canonical"] == "Jane Okafor"
    assert names["Okafor"].subject == "person"
    assert names["Luis Arce"].attrs["role"] == "President"
    assert "Meanwhile" not in names and "Later" not in names


def test_organisations_are_typed_and_possessives_stripped() -> None:
    text = "The report came from the Institute for Fiscal Studies in London. Smith's view differs."
    names = {c.value: c for c in _claims(text, "name")}
    assert names["Institute for Fiscal Studies"].subject == "org"
    assert "London" in names


def _rule_names(text: str) -> set[str]:
    return {c.text for c in extract_names(_article(text))}


def test_a_hyphenated_particle_continues_a_name() -> None:
    text = "Fighters swore allegiance to Abu Bakr al-Nouri and his plan. Al-Nouri said nothing."
    names = _rule_names(text)
    assert "Abu Bakr al-Nouri" in names
    assert "Abu Bakr" not in names


def test_an_inner_possessive_cuts_owner_from_owned() -> None:
    text = "Critics said Grant's Scotland, a book by Ada Vell, was unfair. Dunmore's Bank rose."
    names = _rule_names(text)
    assert "Grant" in names and "Scotland" in names
    assert not any("Grant's" in name for name in names)
    assert "Dunmore's Bank" in names  # an organisation word keeps the owner in the name


def test_a_sentence_opening_word_before_an_acronym_is_not_a_first_name() -> None:
    text = "Earlier ZQX had said profits would match. Smaller ZQX units earned less. ZQX said so."
    names = _rule_names(text)
    assert names == {"ZQX"}


# --- the whole extractor -------------------------------------------------------------------------

SAMPLE = (
    'Mayor Maria Lopez said on Tuesday that 120 homes were flooded. "We will rebuild every '
    'street in this town," Lopez said. The damage is around $4 million, according to insurers.'
)


def test_claims_are_sorted_with_exact_offsets_and_content_ids() -> None:
    article = _article(SAMPLE, PUBLISHED)
    claims = extract_claims(article)
    assert {c.kind for c in claims} == {"quote", "quantity", "date", "name"}
    assert [(c.start, c.kind) for c in claims] == sorted((c.start, c.kind) for c in claims)
    assert len({c.id for c in claims}) == len(claims)
    assert [c.id for c in claims] == [c.id for c in extract_claims(article)]
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.text
        assert claim.article_id == article.id


def test_extraction_is_deterministic() -> None:
    assert extract_claims(_article(SAMPLE, PUBLISHED)) == extract_claims(
        _article(SAMPLE, PUBLISHED)
    )


_PIECES = st.sampled_from(
    [
        "Maria Lopez",
        " said",
        ", ",
        ". ",
        "\n",
        '"',
        "“",
        "”",
        "The",
        " he added",
        " 300-600 kilometers",
        " (186-373 miles)",
        " around $5 million",
        " between 300 and",
        " one",
        " December 12",
        " on Thursday",
        " 2022",
        " Mr.",
        "% ",
        " of the",
        " missiles",
    ]
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40),
    st.sampled_from([None, "2024-01-09", "2024-01-09T10:00:00+00:00", "not a date"]),
)
def test_extract_claims_never_raises_and_offsets_index_the_text(
    pieces: list[str], published: str | None
) -> None:
    article = _article("".join(pieces), published)
    for claim in extract_claims(article):
        assert 0 <= claim.start <= claim.end <= len(article.text)
        assert article.text[claim.start : claim.end] == claim.text


def test_relative_word_next_to_a_written_date_defers_to_it() -> None:
    dates = _claims(
        "Overnight on 5 January, 2024, the river rose above the quay.", "date", PUBLISHED
    )
    assert [(d.text, d.value) for d in dates] == [("5 January, 2024", "2024-01-05")]
