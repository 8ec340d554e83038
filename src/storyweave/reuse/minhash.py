"""MinHash signatures of article bodies and their LSH band keys.

MinHash is computed by ``rensa`` (RMinHash), which hashes shingles with a fixed, seeded hash: the
same text and seed give the same signature in every process (checked by a test that runs two
interpreters with different PYTHONHASHSEED values).
"""

from __future__ import annotations

import hashlib
import struct

from rensa import RMinHash

from storyweave.errors import UsageError
from storyweave.records import Article, Signature
from storyweave.reuse.shingles import DEFAULT_K, shingles

DEFAULT_NUM_PERM = 128
DEFAULT_SEED = 1


def fingerprint(
    article: Article,
    *,
    num_perm: int = DEFAULT_NUM_PERM,
    k: int = DEFAULT_K,
    seed: int = DEFAULT_SEED,
) -> Signature:
    """MinHash signature of the word ``k``-gram shingles of ``article.text``."""
    grams = sorted(set(shingles(article.text, k)))
    minhash = RMinHash(num_perm=num_perm, seed=seed)
    if grams:
        minhash.update(grams)
    return Signature(
        article_id=article.id,
        minhash=tuple(int(v) for v in minhash.digest()),
        shingle_count=len(grams),
    )


def estimated_jaccard(a: Signature, b: Signature) -> float:
    """Jaccard similarity estimated from two signatures of equal length."""
    if len(a.minhash) != len(b.minhash) or not a.minhash:
        raise UsageError("signatures must have the same, non-zero number of permutations")
    same = sum(1 for x, y in zip(a.minhash, b.minhash, strict=True) if x == y)
    return same / len(a.minhash)


def band_keys(sig: Signature, bands: int, rows: int) -> list[tuple[int, int]]:
    """LSH keys of ``sig``: (band index, stable signed 64-bit hash of that band's values).

    The bucket hash is BLAKE2b (not Python's ``hash()``), so keys agree across processes and
    engines. It is signed so that it fits a SQL BIGINT.
    """
    if bands < 1 or rows < 1:
        raise UsageError("bands and rows must be positive")
    if bands * rows > len(sig.minhash):
        raise UsageError(
            f"bands*rows = {bands * rows} exceeds the signature length {len(sig.minhash)}"
        )
    keys: list[tuple[int, int]] = []
    for band in range(bands):
        values = sig.minhash[band * rows : (band + 1) * rows]
        packed = struct.pack(f">{rows}Q", *values)
        digest = hashlib.blake2b(packed, digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "big", signed=True)))
    return keys
