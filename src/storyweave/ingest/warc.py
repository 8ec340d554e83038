"""WARC web archives (.warc, .warc.gz): every archived HTML or text page is one article.

Read with ``warcio``. A ``response`` record counts when its HTTP status is 2xx and its content
type is HTML or plain text; a ``resource`` record when its own content type is. Requests,
metadata, revisits, redirects, error pages and other media are not articles and are passed over
without a message. The page's URL (``WARC-Target-URI``) becomes the Document's source and its
``url`` metadata; its ref is the file's ref and the record's position in the file
(``crawl.warc.gz#12``, counting every record from 1), so that it is stable across runs.

A record that cannot be read (too large, undecodable, empty, cut off by the end of the file, no
record type) is an error for that record only. A file that stops being WARC cannot be read past
that point: that is one error, after the articles read before it. Every header line warcio reads
(WARC and HTTP headers, the blank lines between records, chunk sizes) is read through a bounded
reader: a "line" longer than :data:`MAX_LINE` bytes, such as garbage without newlines between two
records, ends the file's reading there, without reading the rest of that line. In a record's HTTP
headers, such a line is an error for that record only: its length says where the next one starts.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecord, ArcWarcRecordLoader
from warcio.statusandheaders import StatusAndHeaders

from storyweave.errors import InputError
from storyweave.ingest.common import document_from_bytes, make_document, too_large
from storyweave.ingest.html import declared_charset
from storyweave.ingest.sniff import HTML, TEXT
from storyweave.records import Document

PAGE_TYPES = {
    "text/html": HTML,
    "application/xhtml+xml": HTML,
    "text/plain": TEXT,
}
NO_PAGES = "WARC file holds no HTML or text page"
EMPTY_PAGE = "empty page"
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)
_DRAIN_CHUNK = 1 << 20
_DETAIL = 80  # characters of warcio's message kept in an error
# What warcio raises on some malformed headers instead of its own errors (found by fuzzing: a
# response record without a WARC-Target-URI header raises AttributeError).
_WARCIO_FAILURES = (AttributeError, TypeError, IndexError, KeyError)
# The longest header line read: far above any real WARC or HTTP header line (servers refuse HTTP
# header lines over 8 to 16 KiB), far below the megabytes warcio would otherwise gather, in a
# loop that copies the line so far once per 16 KiB block it reads.
MAX_LINE = 1 << 16


class LineTooLong(Exception):
    """A header line of a WARC record is longer than :data:`MAX_LINE` bytes; ``read`` bytes of it
    were read."""

    def __init__(self, read: int) -> None:
        super().__init__(f"a header line over {MAX_LINE:,} bytes")
        self.read = read


def iter_warc(stream: BinaryIO, ref: str, max_bytes: int) -> Iterator[Document | InputError]:
    """Documents of the pages archived in the WARC ``stream`` named ``ref``, in record order,
    and an InputError for each page that cannot be read (see the module doc)."""
    pages = 0
    position = 0
    records = iter(_QuietArchiveIterator(stream, arc2warc=True))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except (ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
            detail = " ".join(str(exc).split())[:_DETAIL]  # warcio may quote a whole line
            yield InputError(ref, f"record {position + 1}: not a readable WARC record ({detail})")
            return
        except _WARCIO_FAILURES:
            reason = "not a readable WARC record (malformed headers)"
            yield InputError(ref, f"record {position + 1}: {reason}")
            return
        except LineTooLong:
            reason = f"not a readable WARC record (a header line over {MAX_LINE:,} bytes)"
            yield InputError(ref, f"record {position + 1}: {reason}")
            return
        position += 1
        if not record.rec_type:
            yield InputError(ref, f"record {position}: no WARC-Type header")
            continue
        if record.http_headers is _LONG_HTTP_HEADERS:
            yield InputError(ref, f"record {position}: an HTTP header line over {MAX_LINE:,} bytes")
            continue
        page = _page_format(record)
        if page is None:
            continue
        pages += 1
        yield _read_page(record, page, f"{ref}#{position}", max_bytes)
    if pages == 0:
        yield InputError(ref, NO_PAGES)


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio's iterator without the warning it writes straight to stderr, several lines with
    the archive's own bytes, when a record's Content-Length is off: output is ours to make."""

    INC_RECORD = ""

    def __init__(self, stream: BinaryIO, *, arc2warc: bool) -> None:
        super().__init__(stream, arc2warc=arc2warc)
        self.reader = _BoundedLineReader(self.fh)  # nothing has been read through warcio's yet
        self.loader = _Loader(arc2warc=arc2warc)


