"""Direction of relations (provenance) and article labels, each with evidence."""

from __future__ import annotations

from dataclasses import replace

from storyweave.clean.cleaner import clean_text
from storyweave.records import Article, Meta, Relation, Removed
from storyweave.reuse.labels import WordSwaps, label_articles, swap_readings, word_swaps
from storyweave.reuse.provenance import direct
from storyweave.reuse.relate import relate_pair

STORY = (
    "The national railway company announced on Thursday that it would replace its entire fleet "
    "of diesel trains on regional lines within the next eight years.\n"
    "The chief executive said the new electric and battery trains would cut emissions on the "
    "affected routes by more than half and reduce noise for people living near the tracks.\n"
    "Unions welcomed the investment but warned that the company still had not explained how "
    "maintenance staff would be retrained for the new technology.\n"
    "The first new trains are expected to enter service on mountain routes in the north, where "
    "steep gradients make the old engines particularly expensive to run.\n"
    "Passenger groups asked the company to keep ticket prices stable while the fleet is being "
    "renewed, saying fares had already risen twice in the last two years.\n"
    "The transport minister told reporters that the government would cover a third of the cost "
    "through a fund for clean transport created last spring."
)
# The same story after a synonym spinner: one content word swapped in most sentences.
SPUN = (
    STORY.replace("announced", "declared")
    .replace("chief executive said", "chief executive stated")
    .replace("Unions welcomed", "Unions applauded")
    .replace("expected to enter", "anticipated to enter")
    .replace("Passenger groups asked", "Passenger groups requested")
    .replace("reporters that", "journalists that")
)
EXTRA = (
    "\nIn other news, the city library will extend its opening hours during the summer holidays, "
    "a spokesperson for the council confirmed in a short statement on its website."
)


def article(
    article_id: str, text: str, published: Meta | None = None, removed: tuple[Removed, ...] = ()
) -> Article:
    base = Article(article_id, f"ref-{article_id}", f"src-{article_id}", text)
    return replace(base, published=published, removed=removed)


def dated(value: str) -> Meta:
    return Meta(value, f"test date {value}")


def related(a: Article, b: Article) -> Relation:
    relation = relate_pair(a, b)
    assert relation is not None
    return direct(relation, a, b)


def test_earlier_publication_is_the_origin() -> None:
    early = article("b1", STORY, published=dated("2024-03-01T09:00:00+00:00"))
    late = article("a1", STORY, published=dated("2024-03-01T15:30:00+02:00"))
    relation = related(early, late)
    assert relation.direction is not None
    assert (relation.direction.origin, relation.direction.copy) == ("b1", "a1")
    assert "published" in relation.direction.evidence[0]


def test_the_body_that_adds_text_around_a_contained_one_is_the_copy() -> None:
    relation = related(article("a", STORY + EXTRA), article("b", STORY))
    assert relation.direction is not None
    assert relation.direction.copy == "a"
    assert "text of its own" in relation.direction.evidence[0]


def test_a_credit_line_marks_the_copy() -> None:
    credited = article("a", STORY, removed=(Removed("(With inputs from agencies)", "credit line"),))
    relation = related(credited, article("b", STORY))
    assert relation.kind == "duplicate"
    assert relation.direction is not None
    assert relation.direction.copy == "a"
    assert "credit" in relation.direction.evidence[0]


def test_scraper_markers_mark_the_copy() -> None:
    scraped = article("b", "[ad_2]\n" + STORY)
    relation = related(article("a", STORY), scraped)
    assert relation.direction is not None
    assert relation.direction.copy == "b"
    assert "[ad_2]" in relation.direction.evidence[0]


def test_no_signal_means_no_direction() -> None:
    relation = related(article("a", STORY), article("b", STORY))
    assert relation.direction is None


def test_labels_original_syndicated_and_scraped_with_evidence() -> None:
    origin = article("o", STORY, published=dated("2024-03-01"))
    syndicated = article(
        "s",
        STORY,
        published=dated("2024-03-02"),
        removed=(Removed("(Reporting by a wire service)", "credit line"),),
    )
    farm = article(
        "f",
        STORY + EXTRA,
        published=dated("2024-03-03"),
        removed=(Removed("Source link", "scraper marker"),),
    )
    articles = [origin, syndicated, farm]
    relations = [
        related(x, y) for x, y in [(origin, syndicated), (origin, farm), (syndicated, farm)]
    ]
    labels = {
        a.id: {label.label: label.evidence for label in a.labels}
        for a in label_articles(articles, relations)
    }
    assert set(labels["o"]) == {"original"}
    assert set(labels["s"]) == {"syndicated"}
    assert set(labels["f"]) == {"scraped"}
    assert any("origin of s" in e for e in labels["o"]["original"])
    assert any("credit line" in e for e in labels["s"]["syndicated"])
    assert any("scraper marker" in e for e in labels["f"]["scraped"])


