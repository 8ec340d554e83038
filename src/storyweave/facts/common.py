"""Helpers shared by the claim extractors: building claims, sentence lookup, word stems."""

from __future__ import annotations

import bisect
import re

from storyweave.ids import content_id
from storyweave.records import Article, Claim
from storyweave.text import sentence_spans

_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


def make_claim(
    article: Article,
    kind: str,
    span: tuple[int, int],
    value: str,
    subject: str = "",
    attrs: dict[str, str] | None = None,
) -> Claim:
    """Build a claim of ``kind`` over ``article.text[start:end]`` with a content-hash id."""
    start, end = span
    return Claim(
        id=content_id(article.id, kind, str(start), str(end)),
        article_id=article.id,
        kind=kind,
        start=start,
        end=end,
        text=article.text[start:end],
        value=value,
        subject=subject,
        attrs=dict(attrs or {}),
    )


class Sentences:
    """Sentence spans of a text with a fast "which sentence holds this offset" lookup."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self._starts = [s for s, _ in self.spans]

    def around(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset`` (or a zero span if none does)."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index >= 0 and self.spans[index][0] <= offset < max(self.spans[index][1], offset + 1):
            return self.spans[index]
        return (offset, offset)


def stem(word: str) -> str:
    """A crude singular form: ``ranges`` -> ``range``, ``missiles`` -> ``missile``."""
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def strip_possessive(name: str) -> str:
    """``Lopez's`` -> ``Lopez``; ``Jones'`` -> ``Jones``."""
    stripped = _POSSESSIVE.sub("", name)
    if name.endswith(("s'", "s’")):
        return name[:-1]
    return stripped or name


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the half-open spans ``a`` and ``b`` share a character."""
    return a[0] < b[1] and b[0] < a[1]
