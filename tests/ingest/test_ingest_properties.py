"""Properties: reading never raises on any input, and valid JSONL round-trips."""

from __future__ import annotations

import gzip
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from storyweave.errors import InputError
from storyweave.ingest import read_bytes
from storyweave.ingest.common import make_document, path_ref
from storyweave.records import Document

FORMATS = st.sampled_from([None, "text", "html", "jsonl"])
SMALL_LIMIT = st.sampled_from([1, 64, 4096, 50 * 2**20])
ENCODINGS = st.sampled_from(["utf-8", "utf-16", "utf-32", "cp1252", "latin-1", "koi8-r"])


def check_items(items: list[Document | InputError]) -> None:
    for item in items:
        assert isinstance(item, Document | InputError)
        if isinstance(item, Document):
            assert item.text.strip()
            assert "\x00" not in item.text and "\r" not in item.text
            assert item.format in ("text", "html")
        else:
            assert item.reason


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000), fmt=FORMATS, max_bytes=SMALL_LIMIT)
def test_arbitrary_bytes_never_raise(data: bytes, fmt: str | None, max_bytes: int) -> None:
    check_items(list(read_bytes(data, "in", fmt=fmt, max_bytes=max_bytes)))


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=2000), fmt=FORMATS, cut=st.integers(min_value=0, max_value=60))
def test_arbitrary_gzip_never_raises(data: bytes, fmt: str | None, cut: int) -> None:
    compressed = gzip.compress(data)
    check_items(list(read_bytes(compressed[: len(compressed) - cut], "in.gz", fmt=fmt)))


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=500), fmt=FORMATS, encoding=ENCODINGS)
def test_arbitrary_text_never_raises(text: str, fmt: str | None, encoding: str) -> None:
    data = text.encode(encoding, "ignore")
    check_items(list(read_bytes(data, "in", fmt=fmt)))


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.text(alphabet=st.sampled_from('{}[]":,\\ \nab1'), max_size=40)))
def test_json_like_lines_never_raise(lines: list[str]) -> None:
    check_items(list(read_bytes("\n".join(lines).encode(), "in.jsonl", fmt="jsonl")))


@settings(max_examples=200, deadline=None)
@given(text=st.text(min_size=1, max_size=300), prefix=st.sampled_from(["", "Headline\n"]))
def test_text_file_round_trips(text: str, prefix: str) -> None:
    body = prefix + "".join(ch for ch in text if ch not in "\r\x00")
    expected = body.removeprefix("\ufeff")  # its UTF-8 encoding is a byte-order mark
    [item] = list(read_bytes(body.encode("utf-8"), "a.txt", fmt="text"))
    if isinstance(item, Document):
        assert item.text == expected
    else:  # only blank or control-heavy text may be refused
        assert not expected.strip() or item.reason == "binary file, not text"


# Metadata values as ingest keeps them: whitespace collapsed, no NUL.
SCALARS = st.text(min_size=1, max_size=30).filter(
    lambda s: " ".join(s.split()) == s and "\x00" not in s
)
RECORD_IDS = st.one_of(SCALARS, st.integers(min_value=0, max_value=10**9))
TEXTS = st.text(min_size=1, max_size=200).filter(
    lambda s: (
        s.strip()
        and "\r" not in s
        and "\x00" not in s
        and not any("\ud800" <= ch <= "\udfff" for ch in s)
    )
)


@settings(max_examples=200, deadline=None)
@given(
    records=st.lists(
        st.fixed_dictionaries(
            {"id": RECORD_IDS, "text": TEXTS},
            optional={"title": SCALARS, "url": SCALARS, "author": SCALARS},
        ),
        min_size=1,
        max_size=5,
    ),
    ensure_ascii=st.booleans(),
)
def test_valid_jsonl_round_trips_text_and_id(
    records: list[dict[str, object]], ensure_ascii: bool
) -> None:
    data = "".join(json.dumps(r, ensure_ascii=ensure_ascii) + "\n" for r in records).encode()
    items = list(read_bytes(data, "in.jsonl", fmt="jsonl"))
    assert len(items) == len(records)
    for record, item in zip(records, items, strict=True):
        assert isinstance(item, Document)
        assert item.text == record["text"]
        assert item.ref == f"in.jsonl#{path_ref(str(record['id']))}"  # control chars escaped
        meta = {
            key: str(record[name])
            for key, name in (("title", "title"), ("url", "url"), ("byline", "author"))
            if name in record
        }
        assert item.meta == meta
        assert (
            item.id
            == make_document(
                ref="elsewhere", source="", fmt=item.format, text=item.text, encoding="", meta=meta
            ).id
        )
