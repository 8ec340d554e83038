"""Telling the format of an input from its name or its first bytes."""

from __future__ import annotations

import json
import os
import re

from storyweave.ingest.decode import bom_encoding
from storyweave.text import LazyPattern

TEXT = "text"
HTML = "html"
JSONL = "jsonl"
WARC = "warc"  # an input format only: its pages become html and text Documents
FORMATS = (TEXT, HTML, JSONL, WARC)

SUFFIX_FORMATS = {
    ".txt": TEXT,
    ".text": TEXT,
    ".md": TEXT,
    ".html": HTML,
    ".htm": HTML,
    ".xhtml": HTML,
    ".jsonl": JSONL,
    ".ndjson": JSONL,
    ".warc": WARC,
}
GZIP_SUFFIX = ".gz"
WARC_MAGIC = b"WARC/"  # every WARC record opens with its version line

_ELEMENTS = (
    r"(?:html|head|body|title|meta|link|script|style|p|div|span|a|br|hr|img|article|section"
    r"|main|header|footer|nav|aside|figure|h[1-6]|ul|ol|li|table|blockquote|em|strong|b|i)"
)
# How markup opens: a doctype, comment or XML declaration, or a known element whose name is
# followed by ">" or an attribute with a value (so "<Acme Inc>" in plain text is not markup).
_MARKUP_OPENING = LazyPattern(
    rf"<(?:!doctype\s+html|!--|\?xml|{_ELEMENTS}(?:\s*/?>|\s+[\w:-]+\s*=))", re.IGNORECASE
)
# And evidence further in: a document-level element or a closing tag.
_MARKUP_EVIDENCE = LazyPattern(rf"<(?:!doctype\s+html|html|head|body)\b|</{_ELEMENTS}\s*>", re.I)


def format_for_path(path: str) -> str | None:
    """The format a file name announces (``.gz`` looked through), or None if it names none."""
    name = os.path.basename(path).lower()
    if name.endswith(GZIP_SUFFIX):
        name = name[: -len(GZIP_SUFFIX)]
    dot = name.rfind(".")
    return SUFFIX_FORMATS.get(name[dot:]) if dot >= 0 else None


def looks_like_markup(text: str) -> bool:
    """True if ``text`` opens with HTML markup (after whitespace) and contains HTML tags."""
    opening = text.lstrip("\ufeff \t\r\n\f\v")
    return bool(_MARKUP_OPENING.match(opening)) and bool(_MARKUP_EVIDENCE.search(opening))


def sniff_format(head: bytes, *, complete: bool) -> str:
    """Guess the format of an input from its first bytes ``head``.

    JSONL if the first non-empty line is a JSON object and every other complete non-empty line
    in ``head`` starts like one (so a JSONL file with a malformed record is still JSONL, and the
    record becomes an error); WARC if it opens with a WARC record header; HTML if it is markup;
    else text. ``complete`` says ``head`` is the whole input, so its last line is not cut off.
    """
    if head.startswith(WARC_MAGIC):
        return WARC
    text = _head_text(head)
    if _looks_like_jsonl(text, complete=complete):
        return JSONL
    if looks_like_markup(text):
        return HTML
    return TEXT


def _head_text(head: bytes) -> str:
    bom = bom_encoding(head)
    if bom is not None:
        codec, _ = bom
        return head.decode(codec, "ignore")
    # NULs are dropped so that BOM-less UTF-16 still shows its ASCII structure.
    return head.replace(b"\x00", b"").decode("utf-8", "replace")


def _looks_like_jsonl(text: str, *, complete: bool) -> bool:
    lines = text.split("\n")
    cut_off = None if complete else lines.pop()
    records = [line.strip() for line in lines if line.strip()]
    if not records:
        # A first record longer than the sniffed head: judge by how it starts.
        return cut_off is not None and cut_off.lstrip().startswith('{"')
    if not all(record.startswith("{") for record in records):
        return False
    try:
        first = json.loads(records[0].lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return False
    return isinstance(first, dict)
