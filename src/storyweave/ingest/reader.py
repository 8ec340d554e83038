"""Reading inputs: paths, folders, stdin and bytes, into Documents and InputErrors.

Bad input never raises: each unreadable file, or JSONL line, becomes an InputError in the
output stream and reading goes on. Output order is deterministic: paths in the order given,
files of a folder in sorted path order, JSONL records in line order.
"""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from storyweave.errors import InputError, UsageError
from storyweave.ingest import jsonl
from storyweave.ingest.common import (
    DEFAULT_MAX_BYTES,
    EMPTY,
    WHITESPACE_ONLY,
    path_ref,
    too_large,
)
from storyweave.ingest.decode import bom_encoding
from storyweave.ingest.fields import DEFAULT_FIELDS, Fields, current_fields
from storyweave.ingest.html import parse_html
from storyweave.ingest.plain import parse_text
from storyweave.ingest.sniff import (
    FORMATS,
    GZIP_SUFFIX,
    HTML,
    JSONL,
    SUFFIX_FORMATS,
    TEXT,
    WARC,
    WARC_MAGIC,
    format_for_path,
    sniff_format,
)
from storyweave.ingest.streams import (
    GZIP_MAGIC,
    Guarded,
    as_utf8,
    drain,
    guarded,
    gunzip,
    os_reason,
    rejoin,
    stream_failure,
)
from storyweave.ingest.tabular import TABLE_SUFFIXES, read_table, table_kind
from storyweave.records import Document

STDIN = "-"
_GZIPPED = (*SUFFIX_FORMATS, *(suffix for suffix in TABLE_SUFFIXES if suffix != ".parquet"))
FOLDER_SUFFIXES = (
    tuple(SUFFIX_FORMATS) + tuple(TABLE_SUFFIXES) + tuple(f"{suffix}.gz" for suffix in _GZIPPED)
)

_SNIFF_BYTES = 1 << 16
_DRAIN_FACTOR = 8  # how far past the limit an oversized stream is read to tell its size

Item = Document | InputError


def list_input_files(paths: Sequence[str]) -> list[str]:
    """The input files named by ``paths``, with folders expanded recursively.

    A folder contributes its files with a known suffix (.txt .text .md .html .htm .xhtml .jsonl
    .ndjson .warc .csv .tsv .json, each also with .gz, and .parquet), hidden files and folders
    skipped, in sorted path order and joined under the folder as given. Any other path (a file
    of any suffix, ``-`` for stdin, a missing path) is kept as given; reading it reports what
    is wrong with it.
    """
    files: list[str] = []
    for path in paths:
        files.extend(_folder_files(path) if _is_folder(path) else [path])
    return files


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many items (Documents and InputErrors) :func:`read_inputs` yields for ``paths``,
    where that is known without parsing them: a JSONL file's non-blank lines, one for any other
    file. None when some input is standard input, a WARC archive, a table, gzip-compressed JSONL,
    or of a format that only its content tells."""
    count = 0
    for path in paths:
        if path == STDIN:
            return None
        if _is_folder(path):
            files, unreadable = _walk_folder(path)
            count += len(unreadable) + (0 if files or unreadable else 1)
        else:
            files = [path]
        for file in files:
            items = _count_file(file)
            if items is None:
                return None
            count += items
    return count


def _count_file(path: str) -> int | None:
    fmt = format_for_path(path)
    if fmt in (TEXT, HTML):
        return 1
    if fmt != JSONL or path.lower().endswith(GZIP_SUFFIX):
        return None
    handle = open_regular(path)
    if isinstance(handle, str):
        return 1  # reading it will report why, once
    try:
        with handle:
            records = sum(1 for line in handle if line.strip())
    except OSError:
        return 1
    return max(records, 1)  # a file of blank lines is one error


def read_inputs(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fields: Fields | None = None,
) -> Iterator[Item]:
    """Documents and InputErrors of all inputs named by ``paths``, in a deterministic order.

    ``-`` reads ``stdin`` (default: the process's standard input), sniffing its format.
    ``max_bytes`` limits one article: a text or HTML file, one JSONL record, table row or WARC
    page; a JSONL, table or WARC file itself may be any size. ``fields`` names the fields of
    JSONL records and the columns of tables (.parquet, .csv, .tsv, .json) read (None: those
    of :func:`~storyweave.ingest.fields.current_fields`).
    """
    fields = fields or current_fields()
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(stdin, max_bytes, fields)
        elif _is_folder(path):
            yield from _read_folder(path, max_bytes, fields)
        else:
            yield from read_file(path, max_bytes=max_bytes, fields=fields)


def read_file(
    path: str, *, max_bytes: int = DEFAULT_MAX_BYTES, fields: Fields | None = None
) -> Iterator[Item]:
    """Documents and InputErrors of one file; its format from its suffix, else its content.
    A table (.parquet, .csv, .tsv, .json) is read as records (:mod:`.tabular`), never as prose.

    The file's ref is its path with control characters and undecodable bytes escaped (see
    :func:`~storyweave.ingest.common.path_ref`).
    """
    fields = fields or current_fields()
    ref = path_ref(path)
    handle = open_regular(path)
    if isinstance(handle, str):
        yield InputError(ref, handle)
        return
    with handle:
        try:
            size = os.fstat(handle.fileno()).st_size
        except OSError as exc:
            yield InputError(ref, os_reason(exc))
            return
        if table_kind(path) is None:
            fmt = format_for_path(path)
            yield from read_stream(
                handle, ref, fmt=fmt, max_bytes=max_bytes, size=size, fields=fields
            )
            return
        if size == 0:
            yield InputError(ref, EMPTY)
            return
    yield from read_table(path, fields=fields, max_bytes=max_bytes)


def open_regular(path: str) -> BinaryIO | str:
    """``path`` opened for reading if it is a regular file (a link to one is followed), else why
    it cannot be read. A FIFO, device or socket is refused without being opened (opening a FIFO
    waits for a writer; a device such as /dev/zero never ends); the file is opened without
    blocking and checked again, in case it was replaced in between."""
    try:
        kind = _kind_reason(os.stat(path).st_mode)
        if kind is not None:
            return kind
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return os_reason(exc)
    try:
        kind = _kind_reason(os.fstat(fd).st_mode)
        if kind is None:
            os.set_blocking(fd, True)
            return os.fdopen(fd, "rb")
    except OSError as exc:
        kind = os_reason(exc)
    os.close(fd)
    return kind


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind_reason(mode: int) -> str | None:
    """Why a file of ``mode`` is not read, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    kind = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"is {kind}, not a regular file"


