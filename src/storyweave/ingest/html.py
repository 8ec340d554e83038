"""HTML pages (.html, .htm, .xhtml): one page, one article, kept as markup for the cleaner.

Broken markup is not an error here; only pages that are empty or not text at all are.
"""

from __future__ import annotations

import re

from storyweave.errors import InputError
from storyweave.ingest.common import document_from_bytes
from storyweave.ingest.sniff import HTML
from storyweave.records import Document

# Browsers look for the declaration near the top; pages with long inline scripts push it down.
_DECLARATION_WINDOW = 16 * 1024
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares (``<meta charset>``, http-equiv, or XML declaration)."""
    head = data[:_DECLARATION_WINDOW]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


def parse_html(data: bytes, ref: str) -> Document | InputError:
    """The page in the bytes of an HTML file, or why it cannot be read."""
    return document_from_bytes(data, ref, HTML, declared_charset(data))
