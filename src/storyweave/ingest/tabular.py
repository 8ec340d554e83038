"""Tables of records: Parquet (.parquet, as in a Hugging Face dataset's ``data/`` folder), CSV
(.csv), TSV (.tsv) and JSON (.json: an array of objects, or JSON Lines), each row one article.

Read with DuckDB (``read_parquet``, ``read_csv``, ``read_json``) in batches of rows, so a file
of any size streams through without being held whole. A row becomes a Document exactly as a
JSONL record does (:func:`row_document`, a pure function of one row, also what other engines
map over a table's rows): its text from the ``text`` column, its ref ``PATH#ID`` from the ``id``
column (else ``PATH#ROW``, the 1-based row number), its metadata from the title, url, date,
outlet and byline columns, each name changed by :class:`~storyweave.ingest.fields.Fields`.

A file without the text column, or that DuckDB cannot read, is one error naming the file and
why (its columns, for a missing text column); a row with an empty text is an error for that row.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from storyweave.errors import InputError
from storyweave.ingest.common import DEFAULT_MAX_BYTES, Body, path_ref, too_large
from storyweave.ingest.fields import DEFAULT_FIELDS, Fields
from storyweave.ingest.jsonl import record_body, record_document
from storyweave.records import Document

PARQUET = "parquet"
CSV = "csv"
TSV = "tsv"
JSON = "json"
# Suffix -> table kind; CSV, TSV and JSON may also be gzip-compressed (.csv.gz …).
TABLE_SUFFIXES = {".parquet": PARQUET, ".csv": CSV, ".tsv": TSV, ".json": JSON}
BATCH_ROWS = 2000  # rows fetched from DuckDB at a time
_LISTED_COLUMNS = 20  # columns named in the error for a missing text column
_REASON_CHARS = 160  # characters of DuckDB's message kept in an error

Row = dict[str, Any]


def table_kind(path: str) -> str | None:
    """The kind of table a file name announces (``.gz`` looked through, except for Parquet,
    which compresses inside), or None when it names none."""
    name = os.path.basename(path).lower()
    gz = name.endswith(".gz")
    name = name.removesuffix(".gz")
    dot = name.rfind(".")
    kind = TABLE_SUFFIXES.get(name[dot:]) if dot >= 0 else None
    return None if kind == PARQUET and gz else kind


def read_table(
    path: str,
    *,
    fields: Fields = DEFAULT_FIELDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_rows: int = BATCH_ROWS,
    ref: str | None = None,
) -> Iterator[Document | InputError]:
    """Documents and InputErrors of the table file ``path``, in row order; ``ref`` names the
    file in them (default: its path), as for a copy of a remote file."""
    rows = read_table_rows(path, fields=fields, max_bytes=max_bytes, batch_rows=batch_rows, ref=ref)
    for item, _row in rows:
        yield item


def read_table_rows(
    path: str,
    *,
    fields: Fields = DEFAULT_FIELDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_rows: int = BATCH_ROWS,
    ref: str | None = None,
) -> Iterator[tuple[Document | InputError, Row | None]]:
    """What :func:`read_table` reads, each Document (or row error) with the row it was read
    from, every column as DuckDB gives it (None beside an error for the whole file); ``ref``
    as in :func:`read_table`."""
    ref = ref or path_ref(path)
    kind = table_kind(path)
    if kind is None:
        yield InputError(ref, "not a table file (.parquet, .csv, .tsv, .json)"), None
        return
    any_row = False
    for batch in _row_batches(path, kind, fields, batch_rows, ref=ref):
        if isinstance(batch, InputError):
            yield batch, None
            return
        start, rows = batch
        for offset, row in enumerate(rows):
            any_row = True
            yield row_document(row, ref, start + offset, fields, max_bytes), row
    if not any_row:
        yield InputError(ref, "table has no rows"), None


def row_document(
    row: Mapping[str, Any],
    ref: str,
    rowno: int,
    fields: Fields = DEFAULT_FIELDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document | InputError:
    """The Document of one row (column name -> value) of the table ``ref`` at 1-based row
    ``rowno``, as :func:`storyweave.ingest.jsonl.record_document` makes it of a JSONL record:
    dates and times become ISO 8601 text, other values as JSON would hold them (pure)."""
    if not isinstance(row, Mapping):
        return InputError(ref, f"row is {_kind(row)}, not a JSON object", rowno)
    record = {name: _plain(value) for name, value in row.items()}
    problem = _text_problem(record, ref, rowno, fields, max_bytes)
    return problem or record_document(record, ref, rowno, "utf-8", fields)


def row_body(
    row: Mapping[str, Any],
    ref: str,
    rowno: int,
    fields: Fields = DEFAULT_FIELDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Body | InputError:
    """What :func:`row_document` reads of a row but only its ref, format and text (pure)."""
    if not isinstance(row, Mapping):
        return InputError(ref, f"row is {_kind(row)}, not a JSON object", rowno)
    record = {name: _plain(value) for name, value in row.items()}
    problem = _text_problem(record, ref, rowno, fields, max_bytes)
    return problem or record_body(record, ref, rowno, fields)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    return "a number" if isinstance(value, int | float) else "null"


def _text_problem(
    record: Mapping[str, Any], ref: str, rowno: int, fields: Fields, max_bytes: int
) -> InputError | None:
    text = record.get(fields.text)
    if text is None and fields.text in record:
        return InputError(ref, f'empty "{fields.text}" field', rowno)  # CSV reads "" as NULL
    if isinstance(text, str) and len(text) * 4 > max_bytes:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            return InputError(ref, too_large("record", size, max_bytes), rowno)
    return None


def text_batches(
    path: str, *, fields: Fields = DEFAULT_FIELDS, batch_rows: int = BATCH_ROWS
) -> Iterator[tuple[int, list[Row]] | InputError]:
    """(first row number, rows) of the table ``path`` with only its text and id columns, for
    :func:`row_body` (an InputError, as :func:`read_table` gives it, for a file that cannot
    be read, or that has no rows)."""
    any_row = False
    for batch in _row_batches(path, table_kind(path) or "", fields, batch_rows, narrow=True):
        if isinstance(batch, InputError):
            yield batch
            return
        any_row = True
        yield batch
    if not any_row:
        yield InputError(path_ref(path), "table has no rows")


def _plain(value: Any) -> Any:
    """A column value as a JSON reader would give it: dates and times as ISO 8601 text."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _row_batches(
    path: str,
    kind: str,
    fields: Fields,
    batch_rows: int,
    *,
    narrow: bool = False,
    ref: str | None = None,
) -> Iterator[tuple[int, list[Row]] | InputError]:
    """(first row number, rows) of the table, ``batch_rows`` at a time; an InputError where
    the file cannot be read (then nothing more), or has no ``fields.text`` column. ``narrow``:
    only the text and id columns; ``ref`` names the file in the errors (default: its path)."""
    import duckdb

    ref = ref or path_ref(path)
    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")  # DuckDB would draw on stdout
    try:
        if kind == JSON:
            yield from _json_batches(connection, path, fields, batch_rows, ref)
            return
        result = connection.execute(f"SELECT * FROM {_scan(kind)}", [path])
        columns = [column[0] for column in result.description or ()]
        if fields.text not in columns:
            yield InputError(ref, missing_column(fields.text, columns))
            return
        if narrow:
            columns = [name for name in (fields.text, fields.id) if name in columns]
            chosen = ", ".join('"' + name.replace('"', '""') + '"' for name in columns)
            result = connection.execute(f"SELECT {chosen} FROM {_scan(kind)}", [path])
        start = 1
        while True:
            rows = result.fetchmany(batch_rows)
            if not rows:
                return
            yield start, [dict(zip(columns, row, strict=True)) for row in rows]
            start += len(rows)
    except duckdb.Error as exc:
        yield InputError(ref, table_failure(kind, exc))
    finally:
        connection.close()