def read_bytes(
    data: bytes, ref: str, *, fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Item]:
    """Documents and InputErrors of one input held in memory, named ``ref`` (no file I/O).

    ``fmt`` is ``"text"``, ``"html"``, ``"jsonl"`` or ``"warc"``, or None to sniff it; gzip data is
    decompressed whatever ``fmt`` says.
    """
    yield from read_stream(io.BytesIO(data), ref, fmt=fmt, max_bytes=max_bytes, size=len(data))


def read_named_bytes(
    data: bytes,
    name: str,
    ref: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fields: Fields | None = None,
) -> Iterator[Item]:
    """What :func:`read_file` reads of a file named ``name`` (its suffix tells the format)
    whose bytes are ``data``, named ``ref`` (the Spark engine's reading of remote files). A
    table is read from a temporary copy, which no error names."""
    fields = fields or current_fields()
    if table_kind(name) is None:
        fmt = format_for_path(name)
        yield from read_stream(
            io.BytesIO(data), ref, fmt=fmt, max_bytes=max_bytes, size=len(data), fields=fields
        )
    elif not data:
        yield InputError(ref, EMPTY)
    else:
        yield from _read_table_copy(data, name, ref, max_bytes, fields)


def _read_table_copy(
    data: bytes, name: str, ref: str, max_bytes: int, fields: Fields
) -> Iterator[Item]:
    with tempfile.TemporaryDirectory(prefix="storyweave-table-") as folder:
        copy = os.path.join(folder, os.path.basename(name) or "table")
        with open(copy, "wb") as out:
            out.write(data)
        for item in read_table(copy, fields=fields, max_bytes=max_bytes, ref=ref):
            if isinstance(item, InputError):
                item = InputError(item.ref, item.reason.replace(copy, ref), item.line)
            yield item


def read_stream(
    stream: BinaryIO,
    ref: str,
    *,
    fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    size: int | None = None,
    fields: Fields = DEFAULT_FIELDS,
) -> Iterator[Item]:
    """Documents and InputErrors of one binary stream named ``ref`` (see :func:`read_bytes`).

    ``size`` is the stream's length in bytes where known, to refuse an oversized article
    without reading it.
    """
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if max_bytes < 1:
        raise UsageError(f"max_bytes must be positive, not {max_bytes}")
    try:
        yield from _read_stream(stream, ref, fmt, max_bytes, size, fields)
    except (EOFError, OSError, UnicodeDecodeError, zlib.error) as exc:
        yield InputError(ref, stream_failure(exc))


