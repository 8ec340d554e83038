"""Clustering features: dates mentioned in the text, numbers, and what a story link shows."""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import replace
from datetime import date

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from storyweave.cluster import cluster_stories
from storyweave.cluster.features import (
    article_features,
    article_terms,
    features_from_memo,
    features_to_memo,
    mentioned_dates,
    tfidf,
    with_shared_words,
)
from storyweave.records import Article, Meta


def test_full_dates_in_text_are_found_in_order() -> None:
    text = "On March 3, 2026 the gate jammed; an inspection on 14 Oct. 2025 and on 2025-10-15."
    assert mentioned_dates(text) == [date(2026, 3, 3), date(2025, 10, 14), date(2025, 10, 15)]


def test_partial_or_impossible_dates_are_ignored() -> None:
    assert mentioned_dates("In March 2020, on May 5, and on February 30, 2021, at 10:15.") == []


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_written_dates_round_trip(day: date) -> None:
    for text in (
        f"It happened on {day:%B} {day.day}, {day.year}.",
        f"It happened on {day.day} {day:%b} {day.year}.",
        f"Filed {day.isoformat()} at noon.",
    ):
        assert mentioned_dates(text) == [day]


def test_publication_date_first_then_latest_date_mentioned() -> None:
    text = "The council met on 2 May 2024 to discuss the vote of 9 April 2024."
    undated = Article("x", "x", "x", text)
    assert article_features(undated).day == date(2024, 5, 2)
    assert article_features(undated).day_from_text
    dated = replace(undated, published=Meta("2024-06-01", "test"))
    assert article_features(dated).day == date(2024, 6, 1)
    assert not article_features(dated).day_from_text


def test_numbers_keep_thousands_ranges_and_decimals() -> None:
    features = article_features(
        Article("x", "x", "x", "About 1,850 m3 in 1971, a 2-1 win, 3.5 km.")
    )
    assert {"1850", "1971", "2-1", "3.5"} <= features.numbers


def test_links_name_the_shared_names_numbers_and_terms() -> None:
    texts = [
        "Mayor Helen Varga opened the new Aldmoor bridge in Westbury on Friday; the 1,200 tonne "
        "steel span cost 14 million pounds.",
        "The Aldmoor bridge, a 1,200 tonne steel span, was opened by Mayor Helen Varga in "
        "Westbury, at a cost of 14 million pounds.",
    ]
    articles = [Article(f"a{i}", "r", "s", t) for i, t in enumerate(texts)]
    (story,) = cluster_stories(articles, [])
    shared = story.links[0].shared
    assert "Helen Varga" in shared and "1200" in shared
    terms = shared[shared.index("1200") + 1 :]
    assert terms and all(t in texts[0].lower() and t in texts[1].lower() for t in terms)
    assert "helen" not in terms  # already shown inside a name


def test_the_topic_level_reads_the_same_terms_as_the_story_level() -> None:
    article = Article(
        "t",
        "t",
        "t",
        "The Harbour Council said on 3 May 2021 that the pier's repairs would cost 4.5 million.",
        title=Meta("Pier repairs to cost millions", "test"),
    )
    assert article_terms(article) == article_features(article).terms
    assert "pier" in article_terms(article) and "repairs" in article_terms(article)


def test_features_of_many_articles_share_their_words() -> None:
    texts = ["The turbine near Ostwick reservoir failed.", "A turbine at Ostwick reservoir failed."]
    fresh = [article_features(Article(f"a{n}", "r", "s", t)) for n, t in enumerate(texts)]
    first, second = (with_shared_words(f) for f in fresh)
    assert (first, second) == tuple(fresh)  # equal, keys in the same order
    assert [list(f.terms) for f in (first, second)] == [list(f.terms) for f in fresh]
    word = "reservoir"
    same = [next(k for k in f.terms if k == word) for f in (first, second)]
    assert same[0] is same[1]
    phrase = [next(k for k in f.name_phrases if k == "Ostwick") for f in (first, second)]
    assert phrase[0] is phrase[1]
    read = [features_from_memo(json.loads(json.dumps(features_to_memo(f)))) for f in fresh]
    assert read == fresh
    keys = [next(k for k in f.terms if k == word) for f in read]
    assert keys[0] is keys[1]


