"""Title, byline, outlet and publication date read from the text, with evidence."""

from __future__ import annotations

import pytest

from storyweave.clean.boilerplate import copyright_holder
from storyweave.clean.cleaner import clean_text
from storyweave.clean.metadata import (
    agency_byline,
    bio_line,
    byline_line,
    date_line,
    field_line,
    head_label,
)

BODY = (
    "The city council approved the new budget on Monday after a long debate, officials said.\n\n"
    "Opponents argued that the plan would raise taxes for small businesses across the region."
)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Jane Roe", "Jane Roe"),
        ("ByJane Roe", "Jane Roe"),
        ("BY JANE ROE", "Jane Roe"),
        ("By Jane Roe and Sam Poe", "Jane Roe and Sam Poe"),
        ("By Jane Roe, Staff Writer", "Jane Roe"),
        ("Written by Jane Roe", "Jane Roe"),
        ("By Jane Roe | Updated: May 5, 2022", "Jane Roe"),
    ],
)
def test_byline_forms(line: str, name: str) -> None:
    byline = byline_line(line)
    assert byline is not None and byline.name == name


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, officials had counted the votes.",
        "By contrast, the opposition wanted more.",
        "Bypass surgery was a success.",
        "By the time the police arrived, the crowd had gone.",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert byline_line(line) is None


def test_byline_with_date_on_the_same_line() -> None:
    byline = byline_line("By Jane Roe | Updated: May 5, 2022")
    assert byline is not None and byline.date is not None
    assert byline.date.found.iso == "2022-05-05"


def test_name_bar_agency_byline() -> None:
    assert agency_byline("Jane Roe | Example Wire") == "Jane Roe"
    assert agency_byline("Markets slump as rates rise | Analysis of the week") is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("This Article is From Feb 11, 2022", "2022-02-11"),
        ("This story is from March 3, 2021", "2021-03-03"),
        ("Published 3 March 2021", "2021-03-03"),
        ("Last Updated: 4 March 2021 | 10:05 IST", "2021-03-04T10:05:00+05:30"),
        ("- Published 18 November 2019", "2019-11-18"),
        ("date 2020-07-01 arrow_back", "2020-07-01"),
    ],
)
def test_date_lines(line: str, iso: str) -> None:
    found = date_line(line)
    assert found is not None and found.found.iso == iso


def test_sentence_with_a_date_is_not_a_date_line() -> None:
    assert date_line("The council met on March 3, 2021 to discuss the budget.") is None


def test_bio_line_outlet_before_and_after_role() -> None:
    first = bio_line("Jane Roe is a Daily Example reporter based in Leeds.")
    assert first is not None and (first.name, first.outlet) == ("Jane Roe", "Daily Example")
    second = bio_line("Jane Roe is a staff writer for The Example Post.")
    assert second is not None and second.outlet == "The Example Post"
    assert bio_line("The Prime Minister is a former journalist.") is None


def test_head_metadata_is_read_and_removed_with_evidence() -> None:
    text = (
        "Business\n\nCouncil Passes Budget After Long Debate\n\nBy Jane Roe\n"
        "Mar 03, 2021 08:15 PM EST\n\n" + BODY
    )
    result = clean_text(text)
    assert result.title is not None
    assert result.title.value == "Council Passes Budget After Long Debate"
    assert result.title.evidence == 'line 3: "Council Passes Budget After Long Debate"'
    assert result.byline is not None and result.byline.value == "Jane Roe"
    assert result.byline.evidence == 'line 5: "By Jane Roe"'
    assert result.published is not None
    assert result.published.value == "2021-03-03T20:15:00-05:00"
    assert result.body == BODY
    reasons = [r.reason for r in result.removed]
    assert reasons == ["navigation crumb", "title line", "metadata line", "metadata line"]


def test_date_line_with_time_refines_an_earlier_bare_date() -> None:
    result = clean_text(
        "date 2022-08-14\nSome Headline About The Vote\n\nAug 14, 2022 07:05 AM IST\n\n" + BODY
    )
    assert result.published is not None
    assert result.published.value == "2022-08-14T07:05:00+05:30"


