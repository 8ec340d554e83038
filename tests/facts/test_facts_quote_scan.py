"""quote_spans visits only the characters it acts on: the same spans as a visit of every one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyweave.facts.quotes import QuoteSpan, _can_open, _opens_nested, _trimmed, quote_spans


def _every_character(text: str) -> list[QuoteSpan]:
    """quote_spans as it read before: one step per character of ``text``."""
    spans: list[QuoteSpan] = []
    opened = -1
    for position, char in enumerate(text):
        if char == "\n" and opened >= 0:
            spans.append(_trimmed(text, opened + 1, position, closed=False))
            opened = -1
        pair = text[position : position + 2]
        if pair == "''" and opened >= 0 and text[position - 1 : position] != "'":
            spans.append(_trimmed(text, opened + 1, position, closed=True))
            opened = -1
            continue
        if pair == "``" and opened < 0:
            opened = position + 1
            continue
        if char not in '"“”':
            continue
        if opened < 0:
            if _can_open(text, position):
                opened = position
        elif not _opens_nested(text, position):
            spans.append(_trimmed(text, opened + 1, position, closed=True))
            opened = -1
    if opened >= 0:
        spans.append(_trimmed(text, opened + 1, len(text), closed=False))
    return [s for s in spans if s.end > s.start]


QUOTE_TEXT = st.text(alphabet=st.sampled_from(list("ab B.,\n\t'`\"“”’")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(QUOTE_TEXT)
def test_quote_spans_equal_a_visit_of_every_character(text: str) -> None:
    assert quote_spans(text) == _every_character(text)


def test_quote_spans_of_wire_and_typographic_quotes() -> None:
    text = "``Like this,'' he said. “We will,” she said. \"Open\nnext"
    assert quote_spans(text) == _every_character(text)
    assert [text[s.start : s.end] for s in quote_spans(text)] == ["Like this,", "We will,", "Open"]
