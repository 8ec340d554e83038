"""Turning the bytes of one input into text, and saying which encoding that took.

Order of evidence: a byte-order mark; NUL bytes laid out like UTF-16; strict UTF-8; the charset
the document declares (HTML); UTF-8 with a few bad bytes; statistical detection
(charset-normalizer) for legacy 8-bit encodings. Text that decodes but is mostly control
characters is binary data, not an article.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

BINARY = "binary file, not text"

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # (mark, codec that consumes the mark, name recorded); UTF-32 LE before UTF-16 LE, whose
    # mark is a prefix of it.
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# Formats that are certainly not text, recognised by their first bytes.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF file, not text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF87a", "a GIF image, not text"),
    (b"GIF89a", "a GIF image, not text"),
    (b"PK\x03\x04", "a ZIP archive (or Office document), not text"),
    (b"\x7fELF", BINARY),
    (b"BZh", "bzip2-compressed; only gzip (.gz) is read, decompress it first"),
    (b"\xfd7zXZ\x00", "xz-compressed; only gzip (.gz) is read, decompress it first"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed; only gzip (.gz) is read, decompress it first"),
)

# Labels that browsers read as a wider encoding (WHATWG Encoding Standard), by Python codec name.
_WIDER_ENCODING = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "tis-620": "cp874",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "shift_jis": "cp932",
}
# Python codecs that are not character sets a web page may declare.
_NOT_CHARSETS = frozenset(
    {
        "utf-7",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "unicode-escape",
        "raw-unicode-escape",
        "idna",
        "punycode",
        "undefined",
        "charmap",
    }
)

_STRAY_NULS_PER_BYTE = 1e-4  # NUL bytes beyond this share (and not UTF-16) mean binary data
_CONTROL_SHARE = 0.02  # more control characters than this in the text means binary data
_UTF16_NUL_SHARE = 0.3  # share of one byte lane that must be NUL for BOM-less UTF-16
_OTHER_LANE_NUL_SHARE = 0.01  # ... while the other lane is (almost) free of NULs
_LOSSY_UTF8_RATIO = 4  # valid non-ASCII characters needed per invalid byte to keep UTF-8
_DETECTION_TIE = 0.01  # chaos difference under which two detected encodings are equally good
_SAMPLE = 1 << 16

_WESTERN_SHARE = 0.05  # of a text's characters, at most this many non-ASCII in plainly Western
# Non-ASCII characters of Western text in Windows-1252: Latin letters (but the Icelandic ones
# and "ý", which Turkish and Czech bytes become), typographic marks and common symbols.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜßàáâãäåæçèéêëìíîïñòóôõöøùúûüÿŒœŠšŽžŸ"
    "‘’‚“”„–—…•†‡‰‹›€™£¥¢©®°±§¶·«»¿¡ºª½¼¾´\u00a0"
)
_CONTROL = re.compile(r"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f\x80-\x9f]")
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, newlines normalised, and the encoding that decoded it."""

    text: str
    encoding: str


@dataclass(frozen=True)
class Undecodable:
    """Why bytes could not be read as text (a short human reason)."""

    reason: str


def decode(data: bytes, declared: str | None = None) -> Decoded | Undecodable:
    """Decode ``data`` to text, trying ``declared`` (a charset the document names) after UTF-8.

    Returns the normalised text (see :func:`normalise_text`) with the encoding used, or the
    reason the bytes are not text.
    """
    for magic, reason in _BINARY_MAGIC:
        if data.startswith(magic):
            return Undecodable(reason)
    result = _decode_raw(data, declared)
    if isinstance(result, Undecodable):
        return result
    if _looks_binary(result.text):
        return Undecodable(BINARY)
    return Decoded(normalise_text(result.text), result.encoding)


