"""Each kind of boilerplate block is removed with its reason; article prose is kept."""

from __future__ import annotations

import pytest

from storyweave.clean.boilerplate import classify_line, strip_inline_ads
from storyweave.clean.cleaner import clean_text

PROSE = (
    "The city council approved the new budget on Monday after a long debate, officials said.\n\n"
    "Opponents argued that the plan would raise taxes for small businesses across the region.\n\n"
    "The mayor said the vote showed that the council could still work together on hard choices."
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Leave a Response", "comment form"),
        ("Leave a comment Cancel reply", "comment form"),
        ("Your e-mail address will not be published. Required fields are marked *", "comment form"),
        ("You must be logged in to post a comment.", "comment form"),
        ("12 Comments", "comment form"),
        ("3 48", "share counter"),
        ("1.2K 310", "share counter"),
        ("Share on Facebook Share on Twitter", "share buttons"),
        ("Facebook Twitter WhatsApp Email", "share buttons"),
        ("ADVERTISEMENT", "ad marker"),
        ("Story continues below advertisement", "ad marker"),
        ("[ad_3]", "scraper marker"),
        ("Source link", "scraper marker"),
        ("Read the full article at Example Wire Daily", "credit line"),
        ("Continue reading the main story", "ad marker"),
        ("Read more", "read-more link"),
        ("Continue reading", "read-more link"),
        ("Click here to read more", "read-more link"),
        ("Read the full story here", "read-more link"),
        ("The post Rates Rise Again appeared first on Example Money Daily.", "scraper marker"),
        ("#economy #budget #council", "hashtag line"),
        ("Tags: budget, council, taxes", "tag list"),
        ("Related: Council rejects the earlier draft", "related-articles list"),
        ("ALSO READ | Mayor names a new finance chief", "related-articles list"),
        ("© 2022 Example Media Group", "copyright line"),
        ("Copyright 2021 The Example Herald. All rights reserved.", "copyright line"),
        ("Home › Politics › Local", "navigation crumb"),
        ("Back to top", "layout word"),
        ("arrow_forward", "layout word"),
        ("avatar-default-120x120", "layout word"),
        ("Sign up for our daily newsletter", "newsletter/subscribe prompt"),
        ("Follow us on Instagram", "newsletter/subscribe prompt"),
        ("(With inputs from PTI)", "credit line"),
        ("[With Example Wire]", "credit line"),
        ("(With agency inputs)", "credit line"),
        ("Source: The Example Times", "credit line"),
        ("This article first appeared on Example Daily.", "credit line"),
        ("Originally published by Example Wire.", "credit line"),
        ("- Example News Agency", "credit line"),
        ("— Example Press", "credit line"),
        ("The Associated Press contributed to this report.", "credit line"),
        ("Reporting by Ann Example; Editing by Bob Sample", "staff credit"),
        ("(Reporting by Ann Example in Exampletown; editing by Bob Sample)", "staff credit"),
        ("Additional reporting by Cy Sample", "staff credit"),
        ("Ann Example contributed to this report.", "staff credit"),
        ("(With additional reporting by Ann Example)", "staff credit"),
        ("Post Comment", "comment form"),
        ("↑ Back to top", "layout word"),
        (
            "Listen: Ann Example reports from the scene on the evening show, 18:00.",
            "related-articles list",
        ),
        (
            "Do you live nearby? Share your pictures with us at yoursay@radio.example.",
            "reader call-out",
        ),
        (
            "The Herald will update this story. If you were affected and want to share your "
            "story, email news@herald.example.",
            "reader call-out",
        ),
        ("This is a developing story and will be updated.", "update notice"),
        (
            "The Example Post has no owner to answer to. Our journalism is funded by readers. "
            "Please consider supporting us today.",
            "support appeal",
        ),
        (
            "Read all the latest world news at Example Today. Follow us on Instagram.",
            "outlet sign-off",
        ),
        ("Get the latest business news and updates at Example Times.", "outlet sign-off"),
        ("The mayor speaks to reporters on Monday.(AFP)", "image caption"),
        ("Flood water covers a street in the old town (Photo: Jane Roe)", "image caption"),
        ("* * *", "stray punctuation"),
        ("https://example.com/story/123", "bare link"),
        ("Updated at 1:23 p.m. ET", "metadata line"),
    ],
)
def test_boilerplate_line_is_classified(line: str, reason: str) -> None:
    assert classify_line(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "He did not reply to a request for comment, and his office declined to leave a statement.",
        "The court ruled that the copyright claim, filed in 2019, had no merit, the judge said.",
        "Readers can share their views at a public meeting next week, the council said.",
        "The advertisement, which ran in 2021, was later withdrawn by the regulator.",
        "Join the fight against hunger, the charity urged its supporters on Tuesday.",
        "Acme Holdings (ACME)",
        "By Monday, officials had counted 1,200 votes.",
        "1,200",
        "Key facts (FAQ)",
        "- National Press Club",
        "We asked readers to tell us about their commute, and more than 300 got in touch with us.",
        "Residents can send questions for the meeting to the agency by email.",
        '"Please support us," the mayor told the crowd at the rally on Monday.',
        "The charity urged people to support its work, saying donations would fund its shelters.",
        "Rail services were suspended. Example Today will bring you updates as they come in.",
        "The council will update this story of decline next year, he said, when the plan is out.",
    ],
)
def test_prose_is_not_boilerplate(line: str) -> None:
    assert classify_line(line) is None


