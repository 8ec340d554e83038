"""WARC input: archived pages become Documents; everything else is passed over or an error."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyweave.errors import InputError
from storyweave.ingest import read_bytes, read_file, read_inputs, read_stream
from storyweave.records import Document

PAGE = (
    "<html><head><title>Bridge reopens</title></head><body><article>"
    "<p>The river bridge reopened on Monday after three weeks of repairs, the council said.</p>"
    "</article></body></html>"
)


def _response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
    )
    writer.write_record(record)


def _archive(build: object, *, gzipped: bool = False) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    build(writer)  # type: ignore[operator]
    return out.getvalue()


def _mixed(writer: WARCWriter) -> None:
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    _response(writer, "https://news.example/a", PAGE.encode())
    get = b"GET /a HTTP/1.1\r\n\r\n"
    request = writer.create_warc_record(
        "https://news.example/a", "request", payload=io.BytesIO(get), length=len(get)
    )
    writer.write_record(request)
    _response(writer, "https://news.example/gone", b"<html>gone</html>", status="404 Not Found")
    _response(writer, "https://news.example/logo.png", b"\x89PNG....", content_type="image/png")
    _response(
        writer,
        "https://news.example/moved",
        b"",
        status="301 Moved Permanently",
        extra=[("Location", "https://news.example/a")],
    )
    notes = b"Plain notes on the bridge repairs.\n"
    resource = writer.create_warc_record(
        "https://news.example/notes.txt",
        "resource",
        payload=io.BytesIO(notes),
        length=len(notes),
        warc_content_type="text/plain",
    )
    writer.write_record(resource)


def _documents(items: list[Document | InputError]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def test_pages_become_documents_and_the_rest_is_passed_over() -> None:
    items = list(read_bytes(_archive(_mixed), "crawl.warc"))
    assert all(isinstance(item, Document) for item in items), items
    page, notes = _documents(items)
    assert page.format == "html" and "three weeks of repairs" in page.text
    assert page.source == page.meta["url"] == "https://news.example/a"
    assert page.ref == "crawl.warc#2"  # the second record of the file
    assert notes.format == "text" and notes.text.startswith("Plain notes")
    assert notes.ref == "crawl.warc#7"


def test_gzipped_archive_from_a_folder(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(_archive(_mixed, gzipped=True))
    (tmp_path / "ignored.bin").write_bytes(b"not an input")
    items = list(read_inputs([str(tmp_path)]))
    assert [d.meta.get("url") for d in _documents(items)] == [
        "https://news.example/a",
        "https://news.example/notes.txt",
    ]
    assert not [item for item in items if isinstance(item, InputError)]


def test_the_archive_is_sniffed_without_a_suffix() -> None:
    items = list(read_bytes(_archive(_mixed, gzipped=True), "download"))
    assert len(_documents(items)) == 2


def test_same_pages_same_ids_across_reads() -> None:
    first = [d.id for d in _documents(list(read_bytes(_archive(_mixed), "a.warc")))]
    second = [d.id for d in _documents(list(read_bytes(_archive(_mixed), "b.warc")))]
    assert first == second and len(set(first)) == 2


def test_http_charset_decides_the_encoding() -> None:
    body = "<html><body><p>Café owners said prices rose.</p></body></html>".encode("cp1252")

    def build(writer: WARCWriter) -> None:
        _response(
            writer, "https://x.example/", body, content_type="text/html; charset=windows-1252"
        )

    (page,) = _documents(list(read_bytes(_archive(build), "c.warc")))
    assert "Café owners" in page.text


def test_chunked_and_compressed_payload_is_decoded() -> None:
    raw = gzip.compress(PAGE.encode())
    chunked = f"{len(raw):x}\r\n".encode() + raw + b"\r\n0\r\n\r\n"

    def build(writer: WARCWriter) -> None:
        _response(
            writer,
            "https://x.example/gz",
            chunked,
            extra=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
        )

    (page,) = _documents(list(read_bytes(_archive(build), "d.warc")))
    assert "three weeks of repairs" in page.text


def test_oversized_and_empty_pages_are_errors_for_that_record_only() -> None:
    def build(writer: WARCWriter) -> None:
        _response(writer, "https://x.example/big", b"<p>" + b"word " * 400 + b"</p>")
        _response(writer, "https://x.example/empty", b"")
        _response(writer, "https://x.example/a", PAGE.encode())

    items = list(read_bytes(_archive(build), "e.warc", max_bytes=1000))
    assert [type(item).__name__ for item in items] == ["InputError", "InputError", "Document"]
    big, empty = items[0], items[1]
    assert isinstance(big, InputError) and big.ref == "e.warc#1"
    assert big.reason.startswith("page is 2,007 bytes, over the 1,000-byte limit")
    assert isinstance(empty, InputError) and empty.ref == "e.warc#2" and "empty" in empty.reason


def test_a_record_without_type_is_an_error_and_reading_goes_on() -> None:
    good = _archive(lambda w: _response(w, "https://x.example/a", PAGE.encode()))
    broken = b"WARC/1.0\r\nthis is no header\r\nContent-Length: 0\r\n\r\n\r\n\r\n"
    items = list(read_bytes(good + broken + good, "i.warc"))
    assert [type(item).__name__ for item in items] == ["Document", "InputError", "Document"]
    assert str(items[1]) == "i.warc: record 2: no WARC-Type header"
    assert isinstance(items[2], Document) and items[2].ref == "i.warc#3"


def test_data_that_stops_being_warc_ends_the_file_with_one_error(tmp_path: Path) -> None:
    good = _archive(lambda w: _response(w, "https://x.example/a", PAGE.encode()))
    path = tmp_path / "broken.warc"
    path.write_bytes(good + b"garbage" * 10)
    items = list(read_file(str(path)))
    assert isinstance(items[0], Document)
    (error,) = items[1:]
    assert isinstance(error, InputError) and error.ref == str(path)
    assert error.reason.startswith("record 2: not a readable WARC record")


def test_archive_without_pages_is_an_error() -> None:
    def build(writer: WARCWriter) -> None:
        _response(writer, "https://x.example/logo.png", b"\x89PNG", content_type="image/png")

    (error,) = list(read_bytes(_archive(build), "f.warc"))
    assert isinstance(error, InputError) and "no HTML or text page" in error.reason


def test_truncated_gzip_archive_keeps_what_was_read() -> None:
    data = _archive(_mixed, gzipped=True)
    items = list(read_bytes(data[: len(data) - 40], "g.warc.gz"))
    assert len(_documents(items)) >= 1
    assert isinstance(items[-1], InputError)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_after_a_warc_line_never_raise(tail: bytes) -> None:
    items = list(read_bytes(b"WARC/1.0\r\n" + tail, "h.warc"))
    assert items and all(isinstance(item, Document | InputError) for item in items)


# --- garbage without newlines in the middle of a valid archive --------------------------------

_GARBAGE = 8 << 20  # bytes without a newline: warcio would gather them as one "line"


class _CountingStream(io.RawIOBase):
    """An in-memory input that counts the bytes read from it."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = io.BytesIO(data)
        self.read_bytes = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        count = self._data.readinto(buffer)
        self.read_bytes += count
        return count


