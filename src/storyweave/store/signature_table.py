"""The MinHash signatures of many articles as one array (:class:`SignatureTable`).

A signature as a :class:`~storyweave.records.Signature` holds a tuple of Python ints (about 4 KB
for 128 of them); relating reads every stored article's at once, 75 MiB of the process after
Reuters-21578. Here they are the rows of one unsigned 64-bit array (1 KB each); a ``Signature``
is made again when one is asked for.
"""

from __future__ import annotations

from collections.abc import Container, Sequence
from typing import overload

import numpy as np

from ..records import Signature


class SignatureTable(Sequence[Signature]):
    """Signatures of equal length, in order: ``ids[i]``'s MinHash is ``minhash[i]`` over
    ``shingle_counts[i]`` shingles."""

    def __init__(self, ids: list[str], minhash: np.ndarray, shingle_counts: np.ndarray) -> None:
        self.ids = ids
        self.minhash = minhash
        self.shingle_counts = shingle_counts

    @overload
    def __getitem__(self, index: int) -> Signature: ...

    @overload
    def __getitem__(self, index: slice) -> list[Signature]: ...

    def __getitem__(self, index: int | slice) -> Signature | list[Signature]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        row = range(len(self))[index]
        minhash = tuple(self.minhash[row].tolist())
        return Signature(self.ids[row], minhash, int(self.shingle_counts[row]))

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def of(cls, signatures: Sequence[Signature]) -> SignatureTable:
        """``signatures`` (all of one length) as a table: themselves when they are one."""
        if isinstance(signatures, SignatureTable):
            return signatures
        ids = [s.article_id for s in signatures]
        width = len(signatures[0].minhash) if signatures else 0
        minhash = np.array([s.minhash for s in signatures], dtype=np.uint64)
        minhash = minhash.reshape(len(signatures), width)
        counts = np.array([s.shingle_count for s in signatures], dtype=np.int64)
        return cls(ids, minhash, counts)

    def without(self, ids: Container[str]) -> SignatureTable:
        """These signatures but those of ``ids``, in order."""
        keep = [n for n, i in enumerate(self.ids) if i not in ids]
        return self.rows(keep)

    def with_shingles(self) -> SignatureTable:
        """These signatures but those of no shingle (of empty bodies), in order."""
        return self.rows(np.flatnonzero(self.shingle_counts).tolist())

    def rows(self, rows: list[int]) -> SignatureTable:
        """The signatures of ``rows``, in that order."""
        chosen = np.asarray(rows, dtype=np.int64)
        ids = [self.ids[n] for n in rows]
        return SignatureTable(ids, self.minhash[chosen], self.shingle_counts[chosen])
