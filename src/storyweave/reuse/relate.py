"""Verify a candidate pair of articles: duplicate, near-duplicate, rewrite, reuse, or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from storyweave.duplicates import DEFAULT_K, DEFAULT_THRESHOLD, text_similarity
from storyweave.records import Article, Passage, Relation, RelationKind
from storyweave.reuse.align import (
    MIN_SENTENCE_WORDS,
    align_sentence_words,
    in_order,
)
from storyweave.reuse.passages import DEFAULT_GRAM, DEFAULT_MAX_GAP, DEFAULT_MIN_WORDS, shared_text
from storyweave.reuse.template import (
    is_placeholder,
    passage_texts,
    placeholder_words,
    subject_fill,
    template_fill,
)
from storyweave.text import LazyPattern, sentences, word_tokens

DEFAULT_NEAR_THRESHOLD = DEFAULT_THRESHOLD  # the near-duplicates of `dups`
DEFAULT_MIN_REUSE_WORDS = 25
REWRITE_MIN_SENTENCES = 3
REWRITE_MIN_ALIGNED = 0.6  # share of the shorter text's sentences aligned, in order
REWRITE_MIN_COVER = 0.5  # ... and of the longer text's: both must be mostly the same content
REWRITE_MIN_REWORDED = 0.5  # share of the aligned sentences whose words differ
# Reuse of at least this share of the shorter text makes it a version of the other, whose
# figures it must keep (see reuse.template); a shared paragraph only keeps its own.
MOSTLY_SHARED = 0.5


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
    - ``near-duplicate``: near-duplicates as ``dups`` finds them
      (:func:`storyweave.duplicates.near_duplicate_score`: word-``k``-gram Jaccard >=
      ``near_threshold``, or for short texts one edit or a framing line apart; score = that
      function's score);
    - ``rewrite``: the same content reworded sentence by sentence (see :func:`sentence_rewrite`;
      score = share of the shorter article's sentences aligned);
    - ``reuse``: shared passages (runs of shared ``passage_gram``-grams merged across gaps of up to
      ``max_gap`` words, each at least ``min_passage_words`` long) holding at least
      ``min_reuse_words`` words that neither article quotes; score = shared words / words of
      the shorter article. Text both articles put in quotation marks is a common quotation of a
      source, not evidence that one article copied the other.

    Two reports on one template (near-identical wording around different figures, see
    :func:`storyweave.reuse.template.template_fill`, or the same frame about different subjects,
    :func:`storyweave.reuse.template.subject_fill`) are no relation, nor two pages that share only
    placeholder filler (:func:`storyweave.reuse.template.is_placeholder`).

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
        if placeholder_words(a_words):
            return None
        whole = Passage(0, len(a.text), 0, len(b.text))
        evidence: tuple[str, ...] = (f"identical normalised body ({len(a_words)} words)",)
        return Relation(a.id, b.id, RelationKind.DUPLICATE, 1.0, (whole,), None, evidence)
    shared = shared_text(
        a.text, b.text, n=passage_gram, max_gap=max_gap, min_words=min_passage_words
    )
    if shared.passages and is_placeholder(passage_texts(a.text, b.text, shared.passages)[0]):
        return None
    similarity, near = text_similarity(a.text, b.text, threshold=near_threshold, k=k)
    shorter, longer = (a.text, b.text) if len(a_words) <= len(b_words) else (b.text, a.text)
    if subject_fill(a.text, b.text):
        return None
    if near is not None:
        if template_fill(shorter, longer):
            return None
        evidence = (
            _near_evidence(similarity, near, near_threshold, k),
            _coverage_evidence(shared.shared_words, shared.a_words, shared.b_words),
        )
        return Relation(
            a.id,
            b.id,
            RelationKind.NEAR_DUPLICATE,
            round(near, 4),
            shared.passages,
            None,
            evidence,
        )
    rewrite = sentence_rewrite(a.text, b.text)
    if rewrite is not None and template_fill(shorter, longer):
        return None
    if rewrite is not None:
        evidence = (
            rewrite.describe(),
            _coverage_evidence(shared.shared_words, shared.a_words, shared.b_words),
            f"word-{k}-gram Jaccard {similarity:.3f} < {near_threshold:.2f}",
        )
        return Relation(
            a.id,
            b.id,
            RelationKind.REWRITE,
            round(rewrite.score, 4),
            shared.passages,
            None,
            evidence,
        )
    if shared.unquoted_words < min_reuse_words:
        return None
    score = shared.shared_words / min(shared.a_words, shared.b_words)
    a_shared, b_shared = passage_texts(a.text, b.text, shared.passages)
    if template_fill(*sorted((a_shared, b_shared), key=len)) or (
        score >= MOSTLY_SHARED and template_fill(shorter, longer)
    ):
        return None
    evidence = (
        f"{len(shared.passages)} shared passage(s) of {shared.shared_words} words, "
        f"{shared.unquoted_words} of them outside quotation marks",
        _coverage_evidence(shared.shared_words, shared.a_words, shared.b_words),
        f"word-{k}-gram Jaccard {similarity:.3f} < {near_threshold:.2f}",
    )
    return Relation(
        a.id, b.id, RelationKind.REUSE, round(min(score, 1.0), 4), shared.passages, None, evidence
    )


def _near_evidence(similarity: float, score: float, threshold: float, k: int) -> str:
    """Why two texts are near-duplicates: which rule of
    :func:`storyweave.duplicates.near_duplicate_score` holds."""
    if similarity >= threshold:
        return f"word-{k}-gram Jaccard {similarity:.3f} >= {threshold:.2f}"
    return (
        f"short texts alike word for word (similarity {score:.3f}: one word changed, added or "
        f"removed, or one whole inside the other with a line around it); word-{k}-gram "
        f"Jaccard {similarity:.3f}"
    )


def _coverage_evidence(shared: int, a_words: int, b_words: int) -> str:
    return (
        f"shared passages cover {shared / a_words:.0%} of a ({a_words} words) "
        f"and {min(shared / b_words, 1.0):.0%} of b ({b_words} words)"
    )


@dataclass(frozen=True)
class SentenceRewrite:
    """How two texts align sentence by sentence (counted on the text with fewer sentences)."""

    sentences: int  # sentences of at least MIN_SENTENCE_WORDS words in the shorter text
    other_sentences: int  # the same in the longer text
    aligned: int  # of those, aligned in order with a sentence of the other text
    reworded: int  # of the aligned, those whose words differ

    @property
    def score(self) -> float:
        """Share of the shorter text's sentences that are aligned."""
        return self.aligned / self.sentences if self.sentences else 0.0

    def describe(self) -> str:
        """The alignment in words, for a relation's evidence."""
        return (
            f"{self.aligned} of {self.sentences} sentences align in order, "
            f"{self.reworded} of them reworded"
        )