def _page_archive() -> bytes:
    return _archive(lambda w: _response(w, "https://x.example/a", PAGE.encode()))


def test_garbage_without_newlines_after_a_record_ends_the_file_in_a_bounded_read() -> None:
    data = _page_archive() + b"\x00x" * (_GARBAGE // 2) + _page_archive()
    stream = _CountingStream(data)
    items = list(read_stream(stream, "crawl.warc"))  # type: ignore[arg-type]
    # The garbage is read no further than a bounded line and a buffer, not to its end.
    assert stream.read_bytes < 2 << 20 < _GARBAGE
    assert [type(item) for item in items] == [Document, InputError]
    assert items[0].ref == "crawl.warc#1"
    assert str(items[1]) == (
        "crawl.warc: record 2: not a readable WARC record (a header line over 65,536 bytes)"
    )


def test_a_record_whose_http_headers_are_garbage_is_skipped_and_reading_goes_on() -> None:
    garbage = b"x" * _GARBAGE
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/b\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(garbage), garbage)
    )
    items = list(read_bytes(_page_archive() + record + _page_archive(), "crawl.warc"))
    assert [str(item) if isinstance(item, InputError) else item.ref for item in items] == [
        "crawl.warc#1",
        "crawl.warc: record 2: an HTTP header line over 65,536 bytes",
        "crawl.warc#3",
    ]


def test_a_target_uri_with_spaces_and_escapes_is_logged_nowhere(
    caplog: pytest.LogCaptureFixture,
) -> None:
    url = "https://x.example/a b\x1b]0;owned\x07"
    items = list(read_bytes(_archive(lambda w: _response(w, url, PAGE.encode())), "u.warc"))
    assert [type(item) for item in items] == [Document]
    assert items[0].source == "https://x.example/a%20b\x1b]0;owned\x07"  # escaped when printed
    assert caplog.records == []  # warcio's warning would quote the escape sequence raw