def _read_stream(
    stream: BinaryIO,
    ref: str,
    fmt: str | None,
    max_bytes: int,
    size: int | None,
    fields: Fields,
) -> Iterator[Item]:
    """What :func:`read_stream` reads."""
    head = stream.read(_SNIFF_BYTES)
    guard: Guarded | None = None
    if head.startswith(GZIP_MAGIC):
        stream, guard = guarded(gunzip(rejoin(head, stream)))
        head, size = stream.read(_SNIFF_BYTES), None
    if not head:
        yield InputError(ref, (guard and guard.failure) or EMPTY)
        return
    fmt = fmt or sniff_format(head, complete=len(head) < _SNIFF_BYTES)
    if fmt == WARC:
        if not head.lstrip(b"\r\n").startswith(WARC_MAGIC):
            # warcio reads a first "line" whole, however long, and slowly: refuse it here.
            yield InputError(ref, "not a WARC file: it does not open with a WARC/ version line")
            return
        from storyweave.ingest.warc import iter_warc  # warcio imports fsspec: 0.1 s, rarely needed

        yield from iter_warc(rejoin(head, stream), ref, max_bytes)
        if guard and guard.failure:
            yield InputError(ref, guard.failure)
        return
    if fmt == JSONL:
        yield from _read_jsonl(head, stream, ref, max_bytes, fields)
        if guard and guard.failure:
            yield InputError(ref, guard.failure)
        return
    article = _read_article(head, stream, ref, fmt, max_bytes, size)
    yield InputError(ref, guard.failure) if guard and guard.failure else article


def _read_article(
    head: bytes, stream: BinaryIO, ref: str, fmt: str, max_bytes: int, size: int | None
) -> Item:
    if size is not None and size > max_bytes:
        return InputError(ref, too_large("file", size, max_bytes))
    data = head
    if len(data) <= max_bytes:
        data += stream.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        rest, capped = drain(stream, max_bytes * _DRAIN_FACTOR)
        return InputError(ref, too_large("file", len(data) + rest, max_bytes, at_least=capped))
    return parse_html(data, ref) if fmt == HTML else parse_text(data, ref)


def _read_jsonl(
    head: bytes, stream: BinaryIO, ref: str, max_bytes: int, fields: Fields
) -> Iterator[Item]:
    lines = rejoin(head, stream)
    encoding = "utf-8"
    bom = bom_encoding(head)
    if bom is not None and bom[1] != "utf-8-sig":
        codec, encoding = bom
        lines = as_utf8(lines, codec)
    count = 0
    for item in jsonl.iter_records(lines, ref, max_bytes, encoding, fields):
        count += 1
        yield item
    if count == 0:
        yield InputError(ref, WHITESPACE_ONLY)


def _read_stdin(stdin: BinaryIO | None, max_bytes: int, fields: Fields) -> Iterator[Item]:
    if stdin is None and sys.stdin is None:  # the process was started with stdin closed
        yield InputError(STDIN, "standard input is closed")
        return
    source = stdin if stdin is not None else sys.stdin.buffer
    yield from read_stream(source, STDIN, max_bytes=max_bytes, fields=fields)


def _read_folder(folder: str, max_bytes: int, fields: Fields) -> Iterator[Item]:
    files, unreadable = _walk_folder(folder)
    yield from unreadable
    if not files and not unreadable:
        yield no_input_files(path_ref(folder))
    for path in files:
        yield from read_file(path, max_bytes=max_bytes, fields=fields)


def no_input_files(folder_ref: str) -> InputError:
    """The error for a folder without a file of a known suffix."""
    known = " ".join((*SUFFIX_FORMATS, *TABLE_SUFFIXES))
    return InputError(folder_ref, f"folder has no readable input files ({known}, or .gz of them)")


def is_input_name(name: str) -> bool:
    """Whether a folder's file or subfolder named ``name`` is read: not hidden (a file must
    also have a known suffix, :func:`has_input_suffix`)."""
    return not name.startswith(".")


def has_input_suffix(name: str) -> bool:
    return name.lower().endswith(FOLDER_SUFFIXES)


def _folder_files(folder: str) -> list[str]:
    return _walk_folder(folder)[0]


def _walk_folder(folder: str) -> tuple[list[str], list[InputError]]:
    """The input files under ``folder`` in sorted order, and the folders that could not be read."""
    found: list[str] = []
    unreadable: list[InputError] = []

    def note(exc: OSError) -> None:
        unreadable.append(InputError(path_ref(exc.filename or folder), os_reason(exc)))

    for root, dirs, files in os.walk(folder, onerror=note):
        dirs[:] = sorted(name for name in dirs if is_input_name(name))
        found.extend(
            os.path.join(root, name)
            for name in files
            if is_input_name(name) and has_input_suffix(name)
        )
    unreadable.sort(key=lambda error: error.ref.split(os.sep))
    return sorted(found, key=lambda path: path.split(os.sep)), unreadable


def _is_folder(path: str) -> bool:
    return path != STDIN and os.path.isdir(path)
