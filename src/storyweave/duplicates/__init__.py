"""Duplicates and near-duplicates: one definition for ``dups`` and for the relations of ``run``.

One module per job: :mod:`.features` (per document: dedup text, word hashes, one-permutation
MinHash, LSH band keys, sequence keys), :mod:`.verdict` (when two texts are near-duplicates),
:mod:`.candidates` (candidate pairs from LSH bands and sequence keys), :mod:`.decisions`
(deciding candidates in bulk), :mod:`.components` (groups as connected components) and
:mod:`.api` (the ``dups`` plan over many inputs, in a process pool).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyweave._lazy import lazy_exports

if TYPE_CHECKING:
    from storyweave.duplicates.api import (
        BATCH_SIZE,
        DedupResult,
        dedup,
        dedup_inputs,
        featurize_work,
    )
    from storyweave.duplicates.candidates import lsh_shape
    from storyweave.duplicates.components import DedupGroup
    from storyweave.duplicates.decisions import decisive_counts
    from storyweave.duplicates.features import (
        DEFAULT_K,
        DEFAULT_NUM_PERM,
        Features,
        SequenceKeys,
        band_keys,
        dedup_text,
        featurize,
        fingerprint,
        minhash_signatures,
        token_hashes,
    )
    from storyweave.duplicates.verdict import (
        DEFAULT_THRESHOLD,
        MAX_APPENDED_WORDS,
        MIN_CONTAINED_WORDS,
        jaccard,
        near_duplicate_score,
        short_text_limit,
        text_similarity,
    )

# Imported on first use: ``storyweave dups`` starts its workers' fork server
# (:mod:`.pool`, standard library only) before numpy and the plan are imported.
__getattr__ = lazy_exports(
    __name__,
    {
        "BATCH_SIZE": "api",
        "DEFAULT_K": "features",
        "DEFAULT_NUM_PERM": "features",
        "DEFAULT_THRESHOLD": "verdict",
        "DedupGroup": "components",
        "DedupResult": "api",
        "Features": "features",
        "MAX_APPENDED_WORDS": "verdict",
        "MIN_CONTAINED_WORDS": "verdict",
        "SequenceKeys": "features",
        "band_keys": "features",
        "decisive_counts": "decisions",
        "dedup": "api",
        "dedup_inputs": "api",
        "dedup_text": "features",
        "featurize": "features",
        "featurize_work": "api",
        "fingerprint": "features",
        "jaccard": "verdict",
        "lsh_shape": "candidates",
        "minhash_signatures": "features",
        "near_duplicate_score": "verdict",
        "short_text_limit": "verdict",
        "text_similarity": "verdict",
        "token_hashes": "features",
    },
)

__all__ = [
    "BATCH_SIZE",
    "DEFAULT_K",
    "DEFAULT_NUM_PERM",
    "DEFAULT_THRESHOLD",
    "MAX_APPENDED_WORDS",
    "MIN_CONTAINED_WORDS",
    "DedupGroup",
    "DedupResult",
    "Features",
    "SequenceKeys",
    "band_keys",
    "decisive_counts",
    "dedup",
    "dedup_inputs",
    "dedup_text",
    "featurize",
    "featurize_work",
    "fingerprint",
    "jaccard",
    "lsh_shape",
    "minhash_signatures",
    "near_duplicate_score",
    "short_text_limit",
    "text_similarity",
    "token_hashes",
]
