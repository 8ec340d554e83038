"""Fuzzing every reader and the cleaner: arbitrary and mangled bytes give Documents (and
Articles) or one-line InputErrors, never another exception. benchmarks/fuzz.py runs the same
checks on far more inputs."""

from __future__ import annotations

import gzip
import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyweave.clean import clean_document
from storyweave.errors import InputError
from storyweave.ingest import read_bytes
from storyweave.ingest.decode import Decoded, Undecodable, decode
from storyweave.ingest.html import parse_html
from storyweave.ingest.plain import parse_text
from storyweave.ingest.sniff import FORMATS, sniff_format
from storyweave.records import Article, Document

STORY = (
    "Harbour cranes stop as dockworkers walk out\n\nBy Lena Okafor\n\nDockworkers at the port "
    'walked off the job on Tuesday, halting about 40 ships. "We will not return," said Tomas '
    "Riedl.\n"
)
PAGE = f"<html><head><title>Cranes stop</title></head><body><p>{STORY}</p></body></html>"


def _warc(body: bytes, content_type: str) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://news.example/a",
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=headers,
        )
    )
    return out.getvalue()


SEEDS = (
    STORY.encode(),
    PAGE.encode(),
    PAGE.encode("utf-16"),
    "".join(json.dumps({"id": n, "title": "T", "text": STORY}) + "\n" for n in range(3)).encode(),
    _warc(PAGE.encode(), "text/html; charset=utf-8"),
    _warc(STORY.encode("cp1252"), "text/plain"),
)


@st.composite
def mangled(draw: st.DrawFn) -> bytes:
    """A seed input, or its gzip, with bytes flipped, inserted, deleted and the end cut off."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    if draw(st.booleans()):
        data = bytearray(gzip.compress(bytes(data), mtime=0))
    for _ in range(draw(st.integers(0, 8))):
        where = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "control"]))
        if action == "flip" and data:
            data[where] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 32))]
        else:
            data[where:where] = draw(st.sampled_from([b"\x1b[2J", b"\x00", b"\r\n", b"\xff\xfe"]))
    return bytes(data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data)


INPUTS = st.one_of(st.binary(max_size=3000), mangled())
READ_FORMATS = st.sampled_from([None, *FORMATS])


def check_reading(data: bytes, fmt: str | None, max_bytes: int) -> list[Document]:
    """The Documents that reading ``data`` gives, after checking every item it gives."""
    documents = []
    for item in read_bytes(data, "fuzz.in", fmt=fmt, max_bytes=max_bytes):
        if isinstance(item, InputError):
            assert item.reason and "\n" not in str(item)
        else:
            assert isinstance(item, Document) and item.text.strip()
            documents.append(item)
    return documents


def check_cleaning(document: Document) -> None:
    try:
        article = clean_document(document)
    except InputError as error:
        assert "\n" not in str(error)
    else:
        assert isinstance(article, Article)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=INPUTS, fmt=READ_FORMATS, max_bytes=st.sampled_from([64, 4096, 1 << 20]))
def test_every_reader_reads_any_bytes_into_documents_or_one_line_errors(
    data: bytes, fmt: str | None, max_bytes: int
) -> None:
    check_reading(data, fmt, max_bytes)


@settings(max_examples=300, deadline=None)
@given(data=INPUTS, ref=st.sampled_from(["a.txt", "a.html"]))
def test_whole_file_readers_take_any_bytes(data: bytes, ref: str) -> None:
    for item in (parse_text(data, ref), parse_html(data, ref)):
        assert isinstance(item, Document | InputError)


@settings(max_examples=300, deadline=None)
@given(data=INPUTS, declared=st.sampled_from([None, "utf-8", "latin-1", "x-bogus", "utf-16"]))
def test_decode_and_sniff_take_any_bytes(data: bytes, declared: str | None) -> None:
    decoded = decode(data, declared)
    assert isinstance(decoded, Decoded | Undecodable)
    assert sniff_format(data[: 1 << 16], complete=len(data) < 1 << 16) in FORMATS


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=mangled(), fmt=READ_FORMATS)
def test_the_cleaner_takes_whatever_the_readers_give(data: bytes, fmt: str | None) -> None:
    for document in check_reading(data, fmt, 1 << 20):
        check_cleaning(document)
