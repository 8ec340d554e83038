from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyweave.errors import StoreError
from storyweave.lexicon import CACHE_ENV
from storyweave.records import (
    Article,
    Claim,
    Direction,
    Document,
    Finding,
    Label,
    Meta,
    Passage,
    Relation,
    Removed,
    Signature,
    Story,
)
from storyweave.store import Derived, duckdb_store, open_store, work_connection
from storyweave.store.migrations import MIGRATIONS


def _document(n: int) -> Document:
    return Document(f"d{n}", f"ref{n}.txt", f"ref{n}.txt", "text", f"body {n}", "utf-8", {})


def _article(n: int) -> Article:
    return Article(
        id=f"d{n}",
        ref=f"ref{n}.txt",
        source=f"ref{n}.txt",
        text=f"body {n}",
        title=Meta(f"Title {n}", "line 1"),
        published=Meta("2024-01-09", "line 2"),
        removed=(Removed("Share this", "share counter"),),
    )


def _add(store_path: str, numbers: list[int]) -> None:
    with open_store(store_path) as store:
        store.add_documents(
            [_document(n) for n in numbers],
            [_article(n) for n in numbers],
            [Signature(f"d{n}", (n, n + 1, 2**64 - 1), 3) for n in numbers],
            [
                Claim(f"c{n}", f"d{n}", "quote", 0, 4, "body", "body", "x", {"verb": "said"})
                for n in numbers
            ],
        )


