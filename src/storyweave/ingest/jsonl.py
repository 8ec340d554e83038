"""JSONL (.jsonl, .ndjson): one article per line, read as a stream so files may be any size.

Each line is a JSON object with a ``text`` field and optionally ``id``, ``title``, ``url``,
``published`` (or ``date``), ``outlet`` (or ``source``), ``byline`` (or ``author``); other
names are given by :class:`~storyweave.ingest.fields.Fields`. A bad line is an error for that
line only; the lines around it still come through. :func:`record_document` turns one record
(a dict, from any reader of records) into a Document.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import BinaryIO

from storyweave.errors import InputError
from storyweave.ingest.common import Body, make_document, path_ref, too_large
from storyweave.ingest.decode import Decoded, Undecodable, decode, normalise_text
from storyweave.ingest.fields import DEFAULT_FIELDS, Fields
from storyweave.ingest.sniff import HTML, TEXT, looks_like_markup
from storyweave.records import Document

# Document.meta key -> the record fields it is read from, first present wins.
META_FIELDS: dict[str, tuple[str, ...]] = DEFAULT_FIELDS.meta_fields()

_DRAIN_CHUNK = 1 << 20
_ERROR_DETAIL = 60  # characters of a decoder's message kept in a line error
# Lines in a row that cannot open a JSON object (nor are blank) after which a file is taken for
# something else than JSONL (a binary file, a log) and the rest of it is not read.
MAX_BAD_RUN = 100
_UTF8_BOM = b"\xef\xbb\xbf"

Line = tuple[int, bytes | int]


def iter_records(
    stream: BinaryIO,
    ref: str,
    max_bytes: int,
    encoding: str = "utf-8",
    fields: Fields = DEFAULT_FIELDS,
) -> Iterator[Document | InputError]:
    """Documents and line errors of the JSONL ``stream`` named ``ref``, in line order.

    ``stream`` yields UTF-8 bytes (``encoding`` is what the file was in, recorded on each
    Document). A record longer than ``max_bytes`` is an error for its line and is skipped
    without being held in memory. Errors of the stream itself (e.g. a truncated gzip) propagate.
    """
    for numbered in capped_lines(iter_lines(stream, max_bytes), ref):
        if isinstance(numbered, InputError):
            yield numbered
            return
        lineno, line = numbered
        if isinstance(line, int):
            yield InputError(ref, too_large("record", line, max_bytes), lineno)
            continue
        result = parse_line(line, ref, lineno, encoding, fields)
        if result is not None:
            yield result


def capped_lines(lines: Iterable[Line], ref: str) -> Iterator[Line | InputError]:
    """``lines`` as they come, but where :data:`MAX_BAD_RUN` lines in a row cannot be JSON
    objects (they do not open with ``{``, or are over the size limit), one InputError for the
    run instead of its lines, and nothing after it. A shorter run is passed on as it is."""
    held: list[Line] = []
    bad = 0
    for numbered in lines:
        line = numbered[1]
        if isinstance(line, bytes) and _opens_object(line):
            yield from held
            held, bad = [], 0
            yield numbered
            continue
        held.append(numbered)
        if isinstance(line, int) or line.strip():
            bad += 1
            if bad >= MAX_BAD_RUN:
                first, last = held[0][0], held[-1][0]
                yield InputError(
                    ref,
                    f"lines {first} to {last} are all unreadable: {bad} bad lines in a row, "
                    "the rest of the file is not read",
                )
                return
    yield from held


def _opens_object(line: bytes) -> bool:
    return line.lstrip().removeprefix(_UTF8_BOM).lstrip().startswith(b"{")


def parse_line(
    line: bytes, ref: str, lineno: int, encoding: str = "utf-8", fields: Fields = DEFAULT_FIELDS
) -> Document | InputError | None:
    """The Document of one JSONL line, an error for that line, or None for a blank line."""
    parsed = _parse_object(line, ref, lineno, encoding)
    if parsed is None or isinstance(parsed, InputError):
        return parsed
    record, used = parsed
    return record_document(record, ref, lineno, used, fields)


def parse_body(
    line: bytes, ref: str, lineno: int, encoding: str = "utf-8", fields: Fields = DEFAULT_FIELDS
) -> Body | InputError | None:
    """What :func:`parse_line` reads of a line but only its ref, format and text (no id, no
    metadata): the same errors, for jobs such as dedup that need nothing else."""
    parsed = _parse_object(line, ref, lineno, encoding)
    if parsed is None or isinstance(parsed, InputError):
        return parsed
    return record_body(parsed[0], ref, lineno, fields)


def record_body(
    record: Mapping[str, object], ref: str, lineno: int, fields: Fields = DEFAULT_FIELDS
) -> Body | InputError:
    """What :func:`record_document` reads of a record but only its ref, format and text."""
    text = _checked_text(record, ref, lineno, fields.text)
    if isinstance(text, InputError):
        return text
    record_ref = _record_ref(record, ref, lineno, fields.id)
    return Body(record_ref, HTML if looks_like_markup(text) else TEXT, text)


def is_blank(line: bytes, encoding: str = "utf-8") -> bool:
    """True for a line :func:`parse_line` skips as blank."""
    decoded = _decode_line(line, encoding)
    if isinstance(decoded, Undecodable):
        return False
    return not decoded.text.lstrip("\ufeff").rstrip("\r\n").strip()


def _parse_object(
    line: bytes, ref: str, lineno: int, encoding: str
) -> tuple[dict[str, object], str] | InputError | None:
    """The JSON object of one line with the encoding it was in, an error, or None if blank."""
    decoded = _decode_line(line, encoding)
    if isinstance(decoded, Undecodable):
        return InputError(ref, decoded.reason, lineno)
    text = decoded.text.lstrip("\ufeff").rstrip("\r\n")
    if not text.strip():
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        at = "" if exc.msg.endswith(" at") else " at"  # some messages already end in "at"
        return InputError(ref, f"malformed JSON: {exc.msg}{at} column {exc.colno}", lineno)
    except RecursionError:
        return InputError(ref, "malformed JSON: nested too deeply", lineno)
    except ValueError as exc:  # e.g. an integer literal beyond Python's digit limit
        return InputError(ref, f"malformed JSON: {str(exc)[:_ERROR_DETAIL]}", lineno)
    if not isinstance(value, dict):
        return InputError(ref, f"line is {_json_kind(value)}, not a JSON object", lineno)
    return value, decoded.encoding


def record_document(
    record: Mapping[str, object],
    ref: str,
    lineno: int,
    encoding: str = "utf-8",
    fields: Fields = DEFAULT_FIELDS,
) -> Document | InputError:
    """The Document of one record of the file ``ref`` at line (or row) ``lineno``: a parsed
    JSONL line, or a row of a table read by :mod:`storyweave.ingest.tabular` (pure)."""
    text = _checked_text(record, ref, lineno, fields.text)
    if isinstance(text, InputError):
        return text
    meta = record_meta(record, fields)
    record_ref = _record_ref(record, ref, lineno, fields.id)
    return make_document(
        ref=record_ref,
        source=meta.get("url", record_ref),
        fmt=HTML if looks_like_markup(text) else TEXT,
        text=text,
        encoding=encoding,
        meta=meta,
    )


def record_meta(record: Mapping[str, object], fields: Fields = DEFAULT_FIELDS) -> dict[str, str]:
    """The metadata a record carries, as Document.meta (non-string values coerced or dropped)."""
    meta: dict[str, str] = {}
    for key, names in fields.meta_fields().items():
        for name in names:
            value = _meta_value(record.get(name))
            if value:
                meta[key] = value
                break
    return meta


def _checked_text(
    record: Mapping[str, object], ref: str, lineno: int, name: str
) -> str | InputError:
    text = _record_text(record, name)
    if isinstance(text, _Problem):
        return InputError(ref, text.reason, lineno)
    if not text.strip():
        return InputError(ref, f'empty "{name}" field', lineno)
    return text


def _record_ref(record: Mapping[str, object], ref: str, lineno: int, name: str) -> str:
    record_id = path_ref(_scalar(record.get(name)))
    return f"{ref}#{record_id if record_id else lineno}"


@dataclass(frozen=True)
class _Problem:
    reason: str


def _record_text(record: Mapping[str, object], name: str) -> str | _Problem:
    if name not in record:
        return _Problem(f'no "{name}" field')
    value = record[name]
    if value is None:
        return _Problem(f'"{name}" is null')
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return _Problem(f'"{name}" is {_json_kind(value)}, not a string')
    return normalise_text(value if isinstance(value, str) else str(value))


def _meta_value(value: object) -> str:
    """A metadata field as text: strings and numbers as such, lists of them joined by commas."""
    if isinstance(value, list):
        return ", ".join(part for part in map(_scalar, value) if part)
    return _scalar(value)


def _scalar(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return " ".join(normalise_text(str(value)).split())


def _json_kind(value: object) -> str:
    kinds: tuple[tuple[type, str], ...] = (
        (bool, "a boolean"),
        (list, "a list"),
        (dict, "an object"),
        (str, "a string"),
        (int, "a number"),
        (float, "a number"),
    )
    for kind, name in kinds:
        if isinstance(value, kind):
            return name
    return "null" if value is None else f"a {type(value).__name__} value"


def _decode_line(line: bytes, encoding: str) -> Decoded | Undecodable:
    try:
        return Decoded(line.decode("utf-8"), encoding)
    except UnicodeDecodeError:
        pass
    # Not UTF-8 as JSON should be: a line in a legacy encoding, detected like a whole file.
    decoded = decode(line)
    if isinstance(decoded, Undecodable):
        return Undecodable("line is not UTF-8 and no other text encoding fits")
    return decoded


def iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, line) pairs; an over-long line comes as its size in bytes instead."""
    lineno = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        lineno += 1
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield lineno, line
        else:
            yield lineno, len(line) + _skip_rest_of_line(stream)


def _skip_rest_of_line(stream: BinaryIO) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_DRAIN_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped - (1 if chunk.endswith(b"\n") else 0)
