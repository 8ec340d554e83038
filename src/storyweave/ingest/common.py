"""What every reader shares: building a Document, and the wording of common input errors."""

from __future__ import annotations

import json
from typing import NamedTuple

from storyweave.errors import InputError
from storyweave.ids import content_id
from storyweave.ingest.decode import Decoded, Undecodable, decode
from storyweave.records import Document

DEFAULT_MAX_BYTES = 50 * 2**20

EMPTY = "empty file"
WHITESPACE_ONLY = "whitespace-only file"


class Body(NamedTuple):
    """The part of an input that jobs such as dedup read: its ref, format and text (as in
    :class:`~storyweave.records.Document`, without id, encoding or metadata)."""

    ref: str
    format: str
    text: str


_KB = 2**10
_MB = 2**20


def make_document(
    *,
    ref: str,
    source: str,
    fmt: str,
    text: str,
    encoding: str,
    meta: dict[str, str] | None = None,
) -> Document:
    """A Document whose id hashes its format, text and metadata (not where it was read from)."""
    meta = dict(meta or {})
    doc_id = content_id(fmt, text, json.dumps(meta, sort_keys=True))
    return Document(
        id=doc_id, ref=ref, source=source, format=fmt, text=text, encoding=encoding, meta=meta
    )


def document_from_bytes(
    data: bytes, ref: str, fmt: str, declared: str | None = None
) -> Document | InputError:
    """Decode one whole-file article (text or HTML) into a Document, or say why it cannot be."""
    if not data:
        return InputError(ref, EMPTY)
    decoded = decode(data, declared)
    if isinstance(decoded, Undecodable):
        return InputError(ref, decoded.reason)
    if not decoded.text.strip():
        return InputError(ref, WHITESPACE_ONLY)
    return _file_document(decoded, ref, fmt)


def too_large(what: str, size: int, limit: int, *, at_least: bool = False) -> str:
    """The reason for an input over the size limit, e.g. ``file is 52.3 MB, over the 50 MB …``."""
    size_text, limit_text = human_size(size), human_size(limit)
    if size_text == limit_text or limit < _KB:
        size_text, limit_text = f"{size:,} bytes", f"{limit:,}-byte"
    more = "more than " if at_least else ""
    return (
        f"{what} is {more}{size_text}, over the {limit_text} limit for one article "
        "(raise it with --max-bytes)"
    )


def human_size(size: int) -> str:
    """``size`` in bytes as a short figure: ``512 bytes``, ``12.5 KB``, ``52.3 MB``."""
    if size < _KB:
        return f"{size} bytes"
    unit, name = (_KB, "KB") if size < _MB else (_MB, "MB")
    figure = f"{size / unit:.1f}".removesuffix(".0")
    return f"{figure} {name}"


def _file_document(decoded: Decoded, ref: str, fmt: str) -> Document:
    return make_document(ref=ref, source=ref, fmt=fmt, text=decoded.text, encoding=decoded.encoding)