def test_a_credit_the_origin_carries_too_is_no_sign_of_syndication() -> None:
    cited = "According to the Kestle Post, the plan was agreed last week.\n" + STORY
    origin = article("o", cited, published=dated("2024-03-01"))
    later = article("s", cited.replace("eight years", "8 years"), published=dated("2024-03-02"))
    labels = {
        a.id: {label.label for label in a.labels}
        for a in label_articles([origin, later], [related(origin, later)])
    }
    assert "syndicated" not in labels["s"]
    credited_alone = article("c", STORY + "\nAccording to the Kestle Post, it was agreed.")
    credited_alone = replace(credited_alone, published=dated("2024-03-02"))
    plain = article("o", STORY, published=dated("2024-03-01"))
    labels = {
        a.id: {label.label for label in a.labels}
        for a in label_articles([plain, credited_alone], [related(plain, credited_alone)])
    }
    assert labels["c"] == {"syndicated"}


def test_word_swaps_are_found_in_aligned_sentences() -> None:
    swaps, aligned = word_swaps(STORY, SPUN)
    assert aligned == 6
    assert {(s.first, s.second) for s in swaps} >= {("announced", "declared"), ("said", "stated")}


def test_spun_copy_is_labelled_with_its_swaps() -> None:
    origin = article("o", STORY, published=dated("2024-03-01"))
    spun = article("p", SPUN, published=dated("2024-03-04"))
    relation = related(origin, spun)
    assert relation.kind == "rewrite"
    labelled = {a.id: a for a in label_articles([origin, spun], [relation])}
    spun_labels = {label.label: label.evidence for label in labelled["p"].labels}
    assert set(spun_labels) == {"spun"}
    assert any("said→stated" in e for e in spun_labels["spun"])
    assert [label.label for label in labelled["o"].labels] == ["original"]


def test_labels_read_the_word_swaps_they_are_given() -> None:
    """The swaps computed elsewhere (a worker, an earlier run) stand in for the texts' own."""
    origin = article("o", STORY, published=dated("2024-03-01"))
    spun = article("p", SPUN, published=dated("2024-03-04"))
    relation = related(origin, spun)
    assert swap_readings([relation]) == [("o", "p")]
    computed = {pair: word_swaps(STORY, SPUN) for pair in swap_readings([relation])}
    assert label_articles([origin, spun], [relation], swaps=computed) == label_articles(
        [origin, spun], [relation]
    )
    none_found: dict[tuple[str, str], WordSwaps] = {("o", "p"): ([], 6)}
    given = {a.id: a for a in label_articles([origin, spun], [relation], swaps=none_found)}
    assert all(label.label != "spun" for label in given["p"].labels)


def test_a_faithful_copy_is_not_spun() -> None:
    a, b = article("a", STORY), article("b", STORY + EXTRA)
    labelled = label_articles([a, b], [related(a, b)])
    assert all(label.label != "spun" for x in labelled for label in x.labels)


def test_labels_need_evidence_not_just_relations() -> None:
    plain = [article("x", STORY), article("y", STORY.replace("Thursday", "Friday"))]
    relation = relate_pair(*plain)
    assert relation is not None
    labelled = label_articles(plain, [relation])
    assert [x.labels for x in labelled] == [(), ()]


def test_spelling_and_inflection_variants_are_not_spin() -> None:
    variants = (
        STORY.replace("announced", "announces")
        .replace("emissions", "emission")
        .replace("welcomed", "welcome")
        .replace("expected", "expects")
        .replace("asked", "asks")
        .replace("reporters", "reporter")
    )
    swaps, aligned = word_swaps(STORY, variants)
    assert aligned == 6
    assert swaps == []


def test_a_publishers_own_page_furniture_is_no_scraper_marker() -> None:
    page = "\n\n".join(
        ["Advertisement", STORY, "Continue reading the main story", "Read more", "#rail #trains"]
    )
    cleaned = clean_text(page)
    assert {"ad marker", "read-more link", "hashtag line"} <= {r.reason for r in cleaned.removed}
    publisher = article("p", cleaned.body, published=dated("2024-03-01"), removed=cleaned.removed)
    [labelled] = label_articles([publisher], [])
    assert "scraped" not in {label.label for label in labelled.labels}
    farm = replace(publisher, removed=(*cleaned.removed, Removed("Source link", "scraper marker")))
    [labelled] = label_articles([farm], [])
    assert {label.label: label.evidence for label in labelled.labels}["scraped"] == (
        'removed scraper marker "Source link"',
    )


def test_other_reports_on_one_template_and_inflections_are_no_swaps() -> None:
    first = "Reserve balances rose on Feb 27 to 3.482 billion dlrs from 1.538 billion dlrs."
    second = "Reserve balances fell on March 5 to 3.467 billion dlrs from 3.939 billion dlrs."
    assert word_swaps(first, second)[0] == []
    said = "The ministry did not say whether it would deny the claim about the harbour."
    assert word_swaps(said, said.replace("say", "said").replace("deny", "denied"))[0] == []
    assert word_swaps(said, said.replace("claim", "assertion"))[0] != []
