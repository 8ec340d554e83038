"""Headline support: whether each of two titled articles reports what the other's title says.

A headline names the event its article reports (who, what, where). Two reports of one event
each use most of the other's headline words somewhere in their text ("Sweden drops Assange rape
investigation" and an article that names Sweden, Assange, the investigation); two articles on
one subject but different events share the subject's vocabulary while one of them lacks most of
the other's headline (a match report and another match's, a transfer and another deal).

The support of a pair is the smaller of the two shares: of A's title words (content words, as
the clusterer counts them) that B's title or text uses, and of B's that A uses. It is a plain
count, without IDF weights, so it does not move as the corpus grows (an article placed
incrementally meets the same support as in a batch run). Articles without a title have no
support to check: pairs with one are left as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from storyweave.cluster.features import WeightedSets, title_terms

_NONE = np.zeros(0, dtype=np.int64)
_CHUNK_ROWS = 4096
_CHUNK_PAIRS = 65536


@dataclass(frozen=True)
class Headlines:
    """Each article's title words and, for every word some title uses, the articles using it."""

    words: np.ndarray  # the vocabulary indices of each article's title words, one after another
    starts: np.ndarray  # where each article's run of ``words`` starts (one more: the end)
    counts: np.ndarray  # per article: how many distinct words its title has (0: no title)
    used: np.ndarray  # sorted keys article * size + term of the articles using a title word
    size: int  # the vocabulary size the keys are made with

    @classmethod
    def of(cls, titles: Sequence[str | None], vectors: WeightedSets) -> Headlines:
        """``titles`` (one per row of ``vectors``, None when untitled) against the terms of
        ``vectors`` (the articles' TF-IDF vectors of title and body)."""
        found = [sorted(title_terms(title)) if title else [] for title in titles]
        wanted = {t for terms in found for t in terms}
        index = {t: i for i, t in enumerate(vectors.vocabulary) if t in wanted}
        size = len(vectors.vocabulary) + 1
        counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        words = [np.array([index[t] for t in terms if t in index], np.int64) for terms in found]
        flat = np.concatenate(words or [_NONE])
        starts = np.concatenate([[0], np.cumsum([len(w) for w in words], dtype=np.int64)])
        in_titles = np.zeros(size, dtype=bool)
        in_titles[flat] = True
        rows = vectors.indices[: len(titles)]
        parts = [_NONE]
        for start in range(0, len(rows), _CHUNK_ROWS):  # bounded temporaries, whatever the corpus
            chunk = rows[start : start + _CHUNK_ROWS]
            terms = np.concatenate(chunk).astype(np.int64)
            lengths = [len(ix) for ix in chunk]
            docs = np.repeat(np.arange(start, start + len(chunk), dtype=np.int64), lengths)
            kept = in_titles[terms]
            parts.append(docs[kept] * size + terms[kept])
        used = np.concatenate(parts)
        used.sort()  # a row holds each term once: the keys are unique (np.unique loads numpy.ma)
        return cls(flat, starts.astype(np.int64), counts, used, size)

    def support(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The support of each pair (a[e], b[e]); NaN when either article has no title."""
        out = np.minimum(self._share(a, b), self._share(b, a))
        titled = (self.counts[a] > 0) & (self.counts[b] > 0)
        return np.where(titled, out, np.nan)

    def factors(self, a: np.ndarray, b: np.ndarray, minimum: float, factor: float) -> np.ndarray:
        """``factor`` for each pair of titled articles with a support under ``minimum``, else 1."""
        out = np.ones(len(a))
        if factor == 1.0 or len(a) == 0:
            return out
        titled = np.flatnonzero((self.counts[a] > 0) & (self.counts[b] > 0))
        for start in range(0, len(titled), _CHUNK_PAIRS):  # bounded temporaries per call
            pairs = titled[start : start + _CHUNK_PAIRS]
            x, y = a[pairs], b[pairs]
            support = np.minimum(self._share(x, y), self._share(y, x))
            out[pairs[support < minimum]] = factor
        return out

    def _share(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """The share of a[e]'s title words that b[e] uses."""
        if len(self.used) == 0:
            return np.zeros(len(a))
        lengths = self.starts[a + 1] - self.starts[a]
        pair = np.repeat(np.arange(len(a)), lengths)
        offset = np.arange(len(pair)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        terms = self.words[self.starts[a][pair] + offset]
        keys = b[pair] * self.size + terms
        where = np.searchsorted(self.used, keys)
        hit = self.used[np.minimum(where, len(self.used) - 1)] == keys
        found = np.bincount(pair[hit], minlength=len(a)).astype(np.float64)
        shares: np.ndarray = found / np.maximum(self.counts[a], 1)
        return shares
