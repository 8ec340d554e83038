"""Shingles, MinHash signatures and LSH band keys."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyweave.errors import UsageError
from storyweave.records import Article
from storyweave.reuse.minhash import band_keys, estimated_jaccard, fingerprint
from storyweave.reuse.shingles import shingles, word_tokens

TEXT = (
    "The city council voted on Tuesday to close the old bridge over the river for repairs, "
    "after engineers found cracks in two of its supporting pillars during a routine inspection."
)


def test_shingles_are_word_kgrams_of_normalised_words() -> None:
    grams = shingles("The “Quick” brown fox jumps over", k=3)
    assert grams == ["the quick brown", "quick brown fox", "brown fox jumps", "fox jumps over"]


def test_short_text_gives_one_shingle_and_empty_gives_none() -> None:
    assert shingles("Only three words", k=5) == ["only three words"]
    assert shingles("  ... ", k=5) == []


@given(st.text(max_size=200), st.integers(min_value=1, max_value=6))
def test_shingles_have_k_words_unless_text_is_short(text: str, k: int) -> None:
    grams = shingles(text, k)
    count = len(word_tokens(text))
    expected = 0 if count == 0 else max(1, count - k + 1)
    assert len(grams) == expected
    assert all(len(gram.split()) == min(k, count) for gram in grams)


def test_fingerprint_is_deterministic_and_sized() -> None:
    article = Article("a1", "r", "s", TEXT)
    first = fingerprint(article, num_perm=64)
    assert first == fingerprint(article, num_perm=64)
    assert len(first.minhash) == 64
    assert first.shingle_count == len(set(shingles(TEXT)))
    assert fingerprint(article, num_perm=64, seed=2).minhash != first.minhash


def test_fingerprint_is_the_same_in_another_process() -> None:
    code = (
        "from storyweave.records import Article\n"
        "from storyweave.reuse.minhash import fingerprint\n"
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
    other = "Scientists announced a new species of frog found in the rainforest canopy last year."
    base = fingerprint(Article("a", "r", "s", TEXT))
    assert estimated_jaccard(base, fingerprint(Article("b", "r", "s", near))) > 0.5
    assert estimated_jaccard(base, fingerprint(Article("c", "r", "s", other))) < 0.2


def test_band_keys_are_stable_and_depend_on_band_values() -> None:
    sig = fingerprint(Article("a", "r", "s", TEXT))
    keys = band_keys(sig, 16, 8)
    assert [band for band, _ in keys] == list(range(16))
    assert keys == band_keys(sig, 16, 8)
    assert all(-(2**63) <= bucket < 2**63 for _, bucket in keys)
    assert len({bucket for _, bucket in keys}) == 16
    with pytest.raises(UsageError):
        band_keys(sig, 32, 8)
