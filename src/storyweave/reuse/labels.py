"""Article labels from relations and removed boilerplate: original, syndicated, scraped, spun."""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz.distance import Levenshtein

from storyweave.records import Article, Label, Relation
from storyweave.reuse.provenance import credit_signs, scraper_signs
from storyweave.reuse.relate import DUPLICATE, NEAR_DUPLICATE, REUSE
from storyweave.reuse.shingles import word_tokens
from storyweave.reuse.stopwords import is_stopword
from storyweave.text import sentences

ORIGINAL = "original"
SYNDICATED = "syndicated"
SCRAPED = "scraped"
SPUN = "spun"

SYNDICATION_MIN_SCORE = 0.8  # a syndicated copy keeps (nearly) all of the text
SPIN_MIN_SENTENCES = 3
SPIN_MIN_RATE = 0.25  # share of aligned sentences that carry word swaps
_ALIGN_MIN_OVERLAP = 0.5
_MIN_SENTENCE_WORDS = 6


@dataclass(frozen=True)
class Swap:
    """One single-word substitution between aligned sentences of two texts."""

    sentence: int  # index of the sentence in the first text
    first: str
    second: str


def label_articles(articles: Sequence[Article], relations: Sequence[Relation]) -> list[Article]:
    """Return ``articles`` (same order) with ``labels`` filled, each label with its evidence."""
    by_id = {a.id: a for a in articles}
    doc_freq = _document_frequency(articles)
    spun = _spun_articles(relations, by_id, doc_freq)
    labelled: list[Article] = []
    for article in articles:
        labels: dict[str, list[str]] = {}
        scraped = scraper_signs(article)
        if scraped:
            labels[SCRAPED] = scraped
        if article.id in spun:
            labels[SPUN] = spun[article.id]
        syndicated = _syndication_evidence(article, relations)
        if syndicated:
            labels[SYNDICATED] = syndicated
        if not labels:
            original = _original_evidence(article, relations)
            if original:
                labels[ORIGINAL] = original
        new = tuple(Label(name, tuple(labels[name])) for name in sorted(labels))
        labelled.append(replace(article, labels=new))
    return labelled


def _original_evidence(article: Article, relations: Sequence[Relation]) -> list[str]:
    evidence: list[str] = []
    for relation in relations:
        direction = relation.direction
        if direction is None:
            continue
        if direction.copy == article.id:
            return []
        if direction.origin == article.id:
            why = "; ".join(direction.evidence)
            evidence.append(f"origin of {direction.copy} ({relation.kind}): {why}")
    return evidence


def _syndication_evidence(article: Article, relations: Sequence[Relation]) -> list[str]:
    credits = credit_signs(article)
    if not credits:
        return []
    copies_of = [
        r
        for r in relations
        if r.direction is not None
        and r.direction.copy == article.id
        and (r.kind in (DUPLICATE, NEAR_DUPLICATE) or r.score >= SYNDICATION_MIN_SCORE)
    ]
    if not copies_of:
        return []
    evidence = [
        f"copy of {r.direction.origin} ({r.kind}, score {r.score:.2f})"
        for r in copies_of
        if r.direction is not None
    ]
    return evidence + credits


def _spun_articles(
    relations: Sequence[Relation], by_id: dict[str, Article], doc_freq: Counter[str]
) -> dict[str, list[str]]:
    spun: dict[str, list[str]] = {}
    for relation in relations:
        if relation.kind not in (NEAR_DUPLICATE, REUSE):
            continue
        a, b = by_id.get(relation.a), by_id.get(relation.b)
        if a is None or b is None:
            continue
        swaps, aligned = word_swaps(a.text, b.text)
        swapped_sentences = {s.sentence for s in swaps}
        if len(swapped_sentences) < SPIN_MIN_SENTENCES:
            continue
        if len(swapped_sentences) < SPIN_MIN_RATE * aligned:
            continue
        target, why = _spun_side(relation, swaps, doc_freq)
        if target is None:
            continue
        first_is_target = target == relation.a
        examples = [_describe_swap(s, first_is_target) for s in swaps[:4]]
        spun.setdefault(target, []).append(
            f"{len(swaps)} single-word swaps in {len(swapped_sentences)} of {aligned} sentences "
            f"aligned with {relation.b if first_is_target else relation.a} ({why})"
        )
        spun[target].extend(examples)
    return spun


