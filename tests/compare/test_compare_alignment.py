"""Which claims describe the same fact: bounds, units, labels, readings over time, name swaps."""

from __future__ import annotations

from builders import articles, compare_articles
from storyweave.records import Finding, Relation

DAY = "2025-05-06"


def _findings(texts: dict[str, str], relations: list[Relation] | None = None) -> list[Finding]:
    return compare_articles(articles(texts, DAY), relations or []).findings


def _disputed(findings: list[Finding], kind: str = "quantity") -> list[Finding]:
    return [f for f in findings if f.kind == kind and f.status == "disputed"]


def _values(finding: Finding) -> set[str]:
    return {v.value for v in finding.variants}


FLOOD = (
    "Rescue teams evacuated {count} farms in the Ombre valley on Monday after the Kestle weir "
    "failed and water flooded the low fields near Dunmere."
)


def test_a_lower_bound_far_below_a_count_is_disputed() -> None:
    findings = _findings(
        {
            "a": FLOOD.format(count="about 520"),
            "b": FLOOD.format(count="at least 300"),
        }
    )
    (disputed,) = _disputed(findings)
    assert _values(disputed) == {"about 520 farm", "at least 300 farm"}
    assert any("lower bound" in e and "50%" in e for e in disputed.evidence)


def test_a_lower_bound_close_to_a_count_agrees() -> None:
    findings = _findings(
        {"a": FLOOD.format(count="about 520"), "b": FLOOD.format(count="more than 480")}
    )
    assert _disputed(findings) == []
    assert any(f.kind == "quantity" and f.status == "corroborated" for f in findings)


DISTANCE_A = (
    "Dunmere, a town of 9,000 people 12 km (7.5 miles) downstream of the Kestle weir, was "
    "flooded on Monday."
)
DISTANCE_B = "Dunmere lies about seven miles (11 km) downstream of the Kestle weir, officials said."
DISTANCE_C = "The Kestle weir, about 25 km upstream of Dunmere, failed on Monday, officials said."


def test_distance_in_miles_and_km_agree_and_a_far_value_is_disputed() -> None:
    far = "Dunmere, a town of 9,000 people, lies about 25 km downstream of the Kestle weir."
    findings = _findings({"a": DISTANCE_A, "b": DISTANCE_B, "c": far})
    (disputed,) = _disputed(findings)
    assert disputed.subject == "distance"
    assert "about 25 km" in _values(disputed)
    assert {"12 km", "about 11.3 km"} <= _values(disputed)


def test_a_distance_from_the_other_end_is_not_set_against_it() -> None:
    findings = _findings({"a": DISTANCE_A, "b": DISTANCE_B, "c": DISTANCE_C})
    assert _disputed(findings) == []


def test_distance_agreement_across_units_is_corroborated() -> None:
    findings = _findings({"a": DISTANCE_A, "b": DISTANCE_B})
    assert _disputed(findings) == []
    (distance,) = [f for f in findings if f.subject == "distance"]
    assert distance.status == "corroborated"


def test_label_numbers_and_parts_of_a_whole_do_not_dispute_the_count() -> None:
    findings = _findings(
        {
            "a": "Pump 4 jammed at the Kestle weir, one of its six feed pumps, engineers said.",
            "b": "Engineers said two of the six feed pumps at the Kestle weir were jammed.",
            "c": "The Kestle weir has six feed pumps, engineers said, and Pump 4 jammed.",
        }
    )
    assert _disputed(findings) == []
    (whole,) = [f for f in findings if f.kind == "quantity" and f.variants[0].value == "6 pump"]
    assert whole.status == "corroborated"
    assert "Kestle weir" in whole.subject  # the clause, not the bare counted noun


def test_a_subset_count_does_not_dispute_the_whole() -> None:
    findings = _findings(
        {
            "a": "Operators at the Kestle weir sent the flood through the other three sluices.",
            "b": "The Kestle weir has four sluices, and operators sent the flood through them.",
        }
    )
    assert _disputed(findings) == []


def test_readings_of_a_changing_level_at_different_times_are_not_disputed() -> None:
    findings = _findings(
        {
            "a": "The Ombre at the Dunmere gauge rose to 4.1 metres by mid-morning on Monday.",
            "b": "The Ombre at the Dunmere gauge peaked at 4.6 metres at about 5pm on Monday.",
            "c": "Flood stage at the Dunmere gauge on the Ombre is 3.2 metres.",
        }
    )
    assert _disputed(findings) == []


