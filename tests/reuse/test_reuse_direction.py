"""Direction signals: their order, disagreements, staff credits and attribution by byline."""

from __future__ import annotations

from dataclasses import replace

from storyweave.records import Article, Meta, Relation, Removed
from storyweave.reuse.labels import label_articles
from storyweave.reuse.provenance import DISAGREES, direct
from storyweave.reuse.relate import relate_pair

STORY = (
    "Police closed the coastal road on Sunday after a landslide buried a stretch of it under "
    "mud and rocks near the village of the old lighthouse.\n"
    "Nobody was hurt, but two cars were trapped for several hours before firefighters could "
    "reach them with heavy equipment brought in from the city.\n"
    "The regional roads office said the road would stay closed for at least a week while "
    "geologists checked whether more of the slope could give way.\n"
    "Residents of the village will have to take a long detour through the hills, which adds "
    "about forty minutes to the drive to the nearest town.\n"
    "The mayor asked the government to pay for a permanent wall to hold the slope, saying the "
    "village had been cut off three times in the last ten years."
)
ADDED = "\nThe road reopened briefly on Monday for emergency vehicles only, officials said."


def article(
    article_id: str,
    text: str = STORY,
    *,
    published: str | None = None,
    byline: str | None = None,
    outlet: str | None = None,
    removed: tuple[Removed, ...] = (),
) -> Article:
    base = Article(article_id, f"ref-{article_id}", f"src-{article_id}", text)
    return replace(
        base,
        published=Meta(published, "test") if published else None,
        byline=Meta(byline, "test") if byline else None,
        outlet=Meta(outlet, "test") if outlet else None,
        removed=removed,
    )


def related(a: Article, b: Article) -> Relation:
    relation = relate_pair(a, b)
    assert relation is not None
    return direct(relation, a, b)


def test_a_staff_credit_is_weak_evidence_of_the_original() -> None:
    staff = (Removed("(Reporting by Ann Lee; editing by Bo Park)", "staff credit"),)
    relation = related(article("a", removed=staff), article("b"))
    assert relation.direction is not None
    assert (relation.direction.origin, relation.direction.copy) == ("a", "b")
    assert "staff credit" in relation.direction.evidence[0]


def test_a_byline_naming_the_other_outlet_marks_the_copy_despite_missing_dates() -> None:
    wire = article(
        "w",
        outlet="Example News Agency",
        removed=(Removed("(Reporting by Ann Lee; editing by Bo Park)", "staff credit"),),
    )
    paper = article(
        "p",
        STORY + ADDED,
        published="2025-02-02T07:00:00+01:00",
        byline="Example News Agency",
        outlet="Evening Post",
    )
    relation = related(wire, paper)
    assert relation.direction is not None
    assert (relation.direction.origin, relation.direction.copy) == ("w", "p")
    assert (
        'credits "Example News Agency", named in the outlet of w' in relation.direction.evidence[0]
    )
    labels = {a.id: {x.label for x in a.labels} for a in label_articles([wire, paper], [relation])}
    assert labels == {"w": {"original"}, "p": {"syndicated"}}


def test_publication_decides_and_disagreeing_signals_are_listed() -> None:
    early_copy = article(
        "a",
        published="2025-02-01T08:00:00+00:00",
        removed=(Removed("(With inputs from agencies)", "credit line"),),
    )
    late = article("b", published="2025-02-01T12:00:00+00:00")
    relation = related(early_copy, late)
    assert relation.direction is not None
    assert (relation.direction.origin, relation.direction.copy) == ("a", "b")
    assert "published" in relation.direction.evidence[0]
    assert any(e.startswith(DISAGREES) and "credits" in e for e in relation.direction.evidence)


def test_publication_minutes_apart_tells_nothing() -> None:
    a = article("a", published="2025-02-01T08:00:00+00:00")
    b = article(
        "b",
        published="2025-02-01T08:04:00+00:00",
        removed=(Removed("Source link", "scraper marker"),),
    )
    relation = related(a, b)
    assert relation.direction is not None
    assert relation.direction.copy == "b"
    assert all("published" not in e for e in relation.direction.evidence)


def test_a_bare_date_is_compared_by_day() -> None:
    same_day = related(
        article("a", published="2025-02-01"), article("b", published="2025-02-01T15:00:00+00:00")
    )
    assert same_day.direction is None
    next_day = related(
        article("a", published="2025-02-02"), article("b", published="2025-02-01T15:00:00+00:00")
    )
    assert next_day.direction is not None
    assert next_day.direction.origin == "b"


