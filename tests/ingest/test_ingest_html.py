"""HTML pages: kept as markup, decoded by their declared charset when not UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.errors import InputError
from storyweave.ingest import read_bytes, read_file
from storyweave.ingest.html import declared_charset
from storyweave.ingest.sniff import looks_like_markup
from storyweave.records import Document

BODY = "<p>“Quoted,” said the café owner — in Zürich.</p>"


def page(head: str = "", body: str = BODY) -> str:
    return f"<!DOCTYPE html>\n<html><head>{head}<title>T</title></head><body>{body}</body></html>\n"


def read_one(path: Path) -> Document | InputError:
    items = list(read_file(str(path)))
    assert len(items) == 1, items
    return items[0]


def test_utf8_page_kept_as_markup(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(page('<meta charset="utf-8">'), encoding="utf-8")
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.format == "html"
    assert doc.text == page('<meta charset="utf-8">')
    assert doc.source == doc.ref == str(path)


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        ('<meta charset="windows-1252">', "cp1252"),
        ("<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-15'>", "iso8859-15"),
        ("<meta charset=koi8-r>", "koi8-r"),
    ],
)
def test_declared_charset_used_when_not_utf8(tmp_path: Path, head: str, codec: str) -> None:
    body = "<p>Привет, мир</p>" if codec == "koi8-r" else "<p>café € Zürich</p>"
    html = page(head, body)
    path = tmp_path / "a.htm"
    path.write_bytes(html.encode(codec))
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.text == html
    assert doc.encoding == codec


def test_latin1_label_read_as_windows_1252(tmp_path: Path) -> None:
    # Browsers read pages labelled ISO-8859-1 as windows-1252, which has the curly quotes.
    html = page('<meta charset="iso-8859-1">', "<p>“Quoted” café</p>")
    path = tmp_path / "a.html"
    path.write_bytes(html.encode("cp1252"))
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.text == html
    assert doc.encoding == "cp1252"


def test_utf8_wins_over_a_wrong_declaration(tmp_path: Path) -> None:
    html = page('<meta charset="iso-8859-1">')
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert (doc.text, doc.encoding) == (html, "utf-8")


def test_undeclared_legacy_page_detected(tmp_path: Path) -> None:
    html = page("", "<p>It’s a “quoted” café — naïve résumé, the minister said.</p>")
    path = tmp_path / "a.html"
    path.write_bytes(html.encode("cp1252"))
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.text == html


def test_bogus_or_non_charset_declaration_ignored(tmp_path: Path) -> None:
    html = page('<meta charset="unicode_escape">', "<p>caf\\xe9 “x”</p>")
    path = tmp_path / "a.html"
    path.write_bytes(html.encode("cp1252"))
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.text == html  # backslash escapes are not interpreted


def test_broken_markup_is_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(b"<html><body><p>unclosed <div <b>bold</p></i>")
    doc = read_one(path)
    assert isinstance(doc, Document)
    assert doc.format == "html"


def test_empty_page_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_bytes(b"")
    item = read_one(path)
    assert isinstance(item, InputError)
    assert item.reason == "empty file"


def test_declared_charset_forms() -> None:
    assert declared_charset(b'<meta charset="UTF-8">') == "UTF-8"
    assert declared_charset(b"<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=gbk'>") == (
        "gbk"
    )
    assert declared_charset(b'<?xml version="1.0" encoding="ISO-8859-2"?><html>') == "ISO-8859-2"
    assert declared_charset(b"<html><p>charset=utf-8</p>") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!doctype html><html><body>x</body></html>", True),
        ('  \n<div class="story"><p>x</p></div>', True),
        ("<P>Old style page<P>more</P>", True),
        ("<Acme Corp> said on Monday it would buy <Widget Inc>.", False),
        ("<B and R International Inc.>, a broker, said ...", False),
        ("Plain text that mentions <p> tags and </p> in passing.", False),
    ],
)
def test_markup_sniffing(text: str, expected: bool) -> None:
    assert looks_like_markup(text) is expected


def test_unnamed_html_bytes_sniffed() -> None:
    items = list(read_bytes(page().encode(), "page"))
    assert [type(item) for item in items] == [Document]
    assert isinstance(items[0], Document) and items[0].format == "html"