def test_prose_mentioning_reply_and_copyright_survives_cleaning() -> None:
    text = (
        PROSE + "\n\nShe said she would reply to the copyright complaint in writing."
        "\n\nPost a comment\n\nYou must be logged in to post a comment."
    )
    result = clean_text(text)
    assert "She said she would reply to the copyright complaint in writing." in result.body
    assert "Post a comment" not in result.body
    assert {r.reason for r in result.removed} == {"comment form"}


def test_inline_ad_token_is_cut_out_of_a_sentence() -> None:
    rest, tokens = strip_inline_ads("The vote [ad_2] passed easily.")
    assert rest == "The vote passed easily."
    assert tokens == ["[ad_2]"]
    result = clean_text("[ad-4]\n\n" + PROSE.replace("Monday", "Monday [ad_2]"))
    assert "[ad_" not in result.body
    assert [r.text for r in result.removed if r.reason == "scraper marker"] == ["[ad-4]", "[ad_2]"]


def test_related_list_after_heading_is_removed() -> None:
    text = PROSE + "\n\nRelated Stories\n\nCouncil Delays Vote Again\n\nMayor Faces Recall Bid"
    result = clean_text(text)
    related = [r.text for r in result.removed if r.reason == "related-articles list"]
    assert related == ["Related Stories", "Council Delays Vote Again", "Mayor Faces Recall Bid"]
    assert result.body.endswith("hard choices.")


def test_author_bio_at_the_end_is_removed_and_gives_byline_and_outlet() -> None:
    bio = (
        "Ann Example is a senior reporter for The Example Herald covering city hall. "
        "She joined the paper in 2019."
    )
    result = clean_text(PROSE + "\n\n" + bio + "\n\nShe can be reached at ann@example.com.")
    assert [r.reason for r in result.removed] == ["author bio", "author bio"]
    assert result.byline is not None and result.byline.value == "Ann Example"
    assert result.outlet is not None and result.outlet.value == "The Example Herald"


def test_bio_sentence_in_the_middle_of_the_article_is_kept() -> None:
    line = "Ann Example is a former reporter who now runs the opposition campaign in the city."
    result = clean_text(line + "\n\n" + PROSE)
    assert line in result.body


def test_author_box_after_heading_is_removed() -> None:
    text = PROSE + "\n\nAbout the author\n\nAnn Example\n\nWhen not writing, she walks her dogs."
    result = clean_text(text)
    assert [r.reason for r in result.removed] == ["author bio"] * 3


def test_repeated_headline_and_duplicated_caption() -> None:
    text = (
        "Council Passes Budget After Long Debate\n\n"
        "Council passes budget after long debate\n\n"
        "Council members vote in the chamber. (Reuters)\n\n"
        "Council members vote in the chamber. (Reuters)\n\n" + PROSE
    )
    result = clean_text(text)
    reasons = [r.reason for r in result.removed]
    assert reasons == ["title line", "repeated headline", "image caption", "image caption"]
    assert result.body.startswith("The city council approved")