def test_the_same_reading_stated_differently_is_disputed() -> None:
    findings = _findings(
        {
            "a": "The Ombre at the Dunmere gauge peaked at 4.6 metres on Monday afternoon.",
            "b": "On Monday afternoon the Ombre at the Dunmere gauge peaked at 5.4 metres.",
        }
    )
    (disputed,) = _disputed(findings)
    assert _values(disputed) == {"4.6 m", "5.4 m"}


def test_values_an_order_of_magnitude_apart_are_different_things() -> None:
    findings = _findings(
        {
            "a": "Dunmere, a town of 9,000 people on the Ombre, was flooded on Monday.",
            "b": "In Dunmere on the Ombre, 85 people slept in the town hall on Monday.",
        }
    )
    assert _disputed(findings) == []


BOARD = (
    "The Ombre Basin Flood Authority said the Kestle weir failed on Monday. "
    "The authority said crews were on site."
)


def _board_findings(spun_form: str, relations: list[Relation] | None = None) -> list[Finding]:
    return _findings(
        {
            "a": BOARD,
            "b": BOARD.replace("crews were", "teams were"),
            "c": BOARD.replace("Ombre Basin Flood Authority", spun_form).replace(
                "The authority", "The " + spun_form.split()[-1].lower()
            ),
        },
        relations,
    )


def test_a_common_word_swapped_inside_an_organisation_name_is_garbled() -> None:
    # by a copy (a spun rewrite of "a"); independent sources wording a name two ways are not
    assert [f for f in _board_findings("Ombre Basin Flood Agency") if f.status == "garbled"] == []
    copied = [Relation(a="a", b="c", kind="rewrite", score=0.6)]
    findings = _board_findings("Ombre Basin Flood Agency", copied)
    (garbled,) = [f for f in findings if f.kind == "name" and f.status == "garbled"]
    assert [v.value for v in garbled.variants] == [
        "Ombre Basin Flood Authority",
        "Ombre Basin Flood Agency",
    ]
    assert garbled.variants[1].sources == ("c",)
    assert any("'authority' -> 'agency'" in e for e in garbled.evidence)


def test_direction_and_place_kind_words_are_not_garbles() -> None:
    text = (
        "Flooding hit Upper Brannby and the farms of North Ombre District on Monday. "
        "Upper Brannby lies north of the weir and south of the lower and upper roads."
    )
    other = text.replace("Upper Brannby", "Lower Brannby").replace("North Ombre", "South Ombre")
    findings = _findings({"a": text, "b": text, "c": other})
    assert [f for f in findings if f.status == "garbled"] == []


def test_a_two_word_swap_needs_a_copy_link() -> None:
    base = "The Harbour Board said the pier was closed. The board and its panel met on Monday."
    spun = base.replace("Harbour Board", "Harbour Panel")
    texts = {"a": base, "b": base.replace("pier was", "jetty was"), "c": spun}
    assert [f for f in _findings(texts) if f.status == "garbled"] == []
    copy = Relation(a="a", b="c", kind="rewrite", score=0.8)
    garbled = [f for f in _findings(texts, [copy]) if f.status == "garbled"]
    assert [f.subject for f in garbled] == ["Harbour Board"]


def test_a_swapped_word_must_be_a_synonym() -> None:
    # "credit" and "music" are both common words, but no thesaurus makes them one word.
    base = "Amazon Credit offers were listed. A credit and some music were offered on Monday."
    other = base.replace("Amazon Credit", "Amazon Music")
    copy = Relation(a="a", b="c", kind="rewrite", score=0.8)
    findings = _findings({"a": base, "b": base, "c": other}, [copy])
    assert [f for f in findings if f.status == "garbled"] == []


def test_surnames_differing_in_vowels_are_spellings_not_garbles() -> None:
    text = "President Olek Brelensky met Olek Brelensky's aides, a spokesman said on Monday."
    findings = _findings({"a": text, "b": text, "c": text.replace("Brelensky", "Brelenskiy")})
    assert [f for f in findings if f.status == "garbled"] == []


def test_a_similar_surname_needs_more_sources_for_the_likely_form() -> None:
    text = "Inspector Maren Tolliver said the bridge would reopen, according to a statement."
    findings = _findings({"a": text, "b": text.replace("Tolliver", "Tollivan")})
    assert [f for f in findings if f.status == "garbled"] == []
