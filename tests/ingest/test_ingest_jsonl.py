"""JSONL: one article per line, fields mapped to Document.meta, bad lines reported one by one."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from storyweave.errors import InputError
from storyweave.ids import content_id
from storyweave.ingest import read_bytes, read_file
from storyweave.records import Document

Item = Document | InputError


def jsonl(*records: object) -> bytes:
    return "".join(json.dumps(record) + "\n" for record in records).encode()


def read(data: bytes, ref: str = "in.jsonl", **kwargs: int) -> list[Item]:
    return list(read_bytes(data, ref, fmt="jsonl", **kwargs))


def docs(items: list[Item]) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


def errors(items: list[Item]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def test_fields_mapped_to_meta() -> None:
    record = {
        "id": "a1",
        "text": "Body.",
        "title": "Title",
        "url": "https://example.org/a1",
        "date": "2024-01-09",
        "source": "Example News",
        "author": "Jane Doe",
        "category": "ignored",
    }
    [doc] = read(jsonl(record))
    assert isinstance(doc, Document)
    assert doc.meta == {
        "title": "Title",
        "url": "https://example.org/a1",
        "published": "2024-01-09",
        "outlet": "Example News",
        "byline": "Jane Doe",
    }
    assert doc.ref == "in.jsonl#a1"
    assert doc.source == "https://example.org/a1"
    assert doc.id == content_id("text", "Body.", json.dumps(doc.meta, sort_keys=True))


def test_primary_field_names_win_over_aliases() -> None:
    record = {"text": "x", "published": "2024-01-09", "date": "1999-01-01", "byline": "A"}
    [doc] = docs(read(jsonl(record | {"author": "B", "outlet": "O", "source": "S"})))
    assert doc.meta == {"published": "2024-01-09", "byline": "A", "outlet": "O"}


def test_ref_falls_back_to_line_number_and_source_to_ref() -> None:
    items = read(b"\n" + jsonl({"text": "first"}, {"text": "second", "id": 17}))
    assert [(doc.ref, doc.source) for doc in docs(items)] == [
        ("in.jsonl#2", "in.jsonl#2"),
        ("in.jsonl#17", "in.jsonl#17"),
    ]


def test_non_string_values_coerced_or_dropped() -> None:
    record = {"text": 12345, "title": 3.5, "author": ["A. One", "B. Two"], "url": {"x": 1}}
    [doc] = docs(read(jsonl(record)))
    assert doc.text == "12345"
    assert doc.meta == {"title": "3.5", "byline": "A. One, B. Two"}


def test_markup_text_is_html_format() -> None:
    items = read(jsonl({"text": "<div><p>Body</p></div>"}, {"text": "<Acme Corp> said."}))
    assert [doc.format for doc in docs(items)] == ["html", "text"]


def test_bad_lines_reported_and_good_lines_kept() -> None:
    data = b"\n".join(
        [
            json.dumps({"id": "ok1", "text": "one"}).encode(),
            b'{"text": "unterminated',
            b"[1, 2]",
            json.dumps({"title": "no text"}).encode(),
            json.dumps({"text": "   "}).encode(),
            json.dumps({"text": ["a", "b"]}).encode(),
            json.dumps({"text": {"a": 1}}).encode(),
            json.dumps({"text": None}).encode(),
            json.dumps({"id": "ok2", "text": "two"}).encode(),
        ]
    )
    items = read(data)
    assert [doc.ref for doc in docs(items)] == ["in.jsonl#ok1", "in.jsonl#ok2"]
    reasons = {error.line: error.reason for error in errors(items)}
    assert reasons[2].startswith("malformed JSON: Unterminated string")
    assert reasons[3] == "line is a list, not a JSON object"
    assert reasons[4] == 'no "text" field'
    assert reasons[5] == 'empty "text" field'
    assert reasons[6] == '"text" is a list, not a string'
    assert reasons[7] == '"text" is an object, not a string'
    assert reasons[8] == '"text" is null'
    assert all(error.ref == "in.jsonl" for error in errors(items))
    assert str(errors(items)[0]).startswith("in.jsonl:2: malformed JSON")


def test_deeply_nested_line_is_an_error_not_a_crash() -> None:
    items = read(b"[" * 100_000 + b"\n" + jsonl({"text": "after"}))
    assert len(errors(items)) == 1 and errors(items)[0].line == 1
    assert [doc.text for doc in docs(items)] == ["after"]


def test_oversized_record_skipped_others_kept() -> None:
    data = jsonl({"text": "small"}, {"text": "x" * 5000}, {"text": "small again"})
    items = read(data, max_bytes=1000)
    assert [doc.text for doc in docs(items)] == ["small", "small again"]
    [error] = errors(items)
    assert error.line == 2
    assert error.reason.startswith("record is 5,012 bytes, over the 1,000-byte limit")


def test_crlf_line_endings_and_utf8_bom() -> None:
    data = b"\xef\xbb\xbf" + jsonl({"text": "a\r\nb"}).replace(b"\n", b"\r\n")
    [doc] = read(data)
    assert isinstance(doc, Document)
    assert doc.text == "a\nb"


def test_utf16_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(jsonl({"text": "café “x”"}, {"text": "second"}).decode().encode("utf-16"))
    items = list(read_file(str(path)))
    assert [doc.text for doc in docs(items)] == ["café “x”", "second"]
    assert {doc.encoding for doc in docs(items)} == {"utf-16-le"}


def test_legacy_encoded_line_detected() -> None:
    line = '{"text": "It’s a “quoted” café — naïve résumé, the minister said."}\n'
    [doc] = read(line.encode("cp1252"))
    assert isinstance(doc, Document)
    assert doc.text == "It’s a “quoted” café — naïve résumé, the minister said."
    assert doc.encoding == "cp1252"


def test_lone_surrogate_escape_replaced() -> None:
    [doc] = read(b'{"text": "a\\ud800b"}\n')
    assert isinstance(doc, Document)
    assert doc.text == "a\ufffdb"


def test_gzipped_jsonl_file(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(gzip.compress(jsonl({"id": 1, "text": "one"}, {"id": 2, "text": "two"})))
    items = list(read_file(str(path)))
    assert [doc.ref for doc in docs(items)] == [f"{path}#1", f"{path}#2"]


def test_truncated_gzip_keeps_records_before_the_break(tmp_path: Path) -> None:
    records = [{"id": n, "text": f"article number {n} " * 20} for n in range(200)]
    compressed = gzip.compress(jsonl(*records))
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) * 3 // 4])
    items = list(read_file(str(path)))
    assert 0 < len(docs(items)) < 200
    assert docs(items)[0].ref == f"{path}#0"
    assert isinstance(items[-1], InputError)
    assert items[-1].reason == "truncated gzip stream"


def test_file_of_blank_lines_is_an_error() -> None:
    [error] = read(b"\n  \n\n")
    assert isinstance(error, InputError)
    assert error.reason == "whitespace-only file"


def test_same_record_in_two_files_has_same_id() -> None:
    data = jsonl({"id": "x", "text": "Body.", "title": "T"})
    [first] = read(data, "a.jsonl")
    [second] = read(gzip.compress(data), "b.jsonl.gz")
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id
    assert (first.ref, second.ref) == ("a.jsonl#x", "b.jsonl.gz#x")


def test_jsonl_record_and_text_file_with_same_text_share_id() -> None:
    [record] = read(jsonl({"text": "Same body.\n"}))
    [plain] = list(read_bytes(b"Same body.\n", "a.txt", fmt="text"))
    assert isinstance(record, Document) and isinstance(plain, Document)
    assert record.id == plain.id
