"""The embedded store: one DuckDB file, every table keyed by content hashes.

Per-document results (documents, articles, signatures, claims) are inserted once and never
recomputed; cross-document results (relations, labels, stories, findings, briefs) are replaced
at the end of each run, by deleting and writing the rows that changed (:mod:`.derived`). Both
happen inside transactions (:meth:`Store.atomic`), so an interrupted run leaves the store as it
was before the unfinished work.

Records are kept as JSON in ``data`` columns; flat views over them (``articles_v``,
``relations_v``, ..., created by the migrations) are for SQL users and other tools, and
:meth:`Store.export` writes them as CSV or Parquet files.

One job: the store, one class over one DuckDB file; kept whole because its methods share the
connection and the transaction of :meth:`Store.atomic`, and a split would scatter one class.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import numpy as np

from ..errors import StoreError, UsageError
from ..ids import content_id
from ..lexicon import cached_file
from ..records import (
    Article,
    Brief,
    Claim,
    Document,
    Finding,
    Label,
    Relation,
    Signature,
    Stance,
    Story,
    Topic,
)
from . import migrations
from .codec import dumps, loads
from .derived import Derived, Key, changes
from .migrations import CACHES, KEYS, MIGRATIONS, TABLES, VIEWS, sql_string
from .signature_table import SignatureTable

T = TypeVar("T")


# COPY options of each export format (its name is also the files' extension).
EXPORT_FORMATS = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)"}
KEYS_PER_QUERY = 100_000  # keys looked up (or noted) per query: bounds the memory a lookup takes
LOAD_SLICE = 2_000  # stored records read into Python objects at a time


@dataclass(frozen=True)
class ExportedView:
    """One view written by :meth:`Store.export`: its name, the file and the number of rows."""

    view: str
    path: Path
    rows: int


MEMORY_ENV = "STORYWEAVE_STORE_MEMORY"
DEFAULT_MEMORY = "256MB"  # DuckDB's memory limit for a file store (larger work spills to disk)


class Store:
    """A storyweave store in a DuckDB file (or ``:memory:``); DuckDB's memory for a file store
    is bounded by ``STORYWEAVE_STORE_MEMORY`` (a DuckDB size such as ``512MB``; default
    ``DEFAULT_MEMORY``)."""

    def __init__(self, path: str = ":memory:") -> None:
        self.path = path
        try:
            self._con = duckdb.connect(path)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {path}: {_first_line(exc)}") from exc
        self._con.execute("SET enable_progress_bar = false")
        if path != ":memory:":
            # DuckDB keeps the blocks it read or wrote cached up to its memory limit (by default
            # 80% of the machine's memory): a store's file, cached whole, grew a run's memory
            # with the corpus. A file store's blocks can be read again; an in-memory one's not.
            limit = os.environ.get(MEMORY_ENV, DEFAULT_MEMORY)
            try:
                self._con.execute(f"SET memory_limit = {sql_string(limit)}")
            except duckdb.Error as exc:
                self._con.close()
                raise StoreError(f"{MEMORY_ENV}={limit!r}: {_first_line(exc)}") from exc
        self._in_transaction = False
        self._migrate()
        # The memo keys read or written since the store was opened (see prune_memo).
        self._con.execute("CREATE TEMP TABLE memo_used (key VARCHAR)")

    # --- lifecycle ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the store; an open transaction is rolled back."""
        try:
            self._con.close()
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {_first_line(exc)}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: object, *exc: object) -> None:
        if kind is None:
            self.close()
            return
        with suppress(StoreError):  # the error that ended the block is the one to report
            self.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Run the block in one transaction: all of its writes land, or none do."""
        if self._in_transaction:
            yield
            return
        self._query("BEGIN TRANSACTION")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            # A failed write (a full disk) can leave the database unusable: the first error is
            # the one to report.
            with suppress(duckdb.Error):
                self._con.execute("ROLLBACK")
            raise
        else:
            self._query("COMMIT")  # a write that fails here is a StoreError, like any other
        finally:
            self._in_transaction = False

    # --- per-document results -------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Those of ``ids`` whose article is already stored."""
        wanted = sorted(set(ids))
        if not wanted:
            return set()
        rows = self._query(
            "SELECT id FROM articles WHERE id IN (SELECT unnest($1))", [wanted]
        ).fetchall()
        return {row[0] for row in rows}

    def add_documents(
        self,
        documents: Sequence[Document],
        articles: Sequence[Article],
        signatures: Sequence[Signature],
        claims: Sequence[Claim],
    ) -> None:
        """Insert per-document results; a record already stored is left as it is, a different
        one under a stored id is a StoreError (and nothing of the call is stored)."""
        with self.atomic():
            self._insert(
                "documents",
                ["id", "ref", "source", "format", "encoding", "meta", "text"],
                [
                    [d.id for d in documents],
                    [d.ref for d in documents],
                    [d.source for d in documents],
                    [d.format for d in documents],
                    [d.encoding for d in documents],
                    [json.dumps(d.meta, sort_keys=True) for d in documents],
                    [d.text for d in documents],
                ],
            )
            self._insert(
                "articles",
                ["id", "ref", "data"],
                [[a.id for a in articles], [a.ref for a in articles], [dumps(a) for a in articles]],
            )
            self._insert_signatures(signatures)
            self._insert(
                "claims",
                ["id", "article_id", "kind", "data"],
                [
                    [c.id for c in claims],
                    [c.article_id for c in claims],
                    [c.kind for c in claims],
                    [dumps(c) for c in claims],
                ],
            )

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Stored articles (all, or those with the given ids), ordered by id."""
        return self._load_records(Article, "articles", "id", ids)

    def claims(self, article_ids: Iterable[str] | None = None) -> list[Claim]:
        """Stored claims (all, or those of the given articles), ordered by id."""
        return self._load_records(Claim, "claims", "article_id", article_ids)

    def unsigned_articles(self) -> list[Article]:
        """Stored articles without a stored signature (signed by an older MinHash), by id."""
        rows = self._query(
            "SELECT id FROM articles EXCEPT SELECT article_id FROM signatures ORDER BY id"
        ).fetchall()
        return self.articles([row[0] for row in rows]) if rows else []

    def add_signatures(self, signatures: Sequence[Signature]) -> None:
        """Insert the signatures of stored articles (as :meth:`add_documents` does)."""
        with self.atomic():
            self._insert_signatures(signatures)

    def signatures(self) -> Sequence[Signature]:
        """All stored signatures, ordered by article id: a :class:`SignatureTable` when they
        are all of one length, as a run's are."""
        rows = self._query(
            "SELECT article_id, minhash, shingle_count FROM signatures ORDER BY article_id"
        ).fetchall()
        if len({len(row[1]) for row in rows}) == 1:
            width = len(rows[0][1]) // 8
            minhash = np.frombuffer(b"".join(row[1] for row in rows), dtype=np.uint64)
            counts = np.array([row[2] for row in rows], dtype=np.int64)
            ids = [row[0] for row in rows]
            return SignatureTable(ids, minhash.reshape(len(rows), width), counts)
        return [
            Signature(row[0], tuple(np.frombuffer(row[1], dtype=np.uint64).tolist()), row[2])
            for row in rows
        ]

    def embeddings(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        """Stored embedding vectors (float32) of those of ``keys`` that have one."""
        rows = self._values_by_key("embeddings", "vector", keys)
        return {key: np.frombuffer(value, dtype=np.float32).copy() for key, value in rows}

    def add_embeddings(self, vectors: Mapping[str, np.ndarray]) -> None:
        """Store embedding vectors by key; keys already stored are left unchanged."""
        if not vectors:
            return
        keys = sorted(vectors)
        hexes = [np.asarray(vectors[k], dtype=np.float32).tobytes().hex() for k in keys]
        with self.atomic():
            self._insert("embeddings", ["key", "vector"], [keys, hexes], blobs=("vector",))

    def memo(self, keys: Iterable[str]) -> dict[str, Any]:
        """Kept results (JSON values) of those of ``keys`` that have one."""
        return {key: json.loads(value) for key, value in self._memo_values(keys)}

    def prune_memo(self) -> int:
        """Drop the kept results whose keys no read or write asked for since the store was
        opened (or last pruned), and return how many. After a run, which reads the kept result
        of every article, pair and relation it has, the others are those of an older version
        of storyweave or of pairs that are no longer candidates."""
        with self.atomic():
            row = self._query(
                "DELETE FROM memo WHERE key NOT IN (SELECT key FROM memo_used)"
            ).fetchone()
            self._query("DELETE FROM memo_used")
        return int(row[0]) if row else 0

    def add_memo(self, values: Mapping[str, Any]) -> None:
        """Keep JSON-serialisable results by key; keys already kept are left unchanged."""
        if not values:
            return
        keys = sorted(values)
        with self.atomic():
            self._insert("memo", ["key", "value"], [keys, [json.dumps(values[k]) for k in keys]])
            self._note_memo_keys(keys)

    def verdicts(self, keys: Iterable[str]) -> dict[str, Relation | None]:
        """Kept verdicts on candidate pairs (the relation found, or None for none) by key."""
        return {
            key: None if value == "null" else loads(Relation, value)
            for key, value in self._memo_values(keys)
        }

    def add_verdicts(self, verdicts: Mapping[str, Relation | None]) -> None:
        """Keep verdicts on candidate pairs by key (in the memo); keys already kept stay."""
        if not verdicts:
            return
        keys = sorted(verdicts)
        values = ["null" if verdicts[k] is None else dumps(verdicts[k]) for k in keys]
        with self.atomic():
            self._insert("memo", ["key", "value"], [keys, values])
            self._note_memo_keys(keys)

    def _memo_values(self, keys: Iterable[str]) -> list[Any]:
        wanted = sorted(set(keys))
        self._note_memo_keys(wanted)
        return self._values_by_key("memo", "value", wanted)

    def _note_memo_keys(self, keys: list[str]) -> None:
        for first in range(0, len(keys), KEYS_PER_QUERY):
            self._query(
                "INSERT INTO memo_used SELECT unnest($1)", [keys[first : first + KEYS_PER_QUERY]]
            )

    def stances(self, claim_ids: Iterable[str], model: str) -> list[Stance]:
        """Stored stances toward the given claims judged by ``model`` (a model digest), ordered
        by claim and article."""
        wanted = sorted(set(claim_ids))
        if not wanted:
            return []
        rows = self._query(
            "SELECT data FROM stances WHERE model = $2 AND claim_id IN (SELECT unnest($1)) "
            "ORDER BY claim_id, article_id",
            [wanted, model],
        ).fetchall()
        return [loads(Stance, row[0]) for row in rows]

    def add_stances(self, stances: Sequence[Stance]) -> None:
        """Store stances; one already stored for its claim, article and model is kept."""
        with self.atomic():
            self._insert(
                "stances",
                ["claim_id", "article_id", "model", "claim", "stance", "score", "data"],
                [
                    [s.claim_id for s in stances],
                    [s.article_id for s in stances],
                    [s.model for s in stances],
                    [s.claim for s in stances],
                    [s.stance for s in stances],
                    [s.score for s in stances],
                    [dumps(s) for s in stances],
                ],
            )

    def count(self, table: str) -> int:
        """Number of rows in ``table``."""
        if table not in TABLES:
            raise StoreError(f"no table {table!r} in the store")
        row = self._query(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def problems(self) -> list[str]:
        """What is inconsistent in the store (empty when all is well): records that refer to a
        record that is not there, or per-document results stored without their siblings.
        Every write is one transaction, so even a killed run should leave this empty."""
        found = []
        for about, sql in _INTEGRITY_CHECKS:
            row = self._query(f"SELECT count(*) FROM ({sql})").fetchone()
            if row and row[0]:
                found.append(f"{row[0]} {about}")
        return found

    # --- cross-document results -----------------------------------------------------------------

    def replace_derived(
        self, derived: Derived, stored: Derived | None = None, basis: str | None = None
    ) -> None:
        """Replace the cross-document results with those of a completed run, atomically.

        ``stored``: the results this store holds now, as :meth:`derived` read them during the
        run. Given, only the rows that differ from them are deleted and written, so a run that
        adds a few articles to a large store rewrites little; without it every row is.
        ``basis``: what the results were computed from (:meth:`derived_basis` gives it back)."""
        with self.atomic():
            self._query("INSERT OR REPLACE INTO meta VALUES ('derived basis', ?)", [basis or ""])
            for change in changes(derived, stored):
                table = change.table
                if stored is None:
                    self._query(f"DELETE FROM {table.name}")
                else:
                    self._delete_keys(table.name, table.key_columns, change.gone)
                self._insert(
                    table.name,
                    list(table.columns),
                    [list(column) for column in zip(*change.rows, strict=True)],
                )

    def _delete_keys(self, table: str, columns: Sequence[str], keys: Sequence[Key]) -> None:
        for first in range(0, len(keys), KEYS_PER_QUERY):
            part = keys[first : first + KEYS_PER_QUERY]
            given = ", ".join(f"unnest(${n + 1}) AS {c}" for n, c in enumerate(columns))
            match = " AND ".join(f"{table}.{c} = gone.{c}" for c in columns)
            self._query(
                f"DELETE FROM {table} USING (SELECT {given}) gone WHERE {match}",
                [[key[n] for key in part] for n in range(len(columns))],
            )

    def derived_basis(self) -> str | None:
        """The ``basis`` given with the stored cross-document results, if any."""
        row = self._query("SELECT value FROM meta WHERE key = 'derived basis'").fetchone()
        return str(row[0]) if row and row[0] else None

    def articles_digest(self) -> str:
        """A hash of the ids of the stored articles: it changes when any article comes or goes."""
        row = self._query("SELECT md5(string_agg(id, ',' ORDER BY id)) FROM articles").fetchone()
        return str(row[0]) if row and row[0] else ""

    def derived(self) -> Derived:
        """The cross-document results of the last completed run; findings in the order of
        their stories' ids and, within a story, the order compare gave them."""
        labels = {
            row[0]: tuple(loads(tuple[Label, ...], row[1]))
            for row in self._query(
                "SELECT article_id, data FROM labels ORDER BY article_id"
            ).fetchall()
        }
        return Derived(
            relations=self._load_records(Relation, "relations", None, None, order="a, b, kind"),
            labels=labels,
            stories=self._load_records(Story, "stories", None, None),
            findings=self._load_records(
                Finding, "findings", None, None, order="story_id, position"
            ),
            briefs=self._load_records(Brief, "briefs", None, None, order="story_id"),
            topics=self._load_records(Topic, "topics", None, None),
            fingerprints=dict(
                self._query(
                    "SELECT story_id, fingerprint FROM story_state ORDER BY story_id"
                ).fetchall()
            ),
        )

    def record_run(self, inputs: Sequence[str], new_articles: int, errors: int) -> None:
        """Log a completed run."""
        with self.atomic():
            self._query(
                "INSERT INTO runs (finished, inputs, new_articles, errors) VALUES (?, ?, ?, ?)",
                [datetime.now(UTC), json.dumps(list(inputs)), new_articles, errors],
            )

    # --- export ---------------------------------------------------------------------------------

    def export(self, directory: str | Path, fmt: str = "csv") -> list[ExportedView]:
        """Write each flat view (``articles_v``, ``relations_v``, ...) to ``directory/VIEW.csv``
        or ``.parquet`` (``fmt``), creating ``directory``. Each file is written under a
        temporary name in ``directory`` and renamed, so no half-written file is left."""
        if fmt not in EXPORT_FORMATS:
            raise UsageError(f"unknown export format {fmt!r}: use one of {sorted(EXPORT_FORMATS)}")
        target = Path(directory)
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot write to {target}: {_reason(exc)}") from exc
        return [self._export_view(view, order, target, fmt) for view, order in VIEWS.items()]

    def _export_view(self, view: str, order: str, directory: Path, fmt: str) -> ExportedView:
        path = directory / f"{view}.{fmt}"
        partial = directory / f".{view}.{fmt}.partial"
        copy = (
            f"COPY (SELECT * FROM {view} ORDER BY {order}) "
            f"TO {sql_string(str(partial))} {EXPORT_FORMATS[fmt]}"
        )
        try:
            row = self._con.execute(copy).fetchone()
            partial.replace(path)
        except BaseException as exc:
            partial.unlink(missing_ok=True)
            if isinstance(exc, duckdb.Error | OSError):
                raise StoreError(f"cannot write {path}: {_reason(exc)}") from exc
            raise
        return ExportedView(view, path, int(row[0]) if row else 0)

    # --- internals ------------------------------------------------------------------------------

    def _migrate(self) -> None:
        try:
            self._con.execute(
                "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"
            )
            row = self._con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"{self.path} is not a storyweave store: {_first_line(exc)}") from exc
        version = int(row[0]) if row else 0
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path} was written by a newer storyweave (schema {version}); "
                "upgrade storyweave"
            )
        if version == len(MIGRATIONS):
            return
        # One transaction for all of them: a new store is made in one commit rather than one
        # per migration, and an upgrade that fails leaves the store as it was.
        with self.atomic():
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    self._query(statement)
            self._query(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(len(MIGRATIONS))]
            )

    def _query(self, sql: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyConnection:
        try:
            return self._con.execute(sql, params) if params is not None else self._con.execute(sql)
        except duckdb.Error as exc:
            raise StoreError(f"store {self.path}: {_first_line(exc)}") from exc

    def _insert(
        self,
        table: str,
        columns: Sequence[str],
        values: Sequence[Sequence[Any]],
        blobs: Sequence[str] = (),
    ) -> None:
        """Insert rows (``values`` holds one sequence per column; the columns named in ``blobs``
        are given as hex). A row equal to a stored one is left as it is; a different row under a
        stored key (``KEYS``) is an id collision: StoreError, and the transaction is undone. In
        ``CACHES`` the stored value is kept (the first computed of a key is as good as any).

        Rows under a key not stored yet go in by a plain INSERT: DuckDB's ON CONFLICT check
        costs more than the insert itself on long values (the pages' markup). The rows under
        stored keys are checked first, so a collision stores nothing of the call."""
        if not values or not values[0]:
            return
        keys = KEYS[table]
        rows = _distinct_rows(table, columns, keys, values)
        stored, fresh = self._by_stored_key(table, columns, keys, rows)
        params = ", ".join(
            f"from_hex(unnest(${i + 1}))" if c in blobs else f"unnest(${i + 1})"
            for i, c in enumerate(columns)
        )
        insert = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {params}"
        if stored:
            on_conflict = _on_conflict(table, columns, keys)
            self._query(f"{insert} {on_conflict}", _as_columns(stored))
        if fresh:
            self._query(insert, _as_columns(fresh))

    def _by_stored_key(
        self,
        table: str,
        columns: Sequence[str],
        keys: Sequence[str],
        rows: list[tuple[Any, ...]],
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """``rows`` split into those whose key is stored and the others, each in order. With a
        key of several columns, all rows count as stored (each goes through the conflict
        check)."""
        if len(keys) != 1:
            return rows, []
        at = columns.index(keys[0])
        found = {
            key for (key,) in self._rows_by_key(table, keys[0], keys[0], (r[at] for r in rows))
        }
        if not found:
            return [], rows
        return [r for r in rows if r[at] in found], [r for r in rows if r[at] not in found]

    def _values_by_key(self, table: str, column: str, keys: Iterable[str]) -> list[Any]:
        return self._rows_by_key(table, f"key, {column}", "key", keys)

    def _rows_by_key(
        self, table: str, selected: str, key: str, keys: Iterable[Any]
    ) -> list[tuple[Any, ...]]:
        """The ``selected`` columns of the rows of ``table`` whose ``key`` is one of ``keys``,
        looked up :data:`KEYS_PER_QUERY` keys at a time."""
        wanted = sorted(set(keys))
        found: list[tuple[Any, ...]] = []
        for first in range(0, len(wanted), KEYS_PER_QUERY):
            found += self._query(
                f"SELECT {selected} FROM {table} WHERE {key} IN (SELECT unnest($1))",
                [wanted[first : first + KEYS_PER_QUERY]],
            ).fetchall()
        return found

    def _insert_signatures(self, signatures: Sequence[Signature]) -> None:
        hexes = [np.asarray(s.minhash, dtype=np.uint64).tobytes().hex() for s in signatures]
        self._insert(
            "signatures",
            ["article_id", "minhash", "shingle_count"],
            [[s.article_id for s in signatures], hexes, [s.shingle_count for s in signatures]],
            blobs=("minhash",),
        )

    def _load_records(
        self,
        cls: type[T],
        table: str,
        key: str | None,
        ids: Iterable[str] | None,
        order: str = "id",
    ) -> list[T]:
        if ids is None or key is None:
            result = self._query(f"SELECT data FROM {table} ORDER BY {order}")
        else:
            wanted = sorted(set(ids))
            if not wanted:
                return []
            result = self._query(
                f"SELECT data FROM {table} WHERE {key} IN (SELECT unnest($1)) ORDER BY {order}",
                [wanted],
            )
        # A slice of rows at a time: the JSON of every stored article at once, beside the
        # records made of it, was a peak of its own (+750 MiB at Reuters-21578 twice over).
        records: list[T] = []
        while rows := result.fetchmany(LOAD_SLICE):
            records.extend(loads(cls, row[0]) for row in rows)
        return records


@contextmanager
def work_connection() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB connection for a run's work tables (the candidate pairs of
    relating), its memory bounded as a file store's is (``STORYWEAVE_STORE_MEMORY``, default
    ``DEFAULT_MEMORY``): larger joins and groupings spill to a temporary folder, removed with
    the connection. Unbounded, its work grew faster than the corpus (a passing 750 MiB at
    Reuters-21578 twice over)."""
    limit = os.environ.get(MEMORY_ENV, DEFAULT_MEMORY)
    spill = tempfile.mkdtemp(prefix="storyweave-work-")
    try:
        con = duckdb.connect()
        try:
            con.execute(f"SET temp_directory = {sql_string(spill)}")
            con.execute(f"SET memory_limit = {sql_string(limit)}")
        except duckdb.Error as exc:
            con.close()
            raise StoreError(f"{MEMORY_ENV}={limit!r}: {_first_line(exc)}") from exc
        try:
            yield con
        finally:
            con.close()
    finally:
        shutil.rmtree(spill, ignore_errors=True)


def open_store(path: str = ":memory:") -> Store:
    """Open (creating or migrating as needed) the store at ``path``."""
    _copy_of_empty_store(path)
    return Store(path)


EMPTY_STORE = "store1"  # the cache file kind of an empty store (see _copy_of_empty_store)


def _copy_of_empty_store(path: str) -> None:
    """Make the store at ``path``, when no file is there, a copy of an empty store kept in the
    cache folder (made once per schema and DuckDB, see ``storyweave.lexicon.cached_file``):
    creating a new store's tables and views takes longer than a small run's other store work.
    Does nothing when ``path`` is no file path, the file (or its write-ahead log) is there, or
    the copy cannot be made: the store is then made as before."""
    if not path or path.startswith(":") or "://" in path:
        return
    target = Path(path)
    if target.exists() or Path(f"{path}.wal").exists() or not target.parent.is_dir():
        return
    sources = (Path(__file__), Path(duckdb.__file__))
    schema = content_id("schema", repr(MIGRATIONS))
    try:
        template = cached_file(
            Path(migrations.__file__), EMPTY_STORE, _write_empty_store, sources, schema
        )
    except StoreError:  # DuckDB could not make one: nor will it here, and says why
        return
    if template is None:
        return
    partial = target.with_name(f".{target.name}.{os.getpid()}.new")
    try:
        shutil.copyfile(template, partial)
        os.link(partial, target)  # never over a store another process made meanwhile
    except OSError:
        pass
    finally:
        with suppress(OSError):
            partial.unlink()


def _write_empty_store(out: Any) -> None:
    """Write the bytes of a new, empty store (closed: nothing left in a write-ahead log)."""
    with tempfile.TemporaryDirectory() as folder:
        made = Path(folder) / "empty.duckdb"
        Store(str(made)).close()
        if Path(f"{made}.wal").exists():
            raise OSError("the empty store kept a write-ahead log")
        with made.open("rb") as source:
            shutil.copyfileobj(source, out)


# Each check: what a row of its query is, and the query of the inconsistent rows.
_INTEGRITY_CHECKS = (
    ("documents without an article", "SELECT id FROM documents EXCEPT SELECT id FROM articles"),
    ("articles without a document", "SELECT id FROM articles EXCEPT SELECT id FROM documents"),
    (
        "articles without a signature",
        "SELECT id FROM articles EXCEPT SELECT article_id FROM signatures",
    ),
    (
        "signatures of no article",
        "SELECT article_id FROM signatures EXCEPT SELECT id FROM articles",
    ),
    ("claims of no article", "SELECT article_id FROM claims EXCEPT SELECT id FROM articles"),
    (
        "relations to no article",
        "SELECT a FROM relations UNION SELECT b FROM relations EXCEPT SELECT id FROM articles",
    ),
    ("labels of no article", "SELECT article_id FROM labels EXCEPT SELECT id FROM articles"),
    (
        "story members that are no article",
        "SELECT unnest(json_extract_string(data, '$.article_ids[*]')) FROM stories "
        "EXCEPT SELECT id FROM articles",
    ),
    ("findings of no story", "SELECT story_id FROM findings EXCEPT SELECT id FROM stories"),
    ("briefs of no story", "SELECT story_id FROM briefs EXCEPT SELECT id FROM stories"),
    ("stories without a brief", "SELECT id FROM stories EXCEPT SELECT story_id FROM briefs"),
    (
        "stories without a fingerprint",
        "SELECT id FROM stories EXCEPT SELECT story_id FROM story_state",
    ),
)


def _distinct_rows(
    table: str, columns: Sequence[str], keys: Sequence[str], values: Sequence[Sequence[Any]]
) -> list[tuple[Any, ...]]:
    """The rows of ``values`` (one sequence per column), each once; StoreError when two
    different rows share a key."""
    at = [columns.index(k) for k in keys]
    seen: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in zip(*values, strict=True):
        key = tuple(row[i] for i in at)
        if seen.setdefault(key, row) != row:
            shown = " ".join(str(k) for k in key)
            raise StoreError(f"two different records of {table} share the id {shown}")
    return list(seen.values())


def _on_conflict(table: str, columns: Sequence[str], keys: Sequence[str]) -> str:
    """The ON CONFLICT clause of an insert into ``table``: a row equal to the stored one (or
    any row of a cache) changes nothing, a different one is an error naming its key."""
    if table in CACHES:
        return f"ON CONFLICT ({', '.join(keys)}) DO NOTHING"
    others = [c for c in columns if c not in keys]
    stored = ", ".join(others)
    given = ", ".join(f"excluded.{c}" for c in others)
    key_text = " || ' ' || ".join(f"CAST({k} AS VARCHAR)" for k in keys)
    message = sql_string(f"two different records of {table} share the id ")
    return (
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {others[0]} = CASE WHEN ({stored}) "
        f"IS NOT DISTINCT FROM ({given}) THEN {others[0]} ELSE error({message} || {key_text}) END"
    )


def _as_columns(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    """Rows as one list per column (the parameters of ``unnest``)."""
    return [list(column) for column in zip(*rows, strict=True)]


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _reason(exc: BaseException) -> str:
    """The one-line reason of a failed write: an OSError's own words, else the first line."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return _first_line(exc)
