"""reuse stage: fingerprints, pairwise relations, provenance and article labels."""

from storyweave.reuse.labels import label_articles
from storyweave.reuse.minhash import band_keys, fingerprint
from storyweave.reuse.provenance import direct
from storyweave.reuse.relate import relate_pair
from storyweave.reuse.shingles import shingles
from storyweave.reuse.siblings import mark_siblings

__all__ = [
    "band_keys",
    "direct",
    "fingerprint",
    "label_articles",
    "mark_siblings",
    "relate_pair",
    "shingles",
]