def test_navigation_crumb_before_title() -> None:
    result = clean_text("Politics\n\nCouncil Passes Budget After Long Debate\n\n" + PROSE)
    assert [r.reason for r in result.removed] == ["navigation crumb", "title line"]


def test_credit_line_is_removed_but_recorded() -> None:
    result = clean_text(PROSE + "\n\n(With inputs from wire services)")
    assert [(r.text, r.reason) for r in result.removed] == [
        ("(With inputs from wire services)", "credit line")
    ]


def test_staff_credit_is_not_a_credit_line_and_names_the_reporter() -> None:
    credit = "(Reporting by Ann Example in Exampletown; editing by Bob Sample)"
    result = clean_text(PROSE + "\n\n" + credit)
    assert [(r.text, r.reason) for r in result.removed] == [(credit, "staff credit")]
    assert result.byline is not None and result.byline.value == "Ann Example"
    assert result.byline.evidence.startswith("line 7:")


def test_wire_sign_off_at_the_end_is_a_credit_line_not_the_outlet() -> None:
    result = clean_text(PROSE + "\n\n- Example News Agency")
    assert [(r.text, r.reason) for r in result.removed] == [
        ("- Example News Agency", "credit line")
    ]
    assert result.outlet is None


def test_tail_furniture_after_a_comment_form_is_removed() -> None:
    tail = (
        "Leave a Reply\n\nPost Comment\n\nExample Site - Latest News, Breaking News\n\n"
        "About Us | Contact Us | Privacy Policy\n\n↑ Back to top"
    )
    result = clean_text(PROSE + "\n\n" + tail)
    assert result.body == PROSE
    assert [r.reason for r in result.removed] == [
        "comment form",
        "comment form",
        "page furniture",
        "page furniture",
        "layout word",
    ]


def test_support_appeal_with_heading_and_button_is_removed() -> None:
    appeal = (
        "Before you go…\n\nThe Example Post has no owner to answer to. Our journalism is funded "
        "by readers. Please consider supporting us today.\n\nSupport the Post"
    )
    result = clean_text(PROSE + "\n\n" + appeal)
    assert result.body == PROSE
    assert [r.reason for r in result.removed] == [
        "page furniture",
        "support appeal",
        "page furniture",
    ]


def test_short_last_line_without_boilerplate_after_it_is_kept() -> None:
    result = clean_text(PROSE + "\n\nThe vote in numbers")
    assert result.body.endswith("The vote in numbers")


def test_related_list_stops_at_a_comment_form() -> None:
    text = PROSE + "\n\nRelated Posts\n\nCouncil Delays Vote Again\n\nLeave a Reply\n\nPost Comment"
    reasons = [r.reason for r in clean_text(text).removed]
    assert reasons == ["related-articles list"] * 2 + ["comment form"] * 2


def test_dek_sentence_under_title_is_kept() -> None:
    dek = "The plan raises spending on schools and roads while trimming the police budget."
    result = clean_text("Council Passes Budget After Long Debate\n\n" + dek + "\n\n" + PROSE)
    assert result.body.startswith(dek)


def test_code_lines_are_not_layout_words() -> None:
    code = "result = compute(\n\nstatus_code,\n\nuser_id\n\n)\n\nprint(result);\n\nfoo();"
    result = clean_text(PROSE + "\n\n" + code)
    assert "user_id" in result.body
    assert ")" in result.body.split("\n\n")


def test_research_sentence_is_not_a_credit_line() -> None:
    assert classify_line("Research by Example University found that sleep improves memory.") is None


def test_reader_call_out_and_promo_lines_at_the_end_of_extracted_html() -> None:
    tail = (
        "Listen: Ann Example reports from the scene on the evening show, 18:00.\n"
        "Do you live nearby? Share your pictures and experiences with us at tips@radio.example.\n"
        "The Herald will update this story throughout the day. If you have been affected and want "
        "to share your story, email news@herald.example.\n"
        "This is a developing story and will be updated."
    )
    result = clean_text(PROSE.replace("\n\n", "\n") + "\n" + tail, from_html=True)
    assert result.body == PROSE
    assert [r.reason for r in result.removed] == [
        "related-articles list",
        "reader call-out",
        "reader call-out",
        "update notice",
    ]
