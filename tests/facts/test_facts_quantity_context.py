"""What a quantity is said of: labels, parts of wholes, units, facets, state and subsets."""

from __future__ import annotations

import pytest

from storyweave.facts import extract_claims
from storyweave.records import Article, Claim


def _quantities(text: str) -> list[Claim]:
    article = Article(id="q1", ref="q.txt", source="q.txt", text=text)
    return [c for c in extract_claims(article) if c.kind == "quantity"]


def _one(text: str) -> Claim:
    (claim,) = _quantities(text)
    return claim


@pytest.mark.parametrize(
    "sentence",
    [
        "Pump 4 failed during the night shift.",
        "Crews closed Route 12 bridges to traffic.",
        "The case was filed under Article 51 rules.",
        "Lot No. 7 houses were sold at auction.",
        "The driver said Line 2 trains were delayed.",
    ],
)
def test_label_numbers_are_not_counts(sentence: str) -> None:
    assert _quantities(sentence) == []


def test_a_capitalised_hedge_before_a_count_is_not_a_label() -> None:
    claim = _one("Exactly 40 workers walked out.")
    assert claim.value == "40 worker"


def test_one_of_a_whole_is_no_count_but_the_whole_is() -> None:
    claim = _one("Engineers said one of the plant's six feed pumps had stopped.")
    assert claim.value == "6 pump"
    assert "partitive" not in claim.attrs


def test_a_part_of_a_whole_is_kept_apart_from_the_whole() -> None:
    part, whole = _quantities("Inspectors flagged two of its six feed pumps as worn.")
    assert part.attrs["partitive"] == "yes"
    assert part.subject == "pump (part)"
    assert part.text == "two"
    assert whole.value == "6 pump"


def test_a_hedged_partitive_counts_the_things() -> None:
    claim = _one("Police found at least one of the stolen paintings in a barn.")
    assert claim.value == "1 painting"
    assert "partitive" not in claim.attrs


def test_millimetres_with_inches_and_centimetres() -> None:
    rain, rise = _quantities(
        "Some 210 millimetres (8.3 inches) of rain fell. The lake may rise 20 to 30 centimetres."
    )
    assert (rain.value, rain.subject, rain.attrs["conversion_ok"]) == ("210 mm", "rain", "yes")
    assert rise.value == "20-30 cm"


def test_cubic_measures_are_volumes_and_with_a_rate_flows() -> None:
    flow, volume = _quantities(
        "The weir passed 900 cubic metres of water a second (31,800 cubic feet per second). "
        "The lake holds 48m cubic metres."
    )
    assert flow.value == "900 m3/s"
    assert flow.attrs["conversion_ok"] == "yes"
    assert volume.value == "48000000 m3"


def test_clock_times_are_not_counts() -> None:
    assert _quantities("The ferry leaves at 3 p.m. and at six o'clock.") == []


@pytest.mark.parametrize(
    ("sentence", "facet"),
    [
        ("The new lock is 30 metres wide.", "width"),
        ("The tower, 120 metres high, dominates the port.", "height"),
        ("Marlow lies 9 km downstream of the weir.", "distance"),
        ("The camp sits 20 kilometres north of the border.", "distance"),
        ("The lake stood 1.2 metres above its normal level.", "above"),
    ],
)
def test_a_word_after_a_length_gives_its_facet(sentence: str, facet: str) -> None:
    claim = _one(sentence)
    assert claim.attrs["facet"] == facet
    assert claim.subject == facet


def test_change_verb_and_clause_times_are_recorded() -> None:
    early, late = _quantities(
        "The river rose to 3.4 metres by mid-morning, and peaked at 3.9 metres at about 4pm "
        "on Friday."
    )
    assert (early.attrs["verb"], early.attrs["time"]) == ("rise", "part:mid-morning")
    assert late.attrs["verb"] == "peak"
    assert set(late.attrs["time"].split(",")) == {"clock:16:00", "day:friday"}


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("Water went through the other two sluices all night.", "other"),
        ("Water went through the two sluices that still worked.", "still"),
        ("Water went through two sluices all night.", ""),
    ],
)
def test_a_subset_qualifier_is_recorded(sentence: str, qualifier: str) -> None:
    claim = _one(sentence)
    assert claim.value == "2 sluice"
    assert claim.attrs.get("qualifier", "") == qualifier


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        ("The order went out at 5:15am. Crews left.", "5:15am", "T05:15"),
        ("The order went out at 5:15 a.m. on Monday.", "5:15 a.m.", "T05:15"),
        ("The gate was freed at 2.40pm, engineers said.", "2.40pm", "T14:40"),
        ("The bulletin airs at 18:00 each day.", "18:00", "T18:00"),
    ],
)
def test_times_of_day_are_time_claims(sentence: str, text: str, value: str) -> None:
    article = Article(id="t1", ref="t.txt", source="t.txt", text=sentence)
    (claim,) = [c for c in extract_claims(article) if c.attrs.get("granularity") == "time"]
    assert claim.value == value
    assert claim.text == text
    assert [c for c in extract_claims(article) if c.kind == "quantity"] == []
