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


def test_a_short_first_line_continued_in_lower_case_is_rejoined() -> None:
    # A wire story whose dateline was cut: its first line is shorter than the rest.
    text = (
        "The harbour board said it asked\n"
        "lenders and other groups to approve a plan that would cut the\n"
        "value of the existing stock of the ferry company by half.\n"
        "    The board said it would sell all of its businesses other\n"
        "than the ferry line, raise more than ten million crowns and\n"
        "pay part of the outstanding debt of the company with the money.\n"
        "    Under the plan, which was presented to the lenders, the\n"
        "unions and the town council, most of the debt would become stock.\n"
    )
    blocks = split_blocks(text)
    assert blocks[0].text.startswith("The harbour board said it asked lenders and other groups")
    assert len(blocks) == 3


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
