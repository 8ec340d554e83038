"""reuse stage: pairwise relations, provenance and article labels (the MinHash fingerprints are
:func:`storyweave.duplicates.fingerprint`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyweave._lazy import lazy_exports

# Light, and imported here so that ``reuse.shingles`` is the function, not its module.
from storyweave.reuse.shingles import shingles

if TYPE_CHECKING:
    from storyweave.reuse.labels import (
        NameSigns,
        Swap,
        WordSwaps,
        label_articles,
        name_signs,
        related_ids,
        swap_readings,
        word_choice_evidence,
        word_swaps,
    )
    from storyweave.reuse.passages import DEFAULT_GRAM
    from storyweave.reuse.provenance import direct, published_at
    from storyweave.reuse.relate import relate_pair
    from storyweave.reuse.siblings import (
        SiblingMemo,
        SiblingQuestion,
        Siblings,
        mark_siblings,
    )
    from storyweave.reuse.spin import default_lexicon, word_choice_model
    from storyweave.reuse.template import figures
    from storyweave.reuse.trees import TreeEnsemble, ensemble_from_dict

# Imported on first use: importing the stage should not load the spin model's tables and word
# vectors that the labels bring (measured: a third of `storyweave dups`' start-up, once).
__getattr__ = lazy_exports(
    __name__,
    {
        "DEFAULT_GRAM": "passages",
        "NameSigns": "labels",
        "name_signs": "labels",
        "related_ids": "labels",
        "Swap": "labels",
        "WordSwaps": "labels",
        "TreeEnsemble": "trees",
        "default_lexicon": "spin",
        "direct": "provenance",
        "ensemble_from_dict": "trees",
        "figures": "template",
        "label_articles": "labels",
        "mark_siblings": "siblings",
        "SiblingMemo": "siblings",
        "SiblingQuestion": "siblings",
        "Siblings": "siblings",
        "published_at": "provenance",
        "relate_pair": "relate",
        "swap_readings": "labels",
        "word_choice_evidence": "labels",
        "word_choice_model": "spin",
        "word_swaps": "labels",
    },
)

__all__ = [
    "DEFAULT_GRAM",
    "NameSigns",
    "SiblingMemo",
    "SiblingQuestion",
    "Siblings",
    "Swap",
    "TreeEnsemble",
    "WordSwaps",
    "default_lexicon",
    "direct",
    "ensemble_from_dict",
    "figures",
    "label_articles",
    "mark_siblings",
    "name_signs",
    "published_at",
    "relate_pair",
    "related_ids",
    "shingles",
    "swap_readings",
    "word_choice_evidence",
    "word_choice_model",
    "word_swaps",
]