def _json_batches(
    connection: Any, path: str, fields: Fields, batch_rows: int, ref: str
) -> Iterator[tuple[int, list[Any]] | InputError]:
    """The values of a JSON array or JSON Lines file, decoded as the JSONL reader decodes a
    line (strings stay strings: DuckDB's typed reader would turn a date-time with an offset
    into UTC); an error naming the keys when the first object has no ``fields.text``."""
    result = connection.execute("SELECT json FROM read_json_objects($1, format = 'auto')", [path])
    start = 1
    while True:
        texts = result.fetchmany(batch_rows)
        if not texts:
            return
        rows = [_json_value(text) for (text,) in texts]
        first = rows[0]
        if start == 1 and isinstance(first, dict) and fields.text not in first:
            yield InputError(ref, missing_column(fields.text, list(first)))
            return
        yield start, rows
        start += len(rows)


def _json_value(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None  # DuckDB read it as JSON; a value Python's reader refuses counts as null


def missing_column(name: str, columns: Sequence[str]) -> str:
    """The reason for a table without the text column ``name``, naming the columns it has."""
    if not columns:
        return f'no "{name}" column: the table has no columns'
    shown = ", ".join(path_ref(column) for column in columns[:_LISTED_COLUMNS])
    more = f" and {len(columns) - _LISTED_COLUMNS} more" if len(columns) > _LISTED_COLUMNS else ""
    return f'no "{name}" column (give its name with --text-field); its columns: {shown}{more}'


def table_failure(kind: str, exc: Exception) -> str:
    """A one-line reason for a table DuckDB could not read."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = lines[0] if lines else type(exc).__name__
    for prefix in ("Invalid Input Error: ", "IO Error: ", "Conversion Error: "):
        detail = detail.removeprefix(prefix)
    if len(detail) > _REASON_CHARS:
        detail = detail[: _REASON_CHARS - 1] + "…"
    return f"not a readable {kind.upper()} table: {path_ref(detail)}"


def _scan(kind: str) -> str:
    """The DuckDB table function reading a file of ``kind`` named by the first parameter."""
    if kind == PARQUET:
        return "read_parquet($1)"
    if kind in (CSV, TSV):
        # Every column as text: ids such as 007 stay as written, no type guessed from a sample.
        delimiter = ", delim = '\\t'" if kind == TSV else ""
        return f"read_csv($1, header = true, all_varchar = true{delimiter})"
    raise ValueError(f"no table function for {kind!r}")
