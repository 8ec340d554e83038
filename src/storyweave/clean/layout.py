"""Lines and paragraphs: splitting input text into blocks, undoing hard wrapping, joining back."""

from __future__ import annotations

import re
from dataclasses import dataclass

_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…:][\"'”’)\]]*$")
_MAX_WRAP_WIDTH = 100  # longer lines: the text has one paragraph per line, nothing is wrapped
_INDENTED = re.compile(r"^(?: {2,}|\t)\S")
_CONTINUATION = re.compile(r"^[\"“'‘(]?[a-z0-9]")


@dataclass(frozen=True)
class Block:
    """One block (paragraph or heading line) of the input.

    ``number`` is the 1-based line number where it starts; ``raw`` is the text as it occurs in
    the input (stripped); ``text`` the same with whitespace normalised (what the body keeps).
    """

    number: int
    raw: str
    text: str


def split_blocks(text: str, unwrap: bool = True) -> list[Block]:
    """Split ``text`` into non-empty blocks: one per line, with hard-wrapped lines rejoined
    (unless ``unwrap`` is false: text extracted from HTML has one paragraph per line)."""
    spans = _line_spans(text)
    lines = [text[start:end] for start, end in spans]
    wrapped = _is_hard_wrapped(lines)
    width = max((len(line.rstrip()) for line in lines), default=0)
    if width > _MAX_WRAP_WIDTH or not unwrap:
        return [
            Block(number, line.strip(), tidy(line))
            for number, line in enumerate(lines, start=1)
            if line.strip()
        ]
    return _unwrap(text, spans, width, wrapped)


def _line_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of the lines of ``text`` (any of \\n, \\r\\n, \\r ends a line)."""
    spans = []
    start = 0
    for match in re.finditer(r"\r\n|\r|\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def tidy(text: str) -> str:
    """Remove invisible characters and collapse runs of white space (incl. no-break spaces)."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def join_blocks(texts: list[str]) -> str:
    """The body: kept blocks, one paragraph each, separated by a blank line."""
    return "\n\n".join(t for t in texts if t)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True for fixed-width text (newswire, e-mail): most lines filled to a common width.

    Requires many long lines of similar length that mostly do not end a sentence, so that a
    scraped page with one paragraph per line is never taken for wrapped text.
    """
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 6:
        return False
    width = sorted(lengths)[int(len(lengths) * 0.9) - 1]
    if not 40 <= width <= 100 or max(lengths) > width + 30:
        return False
    filled = [line for line in lines if len(line.rstrip()) >= 0.6 * width]
    if len(filled) < 0.6 * len(lengths):
        return False
    open_ended = [line for line in filled if not _SENTENCE_END.search(line.rstrip())]
    return len(open_ended) >= 0.5 * len(filled)


def _unwrap(text: str, spans: list[tuple[int, int]], width: int, wrapped: bool) -> list[Block]:
    """Rejoin lines that continue the previous one.

    A line continues the previous one if that one is filled (at least 60% of the text width)
    and does not end a sentence, and the line starts in lower case, or the whole text is hard
    wrapped; in hard-wrapped text, a line in lower case continues any previous line that does
    not end a sentence. An indented line starts a new paragraph in texts that indent their
    paragraphs.
    """
    lines = [text[start:end] for start, end in spans]
    indented_paragraphs = sum(1 for line in lines if _INDENTED.match(line)) >= 2
    blocks: list[Block] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            first, last = spans[current[0]], spans[current[-1]]
            raw = text[first[0] : last[1]].strip()
            joined = " ".join(lines[i].strip() for i in current)
            blocks.append(Block(current[0] + 1, raw, tidy(joined)))
            current.clear()

    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if current and not _continues(lines[current[-1]], line, width, wrapped):
            flush()
        if indented_paragraphs and _INDENTED.match(line):
            flush()
        current.append(index)
    flush()
    return blocks


def _continues(previous: str, line: str, width: int, wrapped: bool) -> bool:
    if _SENTENCE_END.search(previous.rstrip()):
        return False
    if wrapped and line.strip()[:1].islower():
        # a short line that a lower-case line continues: the first line of a wire story
        # whose dateline was cut ("Allis-Chalmers Corp said it asked / lenders to ...")
        return True
    filled = width >= 40 and len(previous.rstrip()) >= 0.6 * width
    if not filled:
        return False
    return wrapped or _CONTINUATION.match(line.strip()) is not None
