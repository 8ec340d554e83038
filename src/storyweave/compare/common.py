"""Building findings: variants, ids and the order in which findings are reported."""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from storyweave.compare.sources import independent_count
from storyweave.ids import record_id
from storyweave.lexicon import NON_CONTENT_WORDS, NUMBER_WORDS, ORG_WORDS, ROLE_WORDS
from storyweave.records import Claim, Finding, FindingStatus, Variant, status_rank
from storyweave.text import CALENDAR_WORDS, sentence_spans, stem, words

CLAUSE_BOUNDS = ',;:()[]—–"“”'
PHRASE_WORDS_BEFORE = 6
PHRASE_WORDS_AFTER = 5
WHOLE_CLAUSE_SLACK = 4
TABLE_SHARE = 0.34  # of a sentence's tokens, figures, in a table row
TABLE_MIN_TOKENS = 4
_LEADER_DOTS = re.compile(r"\w\.{4,}\s*[-+]?\d")
MAX_DAYS_APART = 3  # reports published further apart than this speak of different moments
_RELATIVE_START = re.compile(r"\s*(?:who|whom|whose|which)\b", re.IGNORECASE)


@dataclass(frozen=True)
class StoryContext:
    """What every aligner needs: the story id, article order and source groups."""

    story_id: str
    order: dict[str, int]  # article id -> position in the story (publication order)
    groups: dict[str, str]  # article id -> independent source id
    texts: dict[str, str] = field(default_factory=dict)  # article id -> Article.text
    # pairs of articles one of which rewords the other (a spinner's or a rewriter's copy)
    reworded: frozenset[frozenset[str]] = frozenset()
    published: dict[str, str] = field(default_factory=dict)  # article id -> day (YYYY-MM-DD)
    spun: frozenset[str] = frozenset()  # articles labelled as a spinner's rewording
    # article id -> its sentence spans and their starts, split once per story
    _sentences: dict[str, tuple[list[tuple[int, int]], list[int]]] = field(
        default_factory=dict, compare=False
    )

    def sentence_of(self, article_id: str, offset: int) -> tuple[int, int]:
        """The span of the sentence of ``article_id`` holding ``offset`` (empty if none)."""
        if article_id not in self._sentences:
            found = sentence_spans(self.texts.get(article_id, ""))
            self._sentences[article_id] = (found, [s for s, _ in found])
        spans, starts = self._sentences[article_id]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and spans[index][0] <= offset < spans[index][1]:
            return spans[index]
        return (offset, offset)

    def sort_articles(self, article_ids: Iterable[str]) -> tuple[str, ...]:
        """``article_ids`` without repeats, in story order."""
        return tuple(
            sorted(set(article_ids), key=lambda a: (self.order.get(a, len(self.order)), a))
        )

    def sources(self, claims: Iterable[Claim]) -> int:
        """Number of independent sources behind ``claims``."""
        return independent_count((c.article_id for c in claims), self.groups)

    def days_apart(self, first: Iterable[Claim], second: Iterable[Claim]) -> int | None:
        """The fewest days between the publication of an article of ``first`` and one of
        ``second``; None unless both have a dated article."""
        days_first, days_second = self._days(first), self._days(second)
        if not days_first or not days_second:
            return None
        return min(abs((a - b).days) for a in days_first for b in days_second)

    def _days(self, claims: Iterable[Claim]) -> set[date]:
        found = set()
        for claim in claims:
            try:
                found.add(date.fromisoformat(self.published.get(claim.article_id, "")))
            except ValueError:
                continue
        return found

    def earliest(self, claims: Iterable[Claim]) -> int:
        """Story position of the earliest article among ``claims``."""
        return min((self.order.get(c.article_id, len(self.order)) for c in claims), default=0)


def clause_phrase(
    ctx: StoryContext,
    claim: Claim,
    before_words: int = PHRASE_WORDS_BEFORE,
    antecedent: bool = False,
    hidden_end: int | None = None,
) -> str:
    """The words of the claim's clause around it, as written, the claim itself (up to
    ``hidden_end``, by default its end) shown as "…" (``the ferry sank on … off the cape``);
    "" when the clause holds fewer than two words besides the claim. A clause that starts at most
    :data:`WHOLE_CLAUSE_SLACK` words further back than ``before_words`` is shown from its
    start: "determining the cause could take …", not "cause could take …"."""
    text = ctx.texts.get(claim.article_id, "")
    hidden_end = claim.end if hidden_end is None else hidden_end
    start, end = ctx.sentence_of(claim.article_id, claim.start)
    left = _bound_before(text, start, claim.start)
    right = _bound_after(text, claim.end, end)
    if (
        antecedent
        and left >= start
        and _RELATIVE_START.match(text[max(left + 1, start) : claim.start])
    ):
        # "Sotloff, who has been missing since …": the clause is about the word before it
        left = _bound_before(text, start, left)
    before = text[max(left + 1, start) : claim.start].split()
    if len(before) > before_words + WHOLE_CLAUSE_SLACK:
        before = before[-before_words:]
    shown = text[hidden_end : claim.end].split()  # a count's counted words
    after = text[claim.end : right].split()[:PHRASE_WORDS_AFTER]
    while before and (
        before[0].lower() in NON_CONTENT_WORDS or not any(c.isalnum() for c in before[0])
    ):
        before = before[1:]  # "of the ferry on …" -> "ferry on …"; a dateline's "-"
    if sum(any(ch.isalpha() for ch in w) for w in (*before, *after)) < 2:
        return ""
    return " ".join([*before, "…", *shown, *after]).strip(" .,")


