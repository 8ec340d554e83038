"""brief stage: the story retold in extracted sentences, each citing its sources (pure, per story).

:func:`make_brief` picks :data:`MIN_SENTENCES` to :data:`MAX_SENTENCES` sentences that are
central to the story: sentences that carry a fact (some claim lies in them) and that most
independent sources also say, judged by the overlap of content words (Dice coefficient of the
word sets, :data:`SIMILAR`). Among sentences saying the same thing, the earliest article's wording
is kept. Each sentence cites every article with a similar sentence. Disputed points are the ids
of disputed findings; the timeline lists the story's dated events (day or month), earliest first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storyweave.compare.dates import group_dates
from storyweave.compare.sources import source_groups
from storyweave.facts.lexicon import STOPWORDS
from storyweave.records import (
    Article,
    Brief,
    BriefSentence,
    Claim,
    Finding,
    Relation,
    Story,
    TimelineEntry,
)
from storyweave.text import sentence_spans, words

__all__ = ["MAX_SENTENCES", "MIN_SENTENCES", "SIMILAR", "make_brief", "similarity"]

MIN_SENTENCES = 3
MAX_SENTENCES = 6
SIMILAR = 0.5  # Dice overlap of content words at which two sentences say the same thing
REDUNDANT = 0.5  # a candidate this close to a chosen sentence adds nothing
MAX_SENTENCES_PER_ARTICLE = 60  # the lead carries the story; bounds the work on long articles
MIN_WORDS = 8
MAX_WORDS = 60
_ENDS_LIKE_PROSE = re.compile(r"[.!?…][\"'”’)\]]*$")
# A sentence opening with a pronoun leans on the one before it; prefer self-contained ones.
_DEPENDENT_OPENERS = frozenset("he she it they this these those his her their its".split())
TIMELINE_WORDS_BEFORE = 12
TIMELINE_WORDS_AFTER = 8


@dataclass(frozen=True)
class _Sentence:
    article_id: str
    rank: int  # the article's position in the story
    start: int
    end: int
    text: str
    terms: frozenset[str]


def make_brief(
    story: Story,
    articles: Sequence[Article],
    claims: Sequence[Claim],
    findings: Sequence[Finding],
    relations: Sequence[Relation],
) -> Brief:
    """The cited brief of ``story`` (see the module docstring)."""
    by_id = {a.id: a for a in articles}
    members = [aid for aid in story.article_ids if aid in by_id]
    order = {aid: i for i, aid in enumerate(members)}
    groups = source_groups(members, relations)
    story_claims = [c for c in claims if c.article_id in order]
    candidates = _candidates([by_id[aid] for aid in members], order, story_claims)
    support = _supports(candidates)
    chosen = _choose(candidates, support, groups)
    sentences = tuple(
        BriefSentence(
            text=candidates[i].text,
            sources=tuple(sorted(support[i], key=lambda a: (order[a], a))),
        )
        for i in sorted(chosen, key=lambda i: (candidates[i].rank, candidates[i].start))
    )
    disputed = tuple(f.id for f in findings if f.status == "disputed" and f.story_id == story.id)
    timeline = _timeline(by_id, order, story_claims)
    return Brief(story_id=story.id, sentences=sentences, disputed=disputed, timeline=timeline)


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two sets of content words (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def content_terms(text: str) -> frozenset[str]:
    """The content words of ``text``: lower-cased, function words dropped."""
    return frozenset(w for w in words(text) if w not in STOPWORDS and not w.isdigit())


def _candidates(
    articles: Sequence[Article], order: dict[str, int], claims: Sequence[Claim]
) -> list[_Sentence]:
    claim_spans: dict[str, list[tuple[int, int]]] = {}
    for claim in claims:
        if claim.attrs.get("mention") == "pronoun":
            continue  # "he" alone is no fact to retell
        claim_spans.setdefault(claim.article_id, []).append((claim.start, claim.end))
    found: list[_Sentence] = []
    for article in articles:
        spans = claim_spans.get(article.id, [])
        for start, end in sentence_spans(article.text)[:MAX_SENTENCES_PER_ARTICLE]:
            text = article.text[start:end]
            count = len(words(text))
            if not MIN_WORDS <= count <= MAX_WORDS:
                continue
            if not _ENDS_LIKE_PROSE.search(text):
                continue  # headlines, captions and menu lines end without punctuation
            if not any(start <= s and e <= end for s, e in spans):
                continue  # a sentence with no fact in it (no name, number, date or quote)
            terms = content_terms(text)
            found.append(_Sentence(article.id, order[article.id], start, end, text, terms))
    return found


def _supports(candidates: Sequence[_Sentence]) -> list[set[str]]:
    """For each candidate, the articles holding a similar sentence (its own included).

    An inverted index over content words limits the comparisons to sentences sharing a word.
    """
    postings: dict[str, list[int]] = {}
    for index, sentence in enumerate(candidates):
        for term in sentence.terms:
            postings.setdefault(term, []).append(index)
    supports: list[set[str]] = []
    for index, sentence in enumerate(candidates):
        support = {sentence.article_id}
        neighbours = {j for term in sentence.terms for j in postings[term] if j != index}
        for j in sorted(neighbours):
            other = candidates[j]
            if other.article_id in support:
                continue
            if similarity(sentence.terms, other.terms) >= SIMILAR:
                support.add(other.article_id)
        supports.append(support)
    return supports


def _choose(
    candidates: list[_Sentence], support: list[set[str]], groups: dict[str, str]
) -> list[int]:
    scored = []
    for index, sentence in enumerate(candidates):
        independent = len({groups.get(a, a) for a in support[index]})
        leans = _leans_on_context(sentence.text)
        scored.append((-independent, leans, sentence.rank, sentence.start, index))
    scored.sort()
    chosen: list[int] = []
    for negative_support, _, _, _, index in scored:
        if len(chosen) >= MAX_SENTENCES:
            break
        if -negative_support < 2 and len(chosen) >= MIN_SENTENCES:
            break  # single-source sentences only to reach the minimum
        terms = candidates[index].terms
        if any(similarity(terms, candidates[c].terms) >= REDUNDANT for c in chosen):
            continue
        chosen.append(index)
    return chosen


def _leans_on_context(text: str) -> bool:
    first = words(text[:20])
    return bool(first) and first[0] in _DEPENDENT_OPENERS


def _timeline(
    by_id: dict[str, Article], order: dict[str, int], claims: Sequence[Claim]
) -> tuple[TimelineEntry, ...]:
    entries: list[TimelineEntry] = []
    for value, group in group_dates(claims).items():
        if len(value) < 7:  # a bare year is background, not an event of the story
            continue
        first = min(group, key=lambda c: (order[c.article_id], c.start))
        text = _context(by_id[first.article_id].text, first)
        sources = tuple(sorted({c.article_id for c in group}, key=lambda a: (order[a], a)))
        entries.append(TimelineEntry(when=value, text=text, sources=sources))
    return tuple(sorted(entries, key=lambda e: (e.when, e.text)))


def _context(text: str, claim: Claim) -> str:
    """A few words around a date: the event it dates."""
    sentence = next(
        ((s, e) for s, e in sentence_spans(text) if s <= claim.start < e),
        (claim.start, claim.end),
    )
    before = [m.start() for m in re.finditer(r"\S+", text[sentence[0] : claim.start])]
    after = [m.end() for m in re.finditer(r"\S+", text[claim.end : sentence[1]])]
    head = before[-TIMELINE_WORDS_BEFORE:]
    start = sentence[0] + head[0] if head else claim.start
    start = min(start, claim.start)
    end = (
        claim.end + after[TIMELINE_WORDS_AFTER - 1]
        if len(after) >= TIMELINE_WORDS_AFTER
        else sentence[1]
    )
    end = max(end, claim.end)
    snippet = " ".join(text[start:end].split())
    if len(before) > TIMELINE_WORDS_BEFORE:
        snippet = "…" + snippet
    if len(after) > TIMELINE_WORDS_AFTER:
        snippet += "…"
    return snippet