def test_records_round_trip_through_a_file(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    _add(path, [1, 2])
    with open_store(path) as store:
        assert store.articles() == [_article(1), _article(2)]
        assert store.signatures()[1] == Signature("d2", (2, 3, 2**64 - 1), 3)
        assert [c.attrs for c in store.claims(["d2"])] == [{"verb": "said"}]
        assert store.known_ids(["d1", "d9"]) == {"d1"}


def test_inserting_the_same_records_twice_stores_them_once(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    _add(path, [1, 2])
    _add(path, [2, 3])
    with open_store(path) as store:
        assert store.count("articles") == 3
        assert store.count("documents") == 3
        assert store.count("claims") == 3


def test_derived_results_are_replaced_whole(tmp_path: Path) -> None:
    relation = Relation(
        "d1",
        "d2",
        "near-duplicate",
        0.9,
        (Passage(0, 4, 0, 4),),
        Direction("d1", "d2", ("published earlier",)),
    )
    first = Derived(
        [relation],
        {"d2": (Label("scraped", ("ad marker",)),)},
        [Story("s1", ("d1", "d2"), "Title 1")],
        [],
        [],
    )
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.replace_derived(first)
        assert store.derived() == first
        store.replace_derived(Derived([], {}, [Story("s2", ("d3",), "T")], [], []))
        assert store.derived().relations == []
        assert [s.id for s in store.derived().stories] == ["s2"]


def test_a_failed_block_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = str(tmp_path / "s.duckdb")
    _add(path, [1])
    with open_store(path) as store:
        with pytest.raises(KeyboardInterrupt), store.atomic():
            store.add_documents([_document(2)], [_article(2)], [], [])
            raise KeyboardInterrupt
        assert store.count("articles") == 1
    with open_store(path) as store:
        assert store.known_ids(["d1", "d2"]) == {"d1"}


def test_a_new_store_is_made_in_one_transaction(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    begun: list[str] = []
    query = duckdb_store.Store._query

    def counting(store: duckdb_store.Store, sql: str, params: Any = None) -> object:
        if sql == "BEGIN TRANSACTION":
            begun.append(sql)
        return query(store, sql, params)

    monkeypatch.setattr(duckdb_store.Store, "_query", counting)
    duckdb_store.Store(str(tmp_path / "s.duckdb")).close()  # open_store may copy an empty one
    assert len(begun) == 1


def test_an_upgrade_that_fails_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "s.duckdb")
    broken = [*MIGRATIONS[:-1], ["CREATE TABLE documents (id VARCHAR)"]]  # exists already
    monkeypatch.setattr(duckdb_store, "MIGRATIONS", broken)
    with pytest.raises(StoreError, match="documents"):
        open_store(path)
    with duckdb.connect(path, read_only=True) as con:
        assert con.execute("SELECT * FROM meta").fetchall() == []
        tables = con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    assert tables == [("meta",)]


def test_a_file_that_is_not_a_store_is_a_store_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match=r"bogus\.duckdb"):
        open_store(str(bogus))


def test_unknown_table_is_refused() -> None:
    with open_store() as store, pytest.raises(StoreError):
        store.count("articles; DROP TABLE articles")


def _derived(stories: list[Story], relations: list[Relation]) -> Derived:
    findings = [
        Finding(f"f{story.id}{n}", story.id, "quote", "corroborated", "x", ())
        for story in stories
        for n in range(2)
    ]
    return Derived(
        relations,
        {},
        stories,
        findings,
        [],
        {story.id: f"state of {story.id}" for story in stories},
    )


def _table_rows(store_path: str) -> dict[str, list[tuple[object, ...]]]:
    with open_store(store_path) as store:
        con = store._con
        return {
            table: sorted(con.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in ("relations", "labels", "stories", "findings", "story_state")
        }


def test_replacing_only_what_changed_leaves_the_store_as_a_whole_replacement(
    tmp_path: Path,
) -> None:
    near = Relation("d1", "d2", "near-duplicate", 0.9)
    first = _derived([Story("s1", ("d1", "d2"), "A"), Story("s2", ("d3",), "B")], [near])
    second = _derived(
        [Story("s1", ("d1", "d2"), "A"), Story("s3", ("d3", "d4"), "B")],
        [near, Relation("d3", "d4", "reuse", 0.4)],
    )
    paths = [str(tmp_path / "whole.duckdb"), str(tmp_path / "delta.duckdb")]
    for path in paths:
        with open_store(path) as store:
            store.replace_derived(first)
    with open_store(paths[0]) as store:
        store.replace_derived(second)
    with open_store(paths[1]) as store:
        store.replace_derived(second, store.derived())
        assert store.derived() == second
    assert _table_rows(paths[0]) == _table_rows(paths[1])


def test_rows_of_unchanged_stories_are_not_written_again(tmp_path: Path) -> None:
    first = _derived([Story("s1", ("d1",), "A"), Story("s2", ("d2",), "B")], [])
    second = _derived([Story("s1", ("d1",), "A"), Story("s2", ("d2", "d5"), "B")], [])
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.replace_derived(first)
        query = "SELECT id, rowid FROM {} ORDER BY id"
        before = {
            t: store._con.execute(query.format(t)).fetchall() for t in ("stories", "findings")
        }
        store.replace_derived(second, store.derived())
        after = {t: store._con.execute(query.format(t)).fetchall() for t in ("stories", "findings")}
    assert after["stories"][0] == before["stories"][0]  # s1 kept its row
    assert after["findings"][:2] == before["findings"][:2]  # and so did its findings
    assert after["stories"][1] != before["stories"][1]  # s2 was written again


def _schema(path: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(path, read_only=True) as con:
        return con.execute(
            "SELECT 'table', table_name, sql FROM duckdb_tables() "
            "UNION ALL SELECT 'view', view_name, sql FROM duckdb_views() WHERE NOT internal "
            "UNION ALL SELECT 'column', table_name || '.' || column_name, comment "
            "FROM duckdb_columns() UNION ALL SELECT 'meta', key, value FROM meta ORDER BY ALL"
        ).fetchall()


def test_a_new_store_is_a_copy_of_an_empty_one_kept_in_the_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(cache))
    made = str(tmp_path / "made.duckdb")
    duckdb_store.Store(made).close()
    for name in ("first.duckdb", "second.duckdb"):  # the empty store made, then copied
        open_store(str(tmp_path / name)).close()
        assert _schema(str(tmp_path / name)) == _schema(made)
    assert [p.suffix for p in cache.iterdir()] == [".store1"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cache",
        "first.duckdb",
        "made.duckdb",
        "second.duckdb",
    ]
    _add(str(tmp_path / "second.duckdb"), [1])
    with open_store(str(tmp_path / "second.duckdb")) as store:
        assert store.known_ids(["d1", "d2"]) == {"d1"}


def test_a_store_is_not_copied_over_a_file_or_a_write_ahead_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    path = tmp_path / "s.duckdb"
    _add(str(path), [1])
    open_store(str(path)).close()
    with open_store(str(path)) as store:
        assert store.known_ids(["d1"]) == {"d1"}
    logged = tmp_path / "logged.duckdb"
    Path(f"{logged}.wal").write_bytes(b"")
    duckdb_store._copy_of_empty_store(str(logged))
    assert not logged.exists()
    monkeypatch.chdir(tmp_path)
    duckdb_store._copy_of_empty_store(":memory:")
    assert not Path(":memory:").exists()


def _memory_limit(store: duckdb_store.Store) -> str:
    row = store._con.execute("SELECT current_setting('memory_limit')").fetchone()
    assert row is not None
    return str(row[0])


def test_a_file_store_bounds_duckdb_s_memory_by_a_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Unbounded, DuckDB cached the store's blocks up to 80% of the machine's memory: a run's
    # memory grew with the size of the store.
    monkeypatch.delenv("STORYWEAVE_STORE_MEMORY", raising=False)
    with open_store(str(tmp_path / "a.duckdb")) as store:
        assert _memory_limit(store) == "244.1 MiB"  # 256 MB, DuckDB's way of saying it
    monkeypatch.setenv("STORYWEAVE_STORE_MEMORY", "64MB")
    with open_store(str(tmp_path / "a.duckdb")) as store:
        assert _memory_limit(store) == "61.0 MiB"
    with open_store(":memory:") as store:  # its blocks cannot be read again: not bounded
        assert _memory_limit(store) != "61.0 MiB"
    monkeypatch.setenv("STORYWEAVE_STORE_MEMORY", "a lot")
    with pytest.raises(StoreError, match="STORYWEAVE_STORE_MEMORY"):
        open_store(str(tmp_path / "a.duckdb"))


def test_a_work_connection_is_bounded_and_leaves_no_spill_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Unbounded, the in-memory DuckDB that finds candidate pairs grew faster than the corpus.
    monkeypatch.setenv("STORYWEAVE_STORE_MEMORY", "64MB")
    with work_connection() as con:
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()
        spill = con.execute("SELECT current_setting('temp_directory')").fetchone()
        assert spill is not None and Path(spill[0]).is_dir()
    assert limit == ("61.0 MiB",)
    assert not Path(spill[0]).exists()
    monkeypatch.setenv("STORYWEAVE_STORE_MEMORY", "a lot")
    with pytest.raises(StoreError, match="STORYWEAVE_STORE_MEMORY"), work_connection():
        pass