def _describe_swap(swap: Swap, first_is_target: bool) -> str:
    original, spun = (swap.second, swap.first) if first_is_target else (swap.first, swap.second)
    return f"{original}→{spun} in sentence {swap.sentence + 1}"


def _spun_side(
    relation: Relation, swaps: list[Swap], doc_freq: Counter[str]
) -> tuple[str | None, str]:
    if relation.direction is not None:
        return relation.direction.copy, "it is the copy: " + "; ".join(relation.direction.evidence)
    # Spinners replace words with rarer synonyms: the side whose swapped-in words are rarer
    # across the articles at hand is taken as the spun one.
    first = sum(doc_freq[s.first] for s in swaps)
    second = sum(doc_freq[s.second] for s in swaps)
    if first == second:
        return None, ""
    target = relation.a if first < second else relation.b
    return target, "its swapped words are the rarer ones across the input"


def _document_frequency(articles: Sequence[Article]) -> Counter[str]:
    freq: Counter[str] = Counter()
    for article in articles:
        freq.update(set(word_tokens(article.text)))
    return freq


def word_swaps(a_text: str, b_text: str) -> tuple[list[Swap], int]:
    """Single-word content-word swaps between aligned sentences, and the number aligned.

    Each sentence of ``a_text`` is aligned with the sentence of ``b_text`` sharing most words
    (at least half of their word sets). A sentence counts as swapped when most of its edits are
    one-for-one replacements of content words (not function words, not numbers).
    """
    b_sentences = [word_tokens(s) for s in sentences(b_text)]
    b_sets = [set(s) for s in b_sentences]
    swaps: list[Swap] = []
    aligned = 0
    for index, sentence in enumerate(sentences(a_text)):
        a_words = word_tokens(sentence)
        if len(a_words) < _MIN_SENTENCE_WORDS:
            continue
        match = _best_match(set(a_words), b_sets)
        if match is None:
            continue
        aligned += 1
        swaps.extend(_sentence_swaps(index, a_words, b_sentences[match]))
    return swaps, aligned


def _best_match(words: set[str], candidates: list[set[str]]) -> int | None:
    best, best_score = None, _ALIGN_MIN_OVERLAP
    for index, other in enumerate(candidates):
        if not other:
            continue
        score = len(words & other) / len(words | other)
        if score >= best_score and (best is None or score > best_score):
            best, best_score = index, score
    return best


def _sentence_swaps(index: int, a_words: list[str], b_words: list[str]) -> list[Swap]:
    matcher = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False)
    swaps: list[Swap] = []
    other_edits = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if (
            tag == "replace"
            and i2 - i1 == 1
            and j2 - j1 == 1
            and _content(a_words[i1], b_words[j1])
        ):
            swaps.append(Swap(index, a_words[i1], b_words[j1]))
        else:
            other_edits += 1
    if not swaps or other_edits > len(swaps):
        return []
    return swaps


def _content(first: str, second: str) -> bool:
    """Whether replacing ``first`` by ``second`` looks like a synonym swap.

    Function words, numbers and spelling or inflection variants ("judgement"/"judgment",
    "add"/"adds", "fiance"/"fiancé") are ordinary editing, not spinning.
    """
    return not (
        is_stopword(first)
        or is_stopword(second)
        or first.isdigit()
        or second.isdigit()
        or _spelling_variants(first, second)
    )


_VARIANT_SIMILARITY = 0.6
_STEM = 4


def _spelling_variants(first: str, second: str) -> bool:
    if Levenshtein.normalized_similarity(_fold(first), _fold(second)) >= _VARIANT_SIMILARITY:
        return True
    return first[:_STEM] == second[:_STEM]  # inflections of one stem: "allies"/"allied"


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if c.isalnum())
