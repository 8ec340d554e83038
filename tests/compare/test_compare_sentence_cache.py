"""StoryContext.sentence_of keeps each article's sentence spans, is_table_row its answers per
sentence: the same answers as the plain computations."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storyweave.compare.common import StoryContext, is_table_row, table_row
from storyweave.records import Claim
from storyweave.text import sentence_spans

TEXTS = {
    "a": 'Mr. Smith went to Washington. He said: "We won."\nThe U.S. team left at 5 p.m. Done.',
    "b": "  One short line.\n\nAnother one, after a blank line!   Then a third? Yes.  ",
}


def _scanned(text: str, offset: int) -> tuple[int, int]:
    for start, end in sentence_spans(text):
        if start <= offset < end:
            return (start, end)
    return (offset, offset)


def test_sentence_of_answers_as_a_scan_of_the_spans_for_every_offset() -> None:
    ctx = StoryContext("s", {"a": 0, "b": 1}, {"a": "a", "b": "b"}, texts=TEXTS)
    for _ in range(2):  # the second pass reads what the first one kept
        for article_id in ("a", "b"):  # alternating articles: each keeps its own spans
            text = TEXTS[article_id]
            for offset in range(-1, len(text) + 2):
                assert ctx.sentence_of(article_id, offset) == _scanned(text, offset)


def test_sentence_of_an_unknown_article_is_an_empty_span() -> None:
    ctx = StoryContext("s", {}, {}, texts=TEXTS)
    assert ctx.sentence_of("missing", 3) == (3, 3)


def _plain_table_row(sentence: str) -> bool:
    """The table-row test written out per character, as it read before it was kept."""
    if re.search(r"\w\.{4,}\s*[-+]?\d", sentence):
        return True
    tokens = sentence.split()
    figures = sum(any(ch.isdigit() for ch in token) for token in tokens)
    return len(tokens) >= 4 and figures >= 0.34 * len(tokens)


ROW_TOKENS = st.sampled_from(
    ["TIN", "Grade", "A", "410", "tonnes", "3mths", "301.50", "x²", "٣٤", "said", "deposits....219"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW_TOKENS, max_size=9))
def test_is_table_row_answers_as_the_per_character_test(tokens: list[str]) -> None:
    sentence = " ".join(tokens)
    for _ in range(2):  # the second answer is the kept one
        assert is_table_row(sentence) == _plain_table_row(sentence)


def test_table_row_reads_the_claims_sentence() -> None:
    text = "Prices rose. TIN Grade A 410 tonnes 3mths 301.50 302.00. The firm said so."
    ctx = StoryContext("s", {"a": 0}, {"a": "a"}, texts={"a": text})
    claim = Claim("c", "a", "quantity", text.index("410"), text.index("410") + 3, "410", "410")
    other = Claim("d", "a", "quantity", 0, 6, "Prices", "Prices")
    assert table_row(ctx, claim) and not table_row(ctx, other)
