"""Word tokens and word k-gram shingles."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyweave.reuse.shingles import shingles, word_tokens


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
