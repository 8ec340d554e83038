"""Shared passages of two texts: maximal runs of shared word n-grams, merged across small edits.

A single changed word breaks every n-gram that covers it, so an edited copy shows up as runs of
shared n-grams separated by gaps of a few words; runs that follow each other in both texts with
small gaps are merged into one passage.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from storyweave.records import Passage
from storyweave.reuse.shingles import tokens_with_spans

DEFAULT_GRAM = 8
DEFAULT_MAX_GAP = 4
DEFAULT_MIN_WORDS = 12
# An n-gram repeated more often than this in one text is a formula, not evidence of reuse.
_MAX_REPEATS = 8


@dataclass(frozen=True)
class WordRun:
    """A shared stretch of words: word indices [a_first, a_end) in a and [b_first, b_end) in b."""

    a_first: int
    a_end: int
    b_first: int
    b_end: int

    @property
    def length(self) -> int:
        """Number of words of the run in ``a``."""
        return self.a_end - self.a_first


@dataclass(frozen=True)
class SharedText:
    """The passages two texts share, with word counts."""

    passages: tuple[Passage, ...]
    shared_words: int  # words of a inside the passages
    unquoted_words: int  # of those, words that neither text puts inside quotation marks
    a_words: int
    b_words: int


def shared_text(
    a_text: str,
    b_text: str,
    *,
    n: int = DEFAULT_GRAM,
    max_gap: int = DEFAULT_MAX_GAP,
    min_words: int = DEFAULT_MIN_WORDS,
) -> SharedText:
    """Find the passages ``a_text`` and ``b_text`` share (character offsets in both)."""
    a_tokens = tokens_with_spans(a_text)
    b_tokens = tokens_with_spans(b_text)
    a_words = [t[0] for t in a_tokens]
    b_words = [t[0] for t in b_tokens]
    runs = word_runs(a_words, b_words, n=n, max_gap=max_gap)
    runs = [r for r in runs if r.length >= min_words]
    a_quoted = quoted_word_mask(a_text, a_tokens)
    b_quoted = quoted_word_mask(b_text, b_tokens)
    passages = tuple(_to_passage(r, a_tokens, b_tokens) for r in runs)
    shared = sum(r.length for r in runs)
    unquoted = sum(_unquoted_in_run(r, a_quoted, b_quoted) for r in runs)
    return SharedText(passages, shared, unquoted, len(a_words), len(b_words))


def word_runs(
    a_words: list[str], b_words: list[str], *, n: int = DEFAULT_GRAM, max_gap: int = DEFAULT_MAX_GAP
) -> list[WordRun]:
    """Merged runs of shared word ``n``-grams between two word lists, in order of ``a``.

    Runs are grown outwards over equal words and over single-word substitutions followed by
    equal words, so that an edit near a passage's edge does not cut the passage short.
    """
    runs = _merge_close(_non_overlapping(_seed_runs(a_words, b_words, n)), max_gap)
    grown = [_grow(run, a_words, b_words) for run in runs]
    return _merge_close(_non_overlapping(grown), max_gap)


_CONFIRM = 2  # equal words needed after a substitution to grow a passage over it


def _grow(run: WordRun, a_words: list[str], b_words: list[str]) -> WordRun:
    a_first, b_first = run.a_first, run.b_first
    while True:
        step = _step(a_words, b_words, a_first - 1, b_first - 1, -1)
        if step == 0:
            break
        a_first, b_first = a_first - step, b_first - step
    a_end, b_end = run.a_end, run.b_end
    while True:
        step = _step(a_words, b_words, a_end, b_end, 1)
        if step == 0:
            break
        a_end, b_end = a_end + step, b_end + step
    return WordRun(a_first, a_end, b_first, b_end)


def _step(a_words: list[str], b_words: list[str], i: int, j: int, direction: int) -> int:
    """Words to grow by from positions i, j: 1 if equal, 1 + _CONFIRM over a substitution."""

    def equal(offset: int) -> bool:
        x, y = i + offset * direction, j + offset * direction
        return 0 <= x < len(a_words) and 0 <= y < len(b_words) and a_words[x] == b_words[y]

    def inside(offset: int) -> bool:
        x, y = i + offset * direction, j + offset * direction
        return 0 <= x < len(a_words) and 0 <= y < len(b_words)

    if equal(0):
        return 1
    if inside(0) and all(equal(k) for k in range(1, _CONFIRM + 1)):
        return 1 + _CONFIRM
    return 0


def _seed_runs(a_words: list[str], b_words: list[str], n: int) -> list[WordRun]:
    """Maximal diagonal runs of n-grams present in both texts."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b_words) - n + 1):
        index[tuple(b_words[j : j + n])].append(j)
    open_runs: dict[int, WordRun] = {}  # diagonal (i - j) -> run still being extended
    runs: list[WordRun] = []
    for i in range(len(a_words) - n + 1):
        positions = index.get(tuple(a_words[i : i + n]), [])
        if len(positions) > _MAX_REPEATS:
            continue
        for j in positions:
            diagonal = i - j
            run = open_runs.get(diagonal)
            if run is not None and run.a_end == i + n - 1:
                open_runs[diagonal] = WordRun(run.a_first, i + n, run.b_first, j + n)
                continue
            if run is not None:
                runs.append(run)
            open_runs[diagonal] = WordRun(i, i + n, j, j + n)
    runs.extend(open_runs.values())
    return runs


