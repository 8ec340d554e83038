"""The corpus `storyweave dups --keep` writes: one article of each group and every other
article, each input as it was read, as JSONL or Parquet, never left half-written."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError, UsageError


def reread(paths: Sequence[str], max_bytes: int, fields: Any) -> Iterator[Any]:
    from ..ingest import read_documents_with_rows

    # Skipped inputs were reported on the first pass; they are skipped the same way again.
    return read_documents_with_rows(paths, max_bytes=max_bytes, fields=fields)


def write_kept(
    target: str,
    documents: Iterable[tuple[Any, dict[str, Any] | None]],
    redundant: set[int],
    refs: Sequence[str] = (),
    *,
    parquet: bool = False,
) -> None:
    """Write the kept articles: a table's row with every original column as it was, another
    input as its id, ref, text and metadata; as JSONL, or Parquet (through DuckDB)."""
    from ..duplicates import dedup_text

    path = Path(os.path.realpath(target))  # through a link: its target is replaced
    special = path.exists() and not path.is_file() and not path.is_dir()
    # Parquet for a device or FIFO is made in the temporary folder, then copied into it.
    folder = Path(tempfile.gettempdir()) if special else path.parent
    hidden = f".{path.name}.{os.getpid()}" if special else f".{path.name}"
    partial = path if special and not parquet else folder / f"{hidden}.partial"
    staged = folder / f"{hidden}.jsonl.partial" if parquet else partial
    try:
        with open(staged, "w", encoding="utf-8") as out:
            for position, (doc, row) in enumerate(documents):
                if position < len(refs) and refs[position] != doc.ref:
                    raise UsageError(f"{doc.ref}: the inputs changed while they were read")
                if position in redundant:
                    continue
                record = (
                    row
                    if row is not None
                    else {"id": doc.id, "ref": doc.ref, "text": dedup_text(doc), **doc.meta}
                )
                out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        if parquet:
            _jsonl_to_parquet(str(staged), str(partial))
        if not special:  # a device or FIFO is written into, never replaced
            partial.replace(path)
        elif parquet:
            with open(partial, "rb") as source, open(path, "wb") as sink:
                shutil.copyfileobj(source, sink)
    except BaseException:
        if not special:
            partial.unlink(missing_ok=True)  # nothing half-written is left behind
        raise
    finally:
        if parquet:
            staged.unlink(missing_ok=True)
            partial.unlink(missing_ok=True)


def _jsonl_to_parquet(source: str, target: str) -> None:
    import duckdb

    connection = duckdb.connect()
    connection.execute("SET enable_progress_bar = false")  # DuckDB would draw on stdout
    try:
        connection.execute(
            "COPY (SELECT * FROM read_json($1, format = 'newline_delimited', sample_size = -1)) "
            "TO $2 (FORMAT parquet)",
            [source, target],
        )
    except duckdb.Error as exc:
        raise StoreError(f"{target}: could not be written ({str(exc).splitlines()[0]})") from exc
    finally:
        connection.close()
