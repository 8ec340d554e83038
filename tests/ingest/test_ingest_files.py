"""Paths, folders, stdin, gzip, size limits and unreadable inputs."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
from pathlib import Path

import pytest

from storyweave.errors import InputError
from storyweave.ingest import DEFAULT_MAX_BYTES, list_input_files, read_file, read_inputs, reader
from storyweave.records import Document

Item = Document | InputError
ARTICLE = b"Ministers met on Tuesday.\nThe vote was 312 to 290.\n"


def make_tree(root: Path) -> None:
    for name in [
        "b.txt",
        "a.html",
        "sub/z.md",
        "sub/deeper/c.jsonl",
        "A.TXT",
        "notes.pdf",
        "data.csv",
        ".hidden.txt",
        ".git/x.txt",
        "d.txt.gz",
        "e.htm",
        "f.ndjson",
        "g.xhtml",
        "h.text",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(ARTICLE)


def refs(items: list[Item]) -> list[str]:
    return [item.ref for item in items]


def test_folder_expansion_is_sorted_and_filtered(tmp_path: Path) -> None:
    make_tree(tmp_path)
    folder = str(tmp_path)
    expected = [
        "A.TXT",
        "a.html",
        "b.txt",
        "d.txt.gz",
        "data.csv",  # a table of records (issue 20)
        "e.htm",
        "f.ndjson",
        "g.xhtml",
        "h.text",
        "sub/deeper/c.jsonl",
        "sub/z.md",
    ]
    assert list_input_files([folder]) == [os.path.join(folder, name) for name in expected]


def test_folder_joined_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "a.txt").write_bytes(ARTICLE)
    monkeypatch.chdir(tmp_path)
    assert list_input_files(["demo/"]) == ["demo/a.txt"]
    assert list_input_files(["demo"]) == ["demo/a.txt"]
    [doc] = list(read_inputs(["demo"]))
    assert isinstance(doc, Document)
    assert (doc.ref, doc.source) == ("demo/a.txt", "demo/a.txt")


def test_named_paths_kept_in_order(tmp_path: Path) -> None:
    make_tree(tmp_path)
    named = [
        str(tmp_path / "notes.pdf"),
        "-",
        str(tmp_path / "missing.txt"),
        str(tmp_path / "b.txt"),
    ]
    assert list_input_files(named) == named


def test_reading_is_deterministic(tmp_path: Path) -> None:
    make_tree(tmp_path)
    first = list(read_inputs([str(tmp_path)]))
    second = list(read_inputs([str(tmp_path)]))
    assert [(type(i), i.ref) for i in first] == [(type(i), i.ref) for i in second]
    assert [i.id for i in first if isinstance(i, Document)] == [
        i.id for i in second if isinstance(i, Document)
    ]


def test_explicit_file_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    (tmp_path / "dump.json").write_bytes(b'{"text": "one"}\n{"text": "two"}\n')
    (tmp_path / "README").write_bytes(ARTICLE)
    items = list(
        read_inputs([str(tmp_path / name) for name in ("page.dat", "dump.json", "README")])
    )
    assert [
        (item.ref.rsplit("/", 1)[1], item.format) for item in items if isinstance(item, Document)
    ] == [
        ("page.dat", "html"),
        ("dump.json#1", "text"),
        ("dump.json#2", "text"),
        ("README", "text"),
    ]


def test_missing_path_is_an_error_and_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")]))
    assert isinstance(items[0], InputError)
    assert items[0].reason == "no such file or directory"
    assert isinstance(items[1], Document)


def test_folder_without_input_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"a,b\n")
    [error] = list(read_inputs([str(tmp_path)]))
    assert isinstance(error, InputError)
    assert error.ref == str(tmp_path)
    assert error.reason.startswith("folder has no readable input files")


def test_read_file_on_a_folder(tmp_path: Path) -> None:
    [error] = list(read_file(str(tmp_path)))
    assert isinstance(error, InputError)
    assert error.reason == "is a folder, not a file"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE)
    path.chmod(0)
    [error] = list(read_file(str(path)))
    assert isinstance(error, InputError)
    assert error.reason == "permission denied"


def test_permission_denied_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same as above, but runs as root too: opening fails the way the OS fails it.
    opener = os.open

    def refuse(path: str, flags: int, *args: int) -> int:
        if not str(path).startswith(str(tmp_path)):
            return opener(path, flags, *args)
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)

    monkeypatch.setattr(reader.os, "open", refuse)
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    [error] = list(read_inputs([str(tmp_path)]))
    assert isinstance(error, InputError)
    assert (error.ref, error.reason) == (str(tmp_path / "a.txt"), "permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads folders whatever their permissions")
def test_unreadable_subfolder_reported_and_rest_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_bytes(ARTICLE)
    locked.chmod(0)
    try:
        items = list(read_inputs([str(tmp_path)]))
    finally:
        locked.chmod(0o755)
    assert [(type(item), item.ref) for item in items] == [
        (InputError, str(locked)),
        (Document, str(tmp_path / "a.txt")),
    ]


def test_broken_symlink_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").symlink_to(tmp_path / "gone.txt")
    [error] = list(read_inputs([str(tmp_path)]))
    assert isinstance(error, InputError)
    assert error.ref == str(tmp_path / "a.txt")


def test_gzipped_text_and_html(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(ARTICLE))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p></body></html>"))
    items = list(read_inputs([str(tmp_path)]))
    assert [(item.format, item.text[:4]) for item in items if isinstance(item, Document)] == [
        ("text", "Mini"),
        ("html", "<htm"),
    ]


def test_truncated_gzip(tmp_path: Path) -> None:
    compressed = gzip.compress(ARTICLE * 100)
    path = tmp_path / "a.txt.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    [error] = list(read_file(str(path)))
    assert isinstance(error, InputError)
    assert error.reason == "truncated gzip stream"


def test_corrupt_gzip(tmp_path: Path) -> None:
    compressed = bytearray(gzip.compress(ARTICLE * 100))
    compressed[-8:-4] = b"\x00\x00\x00\x00"  # wrong CRC
    path = tmp_path / "a.txt.gz"
    path.write_bytes(bytes(compressed))
    [error] = list(read_file(str(path)))
    assert isinstance(error, InputError)
    assert error.reason.startswith("corrupt gzip stream")


def test_gz_suffix_without_gzip_content_read_plainly(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(ARTICLE)
    [doc] = list(read_file(str(path)))
    assert isinstance(doc, Document)
    assert doc.text == ARTICLE.decode()


def test_file_over_the_limit_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # sparse: fast, takes no disk
        handle.truncate(int(52.3 * 2**20))
    [error] = list(read_file(str(path)))
    assert isinstance(error, InputError)
    assert error.reason == (
        "file is 52.3 MB, over the 50 MB limit for one article (raise it with --max-bytes)"
    )
    assert DEFAULT_MAX_BYTES == 50 * 2**20


def test_max_bytes_can_be_raised_or_lowered(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE * 100)
    assert isinstance(next(read_file(str(path), max_bytes=len(ARTICLE) * 100)), Document)
    error = next(read_file(str(path), max_bytes=1000))
    assert isinstance(error, InputError)
    assert error.reason.startswith("file is 5,100 bytes, over the 1,000-byte limit")


def test_gzipped_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gzip.compress(ARTICLE * 1000))
    [error] = list(read_file(str(path), max_bytes=10_000))
    assert isinstance(error, InputError)
    assert error.reason.startswith("file is 49.8 KB, over the 9.8 KB limit")


def test_large_jsonl_file_is_not_limited(tmp_path: Path) -> None:
    record = json.dumps({"text": "x" * 500}).encode() + b"\n"
    path = tmp_path / "a.jsonl"
    path.write_bytes(record * 100)
    items = list(read_file(str(path), max_bytes=1000))  # file is 50 KB, each record 0.5 KB
    assert len(items) == 100
    assert all(isinstance(item, Document) for item in items)


@pytest.mark.parametrize(
    ("data", "fmt", "ref"),
    [
        (b'{"id": "k", "text": "one"}\n\n{"text": "two"}\n', "text", "-#k"),
        (b"  <html><body><p>x</p></body></html>", "html", "-"),
        (ARTICLE, "text", "-"),
        (gzip.compress(ARTICLE), "text", "-"),
    ],
)
def test_stdin_sniffed(data: bytes, fmt: str, ref: str) -> None:
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert isinstance(items[0], Document)
    assert (items[0].format, items[0].ref) == (fmt, ref)


def test_stdin_jsonl_refs() -> None:
    data = b'{"id": "k", "text": "one"}\n\n{"text": "two"}\n'
    assert refs(list(read_inputs(["-"], stdin=io.BytesIO(data)))) == ["-#k", "-#3"]


def test_empty_stdin() -> None:
    [error] = list(read_inputs(["-"], stdin=io.BytesIO(b"")))
    assert isinstance(error, InputError)
    assert (error.ref, error.reason) == ("-", "empty file")
