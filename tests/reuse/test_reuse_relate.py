"""relate_pair: duplicate, near-duplicate, reuse (with passage offsets), or nothing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyweave.records import Article
from storyweave.reuse.passages import shared_text
from storyweave.reuse.relate import relate_pair, sentence_rewrite
from storyweave.reuse.shingles import word_tokens
from storyweave.reuse.template import is_placeholder

BODY = (
    "The regional water authority said on Monday that reservoir levels had fallen to their "
    "lowest point in twelve years after a dry winter and an unusually hot spring. Officials "
    "asked households to cut their use by a fifth and announced a ban on filling private "
    "swimming pools from the start of next month. Farmers in the valley warned that the "
    "restrictions would hit the harvest of fruit and vegetables, and called for compensation. "
    "The authority said it would review the measures every two weeks and lift them as soon as "
    "the reservoirs recovered."
)
SHARED = (
    "Engineers working on the tunnel discovered a large pocket of groundwater at a depth of "
    "forty metres, which forced the contractor to halt drilling and pump out the water before "
    "the boring machine could move forward again under the old market square."
)
INTRO_A = "Work on the new metro line has been delayed by several weeks, the city said. "
INTRO_B = (
    "Residents complained about noise near the construction site on Friday evening, and the "
    "mayor promised to look into night-time work rules. "
)
OUTRO_B = " A spokesperson declined to say how much the delay would cost the city in total."


def article(article_id: str, text: str) -> Article:
    return Article(article_id, f"ref-{article_id}", f"src-{article_id}", text)


def test_identical_normalised_bodies_are_duplicates() -> None:
    a = article("a", BODY)
    b = article("b", "  " + BODY.replace("Monday", "MONDAY").replace("'", "’") + "\n")
    relation = relate_pair(b, a)
    assert relation is not None
    assert (relation.a, relation.b, relation.kind, relation.score) == ("a", "b", "duplicate", 1.0)
    assert relation.evidence


def test_lightly_edited_copy_is_a_near_duplicate_with_its_jaccard() -> None:
    edited = BODY.replace("twelve years", "12 years")
    relation = relate_pair(article("a", BODY), article("b", edited))
    assert relation is not None
    assert relation.kind == "near-duplicate"
    assert 0.8 <= relation.score < 1.0
    assert any("Jaccard" in e for e in relation.evidence)


def test_near_duplicate_threshold_is_configurable() -> None:
    # Five words of about eighty changed: a near-duplicate at 0.8 (word for word 0.94 alike,
    # the rule of short texts that dups uses too), a rewrite at 0.95.
    edited = BODY
    for old, new in (("Monday", "Sunday"), ("dry", "cold"), ("fifth", "third"), ("pools", "ponds")):
        edited = edited.replace(old, new)
    edited = edited.replace("two weeks", "three weeks")
    default = relate_pair(article("a", BODY), article("b", edited))
    strict = relate_pair(article("a", BODY), article("b", edited), near_threshold=0.95)
    assert default is not None and strict is not None
    assert (default.kind, strict.kind) == ("near-duplicate", "rewrite")


def test_shared_passage_is_reuse_with_offsets_into_both_texts() -> None:
    a = article("a", INTRO_A + SHARED + " " + BODY)
    b = article("b", INTRO_B + SHARED + OUTRO_B)
    relation = relate_pair(a, b)
    assert relation is not None
    assert relation.kind == "reuse"
    assert len(relation.passages) == 1
    passage = relation.passages[0]
    in_a = a.text[passage.a_start : passage.a_end]
    in_b = b.text[passage.b_start : passage.b_end]
    assert in_a == in_b == SHARED.rstrip(".")
    shorter = min(len(word_tokens(a.text)), len(word_tokens(b.text)))
    assert relation.score == round(len(word_tokens(SHARED)) / shorter, 4)


def test_passages_tolerate_single_word_edits() -> None:
    edited = SHARED.replace("large pocket", "huge pocket").replace("forty metres", "40 metres")
    a = article("a", INTRO_A + SHARED + " " + BODY)
    b = article("b", INTRO_B + edited + OUTRO_B)
    relation = relate_pair(a, b)
    assert relation is not None
    assert relation.kind == "reuse"
    assert len(relation.passages) == 1
    passage = relation.passages[0]
    assert a.text[passage.a_start : passage.a_end].startswith("Engineers working")
    assert b.text[passage.b_start : passage.b_end].endswith("old market square")
    assert "huge pocket" in b.text[passage.b_start : passage.b_end]


def test_common_quotation_alone_is_not_reuse() -> None:
    quote = f'"{SHARED}"'
    a = article("a", f"The minister told parliament: {quote} {BODY}")
    b = article("b", f"{INTRO_B}In a statement the ministry said: {quote}{OUTRO_B}")
    assert relate_pair(a, b) is None


def test_unrelated_texts_have_no_relation() -> None:
    assert relate_pair(article("a", BODY), article("b", INTRO_B + SHARED)) is None
    assert relate_pair(article("a", BODY), article("a", BODY)) is None
    assert relate_pair(article("a", ""), article("b", "")) is None


VOCABULARY = "river bridge council mayor storm school vote road rain tax".split()


@given(
    st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=80),
    st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=80),
    st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=40),
)
def test_passages_are_ordered_disjoint_spans_of_both_texts(
    left: list[str], right: list[str], copied: list[str]
) -> None:
    a_text = " ".join(left[:40] + copied + left[40:])
    b_text = ", ".join(right[:20] + copied + right[20:])
    shared = shared_text(a_text, b_text, min_words=1)
    previous_a = previous_b = 0
    for passage in sorted(shared.passages, key=lambda p: p.a_start):
        assert previous_a <= passage.a_start < passage.a_end <= len(a_text)
        assert 0 <= passage.b_start < passage.b_end <= len(b_text)
        previous_a = passage.a_end
        first_a = word_tokens(a_text[passage.a_start : passage.a_end])[0]
        first_b = word_tokens(b_text[passage.b_start : passage.b_end])[0]
        assert first_a == first_b
    for passage in sorted(shared.passages, key=lambda p: p.b_start):
        assert previous_b <= passage.b_start
        previous_b = passage.b_end
    if len(copied) >= 8:
        assert shared.shared_words >= len(copied)


REPORT = (
    "The museum said on Friday that it had returned a bronze statue to the temple it was taken "
    "from more than a century ago.\n"
    "Curators found the statue in a storeroom last year while they were checking old records "
    "of the collection.\n"
    "A delegation from the temple travelled to the city to receive it at a small ceremony in "
    "the main hall.\n"
    "The director of the museum told guests that keeping the statue would have been wrong once "
    "its history was known.\n"
    "The temple plans to put the statue back on its original stone base before the spring "
    "festival."
)
REWORDED = (
    REPORT.replace("said on Friday", "stated on Friday")
    .replace("found the statue", "discovered the statue")
    .replace("travelled to the city", "journeyed to the city")
    .replace("told guests", "informed guests")
    .replace("plans to put", "intends to put")
)


def test_a_copy_reworded_sentence_by_sentence_is_a_rewrite() -> None:
    relation = relate_pair(article("a", REPORT), article("b", REWORDED))
    assert relation is not None
    assert relation.kind == "rewrite"
    assert relation.score == 1.0
    assert "5 of 5 sentences align in order, 5 of them reworded" in relation.evidence


def test_sentence_rewrite_needs_most_sentences_of_both_texts() -> None:
    assert sentence_rewrite(REPORT, REWORDED) is not None
    # The reworded report inside a much longer article is reuse of a part, not a rewrite.
    long_article = REWORDED + "\n" + BODY + "\n" + INTRO_B + SHARED + OUTRO_B + "\n" + INTRO_A
    assert sentence_rewrite(REPORT, long_article) is None
    # A verbatim copy aligns every sentence but rewords none.
    assert sentence_rewrite(REPORT, REPORT + "\n" + INTRO_A) is None
    # Independent texts align no sentence.
    assert sentence_rewrite(REPORT, BODY) is None


def test_rewritten_sentences_out_of_order_do_not_count() -> None:
    shuffled = "\n".join(reversed(REWORDED.split("\n")))
    assert sentence_rewrite(REPORT, shuffled) is None


NOTICE = (
    "The company said its board declared a quarterly dividend of {cents} cts a share, "
    "unchanged from the previous quarter, payable on April {pay} to holders of record on "
    "March {record}. The company also said that its annual meeting of shareholders would be "
    "held in the second week of May at its head office, as in previous years."
)


def test_two_reports_on_one_template_with_other_figures_are_no_relation() -> None:
    first = article("a", NOTICE.format(cents=12, pay=15, record=23))
    second = article("b", NOTICE.format(cents=40, pay=1, record=20))
    assert relate_pair(first, second) is None


def test_a_copy_that_keeps_its_figures_is_related() -> None:
    first = article("a", NOTICE.format(cents=12, pay=15, record=23))
    second = article("b", NOTICE.format(cents=12, pay=15, record=23) + " Shares rose 2 pct.")
    relation = relate_pair(first, second)
    assert relation is not None and relation.kind == "near-duplicate"


def test_a_template_paragraph_with_its_figures_elsewhere_is_no_relation() -> None:
    boilerplate = (
        "The company said the offering would be made through an underwriting group led by its "
        "usual investment bank, and that the proceeds would be used for general corporate "
        "purposes, including the repayment of short term debt and working capital needs."
    )
    first = article(
        "a", f"Acme Widgets filed for an offering of 150 mln dlrs of notes. {boilerplate}"
    )
    second = article(
        "b", f"Borden Mills filed for an offering of 75 mln dlrs of debentures. {boilerplate}"
    )
    assert relate_pair(first, second) is None


def test_a_shared_list_of_dates_and_places_is_no_rewrite() -> None:
    stops = [("June 9", "Dunmere", "Harbour Arena"), ("June 12", "Kestle", "Mill Hall")]
    stops += [("June 14", "Ashby", "Corn Exchange"), ("June 17", "Tarrow", "Old Market Hall")]
    stops += [("June 19", "Bexley Vale", "Civic Centre Theatre"), ("June 21", "Orme", "Pier Hall")]
    one = "The band announced a summer tour on Friday night, its first in a decade.\n" + "\n".join(
        f"{day} – {town}, Westshire @ {hall} with guests" for day, town, hall in stops
    )
    other = "Tickets for the reunion go on sale next week, the promoter said.\n" + "\n".join(
        f"{day} -- {hall}, {town}, Westshire with guests" for day, town, hall in stops
    )
    assert sentence_rewrite(one, other) is None
    as_prose = ["\n".join(line + "." for line in text.splitlines()) for text in (one, other)]
    assert sentence_rewrite(*as_prose) is not None


def test_pages_sharing_only_placeholder_text_are_not_related() -> None:
    filler = (
        "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor "
        "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud "
        "exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure "
        "dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur."
    )
    first = Article("a", "a.html", "a.html", "Test page one\n\n" + filler)
    second = Article("b", "b.html", "b.html", filler + "\n\nA caption under a picture.")
    assert relate_pair(first, second) is None
    assert is_placeholder(filler) and not is_placeholder("The council met on Monday.")


def test_a_figure_written_in_words_before_a_scale_counts_as_a_figure() -> None:
    shelf = (
        "{name} filed with the Securities and Exchange Commission for a shelf offering of up to "
        "{amount} dlrs of debt securities on terms to be determined at the time of the sale, "
        "with proceeds for general corporate purposes."
    )
    first = article("a", shelf.format(name="Kestle Oil Corp", amount="one billion"))
    second = article("b", shelf.format(name="Dunmere Foods Inc", amount="500 mln"))
    assert relate_pair(first, second) is None
    same = article("c", shelf.format(name="Kestle Oil Corp", amount="one billion") + " Reuter")
    assert relate_pair(first, same) is not None


def test_one_frame_about_two_different_subjects_is_no_relation() -> None:
    issue = (
        "{name} is issuing a 10 billion yen eurobond due April 7, 1994 paying five pct and "
        "priced at 102-3/8 pct, Kestle Securities Ltd said as book runner for the deal. The "
        "bond is available in denominations of one mln yen and will be listed in Luxembourg. "
        "Fees comprise 1-1/4 pct selling concession and 5/8 pct for management."
    )
    first = article("a", issue.format(name="Dunmere Savings Bank of Westshire"))
    other = article("b", issue.format(name="Ashby Orme Finance Corp"))
    assert relate_pair(first, other) is None
    # The same item re-run, or with its subject spelt another way, is still related.
    rerun = article("c", issue.format(name="Dunmere Savings Bank of Westshire") + " Reuter")
    misspelt = article("d", issue.format(name="Dunmeer Savings Bank"))
    assert relate_pair(first, rerun) is not None
    assert relate_pair(first, misspelt) is not None


_RENAMED = (
    "{name} cut its profit forecast for the year on Tuesday, blaming a wet summer that kept "
    "visitors away from its parks and a rise in the price of feed for its animals, and said it "
    "would close two of its smaller sites before the winter. The shares fell nine pct in early "
    "trading. {later} said the closures would cost about 40 jobs and that talks with the unions "
    "would begin next week, adding that the rest of its sites would open as usual next spring."
)


def test_a_copy_that_renames_its_opening_subject_is_still_related() -> None:
    """A spinner rewrites the first mention of a subject; the copy is not another subject."""
    origin = article("a", _RENAMED.format(name="KSB", later="KSB"))
    renamed = article("b", _RENAMED.format(name="Kestle Savings Bank", later="KSB"))
    assert relate_pair(origin, renamed) is not None
    swapped = article("c", _RENAMED.format(name="Large Bush", later="The group"))
    synonyms = article("d", _RENAMED.format(name="Big Shrub", later="The group"))
    assert relate_pair(swapped, synonyms) is not None
    # Another subject on the same frame, never named by the other, stays apart.
    other = article("e", _RENAMED.format(name="Orme Holdings", later="The group"))
    assert relate_pair(swapped, other) is None


def test_placeholder_bodies_are_no_duplicates() -> None:
    assert relate_pair(article("a", "Blah blah blah."), article("b", "Blah blah blah.")) is None
