"""The vocabulary of the word vectors as an index of a word's row: a few arrays (the words'
UTF-8 bytes, where each starts and ends, their rows and hashes) rather than a dict of Python
strings, saved and loaded as bytes."""

from __future__ import annotations

import array
import itertools
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from typing import BinaryIO

import numpy as np

from storyweave.lexicon import ArrayFormat, mapped_arrays

WORD_MEMO = 65_536  # words whose rows a WordIndex keeps in a dict once asked
_UNSEEN = -2
_FEW_WORDS = 8  # fewer words are looked up one by one: numpy's set-up costs more
_MULTIPLIER = 0x100000001B3  # of the polynomial hash of a word's UTF-8 bytes (see _hash)
_MASK = (1 << 64) - 1


class WordIndex(Mapping[str, int]):
    """A read-only ``{word: row}`` held in arrays: a 64-bit hash of each word, sorted, with its
    row and where the word's UTF-8 bytes are in ``data``. A lookup finds the hash by bisection
    and compares the bytes, so its answers are exact; about 40 bytes a word against 110 in a
    dict of Python strings, and built without making one string per word.

    The words are ``data[starts[k]:ends[k]]`` with rows ``rows[k]``; equal to the dict of them
    (a word given twice keeps its last row), iterated in the order of the rows. The answers
    for the last :data:`WORD_MEMO` words asked are kept in a dict: news repeats its words, and
    a dict answers in a tenth of the time.
    """

    def __init__(self, data: bytes, starts: np.ndarray, ends: np.ndarray, rows: np.ndarray) -> None:
        hashes = _hash_segments(data, starts, ends)
        order = np.argsort(hashes, kind="stable")
        order = order[_last_of_each_word(hashes[order], data, starts[order], ends[order])]
        sorted_rows = np.asarray(rows, dtype=np.int64)[order]
        self._hold(
            data,
            _array("Q", hashes[order], np.uint64),
            _array("q", starts[order], np.int64),
            _array("q", ends[order], np.int64),
            _array("q", sorted_rows, np.int64),
        )

    def _hold(
        self,
        data: bytes | memoryview,
        hashes: array.array[int] | memoryview,
        starts: array.array[int] | memoryview,
        ends: array.array[int] | memoryview,
        rows: array.array[int] | memoryview,
    ) -> None:
        """Keep the index's arrays (sorted by hash, one entry per word): arrays in memory, or
        views of a mapped file (:meth:`load`), either indexed as Python ints."""
        self._data = data
        self._hashes = hashes  # bisected by Python
        self._sorted = np.frombuffer(hashes, dtype=np.uint64)  # searched by numpy
        if not self._sorted.flags.aligned:
            # mapped after the words' bytes, at any offset: numpy would copy an unaligned array
            # on every search (0.2 ms for GloVe's 400,000 hashes), so it gets one aligned copy
            self._sorted = self._sorted.copy()
        self._starts = starts
        self._ends = ends
        self._rows = rows
        self._memo: dict[str, int] = {}

    def save(self, out: BinaryIO) -> None:
        """Write the index to ``out``, to be read back by :meth:`load` without hashing or
        sorting again."""
        parts = [np.frombuffer(self._data, dtype=np.uint8)]
        parts += [np.frombuffer(self._hashes, dtype=np.uint64)]
        parts += [np.frombuffer(a, dtype=np.int64) for a in (self._starts, self._ends, self._rows)]
        for part in parts:
            np.lib.format.write_array(out, part, allow_pickle=False)

    @classmethod
    def load(cls, handle: BinaryIO) -> WordIndex:
        """The index :meth:`save` wrote at the position of ``handle``, mapped from its file,
        not read: a run that looks up a few thousand words reads only the pages they are on."""
        try:
            _, parts = mapped_arrays(handle, _SAVED_TYPES, _SAVED_FORMATS)
        except ValueError as error:
            raise ValueError(f"not a saved WordIndex ({error})") from error
        data, hashes, starts, ends, rows = parts
        if not len(hashes) == len(starts) == len(ends) == len(rows):
            raise ValueError("not a saved WordIndex")
        index = cls.__new__(cls)
        index._hold(data, hashes, starts, ends, rows)
        return index

    @classmethod
    def of(cls, words: Sequence[str], rows: Sequence[int]) -> WordIndex:
        """The index of ``dict(zip(words, rows))``."""
        data, starts, ends = _concatenated(words)
        return cls(data, np.asarray(starts), np.asarray(ends), np.asarray(rows, dtype=np.int64))

    def _find(self, encoded: bytes, h: int, i: int) -> int:
        """The position of the word ``encoded`` (hash ``h``) among the sorted hashes, from
        ``i`` (where ``h`` would be inserted), or -1."""
        while i < len(self._hashes) and self._hashes[i] == h:
            if self._data[self._starts[i] : self._ends[i]] == encoded:
                return i
            i += 1
        return -1

    def _row(self, word: object) -> int:
        if not isinstance(word, str):
            return -1
        row = self._memo.get(word, _UNSEEN)
        if row == _UNSEEN:
            if len(self._memo) >= WORD_MEMO:
                self._memo.clear()
            row = self._memo[word] = self._search((word,))[0]
        return row

    def get(self, word: str, default: int | None = None) -> int | None:  # type: ignore[override]
        row = self._row(word)
        return default if row < 0 else row

    def __getitem__(self, word: str) -> int:
        row = self._row(word)
        if row < 0:
            raise KeyError(word)
        return row

    def __contains__(self, word: object) -> bool:
        return self._row(word) >= 0

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[str]:
        for i in sorted(range(len(self._rows)), key=self._rows.__getitem__):
            yield str(self._data[self._starts[i] : self._ends[i]], "utf-8")

    def rows(self, words: Sequence[str]) -> list[int]:
        """The row of each of ``words``, -1 for a word not in the index."""
        memo = self._memo
        found = [memo.get(w, _UNSEEN) for w in words]
        missing = [w for w, row in zip(words, found, strict=True) if row == _UNSEEN]
        if not missing:
            return found
        if len(memo) + len(missing) > WORD_MEMO:
            memo.clear()
        memo.update(zip(missing, self._search(missing), strict=True))
        return [memo[w] if row == _UNSEEN else row for w, row in zip(words, found, strict=True)]

    def find(self, words: Sequence[str]) -> list[int]:
        """:meth:`rows`, the answers not kept (for words asked once, such as guesses)."""
        return self._search(words)

    def _search(self, words: Sequence[str]) -> list[int]:
        """The row of each of ``words`` (-1 when missing) by their hashes, a few words with
        Python's integers, more with numpy's arrays."""
        if len(words) < _FEW_WORDS:
            found = []
            for word in words:
                encoded = word.encode("utf-8")
                h = _hash(encoded)
                i = self._find(encoded, h, bisect_left(self._hashes, h))
                found.append(self._rows[i] if i >= 0 else -1)
            return found
        data, starts, ends = _concatenated(words)
        hashes = _hash_segments(data, starts, ends)
        at = np.searchsorted(self._sorted, hashes)
        # only a word whose hash is in the index can be in it: the others are not looked at
        hit = self._sorted[np.minimum(at, len(self._sorted) - 1)] == hashes if len(self) else at < 0
        found = [-1] * len(words)
        for k in np.flatnonzero(hit).tolist():
            i = self._find(data[starts[k] : ends[k]], int(hashes[k]), int(at[k]))
            found[k] = self._rows[i] if i >= 0 else -1
        return found


