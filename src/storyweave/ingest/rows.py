"""Inputs read with the records they came from, for writing a corpus back out (``storyweave
dups --keep``) with every original column: a table row as DuckDB gives it, else None."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from storyweave.errors import InputError
from storyweave.ingest.common import DEFAULT_MAX_BYTES
from storyweave.ingest.fields import Fields, current_fields
from storyweave.ingest.reader import list_input_files, open_regular, read_file
from storyweave.ingest.tabular import read_table_rows, table_kind
from storyweave.records import Document


def read_documents_with_rows(
    paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fields: Fields | None = None
) -> Iterator[tuple[Document, dict[str, Any] | None]]:
    """The Documents :func:`~storyweave.ingest.read_inputs` reads from ``paths`` (not standard
    input), in the same order, each with its table row (None for other inputs); skipped inputs
    are left out."""
    fields = fields or current_fields()
    for path in list_input_files(paths):
        if table_kind(path) is None:
            for item in read_file(path, max_bytes=max_bytes, fields=fields):
                if not isinstance(item, InputError):
                    yield item, None
            continue
        handle = open_regular(path)  # a FIFO or device named .csv is skipped, not opened
        if isinstance(handle, str):
            continue
        handle.close()
        for found, row in read_table_rows(path, fields=fields, max_bytes=max_bytes):
            if not isinstance(found, InputError):
                yield found, row
