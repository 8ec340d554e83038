"""The page's visible text (the fallback when trafilatura finds nothing, and what the dropped
lines are read from): the walk that reads each lxml property once gives what the walk that read
them on each use gave."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from storyweave.clean.html import _BLOCK_TAGS, _SKIPPED_TAGS, _parse, _plain_text, tidy_lines

PAGES = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "extraction"
    / "scrapinghub-aeb"
    / "html"
)

PAGE = """<!DOCTYPE html><html><head><title>T</title><style>p{}</style></head>
<BODY><!-- a comment -->tail of the comment<?pi data?>after the pi
<DIV>One <b>bold</b> word<br>next line<SCRIPT>var x;</SCRIPT>after script</DIV>
<nav>Menu</nav>nav tail<p>Para&nbsp;two <span>\u200b</span> end</p>
<table><tr><td>cell</td><TD>cell two</TD></tr></table>text at the end</BODY></html>"""


def _plain_by_reading_each_use(tree: Any) -> str:
    parts: list[str] = []

    def walk(element: Any) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _SKIPPED_TAGS:
            return
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if tag and element.text:
            parts.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    walk(tree)
    return tidy_lines("".join(parts))


def test_visible_text_of_a_page_with_comments_instructions_and_skipped_tags() -> None:
    tree = _parse(PAGE)
    text = _plain_text(tree)
    assert text == _plain_by_reading_each_use(tree)
    assert "tail of the comment" in text and "after script" in text and "var x" not in text


@pytest.mark.skipif(not PAGES.is_dir(), reason="no scrapinghub pages")
def test_visible_text_of_real_pages() -> None:
    for page in sorted(PAGES.glob("*.html.gz"))[:40]:
        tree = _parse(gzip.decompress(page.read_bytes()).decode("utf-8", "replace"))
        assert _plain_text(tree) == _plain_by_reading_each_use(tree)