# the arrays of a saved WordIndex: the words' bytes, hashes, starts, ends and rows
_SAVED_TYPES = ("|u1", "<u8", "<i8", "<i8", "<i8")
_SAVED_FORMATS: tuple[ArrayFormat, ...] = ("B", "Q", "q", "q", "q")


def _array(code: str, values: np.ndarray, dtype: type) -> array.array:  # type: ignore[type-arg]
    """``values`` as an ``array.array`` of type ``code`` (one copy)."""
    held = array.array(code)
    held.frombytes(np.ascontiguousarray(values, dtype=dtype).data.cast("B"))
    return held


def _concatenated(words: Sequence[str]) -> tuple[bytes, list[int], list[int]]:
    """The UTF-8 bytes of ``words`` one after the other, and where each begins and ends."""
    encoded = [w.encode("utf-8") for w in words]
    ends = list(itertools.accumulate(map(len, encoded)))
    return b"".join(encoded), [e - len(w) for e, w in zip(ends, encoded, strict=True)], ends


def _hash(encoded: bytes) -> int:
    """The hash :func:`_hash_segments` gives the bytes ``encoded``."""
    h = 0
    for byte in encoded:
        h = (h * _MULTIPLIER + byte + 1) & _MASK
    return h


def _hash_segments(
    data: bytes, starts: np.ndarray | Sequence[int], ends: np.ndarray | Sequence[int]
) -> np.ndarray:
    """The hash of each ``data[starts[k]:ends[k]]``: the sum of ``(byte + 1) * M ** (bytes
    after it)`` modulo 2**64 over its bytes, all segments at once (numpy's uint64 arithmetic
    wraps around), a block of segments at a time to keep the temporary arrays small."""
    first = np.asarray(starts, dtype=np.int64)
    last = np.asarray(ends, dtype=np.int64)
    codes = np.frombuffer(data, dtype=np.uint8)
    powers = np.full(max(int((last - first).max(initial=0)), 1), _MULTIPLIER, dtype=np.uint64)
    powers[0] = 1
    powers = np.cumprod(powers, dtype=np.uint64)
    blocks = [
        _hash_block(codes, first[k : k + _HASH_BLOCK], last[k : k + _HASH_BLOCK], powers)
        for k in range(0, len(first), _HASH_BLOCK)
    ]
    return np.concatenate(blocks) if blocks else np.zeros(0, dtype=np.uint64)


_HASH_BLOCK = 16_384


def _hash_block(
    codes: np.ndarray, first: np.ndarray, last: np.ndarray, powers: np.ndarray
) -> np.ndarray:
    lengths = last - first
    ahead = np.cumsum(lengths) - lengths  # where each segment's bytes begin, all together
    positions = np.repeat(first - ahead, lengths) + np.arange(int(lengths.sum()))
    terms = (codes[positions].astype(np.uint64) + np.uint64(1)) * powers[
        np.repeat(last, lengths) - positions - 1
    ]
    summed = np.concatenate((np.zeros(1, dtype=np.uint64), np.cumsum(terms, dtype=np.uint64)))
    hashes: np.ndarray = summed[ahead + lengths] - summed[ahead]
    return hashes


def _last_of_each_word(
    hashes: np.ndarray, data: bytes, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """Which of the hash-sorted words to keep: all but the earlier ones of a word given more
    than once (a dict keeps the last value)."""
    keep = np.ones(len(hashes), dtype=bool)
    for i in np.flatnonzero(hashes[1:] == hashes[:-1]).tolist():
        later = data[starts[i + 1] : ends[i + 1]]
        for j in range(i, -1, -1):  # an earlier entry of the same hash: the same word?
            if hashes[j] != hashes[i + 1]:
                break
            if keep[j] and data[starts[j] : ends[j]] == later:
                keep[j] = False
                break
    return keep
