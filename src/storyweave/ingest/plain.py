"""Plain-text articles (.txt, .text, .md): one file, one article."""

from __future__ import annotations

from storyweave.errors import InputError
from storyweave.ingest.common import document_from_bytes
from storyweave.ingest.sniff import TEXT
from storyweave.records import Document


def parse_text(data: bytes, ref: str) -> Document | InputError:
    """The article in the bytes of a plain-text file, or why it cannot be read."""
    return document_from_bytes(data, ref, TEXT)
