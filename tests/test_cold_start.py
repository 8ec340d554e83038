"""Cold start (issue 19): nothing heavy is imported or read before a text needs it."""

from __future__ import annotations

import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from storyweave import lexicon as lexicon_module
from storyweave.brief import sentences
from storyweave.lexicon import CACHE_ENV, Thesaurus, band_zipf
from storyweave.reuse.spin import Lexicon
from storyweave.reuse.spin import lexicon as spin_lexicon
from storyweave.reuse.spin.lexicon import _pair_sides


def _modules_after(code: str, top_level: bool = True) -> set[str]:
    """The modules (by default the top-level ones) imported by a fresh interpreter that runs
    ``code``."""
    name = "m.split('.')[0]" if top_level else "m"
    probe = f"{code}\nimport sys\nprint(' '.join(sorted({{{name} for m in sys.modules}})))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(done.stdout.split())


def test_the_pipeline_imports_no_html_extractor() -> None:
    assert "trafilatura" not in _modules_after("import storyweave.pipeline")


def test_a_run_without_an_html_report_loads_no_template_engine(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A headline\n\nThe council met on Monday. It agreed a plan.\n")
    store, md = tmp_path / "s.duckdb", tmp_path / "r.md"
    code = (
        "import os\nos.environ['STORYWEAVE_NER'] = 'off'\n"
        "from storyweave.cli import main\n"
        f"try:\n    main(['run', {str(article)!r}, '--db', {str(store)!r}, '--md', {str(md)!r}])\n"
        "except SystemExit:\n    pass"
    )
    found = _modules_after(code)
    assert md.is_file() and "jinja2" not in found and "lxml" not in found


@pytest.fixture(scope="module")
def quiet_run_modules(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """The modules a quiet ``storyweave run`` of one small article imports (no report file)."""
    folder = tmp_path_factory.mktemp("quiet")
    article = folder / "a.txt"
    article.write_text("A headline\n\nThe council met on Monday. It agreed a plan.\n")
    store = folder / "s.duckdb"
    code = (
        "import os\nos.environ['STORYWEAVE_NER'] = 'off'\n"
        "from storyweave.cli import main\n"
        f"main(['run', {str(article)!r}, '--db', {str(store)!r}, '--quiet'])"
    )
    found = _modules_after(code, top_level=False)
    assert "storyweave.pipeline" in found  # the run ran
    return found


def test_a_quiet_run_loads_no_progress_bars(quiet_run_modules: set[str]) -> None:
    assert "rich.progress" not in quiet_run_modules


def test_a_quiet_run_that_prints_nothing_loads_no_rich(quiet_run_modules: set[str]) -> None:
    assert not {m for m in quiet_run_modules if m.split(".")[0] == "rich"}


def test_a_small_run_loads_no_masked_arrays(quiet_run_modules: set[str]) -> None:
    assert "numpy" in quiet_run_modules and "numpy.ma" not in quiet_run_modules


def test_a_small_run_loads_no_process_pool(quiet_run_modules: set[str]) -> None:
    assert "multiprocessing" not in quiet_run_modules
    assert "concurrent.futures.process" not in quiet_run_modules


def test_a_small_run_loads_no_random_generator(quiet_run_modules: set[str]) -> None:
    assert "numpy.random" not in quiet_run_modules


def test_the_signature_sides_from_the_cache_are_the_drawn_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    from storyweave.duplicates import features

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    drawn = np.random.default_rng(features.MINHASH_SEED).integers(0, 2, 96).astype(bool)
    try:
        for _ in range(2):  # made, then read
            features._rightward.cache_clear()
            assert np.array_equal(features._rightward(96), drawn)
            assert features._rightward(96).dtype == np.bool_
        (cached,) = (tmp_path / "cache").iterdir()
        cached.write_bytes(b"damaged")  # not trusted: drawn again
        features._rightward.cache_clear()
        assert np.array_equal(features._rightward(96), drawn)
    finally:
        features._rightward.cache_clear()


def test_a_quiet_run_without_report_files_loads_no_renderer(quiet_run_modules: set[str]) -> None:
    for renderer in ("markdown", "terminal", "checks", "html"):
        assert f"storyweave.report.{renderer}" not in quiet_run_modules
    assert "rich.table" not in quiet_run_modules


def test_a_run_leaves_the_loaded_modules_out_of_the_collectors_passes(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A headline\n\nThe council met on Monday. It agreed a plan.\n")
    store = tmp_path / "s.duckdb"
    probe = (
        "import gc, os\nos.environ['STORYWEAVE_NER'] = 'off'\n"
        "from storyweave.cli import main\n"
        f"main(['run', {str(article)!r}, '--db', {str(store)!r}, '--quiet'])\n"
        "import storyweave.pipeline\n"
        "assert gc.isenabled()\n"
        "assert gc.get_freeze_count() > 10_000, gc.get_freeze_count()\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120)


def test_a_text_run_compiles_no_pattern_of_html_metadata_credits_or_denials(
    tmp_path: Path,
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A headline\n\nThe council met on Monday. It agreed a plan.\n")
    store = tmp_path / "s.duckdb"
    probe = (
        "import os\nos.environ['STORYWEAVE_NER'] = 'off'\n"
        "from storyweave.cli import main\n"
        f"main(['run', {str(article)!r}, '--db', {str(store)!r}, '--quiet'])\n"
        "from storyweave.clean import metadata\n"
        "from storyweave.compare import denials\n"
        "from storyweave.reuse import credits\n"
        "for p in (metadata._NAME_ONLY, credits._SOURCE_CREDIT, denials._VERB_BEFORE):\n"
        "    assert p._compiled is None, p.pattern\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120)


def test_a_plain_text_article_is_cleaned_without_the_html_extractor(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A headline\n\nThe council met on Monday. It agreed a plan.\n")
    code = (
        "from storyweave.clean import clean_document\n"
        "from storyweave.ingest import read_inputs\n"
        f"[clean_document(d) for d in read_inputs([{str(article)!r}])]"
    )
    found = _modules_after(code)
    assert "trafilatura" not in found and "lxml" not in found
    assert "charset_normalizer" not in found  # UTF-8 needs no guessing of the encoding


def test_reading_word_vectors_loads_no_masked_arrays() -> None:
    found = _modules_after(
        "from storyweave.reuse.spin import default_lexicon, word_choice\n"
        "word_choice('The council met on Monday and agreed a plan for the river.', "
        "default_lexicon())",
        top_level=False,
    )
    assert "numpy" in found and "numpy.ma" not in found


def test_a_small_text_makes_no_dict_of_the_word_lists() -> None:
    probe = (
        "from storyweave.lexicon import WordTable\n"
        "from storyweave.reuse.spin import default_lexicon, word_choice\n"
        "lexicon = default_lexicon()\n"
        "word_choice('The council met on Monday and agreed a plan for the river.', lexicon)\n"
        "for table in (lexicon.bigrams, lexicon.frequencies):\n"
        "    if table:  # the shipped lists are installed\n"
        "        assert isinstance(table, WordTable) and table._dict is None, table\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120)


def test_word_frequencies_are_read_without_importing_wordfreq() -> None:
    pytest.importorskip("wordfreq")
    found = _modules_after(
        "from storyweave.lexicon import wordfreq_zipf\nassert wordfreq_zipf() is not None"
    )
    assert "wordfreq" not in found


def test_pair_sides_are_the_first_and_second_words_of_each_pair() -> None:
    pairs = {"open field": 3, "wide field": 2, "open sea": 1}
    assert _pair_sides(pairs) == (frozenset({"open", "wide"}), frozenset({"field", "sea"}))
    odd = {"open field day": 1, "sea air": 2}  # not every pair is two words: split one by one
    assert _pair_sides(odd) == (frozenset({"open", "sea"}), frozenset({"field", "air"}))
    lexicon = Lexicon(None, {}, pairs)
    assert lexicon.pair_words(2) == frozenset({"open", "wide", "field", "sea"})


def test_word_pair_lists_are_read_from_the_cache_as_from_the_text_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unigrams, bigrams = tmp_path / "uni.txt", tmp_path / "bi.txt"
    unigrams.write_text("open 9\nfield 7\nsea 5\ncaf\u00e9 2\n", encoding="utf-8")
    bigrams.write_text("open field 30\nwide field 20\nopen sea 12\n", encoding="utf-8")
    monkeypatch.setattr(spin_lexicon, "symspell_files", lambda: (unigrams, bigrams))
    (tmp_path / "a file").write_text("")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "a file" / "cache"))  # no cache: from text
    from_text = spin_lexicon.pair_lists()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    made, read = spin_lexicon.pair_lists(), spin_lexicon.pair_lists()
    assert len(list((tmp_path / "cache").iterdir())) == 1
    for lists in (made, read):
        assert list(lists.bigrams.items()) == list(from_text.bigrams.items())
        assert lists.bigrams == {
            "open field": 30,
            "wide field": 20,
            "open sea": 12,
        }
        assert lists.bigrams.get("open wide", 0) == 0 and "open sea" in lists.bigrams
        assert lists.min_bigram == from_text.min_bigram == 12
        assert lists.first == from_text.first == frozenset({"open", "wide"})
        assert lists.second == from_text.second == frozenset({"field", "sea"})
        assert (
            lists.vocabulary
            == from_text.vocabulary
            == frozenset({"open", "field", "sea", "caf\u00e9"})
        )


def test_word_frequencies_from_the_cache_equal_wordfreqs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "small_en.msgpack.gz"
    path.write_bytes(b"unused: the bands are given below")
    bands = [["the"], [], ["river", "caf\u00e9"], ["bank", "the"]]
    monkeypatch.setattr(lexicon_module, "wordfreq_file", lambda: path)
    monkeypatch.setattr(lexicon_module, "wordfreq_buckets", lambda: bands)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    try:
        for _ in range(2):  # made, then read
            lexicon_module.wordfreq_zipf.cache_clear()
            lexicon_module.wordfreq_table.cache_clear()
            zipf = lexicon_module.wordfreq_zipf()
            assert zipf is not None
            expected = {"the": band_zipf(3), "river": band_zipf(2), "caf\u00e9": band_zipf(2)}
            for word in [*expected, "bank", "rive", ""]:
                assert zipf(word) == expected.get(word, band_zipf(3) if word == "bank" else 0.0)
            assert list((tmp_path / "cache").iterdir())
    finally:
        lexicon_module.wordfreq_zipf.cache_clear()
        lexicon_module.wordfreq_table.cache_clear()


def test_one_process_reads_the_word_frequencies_once() -> None:
    built: list[object] = []
    spin_lexicon.default_lexicon.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lexicon_module, "band_zipf", lambda band: built.append(band) or 0.0)
        lexicon_module.wordfreq_zipf.cache_clear()
        lexicon_module.wordfreq_table.cache_clear()
        try:
            shared = lexicon_module.wordfreq_zipf()
            bands_read = len(built)
            spin_lexicon.default_lexicon()
            sentences.wordfreq_zipf_cached.cache_clear()
            sentences.wordfreq_zipf_cached()
        finally:
            lexicon_module.wordfreq_zipf.cache_clear()
            lexicon_module.wordfreq_table.cache_clear()
            spin_lexicon.default_lexicon.cache_clear()
            sentences.wordfreq_zipf_cached.cache_clear()
    assert shared is None or len(built) == bands_read > 0


def test_a_thesaurus_read_through_the_cache_equals_the_scanned_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "words.txt"
    path.write_text("Big,large,huge,great deal\nsmall,little\n2nd,second\nbig,vast\n", "utf-8")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(lexicon_module, "CACHE_MIN_BYTES", 0)
    scanned = Thesaurus._scanned(path)
    for _ in range(2):  # made, then read
        read = Thesaurus.from_file(path)
        assert list(read) == list(scanned) == ["big", "small"]
        assert (
            dict(read)
            == dict(scanned)
            == {
                "big": frozenset({"vast"}),
                "small": frozenset({"little"}),
            }
        )
    assert len(list((tmp_path / "cache").iterdir())) == 1
    odd = tmp_path / "odd.txt"  # a line break str.splitlines knows: the lines stay in memory
    odd.write_text("big,large\x85small,little\n", "utf-8")
    assert dict(Thesaurus.from_file(odd)) == dict(Thesaurus._scanned(odd))


def test_ranked_synonyms_from_the_cache_equal_the_scored_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "words.txt"
    path.write_text("big,large,huge,vast,xl\nsmall,little,tiny,wee\nlone\ncaf\u00e9,bar\n", "utf-8")
    frequencies = {"large": 4.0, "huge": 4.0, "vast": 3.0, "little": 5.0, "tiny": 2.5}
    list_file = tmp_path / "en.msgpack.gz"
    list_file.write_bytes(b"unused: the frequencies are given above")
    monkeypatch.setattr(spin_lexicon, "thesaurus_file", lambda: path)
    monkeypatch.setattr(spin_lexicon, "wordfreq_file", lambda: list_file)
    monkeypatch.setattr(lexicon_module, "CACHE_MIN_BYTES", 0)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    synonyms = Thesaurus.from_file(path)
    scored = Lexicon(lambda w: frequencies.get(w, 0.0), synonyms, frequencies=frequencies)
    for _ in range(2):  # made, then read
        ranked = spin_lexicon.ranked_synonyms(scored)
        assert ranked is not None and list(ranked) == list(synonyms)
        read = replace(scored, ranked=ranked, _scored={})
        for head in [*synonyms, "none"]:
            expected = scored.ranked_words(synonyms.get(head, frozenset()))
            assert read.scored_synonyms(head) == ranked.get(head, ()) == expected
        assert ranked["big"] == ((4.0, "huge"), (4.0, "large"), (3.0, "vast"), (0.0, "xl"))
        assert ranked["lone"] == () and ranked.get("none") is None
        assert dict(pickle.loads(pickle.dumps(ranked))) == dict(ranked)  # another process's
    assert {p.suffix for p in (tmp_path / "cache").iterdir()} == {".heads1", ".ranked2"}


def test_the_installed_ranked_synonyms_equal_the_scored_ones() -> None:
    lexicon = spin_lexicon.default_lexicon()
    if lexicon.ranked is None:
        pytest.skip("no thesaurus and word frequencies installed, or no cache folder")
    heads = list(lexicon.synonyms)
    assert list(lexicon.ranked) == heads
    for head in [*heads[::97], "happy", "said"]:
        expected = lexicon.ranked_words(lexicon.synonyms.get(head, frozenset()))
        assert lexicon.ranked.get(head, ()) == expected


def test_a_one_article_run_opens_no_duckdb_but_its_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    from storyweave.pipeline import weave
    from storyweave.store import open_store

    article = tmp_path / "a.txt"
    article.write_text("A headline\n\nThe council met on Monday. It agreed a plan.\n")
    opened: list[tuple[object, ...]] = []
    real = duckdb.connect

    def connect(*args: object, **kwargs: object) -> duckdb.DuckDBPyConnection:
        opened.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(duckdb, "connect", connect)
    with open_store(str(tmp_path / "s.duckdb")) as store:
        result = weave([str(article)], store, ner=False)
    assert result.input_articles == 1
    assert all(args and str(args[0]).endswith(".duckdb") for args in opened), opened


def test_the_code_digest_is_kept_in_the_cache_folder_as_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyweave import kept

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    sources = sorted(Path(kept.__file__).parent.rglob("*.py"))
    computed = kept._digest_of(sources)
    try:
        for _ in range(2):  # made, then read
            kept.code_digest.cache_clear()
            assert kept.code_digest() == computed
        assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".code1"]
        cached = next((tmp_path / "cache").iterdir())
        cached.write_text("not a digest")  # a damaged file is not trusted
        kept.code_digest.cache_clear()
        assert kept.code_digest() == computed
    finally:
        kept.code_digest.cache_clear()
