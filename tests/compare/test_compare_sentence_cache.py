"""StoryContext.sentence_of keeps each article's sentence spans: the same answers as a scan."""

from __future__ import annotations

from storyweave.compare.common import StoryContext
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