# The HTTP headers of a record whose HTTP header block has a line over MAX_LINE bytes: the record
# itself has a length, so reading goes on after it.
_LONG_HTTP_HEADERS = StatusAndHeaders("", [])


class _Loader(ArcWarcRecordLoader):  # type: ignore[misc]
    def __init__(self, *, arc2warc: bool) -> None:
        super().__init__(verify_http=False, arc2warc=arc2warc)

    def load_http_headers(
        self, rec_type: str, uri: str, stream: BinaryIO, length: int | None
    ) -> StatusAndHeaders | None:
        try:
            return super().load_http_headers(rec_type, uri, stream, length)
        except LineTooLong as exc:
            if not isinstance(stream, LimitReader):
                raise  # no length to skip the record by
            stream.limit -= exc.read  # what the reader under it read, as it would have counted
            return _LONG_HTTP_HEADERS

    def _ensure_target_uri_format(self, rec_headers: StatusAndHeaders) -> str | None:
        """warcio's repair of a target URI in <> or with spaces, without its log warning: that
        quotes the archive's bytes, escape sequences included, and reaches the terminal raw."""
        uri: str | None = rec_headers.get_header("WARC-Target-URI")
        if uri is not None and uri.startswith("<") and uri.endswith(">"):
            uri = uri[1:-1]
            rec_headers.replace_header("WARC-Target-URI", uri)
        if uri is not None and " " in uri:
            uri = uri.replace(" ", "%20")
            rec_headers.replace_header("WARC-Target-URI", uri)
        return uri


class _BoundedLineReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader, whose lines are at most :data:`MAX_LINE` bytes long: a longer one raises
    :class:`LineTooLong` after reading that much of it, in a number of steps bounded too."""

    def readline(self, length: int | None = None) -> bytes:
        wanted = MAX_LINE + 1 if length is None else length
        cap = min(wanted, MAX_LINE + 1)
        parts: list[bytes] = []
        size = 0
        while size < cap:
            self._fillbuff()
            if self.empty():
                break
            part: bytes = self.buff.readline(cap - size)
            parts.append(part)
            size += len(part)
            if part.endswith(b"\n"):
                break
        line = b"".join(parts)
        if size > MAX_LINE and not line.endswith(b"\n"):
            raise LineTooLong(size)
        return line


def _page_format(record: ArcWarcRecord) -> tuple[str, str | None] | None:
    """(format, declared charset) if ``record`` holds a page we read, else None."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not http.get_statuscode().startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return None
    fmt = PAGE_TYPES.get(content_type.split(";", 1)[0].strip().lower())
    if fmt is None:
        return None
    charset = _CHARSET.search(content_type)
    return fmt, charset.group(1) if charset else None


def _read_page(
    record: ArcWarcRecord, page: tuple[str, str | None], ref: str, max_bytes: int
) -> Document | InputError:
    fmt, charset = page
    content = record.content_stream()
    data = content.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = len(data) + _drain(content)
        return InputError(ref, too_large("page", size, max_bytes))
    missing = _missing_bytes(record)
    if missing:
        return InputError(ref, f"record cut off: the file ends {missing:,} bytes before it does")
    if not data:
        return InputError(ref, EMPTY_PAGE)
    # As browsers do: the charset of the HTTP header first, then the page's own declaration.
    declared = charset or (declared_charset(data) if fmt == HTML else None)
    document = document_from_bytes(data, ref, fmt, declared)
    if isinstance(document, InputError):
        return document
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    if not url:
        return document
    return make_document(
        ref=ref,
        source=url,
        fmt=fmt,
        text=document.text,
        encoding=document.encoding,
        meta={"url": url},
    )


def _missing_bytes(record: ArcWarcRecord) -> int:
    """How many bytes of ``record``, read to the end of its content, its file did not hold: its
    Content-Length promised more than the file had left (a download or copy cut short)."""
    raw = record.raw_stream
    left = getattr(raw, "limit", 0)
    if not isinstance(left, int) or left <= 0:
        return 0
    return left if not raw.read(1) else 0  # bytes left unread (e.g. after a last chunk) are no cut


def _drain(content: BinaryIO) -> int:
    total = 0
    while chunk := content.read(_DRAIN_CHUNK):
        total += len(chunk)
    return total
