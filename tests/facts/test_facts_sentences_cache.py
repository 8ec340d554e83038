"""facts.common.Sentences splits a text once for all the extractors: the same spans and the same
``around`` answers as splitting it afresh."""

from __future__ import annotations

from storyweave.facts.common import Sentences
from storyweave.text import sentence_spans

TEXTS = (
    "Dr. Jones arrived on Jan. 5. She said: “It works.”\nThen 3 p.m. came. End",
    "  A line.\n\nB line!  C? D.  ",
    "",
)


def _scanned(text: str, offset: int) -> tuple[int, int]:
    """The last sentence starting at or before ``offset`` (a gap after it counts as its own)."""
    before = [span for span in sentence_spans(text) if span[0] <= offset]
    return before[-1] if before else (offset, offset)


def test_sentences_equal_a_fresh_split_for_every_offset_in_any_order() -> None:
    for _ in range(2):  # again, once every text's split is kept
        for text in TEXTS:
            sentences = Sentences(text)
            assert sentences.spans == sentence_spans(text)
            for offset in range(-1, len(text) + 2):
                assert sentences.around(offset) == _scanned(text, offset)


def test_an_equal_text_built_anew_gets_its_own_text_spans() -> None:
    first = "One. Two."
    second = "".join(["One. ", "Two."])  # equal, another object
    assert Sentences(first).spans == Sentences(second).spans == sentence_spans(first)
