"""Text helpers shared by every stage: word tokens and sentence spans with character offsets, a
crude singular stem, text made safe to print on a terminal, and regular expressions compiled
on first use (:class:`LazyPattern`)."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any


class LazyPattern:
    """A regular expression compiled when it is first used rather than when its module is
    imported, with the methods of ``re.Pattern`` the stages call. For the patterns of what
    most runs never meet (HTML metadata, credit lines, denials, printing odd characters): the
    ~300 patterns of the stages took 0.1 s of a one-article run to compile, a fifth of it for
    patterns that run never used."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int | re.RegexFlag = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, on the first call)."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(self._source, self._flags)
        return compiled

    @property
    def pattern(self) -> str:
        return self._source

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(text, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.compiled.sub(repl, text, count)

    def split(self, text: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled.split(text, maxsplit)


_WORD = re.compile(r"\w+(?:[’'.-]\w+)*", re.UNICODE)

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and
# an opening capital, digit or quote; or at a line break.
_SENTENCE_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n+""")
CALENDAR_WORDS = frozenset(
    (
        "monday tuesday wednesday thursday friday saturday sunday january february march april "
        "may june july august september october november december"
    ).split()
)
"""Names of days and months: capitalised, yet no entity of a story."""

_QUOTES = str.maketrans("“”„‘’", '"""\'\'')
# Terminal escape sequences: CSI (ESC [ or the one-byte CSI), OSC (ESC ], to BEL or ESC \\),
# and two-character ESC sequences; and the control and bidirectional-override characters left.
_ESCAPE_SEQUENCE = LazyPattern(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
)
_LINE_BREAKING = LazyPattern(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = LazyPattern(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof sen rep gov gen col lt sgt st jr sr inc ltd co corp dept univ vs etc "
        "rev fr capt cmdr maj adm cpl pvt det insp supt hon pres "
        "jan feb mar apr jun jul aug sep sept oct nov dec no u.s u.k u.n e.g i.e a.m p.m"
    ).split()
)


def normalize(text: str) -> str:
    """NFKC-normalise and unify quote characters, so that comparisons ignore typography."""
    text = unicodedata.normalize("NFKC", text)
    return text.translate(_QUOTES)


def words(text: str) -> list[str]:
    """Lower-cased word tokens of ``text``."""
    return [word.lower() for word in _WORD.findall(text)]


def word_tokens(text: str) -> list[str]:
    """Normalised, lower-cased word tokens of ``text`` (typography ignored)."""
    return words(normalize(text))


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the word tokens of ``text``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text)]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, whitespace trimmed, in order.

    Splits at sentence-final punctuation followed by a capitalised word, and at line breaks;
    does not split after common abbreviations ("Mr.", "U.S.") or single initials ("J.").
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if "\n" not in match.group(0) and _ends_with_abbreviation(text, match.start()):
            continue
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (see :func:`sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    if text[dot] != ".":
        return False
    before = text[max(0, dot - 12) : dot]
    token = re.split(r"[\s(\[\"“]", before)[-1].lower()
    return (len(token) == 1 and token.isalpha()) or token in _ABBREVIATIONS


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def printable(text: str) -> str:
    """``text`` safe to print on one line of a terminal: escape sequences (colours, cursor
    moves, window titles) and control characters removed, line breaks and tabs made spaces.
    Whatever comes from an article or a file name goes through this before it is printed."""
    if text.isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", _LINE_BREAKING.sub(" ", text))


def stem(word: str) -> str:
    """A crude singular form: ``ranges`` -> ``range``, ``missiles`` -> ``missile``."""
    word = word.lower()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def fold(value: str) -> str:
    """``value`` without accents: ``fiancé`` and ``fiance``, ``Déby`` and ``Deby`` compare
    equal."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
