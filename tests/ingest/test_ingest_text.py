"""Plain-text files: encodings, newlines, and the ways a file can fail to be an article."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from storyweave.errors import InputError, UsageError
from storyweave.ingest import read_bytes, read_file
from storyweave.records import Document

ARTICLE = "Ministers met on Tuesday.\nThe vote was 312 to 290, officials said.\n"
WESTERN = "It’s a “quoted” café — naïve résumé, the minister said on Tuesday.\n"


def only(items: list[Document | InputError]) -> Document | InputError:
    assert len(items) == 1, items
    return items[0]


def read_one(path: Path) -> Document | InputError:
    return only(list(read_file(str(path))))


def document(path: Path) -> Document:
    item = read_one(path)
    assert isinstance(item, Document), item
    return item


def error(path: Path) -> InputError:
    item = read_one(path)
    assert isinstance(item, InputError), item
    return item


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_text_file(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", ARTICLE.encode())
    doc = document(path)
    assert doc.text == ARTICLE
    assert doc.format == "text"
    assert doc.encoding == "utf-8"
    assert doc.ref == doc.source == str(path)
    assert doc.meta == {}


@pytest.mark.parametrize(
    ("bom", "codec", "name"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
    ],
)
def test_byte_order_marks(tmp_path: Path, bom: bytes, codec: str, name: str) -> None:
    doc = document(write(tmp_path, "a.txt", bom + WESTERN.encode(codec)))
    assert doc.text == WESTERN  # the mark itself is not part of the text
    assert doc.encoding == name


def test_utf16_without_bom_is_text_not_binary(tmp_path: Path) -> None:
    doc = document(write(tmp_path, "a.txt", ARTICLE.encode("utf-16-le")))
    assert doc.text == ARTICLE
    assert doc.encoding == "utf-16-le"


def test_cp1252_curly_quotes_and_accents(tmp_path: Path) -> None:
    doc = document(write(tmp_path, "a.txt", WESTERN.encode("cp1252")))
    assert doc.text == WESTERN
    assert doc.encoding == "cp1252"


@pytest.mark.parametrize(
    "text",
    [
        # few non-ASCII bytes in much English: statistical detection read "’" as a DOS "Æ"
        "The ferry left the harbour at dawn and the council met at noon. " * 20
        + "Greece’s minister spoke later.\n",
        # a few pound signs in a long text read as Japanese
        "Fares rose to £120 from £95 last year, and a family ticket now costs £300, the "
        "operator said. "
        * 12
        + "The harbour board met on Tuesday to discuss the changes at the quay. " * 36,
    ],
)
def test_western_text_with_few_legacy_bytes_is_windows_1252(tmp_path: Path, text: str) -> None:
    doc = document(write(tmp_path, "a.txt", text.encode("cp1252")))
    assert (doc.text, doc.encoding) == (text, "cp1252")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Президент заявил в четверг, что правительство готово к переговорам.\n", "cp1251"),
        ("Ο πρωθυπουργός δήλωσε την Πέμπτη ότι η κυβέρνηση είναι έτοιμη.\n", "cp1253"),
    ],
)
def test_other_windows_code_pages_are_not_read_as_western(
    tmp_path: Path, text: str, codec: str
) -> None:
    doc = document(write(tmp_path, "a.txt", text.encode(codec)))
    assert doc.text == text
    assert doc.encoding != "cp1252"


def test_latin1(tmp_path: Path) -> None:
    text = "Le garçon a mangé une crème brûlée à Noël. «Très bien», dit-il.\n"
    doc = document(write(tmp_path, "a.txt", text.encode("latin-1")))
    assert doc.text == text
    assert doc.encoding != "utf-8"


def test_koi8r_cyrillic(tmp_path: Path) -> None:
    text = "Президент заявил в четверг, что правительство готово к переговорам.\n"
    doc = document(write(tmp_path, "a.txt", text.encode("koi8-r")))
    assert doc.text == text
    assert doc.encoding == "koi8-r"


def test_mostly_utf8_with_a_bad_byte_stays_utf8(tmp_path: Path) -> None:
    data = (WESTERN * 3).encode() + b"\xff" + WESTERN.encode()
    doc = document(write(tmp_path, "a.txt", data))
    assert doc.text == WESTERN * 3 + "\ufffd" + WESTERN
    assert doc.encoding.startswith("utf-8")


@pytest.mark.parametrize("newline", [b"\r\n", b"\r"])
def test_newlines_normalised(tmp_path: Path, newline: bytes) -> None:
    doc = document(write(tmp_path, "a.txt", b"one" + newline + b"two" + newline))
    assert doc.text == "one\ntwo\n"


def test_text_otherwise_kept_as_is(tmp_path: Path) -> None:
    text = "  Headline  \n\n\n[ad_7]\tbody   text  \n"
    assert document(write(tmp_path, "a.txt", text.encode())).text == text


def test_a_stray_nul_is_dropped(tmp_path: Path) -> None:
    data = ARTICLE.encode() * 20 + b"\x00" + ARTICLE.encode()
    doc = document(write(tmp_path, "a.txt", data))
    assert "\x00" not in doc.text
    assert doc.text == ARTICLE * 21


def test_empty_file(tmp_path: Path) -> None:
    assert error(write(tmp_path, "a.txt", b"")).reason == "empty file"


def test_whitespace_only_file(tmp_path: Path) -> None:
    assert error(write(tmp_path, "a.txt", b" \r\n\t\n  ")).reason == "whitespace-only file"


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    data = bytes(range(256)) * 64
    assert error(write(tmp_path, "a.txt", data)).reason == "binary file, not text"


def test_binary_with_control_characters(tmp_path: Path) -> None:
    data = b"abc\x01\x02\x03\x04\x05def\x06\x07\x08\x0e\x0f" * 100
    assert error(write(tmp_path, "a.txt", data)).reason == "binary file, not text"


def test_known_binary_format_named(tmp_path: Path) -> None:
    data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
    assert "PDF" in error(write(tmp_path, "a.txt", data)).reason


def test_undecodable_utf16_after_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "ab".encode("utf-16-le") + b"\x00\xdc"  # lone low surrogate
    assert error(write(tmp_path, "a.txt", data)).reason.startswith("undecodable")


def test_same_article_from_two_paths_has_same_id(tmp_path: Path) -> None:
    first = document(write(tmp_path, "a.txt", ARTICLE.encode()))
    (tmp_path / "sub").mkdir()
    second = document(write(tmp_path, "sub/b.text", ARTICLE.encode("utf-16")))
    assert first.id == second.id
    assert first.ref != second.ref


def test_different_articles_have_different_ids(tmp_path: Path) -> None:
    first = document(write(tmp_path, "a.txt", ARTICLE.encode()))
    second = document(write(tmp_path, "b.txt", (ARTICLE + "More.\n").encode()))
    assert first.id != second.id


def test_read_bytes_matches_read_file(tmp_path: Path) -> None:
    data = WESTERN.encode("cp1252")
    from_file = document(write(tmp_path, "a.txt", data))
    from_bytes = only(list(read_bytes(data, str(tmp_path / "a.txt"), fmt="text")))
    assert from_bytes == from_file


def test_read_bytes_rejects_unknown_format() -> None:
    with pytest.raises(UsageError, match="unknown format"):
        list(read_bytes(b"x", "ref", fmt="pdf"))