def sentence_rewrite(a_text: str, b_text: str) -> SentenceRewrite | None:
    """The sentence alignment of two texts when one is the other reworded sentence by sentence.

    That is: at least ``REWRITE_MIN_SENTENCES`` and ``REWRITE_MIN_ALIGNED`` of the sentences of
    the text with fewer sentences align, in order, with a sentence of the other (most of their
    words shared), the aligned sentences are at least ``REWRITE_MIN_COVER`` of the other text's
    (a short text reworded inside a long one is reuse, not the same content), and at least
    ``REWRITE_MIN_REWORDED`` of the aligned sentences differ. None otherwise (independent texts
    align few sentences; verbatim copies reword few). Only prose sentences count (see
    :func:`prose_sentence_words`).
    """
    a_sentences, b_sentences = prose_sentence_words(a_text), prose_sentence_words(b_text)
    a_long = sum(1 for s in a_sentences if len(s) >= MIN_SENTENCE_WORDS)
    b_long = sum(1 for s in b_sentences if len(s) >= MIN_SENTENCE_WORDS)
    if b_long < a_long:
        a_sentences, b_sentences, a_long, b_long = b_sentences, a_sentences, b_long, a_long
    if a_long < REWRITE_MIN_SENTENCES:
        return None
    pairs = in_order(align_sentence_words(a_sentences, b_sentences))
    found = SentenceRewrite(a_long, b_long, len(pairs), sum(1 for p in pairs if p.reworded))
    if found.aligned < max(REWRITE_MIN_SENTENCES, REWRITE_MIN_ALIGNED * found.sentences):
        return None
    if found.aligned < REWRITE_MIN_COVER * found.other_sentences:
        return None
    if found.reworded < REWRITE_MIN_REWORDED * found.aligned:
        return None
    return found


_SENTENCE_END = LazyPattern(r"[.!?…:;][\"'”’»)\]]*$")


def prose_sentence_words(text: str) -> list[list[str]]:
    """Word tokens of each sentence of ``text``, with a list item's left empty.

    A list item is a line that ends without a sentence's closing punctuation: a tour date, a
    fixture, a table row, a heading. Two write-ups of one press release list the same items
    line by line in their own layouts ("June 9 – Tampa, FL @ Arena" and "June 9 -- Arena,
    Tampa, FL"), which would align like a sentence-by-sentence rewrite however independent the
    prose around them.
    """
    return [word_tokens(s) if _SENTENCE_END.search(s.rstrip()) else [] for s in sentences(text)]