def _non_overlapping(runs: list[WordRun]) -> list[WordRun]:
    """Longest runs first; drop runs overlapping a kept one in either text. Ordered by ``a``."""
    kept: list[WordRun] = []
    for run in sorted(runs, key=lambda r: (-r.length, r.a_first, r.b_first)):
        if all(_disjoint(run, other) for other in kept):
            kept.append(run)
    return sorted(kept, key=lambda r: (r.a_first, r.b_first))


def _disjoint(x: WordRun, y: WordRun) -> bool:
    a_apart = x.a_end <= y.a_first or y.a_end <= x.a_first
    b_apart = x.b_end <= y.b_first or y.b_end <= x.b_first
    return a_apart and b_apart


def _merge_close(runs: list[WordRun], max_gap: int) -> list[WordRun]:
    """Merge runs that follow each other in both texts with at most ``max_gap`` words between."""
    merged: list[WordRun] = []
    for run in runs:
        if merged:
            last = merged[-1]
            a_gap = run.a_first - last.a_end
            b_gap = run.b_first - last.b_end
            if 0 <= a_gap <= max_gap and 0 <= b_gap <= max_gap:
                merged[-1] = WordRun(last.a_first, run.a_end, last.b_first, run.b_end)
                continue
        merged.append(run)
    return merged


def _to_passage(
    run: WordRun, a_tokens: list[tuple[str, int, int]], b_tokens: list[tuple[str, int, int]]
) -> Passage:
    return Passage(
        a_start=a_tokens[run.a_first][1],
        a_end=a_tokens[run.a_end - 1][2],
        b_start=b_tokens[run.b_first][1],
        b_end=b_tokens[run.b_end - 1][2],
    )


def _unquoted_in_run(run: WordRun, a_quoted: list[bool], b_quoted: list[bool]) -> int:
    count = 0
    for offset in range(run.length):
        i = run.a_first + offset
        j = min(run.b_first + offset, run.b_end - 1)
        if not a_quoted[i] and not b_quoted[j]:
            count += 1
    return count


_QUOTES = frozenset('"“”„«»')


def quoted_word_mask(text: str, tokens: list[tuple[str, int, int]]) -> list[bool]:
    """For each token, whether it lies inside double quotation marks.

    Quote state resets at each line break: a quote that runs on into a new paragraph re-opens
    there by convention, and an unbalanced mark then spoils one paragraph only.
    """
    inside_at: list[bool] = []
    inside = False
    position = 0
    for _, start, _end in tokens:
        while position < start:
            char = text[position]
            if char == "\n":
                inside = False
            elif char in _QUOTES:
                inside = not inside
            position += 1
        inside_at.append(inside)
    return inside_at
