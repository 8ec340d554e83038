"""The ingest stage: read files, folders, stdin or bytes into Documents, and bad input into
InputErrors, never raising for what a user feeds in.

Formats: plain text (:mod:`.plain`), HTML (:mod:`.html`), JSONL (:mod:`.jsonl`), WARC web
archives (:mod:`.warc`), each also gzip-compressed; encodings are detected in :mod:`.decode`,
formats sniffed in :mod:`.sniff`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyweave._lazy import lazy_exports
from storyweave.ingest.common import DEFAULT_MAX_BYTES, EMPTY, Body, path_ref, uri_scheme
from storyweave.ingest.fields import DEFAULT_FIELDS, Fields, current_fields, reading_fields
from storyweave.ingest.reader import (
    Item,
    count_inputs,
    has_input_suffix,
    is_input_name,
    list_input_files,
    no_input_files,
    read_bytes,
    read_file,
    read_inputs,
    read_named_bytes,
    read_stream,
)

if TYPE_CHECKING:
    from storyweave.ingest.batches import Batch, ReadItems, parse_batch, read_batches
    from storyweave.ingest.rows import read_documents_with_rows

# Imported on first use: the batch readers of ``dups`` and the rows of ``--keep`` are not needed
# to start the command line.
__getattr__ = lazy_exports(
    __name__,
    {
        "Batch": "batches",
        "ReadItems": "batches",
        "parse_batch": "batches",
        "read_batches": "batches",
        "read_documents_with_rows": "rows",
    },
)

__all__ = [
    "DEFAULT_FIELDS",
    "DEFAULT_MAX_BYTES",
    "EMPTY",
    "Batch",
    "Body",
    "Fields",
    "Item",
    "ReadItems",
    "count_inputs",
    "current_fields",
    "has_input_suffix",
    "is_input_name",
    "list_input_files",
    "no_input_files",
    "parse_batch",
    "path_ref",
    "read_batches",
    "read_bytes",
    "read_documents_with_rows",
    "read_file",
    "read_inputs",
    "read_named_bytes",
    "read_stream",
    "reading_fields",
    "uri_scheme",
]
