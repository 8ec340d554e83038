"""Blocks: one per line; hard-wrapped text is rejoined into paragraphs."""

from __future__ import annotations

from storyweave.clean.layout import split_blocks

WRAPPED = (
    "The company said its shareholders approved the merger of a\n"
    "wholly-owned subsidiary with the rival group on Friday.\n"
    "    Under the terms of the merger, each shareholder will\n"
    "receive new stock for each old share held at the close of\n"
    "business.\n"
    " Wire\n"
)


def test_hard_wrapped_text_is_rejoined() -> None:
    blocks = split_blocks(WRAPPED)
    assert [b.text for b in blocks] == [
        "The company said its shareholders approved the merger of a wholly-owned subsidiary "
        "with the rival group on Friday.",
        "Under the terms of the merger, each shareholder will receive new stock for each old "
        "share held at the close of business.",
        "Wire",
    ]
    assert [b.number for b in blocks] == [1, 3, 6]
    for block in blocks:
        assert block.raw in WRAPPED


def test_paragraph_per_line_text_is_not_joined() -> None:
    text = "Short Headline Here\nBy Jane Roe\n" + "A long paragraph of text. " * 6 + "\nnext line"
    assert len(split_blocks(text)) == 4


def test_unwrap_can_be_disabled() -> None:
    assert len(split_blocks(WRAPPED, unwrap=False)) == 6


def test_crlf_and_no_break_spaces() -> None:
    blocks = split_blocks("First\u00a0line\r\n\r\nSecond  line\r")
    assert [(b.number, b.raw, b.text) for b in blocks] == [
        (1, "First\u00a0line", "First line"),
        (3, "Second  line", "Second line"),
    ]
