"""The word-vector files read from disk: the vocabulary into a
:class:`~storyweave.reuse.word_index.WordIndex` (kept in the cache folder), the matrix row by
row as rows are asked for (:class:`RowFile`)."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import BinaryIO

import numpy as np

from storyweave.lexicon import cached_file, distinct
from storyweave.reuse.word_index import WordIndex

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
    for k in distinct(_owners(np.flatnonzero(codes >= 0x80), starts, ends)).tolist():
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
            self._read_rows(distinct(asked[slots < 0]))
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
