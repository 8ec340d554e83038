"""What every reader shares: building a Document, and the wording of common input errors."""

from __future__ import annotations

import json
import re
from typing import NamedTuple

from storyweave.errors import InputError
from storyweave.ids import content_id
from storyweave.ingest.decode import Decoded, Undecodable, decode
from storyweave.records import Document
from storyweave.text import LazyPattern

DEFAULT_MAX_BYTES = 50 * 2**20

EMPTY = "empty file"
WHITESPACE_ONLY = "whitespace-only file"


class Body(NamedTuple):
    """The part of an input that jobs such as dedup read: its ref, format and text (as in
    :class:`~storyweave.records.Document`, without id, encoding or metadata)."""

    ref: str
    format: str
    text: str


_URI_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
_KB = 2**10
_MB = 2**20

# What a ref may not hold as such: control characters (C0, DEL, C1), line and paragraph
# separators, bidirectional overrides and lone surrogates (the bytes of a file name that is not
# UTF-8, as Python keeps them).
_UNSAFE_IN_REF = LazyPattern(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_SURROGATE_ESCAPED = range(0xDC80, 0xDD00)  # a byte that os.fsdecode could not decode


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


def uri_scheme(path: str) -> str | None:
    """The scheme of a path given as a URI (``hdfs`` of ``hdfs://head/news``), else None."""
    found = _URI_SCHEME.match(path)
    return found[1] if found else None


def path_ref(name: str) -> str:
    """``name`` (a file path or record id) as a ref that can be stored and printed: control
    characters and lone surrogates escaped as Python writes them (``\\n``, ``\\x1b``, and
    ``\\xe9`` for a byte of a file name that is not UTF-8); anything else kept as it is."""
    if name.isprintable():
        return name
    return _UNSAFE_IN_REF.sub(_escaped, name)


def _escaped(match: re.Match[str]) -> str:
    char = match[0]
    code = ord(char)
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    if code in _SURROGATE_ESCAPED:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


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