# Two pages in French on different events: alike only by the function words of their language.
FERRY_FR = (
    "Le ferry de Kestle a repris la mer lundi matin après une semaine de tempête, et les "
    "habitants qui attendaient sur le quai ont applaudi. Le capitaine a dit que la traversée "
    "était calme et que les horaires seront les mêmes pour tout le mois."
)
MILL_FR = (
    "La municipalité de Pellam a voté jeudi la fermeture du vieux moulin, dont les murs sont "
    "fissurés depuis les pluies. Les ouvriers qui y travaillent ont dit que la décision était "
    "prise sans eux et que le maire ne les a pas reçus."
)


def test_a_page_in_another_language_drops_that_language_s_function_words() -> None:
    terms = article_terms(Article("f", "f", "f", FERRY_FR))
    assert "ferry" in terms and "capitaine" in terms
    assert not {"le", "la", "les", "que", "et", "de", "une", "pour"} & set(terms)
    english = article_terms(Article("e", "e", "e", "The ferry in Le Havre is late. " * 5))
    assert "le" in english  # an English text keeps every word but English function words


ENGLISH_PAGES = (
    "The Ashby council approved a new budget for the harbour on Tuesday after a long debate.",
    "Kestle United won their home match 3-1 on Saturday with two late goals from the bench.",
    "A storm closed the Orne bridge for six hours and cut power to 2,000 homes in Pellam.",
    "The Kestle library will open on Sundays from next month, its director told the council.",
    "Police in Ashby arrested two men after a break-in at a jeweller's shop on Monday night.",
    "Shares in the Pellam mill company fell by a fifth after it warned of lower profits.",
)


def test_two_pages_in_one_language_on_different_events_are_two_stories() -> None:
    english = [Article(f"e{n}", "e", "e", text) for n, text in enumerate(ENGLISH_PAGES)]
    pages = [Article("f", "f", "f", FERRY_FR), Article("m", "m", "m", MILL_FR), *english]
    assert all(len(s.article_ids) == 1 for s in cluster_stories(pages, []))


def _tfidf_one_by_one(
    bags: list[Counter[str]], sublinear: bool, floor: float, power: float
) -> list[tuple[list[int], list[float]]]:
    """TF-IDF computed document by document (the definition :func:`tfidf` vectorises)."""
    df: Counter[str] = Counter(t for bag in bags for t in bag)
    vocabulary = sorted(df)
    idf = {t: (math.log((1 + len(bags)) / (1 + df[t])) + floor) ** power for t in df}
    found = []
    for bag in bags:
        terms = sorted(bag)
        tf = np.array([bag[t] for t in terms], dtype=np.float64)
        weights = (1.0 + np.log(tf) if sublinear else tf) * np.array([idf[t] for t in terms])
        norm = float(np.linalg.norm(weights))
        found.append(
            ([vocabulary.index(t) for t in terms], (weights / norm if norm else weights).tolist())
        )
    return found


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from("dam gate river flood mayor tax cup".split()), st.integers(1, 9)
        ),
        max_size=12,
    ),
    st.booleans(),
)
def test_tfidf_is_the_per_document_definition_exactly(
    bags: list[dict[str, int]], sublinear: bool
) -> None:
    counters = [Counter(bag) for bag in bags]
    vectors = tfidf(counters, sublinear=sublinear, idf_floor=0.4, idf_power=1.5)
    expected = _tfidf_one_by_one(counters, sublinear, 0.4, 1.5)
    assert [
        (v.tolist(), w.tolist()) for v, w in zip(vectors.indices, vectors.weights, strict=True)
    ] == expected
