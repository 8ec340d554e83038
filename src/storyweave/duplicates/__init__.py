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
        Part,
        dedup,
        dedup_inputs,
        featurize_work,
    )
    from storyweave.duplicates.candidates import (
        LSH_CENTRES,
        MAX_FRAMES,
        MAX_LONELY_PAIRS,
        lsh_shape,
        mix_position,
    )
    from storyweave.duplicates.components import DedupGroup, Links
    from storyweave.duplicates.decisions import (
        ALIGN_BLOCK,
        decide_by_estimate,
        decide_by_words,
        decisive_counts,
    )
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
        sequence_keys,
        shingle_hashes,
        token_hashes,
        whole_text_keys,
    )
    from storyweave.duplicates.pool import keep_freed_memory, start_dedup_workers_early
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
        "ALIGN_BLOCK": "decisions",
        "BATCH_SIZE": "api",
        "DEFAULT_K": "features",
        "DEFAULT_NUM_PERM": "features",
        "DEFAULT_THRESHOLD": "verdict",
        "DedupGroup": "components",
        "DedupResult": "api",
        "Features": "features",
        "LSH_CENTRES": "candidates",
        "Links": "components",
        "MAX_FRAMES": "candidates",
        "MAX_LONELY_PAIRS": "candidates",
        "Part": "api",
        "MAX_APPENDED_WORDS": "verdict",
        "MIN_CONTAINED_WORDS": "verdict",
        "SequenceKeys": "features",
        "band_keys": "features",
        "decide_by_estimate": "decisions",
        "decide_by_words": "decisions",
        "decisive_counts": "decisions",
        "dedup": "api",
        "dedup_inputs": "api",
        "dedup_text": "features",
        "featurize": "features",
        "featurize_work": "api",
        "fingerprint": "features",
        "jaccard": "verdict",
        "keep_freed_memory": "pool",
        "lsh_shape": "candidates",
        "minhash_signatures": "features",
        "mix_position": "candidates",
        "near_duplicate_score": "verdict",
        "sequence_keys": "features",
        "short_text_limit": "verdict",
        "start_dedup_workers_early": "pool",
        "text_similarity": "verdict",
        "token_hashes": "features",
        "shingle_hashes": "features",
        "whole_text_keys": "features",
    },
)

__all__ = [
    "ALIGN_BLOCK",
    "BATCH_SIZE",
    "DEFAULT_K",
    "DEFAULT_NUM_PERM",
    "DEFAULT_THRESHOLD",
    "LSH_CENTRES",
    "MAX_APPENDED_WORDS",
    "MAX_FRAMES",
    "MAX_LONELY_PAIRS",
    "MIN_CONTAINED_WORDS",
    "DedupGroup",
    "DedupResult",
    "Features",
    "Links",
    "Part",
    "SequenceKeys",
    "band_keys",
    "decide_by_estimate",
    "decide_by_words",
    "decisive_counts",
    "dedup",
    "dedup_inputs",
    "dedup_text",
    "featurize",
    "featurize_work",
    "fingerprint",
    "jaccard",
    "keep_freed_memory",
    "lsh_shape",
    "minhash_signatures",
    "mix_position",
    "near_duplicate_score",
    "sequence_keys",
    "shingle_hashes",
    "short_text_limit",
    "start_dedup_workers_early",
    "text_similarity",
    "token_hashes",
    "whole_text_keys",
]
