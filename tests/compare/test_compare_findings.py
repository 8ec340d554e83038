"""Aligning a story's claims into findings: statuses, independence, ids and order."""

from __future__ import annotations

from dataclasses import replace

from builders import article, compare_articles
from storyweave.compare import compare_story, outlets_of, source_groups
from storyweave.compare.quote_drift import word_diff
from storyweave.ids import record_id
from storyweave.records import Article, Finding, Meta, Relation

DAY = "2024-01-09"

ORIGINAL = (
    "Police chief Daniel Whitford said the harbour would reopen. "
    '"We will rebuild every pier before the summer season begins," Whitford said. '
    "The new rockets have a range between 300-600 kilometers, engineers said."
)
INDEPENDENT = (
    "Police chief Daniel Whitford spoke to reporters at the harbour. "
    '"We will rebuild every pier before the summer season begins," Whitford told them. '
    "The new rockets have a range of around 700 kilometers, the navy said."
)
SPUN = (
    "Police chief Daniel Whitbridge said the harbour would reopen. "
    '"We will reconstruct every pier before the summer season starts," Whitbridge said. '
    "The new rockets have a range of 186-373 miles, engineers said."
)


def _article(article_id: str, text: str) -> Article:
    return article(article_id, text, DAY)


def _compare(articles: list[Article], relations: list[Relation] | None = None) -> list[Finding]:
    return compare_articles(articles, relations or [], story_id="s1", headline="harbour").findings


def _find(findings: list[Finding], kind: str, status: str) -> list[Finding]:
    return [f for f in findings if f.kind == kind and f.status == status]


def test_range_against_a_point_outside_it_is_disputed() -> None:
    findings = _compare([_article("a", ORIGINAL), _article("b", INDEPENDENT)])
    (disputed,) = _find(findings, "quantity", "disputed")
    assert disputed.subject == "range"
    assert {v.value for v in disputed.variants} == {"300-600 km", "around 700 km"}
    assert any("conflicts" in e for e in disputed.evidence)


def test_point_inside_the_range_is_not_disputed() -> None:
    inside = INDEPENDENT.replace("around 700", "450")
    findings = _compare([_article("a", ORIGINAL), _article("b", inside)])
    assert _find(findings, "quantity", "disputed") == []
    (agreed,) = [f for f in findings if f.kind == "quantity" and f.subject == "range"]
    assert agreed.status == "corroborated"


def test_non_overlapping_ranges_are_disputed() -> None:
    other = INDEPENDENT.replace("around 700", "1,000-1,200")
    findings = _compare([_article("a", ORIGINAL), _article("b", other)])
    assert len(_find(findings, "quantity", "disputed")) == 1


def test_unit_conversion_is_not_a_dispute() -> None:
    # 186-373 miles is 299-600 km: the same range, written in other units.
    findings = _compare([_article("a", ORIGINAL), _article("c", SPUN)])
    (range_finding,) = [f for f in findings if f.kind == "quantity" and f.subject == "range"]
    assert range_finding.status == "corroborated"
    assert any("186-373 miles" in e for e in range_finding.evidence)


def test_garbled_name_names_the_likely_correct_form() -> None:
    articles = [_article("a", ORIGINAL), _article("b", INDEPENDENT), _article("c", SPUN)]
    (garbled,) = _find(_compare(articles), "name", "garbled")
    assert garbled.subject == "Daniel Whitford"
    assert [v.value for v in garbled.variants] == ["Daniel Whitford", "Daniel Whitbridge"]
    assert garbled.variants[0].sources == ("a", "b")
    assert garbled.variants[1].sources == ("c",)
    assert "likely correct form: Daniel Whitford" in garbled.evidence[0]


def test_names_that_differ_by_inflection_are_not_garbled() -> None:
    one = _article("a", "Analyst Karen North said the city grew. Karen North spoke.")
    two = _article("b", "Analyst Karen Norths said the city grew. Karen Norths spoke.")
    assert _find(_compare([one, two]), "name", "garbled") == []


def test_reworded_quote_is_drifted_with_a_word_diff() -> None:
    findings = _compare([_article("a", ORIGINAL), _article("b", INDEPENDENT), _article("c", SPUN)])
    (drifted,) = _find(findings, "quote", "drifted")
    assert drifted.variants[0].sources == ("a", "b")
    assert drifted.variants[1].sources == ("c",)
    assert "-rebuild +reconstruct" in drifted.evidence[0]
    assert "-begins +starts" in drifted.evidence[0]


def test_same_quote_in_two_independent_sources_is_corroborated() -> None:
    findings = _compare([_article("a", ORIGINAL), _article("b", INDEPENDENT)])
    (quote,) = [f for f in findings if f.kind == "quote"]
    assert quote.status == "corroborated"
    assert quote.subject.startswith("Daniel Whitford")


