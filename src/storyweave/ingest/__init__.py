"""The ingest stage: read files, folders, stdin or bytes into Documents, and bad input into
InputErrors, never raising for what a user feeds in.

Formats: plain text (:mod:`.plain`), HTML (:mod:`.html`), JSONL (:mod:`.jsonl`), WARC web
archives (:mod:`.warc`), each also gzip-compressed; encodings are detected in :mod:`.decode`,
formats sniffed in :mod:`.sniff`.
"""

from storyweave.ingest.common import DEFAULT_MAX_BYTES
from storyweave.ingest.reader import (
    count_inputs,
    list_input_files,
    read_bytes,
    read_file,
    read_inputs,
    read_stream,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "count_inputs",
    "list_input_files",
    "read_bytes",
    "read_file",
    "read_inputs",
    "read_stream",
]
