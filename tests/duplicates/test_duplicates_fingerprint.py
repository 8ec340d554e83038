"""The MinHash signatures of ``run`` (the one MinHash of ``dups``) and their LSH band keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from storyweave.duplicates import band_keys, fingerprint, text_similarity
from storyweave.duplicates.features import agreements
from storyweave.engines.local import candidate_pairs
from storyweave.errors import UsageError
from storyweave.records import Article, Signature
from storyweave.reuse.shingles import shingles

TEXT = (
    "The city council voted on Tuesday to close the old bridge over the river for repairs, "
    "after engineers found cracks in two of its supporting pillars during a routine inspection."
)
OTHER = "Scientists announced a new species of frog found in the rainforest canopy last year."


def _estimate(a: Signature, b: Signature) -> float:
    same, sampled = agreements(
        np.array([a.minhash], dtype=np.uint32), np.array([b.minhash], dtype=np.uint32)
    )
    return int(same[0]) / int(sampled[0])


def test_fingerprint_is_deterministic_and_sized() -> None:
    article = Article("a1", "r", "s", TEXT)
    first = fingerprint(article, num_perm=64)
    assert first == fingerprint(article, num_perm=64)
    assert len(first.minhash) == 64
    assert first.shingle_count == len(set(shingles(TEXT)))
    assert fingerprint(Article("a1", "r", "s", OTHER), num_perm=64).minhash != first.minhash


def test_a_body_without_words_has_no_shingles() -> None:
    assert fingerprint(Article("e", "r", "s", " ... ")).shingle_count == 0


def test_fingerprint_is_the_same_in_another_process() -> None:
    code = (
        "from storyweave.records import Article\n"
        "from storyweave.duplicates import fingerprint\n"
        f"print(list(fingerprint(Article('a1', 'r', 's', {TEXT!r}), num_perm=16).minhash))"
    )
    outputs = set()
    for hash_seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(Path(__file__).parents[2] / "src")},
        )
        outputs.add(result.stdout.strip())
    assert outputs == {str(list(fingerprint(Article("a1", "r", "s", TEXT), num_perm=16).minhash))}


def test_similar_texts_have_similar_signatures() -> None:
    near = TEXT.replace("Tuesday", "Wednesday")
    base = fingerprint(Article("a", "r", "s", TEXT))
    assert _estimate(base, fingerprint(Article("b", "r", "s", near))) > 0.5
    assert _estimate(base, fingerprint(Article("c", "r", "s", OTHER))) < 0.2


def test_band_keys_are_stable_and_depend_on_band_values() -> None:
    sig = np.array([fingerprint(Article("a", "r", "s", TEXT)).minhash], dtype=np.uint32)
    keys = band_keys(sig, 16, 8)
    assert keys.shape == (1, 16)
    assert np.array_equal(keys, band_keys(sig.copy(), 16, 8))
    assert len(set(keys[0].tolist())) == 16
    changed = sig.copy()
    changed[0, 3] ^= 1  # place 3 is in band 3
    differ = np.flatnonzero(band_keys(changed, 16, 8)[0] != keys[0]).tolist()
    assert differ == [3]


def test_candidate_pairs_come_from_shared_bands_and_refuse_too_many_places() -> None:
    near = TEXT.replace("Tuesday", "Wednesday")
    sigs = [
        fingerprint(Article(i, "r", "s", t)) for i, t in (("a", TEXT), ("b", near), ("c", OTHER))
    ]
    assert candidate_pairs(sigs, bands=32, rows=4) == [("a", "b")]
    with pytest.raises(UsageError):
        candidate_pairs(sigs, bands=32, rows=8)


def test_run_and_dups_share_one_definition_of_near_duplicate() -> None:
    # A short text and the same with a line appended: no 0.8 shingle Jaccard, but one text
    # whole at the start of the other, which dups counts as a near-duplicate.
    short = "Harbour ferries resume on Monday after the storm repairs finished early"
    similarity, score = text_similarity(short, short + " read more at our website today")
    assert similarity < 0.8
    assert score is not None