def test_copies_count_as_one_source() -> None:
    copy = _article("d", ORIGINAL)
    original = _article("a", ORIGINAL)
    unrelated = _compare([original, copy])
    related = _compare([original, copy], [Relation(a="a", b="d", kind="duplicate", score=1.0)])
    assert {f.status for f in unrelated if f.kind == "quote"} == {"corroborated"}
    assert {f.status for f in related if f.kind == "quote"} == {"single-source"}
    (quote,) = [f for f in related if f.kind == "quote"]
    assert quote.variants[0].sources == ("a", "d")  # both cited, counted once


def test_conflict_inside_one_copy_group_is_not_a_dispute() -> None:
    articles = [_article("a", ORIGINAL), _article("b", INDEPENDENT)]
    relation = Relation(a="a", b="b", kind="reuse", score=0.6)
    assert _find(_compare(articles, [relation]), "quantity", "disputed") == []


def test_source_groups_are_connected_components_of_copy_relations() -> None:
    relations = [
        Relation(a="a", b="b", kind="near-duplicate", score=0.9),
        Relation(a="b", b="c", kind="reuse", score=0.4),
        Relation(a="d", b="e", kind="unrelated-kind", score=0.4),
    ]
    groups = source_groups(["a", "b", "c", "d", "e"], relations)
    assert groups == {"a": "a", "b": "a", "c": "a", "d": "d", "e": "e"}


def test_source_groups_join_the_articles_of_one_outlet() -> None:
    outlets = outlets_of(
        [
            replace(_article("a", ORIGINAL), outlet=Meta("Harbour  Gazette", "t")),
            replace(_article("b", INDEPENDENT), outlet=Meta("harbour gazette", "t")),
            _article("c", INDEPENDENT),
        ]
    )
    assert outlets == {"a": "harbour gazette", "b": "harbour gazette"}
    groups = source_groups(["a", "b", "c"], [], outlets=outlets)
    assert groups == {"a": "a", "b": "a", "c": "c"}


def test_an_outlet_repeating_its_own_figure_does_not_corroborate_it() -> None:
    inside = INDEPENDENT.replace("around 700", "450")
    same_outlet = [
        replace(_article("a", ORIGINAL), outlet=Meta("Harbour Gazette", "t")),
        replace(_article("b", inside), outlet=Meta("Harbour Gazette", "t")),
    ]
    (shared,) = [f for f in _compare(same_outlet) if f.kind == "quantity" and f.subject == "range"]
    assert shared.status == "single-source"
    two_outlets = [same_outlet[0], replace(same_outlet[1], outlet=Meta("Coast Courier", "t"))]
    (agreed,) = [f for f in _compare(two_outlets) if f.kind == "quantity" and f.subject == "range"]
    assert agreed.status == "corroborated"


def test_findings_are_sorted_and_ids_are_content_hashes() -> None:
    articles = [_article("a", ORIGINAL), _article("b", INDEPENDENT), _article("c", SPUN)]
    findings = _compare(articles)
    order = ["disputed", "garbled", "drifted", "corroborated", "single-source"]
    keys = [(order.index(f.status), f.subject) for f in findings]
    assert keys == sorted(keys)
    for finding in findings:
        assert finding.id == record_id("finding", finding)


def test_result_does_not_depend_on_input_order() -> None:
    articles = [_article("a", ORIGINAL), _article("b", INDEPENDENT), _article("c", SPUN)]
    run = compare_articles(articles, story_id="s1", headline="harbour")
    forward = run.findings
    backward = compare_story(run.story, articles[::-1], run.claims[::-1], [])
    assert forward == backward


def test_single_source_findings_only_for_quotes_and_quantities() -> None:
    findings = _compare([_article("a", ORIGINAL)])
    assert {f.kind for f in findings if f.status == "single-source"} <= {"quote", "quantity"}
    assert all(f.status == "single-source" for f in findings)


def test_word_diff_ignores_the_ends_an_excerpt_leaves_out() -> None:
    reference = "the council has shut its doors on the town and its people".split()
    excerpt = "has shut its gates to the town".split()
    assert word_diff(reference, excerpt) == "-doors on +gates to"


def test_accents_alone_do_not_make_a_quote_drift() -> None:
    one = _article("a", '"I will marry my fiancé in the spring next year," Ana Ruiz said.')
    two = _article("b", '"I will marry my fiance in the spring next year," Ana Ruiz said.')
    (quote,) = [f for f in _compare([one, two]) if f.kind == "quote"]
    assert quote.status == "corroborated"


def test_hyphens_and_split_words_alone_do_not_make_a_quote_drift() -> None:
    said = "Ana Ruiz said on Monday."
    one = _article("a", f'"Our third quarter results reflected growth across the region," {said}')
    two = _article("b", f'"Our third-quarter results reflected growth across the re gion," {said}')
    (quote,) = [f for f in _compare([one, two]) if f.kind == "quote"]
    assert quote.status == "corroborated"
