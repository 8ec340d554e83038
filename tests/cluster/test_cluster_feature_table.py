"""The compact feature table: the features it gives back and the vectors it computes equal those
of the Counters and sets it stores, so a run that clusters from it finds the same stories."""

from __future__ import annotations

import json

import numpy as np
import pytest

from storyweave.cluster import DEFAULT_WEIGHTS, FeatureTable, cluster_stories, topics
from storyweave.cluster.feature_table import FeatureRows, Field
from storyweave.cluster.features import (
    ArticleFeatures,
    WeightedSets,
    article_features,
    binary_idf,
    features_from_memo,
    features_to_memo,
    tfidf,
)
from storyweave.cluster.stories import build_corpus, damping
from storyweave.records import Article, Meta

TEXTS = {
    "a1": "Harbour Board chair Ines Varga said on March 3, 2026 the north gate jammed twice; "
    "repairs cost 4,200 dollars and Varga expects 12 more days of work at the Harbour.",
    "a2": "The north gate at the harbour jammed again, said Ines Varga of the Harbour Board. "
    "Crews counted 12 days of work and 4,200 dollars of repairs.",
    "a3": "Orchard Valley growers picked 310 tonnes of pears, said Tomas Reyes of the Valley "
    "Growers Union; prices fell 8 percent against last season.",
    "a4": "Pear prices fell 8 percent, the Valley Growers Union said. Tomas Reyes said growers "
    "in Orchard Valley picked 310 tonnes.",
    "a5": "A short note with no names at all and the number 7.",
    "a6": "",
}


def _articles() -> list[Article]:
    days = {"a1": "2026-03-03", "a2": "2026-03-04", "a5": None, "a6": None}
    return [
        Article(
            id=i,
            ref=i,
            source=i,
            text=text,
            title=Meta(text.split(",")[0][:40], "t") if i in ("a3", "a4") else None,
            published=Meta(day, "t") if (day := days.get(i, "2026-05-01")) else None,
        )
        for i, text in TEXTS.items()
    ]


Kept = tuple[list[Article], dict[str, ArticleFeatures], FeatureTable]


@pytest.fixture()
def kept() -> Kept:
    articles = _articles()
    features = {a.id: article_features(a) for a in articles}
    return articles, features, FeatureTable(features.items())


def _same_vectors(x: WeightedSets, y: WeightedSets) -> None:
    assert x.vocabulary == y.vocabulary
    assert len(x.indices) == len(y.indices)
    for a, b in zip(x.indices, y.indices, strict=True):
        assert a.dtype == b.dtype and np.array_equal(a, b)
    for a, b in zip(x.weights, y.weights, strict=True):
        assert a.dtype == b.dtype and a.tobytes() == b.tobytes()  # bit for bit


def test_the_table_gives_back_each_article_s_features_as_kept(kept: Kept) -> None:
    _, features, table = kept
    assert len(table) == len(features) and list(table) == list(features)
    for article_id, f in features.items():
        back = table[article_id]
        assert back == f
        assert list(back.terms.items()) == list(f.terms.items())  # same order too
        assert list(back.name_phrases.items()) == list(f.name_phrases.items())
    assert table.terms["a3"] == features["a3"].terms
    assert "a9" not in table and "a9" not in table.terms


def test_vectors_from_the_table_equal_those_of_the_counters(kept: Kept) -> None:
    _, features, table = kept
    ids = ["a4", "a1", "a6", "a3"]  # any order, a featureless article among them
    rows = [table.row(i) for i in ids]
    for power in (1.0, 1.5):
        _same_vectors(
            table.weighted("terms", rows, idf_floor=0.5, idf_power=power),
            tfidf([features[i].terms for i in ids], idf_floor=0.5, idf_power=power),
        )
    names: tuple[Field, ...] = ("names", "numbers")
    for name in names:
        _same_vectors(
            table.weighted(name, rows, sublinear=False),
            binary_idf([getattr(features[i], name) for i in ids]),
        )
    _same_vectors(table.terms.tfidf(ids), tfidf([features[i].terms for i in ids]))
    _same_vectors(table.weighted("terms", []), tfidf([]))


def test_a_corpus_on_the_table_equals_one_on_the_features(kept: Kept) -> None:
    articles, features, table = kept
    on_dict = build_corpus(articles, features=features)
    on_table = build_corpus(articles, features=table)
    assert isinstance(on_table.features, FeatureRows)  # not every article's features made
    assert list(on_table.features) == list(on_dict.features)
    assert on_table.name_df == on_dict.name_df
    for (w1, v1), (w2, v2) in zip(on_table.signals, on_dict.signals, strict=True):
        assert w1 == w2
        _same_vectors(v1, v2)
    a, b = np.array([0, 0, 2, 4]), np.array([1, 3, 3, 5])
    assert damping(on_table.features, a, b, DEFAULT_WEIGHTS).tobytes() == (
        damping(on_dict.features, a, b, DEFAULT_WEIGHTS).tobytes()
    )
    stories = cluster_stories(articles, [], features=table)
    assert stories == cluster_stories(articles, [], features=features)
    assert topics(stories, articles, terms=table.terms) == topics(
        stories,
        articles,
        terms={i: f.terms for i, f in features.items()},
    )


def test_features_read_from_their_memos_equal_those_added_as_features(kept: Kept) -> None:
    _, features, table = kept
    memos = {i: json.loads(json.dumps(features_to_memo(f))) for i, f in features.items()}
    from_memos = FeatureTable()
    for article_id, memo in memos.items():
        from_memos.add_memo(article_id, memo)
    from_memos.add_memo("a1", features_to_memo(article_features(_articles()[2])))  # kept first
    assert list(from_memos) == list(features)
    for article_id, f in features.items():
        back = from_memos[article_id]
        assert back == f == features_from_memo(memos[article_id])
        assert list(back.terms.items()) == list(f.terms.items())
    rows = [table.row(i) for i in table]
    _same_vectors(from_memos.weighted("terms", rows), table.weighted("terms", rows))
