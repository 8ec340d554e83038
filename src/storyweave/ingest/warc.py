"""WARC web archives (.warc, .warc.gz): every archived HTML or text page is one article.

Read with ``warcio``. A ``response`` record counts when its HTTP status is 2xx and its content
type is HTML or plain text; a ``resource`` record when its own content type is. Requests,
metadata, revisits, redirects, error pages and other media are not articles and are passed over
without a message. The page's URL (``WARC-Target-URI``) becomes the Document's source and its
``url`` metadata; its ref is the file's ref and the record's position in the file
(``crawl.warc.gz#12``, counting every record from 1), so that it is stable across runs.

A record that cannot be read (too large, undecodable, empty, cut off by the end of the file, no
record type) is an error for that record only. A file that stops being WARC cannot be read past
that point: that is one error, after the articles read before it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

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
        position += 1
        if not record.rec_type:
            yield InputError(ref, f"record {position}: no WARC-Type header")
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