def _bound_before(text: str, start: int, stop: int) -> int:
    """The last clause boundary in ``text[start:stop]``, or -1."""
    return next((i for i in range(stop - 1, start - 1, -1) if _clause_bound(text, i)), -1)


def _bound_after(text: str, start: int, end: int) -> int:
    """The first clause boundary in ``text[start:end]``, or ``end``."""
    return next((i for i in range(start, end) if _clause_bound(text, i)), end)


def _clause_bound(text: str, i: int) -> bool:
    """Whether ``text[i]`` ends a clause: not the comma of a figure ("79,250")."""
    if text[i] not in CLAUSE_BOUNDS:
        return False
    in_figure = 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()
    return not (text[i] == "," and in_figure)


def sentence_terms(
    ctx: StoryContext, claim: Claim, ignore: frozenset[str] = CALENDAR_WORDS
) -> frozenset[str]:
    """Content words (crude stems) of the claim's sentence, without numbers and the words of
    ``ignore`` (by default calendar words)."""
    start, end = ctx.sentence_of(claim.article_id, claim.start)
    found = set()
    for word in words(ctx.texts.get(claim.article_id, "")[start:end]):
        word = word.removesuffix("'s").removesuffix("’s")
        if word.replace("-", "").isalpha() and word not in NON_CONTENT_WORDS and word not in ignore:
            found.add(stem(word))
    return frozenset(found - NUMBER_WORDS.keys())


def sentence_overlap(
    ctx: StoryContext,
    a: Claim,
    b: Claim,
    ignore: frozenset[str] = CALENDAR_WORDS,
    without: frozenset[str] = frozenset(),
) -> float:
    """Dice overlap of the content words of the two claims' sentences (see
    :func:`sentence_terms`), leaving out the stems ``without``."""
    first = sentence_terms(ctx, a, ignore) - without
    second = sentence_terms(ctx, b, ignore) - without
    return 2 * len(first & second) / max(1, len(first) + len(second))


def table_row(ctx: StoryContext, claim: Claim) -> bool:
    """Whether the claim's sentence is a table row ("TIN Grade A 410 tonnes 3mths 301.50
    302.00"): figures make up :data:`TABLE_SHARE` of its tokens or more, or a label leads to
    its figure by a row of dots ("Foreign deposits.......219")."""
    start, end = ctx.sentence_of(claim.article_id, claim.start)
    return is_table_row(ctx.texts.get(claim.article_id, "")[start:end])


@lru_cache(maxsize=4096)
def is_table_row(sentence: str) -> bool:
    """:func:`table_row` of a sentence's text (kept: a table row holds many figures, each a
    claim that asks about the same sentence)."""
    if _LEADER_DOTS.search(sentence):
        return True
    tokens = sentence.split()
    figures = sum(1 for token in tokens if any(map(str.isdigit, token)))
    return len(tokens) >= TABLE_MIN_TOKENS and figures >= TABLE_SHARE * len(tokens)


def shared_names(ctx: StoryContext, a: Claim, b: Claim) -> set[str]:
    """Names both claims' sentences give, but generic capitalised words ("Company",
    "Minister") that name no one in particular."""
    return (sentence_names(ctx, a) & sentence_names(ctx, b)) - ORG_WORDS - ROLE_WORDS


def sentence_names(ctx: StoryContext, claim: Claim) -> set[str]:
    """Capitalised words of the claim's sentence but its first (names of companies, places,
    people), lower-cased, without calendar words."""
    start, end = ctx.sentence_of(claim.article_id, claim.start)
    found = re.findall(r"\b[A-Z][A-Za-z]+\b", ctx.texts.get(claim.article_id, "")[start:end])
    return {w.lower() for w in found[1:]} - CALENDAR_WORDS


def make_variant(ctx: StoryContext, value: str, claims: Sequence[Claim]) -> Variant:
    """A variant ``value`` stated by ``claims``."""
    return Variant(
        value=value,
        sources=ctx.sort_articles(c.article_id for c in claims),
        claims=tuple(sorted({c.id for c in claims})),
    )


def make_finding(
    ctx: StoryContext,
    kind: str,
    status: str,
    subject: str,
    variants: Sequence[Variant],
    evidence: Sequence[str],
) -> Finding:
    """A finding whose id hashes all of it: story, kind, status, subject, variants (values,
    sources, claims) and evidence, so that two findings that differ in anything (the same quote
    single-sourced by two articles) never share an id."""
    finding = Finding(
        id="",
        story_id=ctx.story_id,
        kind=kind,
        status=status,
        subject=subject,
        variants=tuple(variants),
        evidence=tuple(evidence),
    )
    return dataclasses.replace(finding, id=record_id("finding", finding))


def finding_sort_key(finding: Finding) -> tuple[int, str, str, str]:
    """Disputed, garbled, drifted, corroborated, single-source; then subject."""
    return (status_rank(finding.status), finding.subject, finding.kind, finding.id)


def cap_single_source(findings: list[Finding], limit: int) -> list[Finding]:
    """Keep at most ``limit`` single-source findings (the first in report order)."""
    kept: list[Finding] = []
    single = 0
    for finding in sorted(findings, key=finding_sort_key):
        if finding.status == FindingStatus.SINGLE_SOURCE:
            single += 1
            if single > limit:
                continue
        kept.append(finding)
    return kept