def normalise_text(text: str) -> str:
    """Unify newlines to ``\\n``, drop NUL characters and replace lone surrogates with U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text if text.isascii() else _LONE_SURROGATE.sub("\ufffd", text)


def bom_encoding(data: bytes) -> tuple[str, str] | None:
    """The (codec, recorded name) of the byte-order mark ``data`` starts with, if any."""
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            return codec, name
    return None


def _decode_raw(data: bytes, declared: str | None) -> Decoded | Undecodable:
    bom = bom_encoding(data)
    if bom is not None:
        codec, name = bom
        try:
            return Decoded(data.decode(codec), name)
        except UnicodeDecodeError:
            return Undecodable(f"undecodable: not valid {name.upper()} despite its byte-order mark")
    if b"\x00" in data:
        utf16 = _decode_bomless_utf16(data)
        if utf16 is not None:
            return utf16
        if data.count(0) > max(1, len(data) * _STRAY_NULS_PER_BYTE):
            return Undecodable(BINARY)
        data = data.replace(b"\x00", b"")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    for attempt in (_decode_declared(data, declared), _decode_mostly_utf8(data)):
        if attempt is not None:
            return attempt
    return _detect(data)


def _decode_bomless_utf16(data: bytes) -> Decoded | None:
    sample = data[:_SAMPLE]
    half = max(1, len(sample) // 2)
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls >= _UTF16_NUL_SHARE and even_nuls < _OTHER_LANE_NUL_SHARE:
        codec = "utf-16-le"
    elif even_nuls >= _UTF16_NUL_SHARE and odd_nuls < _OTHER_LANE_NUL_SHARE:
        codec = "utf-16-be"
    else:
        return None
    try:
        return Decoded(data.decode(codec), codec)
    except UnicodeDecodeError:
        return None


def _decode_declared(data: bytes, declared: str | None) -> Decoded | None:
    codec = _charset_codec(declared) if declared else None
    if codec is None:
        return None
    for candidate in dict.fromkeys((_WIDER_ENCODING.get(codec, codec), codec)):
        try:
            return Decoded(data.decode(candidate), candidate)
        except UnicodeDecodeError:
            continue
    return None


def _charset_codec(label: str) -> str | None:
    try:
        info = codecs.lookup(label.strip())
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


def _decode_mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 text with a few corrupt bytes (a bad splice) stays UTF-8 rather than mojibake."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())  # U+FFFD the data already had
    replaced = text.count("\ufffd")
    good = len(text) - len(text.encode("ascii", "ignore")) - replaced  # valid non-ASCII chars
    if bad <= 0 or good < _LOSSY_UTF8_RATIO * bad:
        return None
    return Decoded(text, f"utf-8 ({bad} invalid byte sequences replaced)")


def _plainly_western(data: bytes) -> Decoded | None:
    """Windows-1252 text that reads as English or another Western language: some non-ASCII
    characters, each a Latin letter, a typographic mark (curly quotes, dashes, "…") or a common
    symbol (£, €, °). Statistical detection misreads such text when it is short on non-ASCII
    (the curly apostrophe of "Greece’s" taken as the "Æ" of a DOS code page, a "£" as
    Japanese); Cyrillic, Greek or Turkish text read as Windows-1252 gives runs of letters or
    letters outside this set, and goes on to detection."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    high = [c for c in text if ord(c) > 127]
    if not high or len(high) > _WESTERN_SHARE * len(text):
        return None
    if any(c not in _WESTERN for c in high):
        return None
    return Decoded(text, "cp1252")


def _detect(data: bytes) -> Decoded | Undecodable:
    western = _plainly_western(data)
    if western is not None:
        return western
    import charset_normalizer  # imported when needed: most texts are UTF-8 (0.015 s)

    matches = [
        match
        for match in charset_normalizer.from_bytes(data)
        if not match.encoding.startswith(("utf_16", "utf_32"))  # no BOM, no NUL lanes: unlikely
    ]
    if not matches:
        return Undecodable("undecodable: no text encoding fits")
    best_chaos = min(match.chaos for match in matches)
    tied = [match for match in matches if match.chaos <= best_chaos + _DETECTION_TIE]
    # Short Western texts fit several 8-bit code pages equally well; prefer the one the web
    # defaults to for unlabelled Western text.
    if any("cp1252" in match.could_be_from_charset for match in tied):
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    best = tied[0]
    return Decoded(str(best), codecs.lookup(best.encoding).name)


def _looks_binary(text: str) -> bool:
    sample = text[:_SAMPLE]
    return len(_CONTROL.findall(sample)) > len(sample) * _CONTROL_SHARE