def test_one_outlets_own_clock_orders_its_runs_but_not_another_outlets() -> None:
    trimmed = STORY.rsplit("\n", 1)[0]
    first = article("a", STORY + ADDED, published="1987-03-02T11:51:00", outlet="Wire")
    rerun = article("b", trimmed, published="1987-03-02T11:59:00", outlet="Wire")
    relation = related(first, rerun)
    assert relation.direction is not None
    assert relation.direction.origin == "a"  # the earlier run, though the re-run lies inside it
    assert "published" in relation.direction.evidence[0]
    elsewhere = replace(rerun, outlet=Meta("Other Daily", "test"))
    across = related(first, elsewhere)
    assert across.direction is None or "published" not in across.direction.evidence[0]


def test_source_credits_outrank_containment() -> None:
    # b adds text of its own (containment would call it the copy), but a credits a source.
    credited = article("a", removed=(Removed("(With inputs from agencies)", "credit line"),))
    relation = related(credited, article("b", STORY + ADDED + ADDED.replace("Monday", "Tuesday")))
    assert relation.direction is not None
    assert relation.direction.copy == "a"
    assert any(e.startswith(DISAGREES) for e in relation.direction.evidence)


OTHER = (
    "The city council voted on Tuesday to build a new swimming pool in the northern district, "
    "ending a debate that had lasted for almost six years.\n"
    "Supporters said the old pool was too small for the schools that use it every morning and "
    "that its roof had been leaking for most of the last winter.\n"
    "Opponents argued that the money should go to repairing the roads and the bridges of the "
    "district, many of which have not been maintained properly for decades.\n"
    "The new pool is expected to open in three years and will have room for swimming lessons, "
    "competitions and a smaller basin for families with young children.\n"
)


def test_a_shared_paragraph_gives_no_origin_and_copy() -> None:
    a = article("a", OTHER + STORY.split("\n")[0], published="2025-02-01")
    b = article("b", published="2025-02-03")
    relation = relate_pair(a, b)
    assert relation is not None and relation.kind == "reuse" and relation.score < 0.5
    directed = direct(relation, a, b)
    assert directed.direction is None
    assert "no origin and copy" in directed.evidence[-1]


def test_a_contributor_or_platform_credit_is_no_sign_of_the_copy() -> None:
    for credit in ("The Example Press contributed to this report.", "Source: Reddit"):
        removed = (Removed(credit, "credit line"),)
        relation = related(article("a", STORY + ADDED, removed=removed), article("b"))
        assert relation.direction is None
    wire = (Removed("(With inputs from Example Wire)", "credit line"),)
    relation = related(article("a", STORY + ADDED, removed=wire), article("b"))
    assert relation.direction is not None and relation.direction.copy == "a"
    assert "credits another source" in relation.direction.evidence[0]


def test_an_excerpt_that_sends_readers_on_is_the_copy_of_the_full_text() -> None:
    teaser_text = "\n".join(STORY.split("\n")[:3])
    teaser = article("a", teaser_text, removed=(Removed("Read more", "read-more link"),))
    relation = related(teaser, article("b", STORY + ADDED))
    assert relation.direction is not None
    assert (relation.direction.origin, relation.direction.copy) == ("b", "a")
    assert relation.direction.evidence[0].startswith("a is an excerpt of b")


def test_a_credit_that_sends_readers_to_the_full_story_marks_an_excerpt() -> None:
    teaser_text = "\n".join(STORY.split("\n")[:3])
    credit = (Removed("Read the full story at The Example Herald.", "credit line"),)
    relation = related(article("a", teaser_text, removed=credit), article("b", STORY + ADDED))
    assert relation.direction is not None
    assert relation.direction.copy == "a"
    assert relation.direction.evidence[0].startswith("a is an excerpt of b")


def test_a_credit_to_a_source_the_other_names_too_gives_no_direction() -> None:
    told = STORY.replace("The mayor asked", "The mayor told the website Kestle News and asked")
    credited = (Removed("Courtesy: KestleNews", "credit line"),)
    relation = related(article("a", told), article("b", removed=credited))
    assert relation.direction is None
    # The same credit where the other article never names that source still points at the copy.
    relation = related(article("a"), article("b", removed=credited))
    assert relation.direction is not None
    assert relation.direction.copy == "b"
    assert "credits another source" in relation.direction.evidence[0]