def test_updated_date_loses_to_published_date() -> None:
    text = "Updated: June 2, 2021\n\nPublished: June 1, 2021\n\n" + BODY
    result = clean_text(text)
    assert result.published is not None and result.published.value == "2021-06-01"


def test_outlet_from_copyright_and_sign_off() -> None:
    result = clean_text(BODY + "\n\n© 2021 Example Media Group")
    assert result.outlet is not None and result.outlet.value == "Example Media Group"
    assert result.outlet.evidence.startswith("line 5:")
    signed = clean_text(BODY + "\n\nRead all the latest world news at The Daily Example.")
    assert signed.outlet is not None and signed.outlet.value == "The Daily Example"


def test_outlet_from_a_promo_paragraph_naming_the_site() -> None:
    promo = (
        "Get the latest news from the region on Example Today. Download the Example Today app "
        "for alerts."
    )
    result = clean_text(BODY + "\n\n" + promo)
    assert result.body == BODY
    assert result.outlet is not None and result.outlet.value == "Example Today"


def test_tail_date_line_is_metadata() -> None:
    result = clean_text(BODY + "\n\nThis story is from March 3, 2021")
    assert result.published is not None and result.published.value == "2021-03-03"
    assert result.removed[-1].reason == "metadata line"


def test_known_title_is_removed_where_it_repeats() -> None:
    title = "Council Passes Budget After Long Debate"
    result = clean_text(title + "\n\n" + BODY, known_title=title)
    assert result.title is None  # the caller holds the known title
    assert [r.reason for r in result.removed] == ["title line"]


def test_first_line_ending_in_period_is_not_taken_as_title() -> None:
    result = clean_text(BODY)
    assert result.title is None and result.body == BODY


def test_guessed_title_loses_trailing_separator() -> None:
    result = clean_text("Council passes budget after debate: mayor:\n\n" + BODY)
    assert result.title is not None
    assert result.title.value == "Council passes budget after debate: mayor"


def test_byline_below_the_standfirst_is_metadata() -> None:
    dek = "The plan raises spending on schools and roads while trimming the police budget."
    text = "Council Passes Budget After Long Debate\n\n" + dek + "\n\nBy Jane Roe\n\n" + BODY
    result = clean_text(text)
    assert result.byline is not None and result.byline.value == "Jane Roe"
    assert result.body == dek + "\n\n" + BODY


def test_long_unpunctuated_first_sentence_is_not_a_title() -> None:
    first = (
        "The mayor, who took office two years ago after a close race, said on Monday that the "
        "council would vote again next week on the revised plan"
    )
    result = clean_text(first + "\n\n" + BODY)
    assert result.title is None and result.body.startswith(first)


def test_same_headline_variants() -> None:
    from storyweave.clean.metadata import same_headline

    title = "Council passes budget after long debate"
    assert same_headline(title, "COUNCIL PASSES BUDGET AFTER LONG DEBATE!")
    assert same_headline(title, title + " | The Example Courier")
    assert same_headline("Council passes budget after…", title)
    assert not same_headline("Council passes budget after long", title)
    assert not same_headline("Council passes", title)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("EXAMPLE GAZETTE", "Example Gazette"),
        ("Example Valley Courier", "Example Valley Courier"),
        ("EXAMPLE PRESS | Business | Europe", "Example Press"),
        ("EXAMPLE NEWS AGENCY - SPORT", "Example News Agency"),
        ("Example Today > Regions > North", "Example Today"),
        ("ABC NEWS | World", "ABC News"),
        ("NEWS | NORTH", None),
        ("Home » World » Europe", None),
    ],
)
def test_head_label_and_the_outlet_it_names(line: str, outlet: str | None) -> None:
    label = head_label(line)
    assert label is not None and label.outlet == outlet


@pytest.mark.parametrize(
    "line", ["World News", "Politics", "Council Passes Budget After Long Debate", "Latest News"]
)
def test_not_a_head_label(line: str) -> None:
    assert head_label(line) is None


