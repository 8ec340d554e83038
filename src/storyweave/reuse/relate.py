"""Verify a candidate pair of articles: duplicate, near-duplicate, text reuse, or nothing."""

from __future__ import annotations

from storyweave.records import Article, Passage, Relation
from storyweave.reuse.passages import DEFAULT_GRAM, DEFAULT_MAX_GAP, DEFAULT_MIN_WORDS, shared_text
from storyweave.reuse.shingles import DEFAULT_K, jaccard, shingles_of_words, word_tokens

DUPLICATE = "duplicate"
NEAR_DUPLICATE = "near-duplicate"
REUSE = "reuse"
REWRITE = "rewrite"  # same content reworded; not yet produced by relate_pair
RELATION_KINDS = (DUPLICATE, NEAR_DUPLICATE, REUSE, REWRITE)

DEFAULT_NEAR_THRESHOLD = 0.8
DEFAULT_MIN_REUSE_WORDS = 25


def relate_pair(
    a: Article,
    b: Article,
    *,
    near_threshold: float = DEFAULT_NEAR_THRESHOLD,
    k: int = DEFAULT_K,
    passage_gram: int = DEFAULT_GRAM,
    max_gap: int = DEFAULT_MAX_GAP,
    min_passage_words: int = DEFAULT_MIN_WORDS,
    min_reuse_words: int = DEFAULT_MIN_REUSE_WORDS,
) -> Relation | None:
    """Relate two articles by their bodies, or return None when they share no real text.

    - ``duplicate``: identical normalised word sequence (score 1.0);
    - ``near-duplicate``: word-``k``-gram Jaccard >= ``near_threshold`` (score = Jaccard);
    - ``reuse``: shared passages (runs of shared ``passage_gram``-grams merged across gaps of up to
      ``max_gap`` words, each at least ``min_passage_words`` long) holding at least
      ``min_reuse_words`` words that neither article quotes; score = shared words / words of
      the shorter article. Text both articles put in quotation marks is a common quotation of a
      source, not evidence that one article copied the other.

    The relation's ``a`` is the article with the smaller id. No direction is set (see
    ``provenance.direct``).
    """
    if b.id < a.id:
        a, b = b, a
    if a.id == b.id:
        return None
    a_words = word_tokens(a.text)
    b_words = word_tokens(b.text)
    if not a_words or not b_words:
        return None
    if a_words == b_words:
        whole = Passage(0, len(a.text), 0, len(b.text))
        evidence: tuple[str, ...] = (f"identical normalised body ({len(a_words)} words)",)
        return Relation(a.id, b.id, DUPLICATE, 1.0, (whole,), None, evidence)
    shared = shared_text(
        a.text, b.text, n=passage_gram, max_gap=max_gap, min_words=min_passage_words
    )
    similarity = jaccard(set(shingles_of_words(a_words, k)), set(shingles_of_words(b_words, k)))
    if similarity >= near_threshold:
        evidence = (
            f"word-{k}-gram Jaccard {similarity:.3f} >= {near_threshold:.2f}",
            _coverage_evidence(shared.shared_words, shared.a_words, shared.b_words),
        )
        return Relation(
            a.id, b.id, NEAR_DUPLICATE, round(similarity, 4), shared.passages, None, evidence
        )
    if shared.unquoted_words < min_reuse_words:
        return None
    score = shared.shared_words / min(shared.a_words, shared.b_words)
    evidence = (
        f"{len(shared.passages)} shared passage(s) of {shared.shared_words} words, "
        f"{shared.unquoted_words} of them outside quotation marks",
        _coverage_evidence(shared.shared_words, shared.a_words, shared.b_words),
        f"word-{k}-gram Jaccard {similarity:.3f} < {near_threshold:.2f}",
    )
    return Relation(a.id, b.id, REUSE, round(min(score, 1.0), 4), shared.passages, None, evidence)


def _coverage_evidence(shared: int, a_words: int, b_words: int) -> str:
    return (
        f"shared passages cover {shared / a_words:.0%} of a ({a_words} words) "
        f"and {min(shared / b_words, 1.0):.0%} of b ({b_words} words)"
    )
