"""reuse stage: pairwise relations, provenance and article labels (the MinHash fingerprints are
:func:`storyweave.duplicates.fingerprint`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyweave._lazy import lazy_exports

# Light, and imported here so that ``reuse.shingles`` is the function, not its module.
from storyweave.reuse.shingles import shingles

if TYPE_CHECKING:
    from storyweave.reuse.labels import label_articles
    from storyweave.reuse.provenance import direct
    from storyweave.reuse.relate import relate_pair
    from storyweave.reuse.siblings import mark_siblings

# Imported on first use: importing the stage should not load the spin model's tables and word
# vectors that the labels bring (measured: a third of `storyweave dups`' start-up, once).
__getattr__ = lazy_exports(
    __name__,
    {
        "direct": "provenance",
        "label_articles": "labels",
        "mark_siblings": "siblings",
        "relate_pair": "relate",
    },
)

__all__ = [
    "direct",
    "label_articles",
    "mark_siblings",
    "relate_pair",
    "shingles",
]