@pytest.mark.parametrize(
    ("masthead", "reason"),
    [
        ("EXAMPLE PRESS | Business | Europe", "masthead"),
        ("EXAMPLE NEWS AGENCY - SPORT", "masthead"),
        ("EXAMPLE GAZETTE", "masthead"),
        ("NEWS | NORTH", "navigation crumb"),
    ],
)
def test_masthead_above_the_headline_is_not_the_title(masthead: str, reason: str) -> None:
    headline = "Council Passes Budget After Long Debate"
    result = clean_text(masthead + "\n\n" + headline + "\n\n" + BODY)
    assert result.title is not None and result.title.value == headline
    assert [r.reason for r in result.removed] == [reason, "title line"]
    assert result.body == BODY


def test_masthead_names_the_outlet_below_a_copyright_line() -> None:
    text = "EXAMPLE PRESS | Business\n\nCouncil Passes Budget After Long Debate\n\n" + BODY
    result = clean_text(text)
    assert result.outlet is not None and result.outlet.value == "Example Press"
    assert result.outlet.evidence == 'line 1: "EXAMPLE PRESS | Business"'
    signed = clean_text(text + "\n\n© 2021 Example Press Holdings")
    assert signed.outlet is not None and signed.outlet.value == "Example Press Holdings"


def test_headline_with_a_bar_and_no_other_headline_stays_the_title() -> None:
    result = clean_text("Budget Vote | Live Updates\n\n" + BODY)
    assert result.title is not None and result.title.value == "Budget Vote | Live Updates"


def test_field_line_with_date_desk_and_counters() -> None:
    line = "Mar 03, 2021 08:15 PM EST  |  Example24 Desk  |  Shares 212  |  Views 1.4K"
    fields = field_line(line)
    assert fields is not None and fields.date is not None
    assert fields.date.found.iso == "2021-03-03T20:15:00-05:00"
    assert (fields.byline, fields.desk_outlet) == ("Example24 Desk", "Example24")
    assert fields.counters == ("Shares 212", "Views 1.4K")
    generic = field_line("News Desk | May 5, 2022")
    assert generic is not None and generic.desk_outlet is None


@pytest.mark.parametrize("line", ["Politics | World", "Comments (12) | Share | Print", "A | B"])
def test_not_a_field_line(line: str) -> None:
    assert field_line(line) is None


def test_field_line_under_the_headline_gives_date_byline_outlet() -> None:
    line = "Mar 03, 2021 08:15 PM EST  |  Example24 Desk  |  Shares 212  |  Views 1.4K"
    result = clean_text("Council Passes Budget After Long Debate\n\n" + line + "\n\n" + BODY)
    assert result.body == BODY
    assert result.published is not None
    assert result.published.value == "2021-03-03T20:15:00-05:00"
    assert result.byline is not None and result.byline.value == "Example24 Desk"
    assert result.outlet is not None and result.outlet.value == "Example24"
    assert [(r.text, r.reason) for r in result.removed] == [
        ("Council Passes Budget After Long Debate", "title line"),
        ("Shares 212", "share counter"),
        ("Views 1.4K", "share counter"),
        ("Mar 03, 2021 08:15 PM EST  |  Example24 Desk", "metadata line"),
    ]


def test_dotted_european_date_line_under_the_headline() -> None:
    result = clean_text(
        "Council Passes Budget After Long Debate\n\n14.02.2025 21:05 CET\n\n" + BODY
    )
    assert result.published is not None
    assert result.published.value == "2025-02-14T21:05:00+01:00"


@pytest.mark.parametrize(
    ("line", "holder"),
    [
        (
            "Copyright 2021 Example News Agency. Redistribution without permission is prohibited.",
            "Example News Agency",
        ),
        (
            "© 2021 Example Courier Ltd, 1 High Street, Exampletown. All rights reserved.",
            "Example Courier",
        ),
        (
            "Copyright © 2021 Example Radio. Example Radio is not responsible for external sites.",
            "Example Radio",
        ),
        ("(c) Example Gazette 2021", "Example Gazette"),
    ],
)
def test_copyright_holder_before_a_rights_sentence(line: str, holder: str) -> None:
    assert copyright_holder(line) == holder


def test_organisation_after_a_bar_byline_is_outlet_evidence() -> None:
    text = "Council Passes Budget After Long Debate\n\nJane Roe | Example Courier\n\n" + BODY
    result = clean_text(text)
    assert result.byline is not None and result.byline.value == "Jane Roe"
    assert result.outlet is not None and result.outlet.value == "Example Courier"
