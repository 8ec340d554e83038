"""Denied statements: one source denies what another source states.

News disputes are often not two numbers but a report and its denial: one outlet writes that a
thing happened, another that the people concerned called it false. A sentence *denies* when it
holds a denial cue (:data:`DENIAL_CUES`): a verb of denial aimed at claims or reports
("dismissed claims that ...", "denied reports", "denies that ..."), or a verdict of falsehood
("... is not true", "a hoax", "baseless", "no plans to"). What it denies is read from its
content words: the words that are neither function words nor part of the cue, compared by a
crude stem so that "plans" meets "planning".

Another independent source *states* it when one of its sentences, without a denial cue of its
own, shares at least :data:`MIN_SHARED` content stems with the denial, of which at least
:data:`MIN_SPECIFIC` are specific to the two sentences rather than the story's common topic
words (stems found in most of the story's sources say only what the story is about). The
finding is ``disputed``, kind ``statement``: one variant holds the stating sentences, the other
the denials; its evidence names the cue and the shared words.

A denial that names no claim of its own ("there is no truth to the story", "the claims are
untrue": besides the cue, at most :data:`MAX_GENERIC_STEMS` words that are neither topic words
nor words for what was said) is read, when nothing else in the story was matched, as denying
what the story reports: its headline, as stated by the sources that hold no denial and share
enough of the denying article's words (:data:`MIN_ARTICLE_OVERLAP`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from storyweave.compare.common import StoryContext, make_finding
from storyweave.facts.common import stem
from storyweave.records import Finding, Variant
from storyweave.reuse.stopwords import is_stopword
from storyweave.text import sentence_spans, word_spans

MIN_SHARED = 4  # content stems a statement shares with the denial
MIN_SPECIFIC = 2  # ... of which not common to most of the story's sources
TOPIC_SHARE = 0.5  # a stem found in more than this share of the sources is a topic word
MIN_SOURCES_FOR_TOPIC = 3  # with fewer sources no stem can be called a topic word
MAX_VALUE_CHARS = 240
MAX_SUBJECT_WORDS = 8
MAX_GENERIC_STEMS = 1  # a denial naming at most this many other words names no claim
# ... and is read as denying the story of the articles whose words it shares this much
# (Jaccard of their content stems; measured on FNC-1: 85% of pairs of one story pass, 7% of
# pairs of different stories).
MIN_ARTICLE_OVERLAP = 0.1
MAX_STATEMENTS = 3  # stating sentences kept per denial (the best matches)

_OBJECTS = (
    r"(?:claims?|reports?|rumou?rs?|allegations?|accusations?|speculation|suggestions?"
    r"|stor(?:y|ies)|assertions?|charges?)"
)
_VERBS = (
    r"(?:den(?:y|ies|ied|ying)|refut(?:e|es|ed|ing)|debunk(?:s|ed|ing)?|dismiss(?:es|ed|ing)?"
    r"|reject(?:s|ed|ing)?|disput(?:e|es|ed|ing)|contradict(?:s|ed|ing)?|deni(?:al|als)"
    r"|dispel(?:s|led|ling)?|rebut(?:s|ted|ting)?|quash(?:es|ed|ing)?|scotch(?:es|ed|ing))"
)
DENIAL_CUES = re.compile(
    rf"\b{_VERBS}\b(?:\s+\S+){{0,4}}?\s+{_OBJECTS}\b"  # dismissed the media's claims
    r"|\bden(?:y|ies|ied|ying)\s+that\b"  # denied that ...
    r"|\b(?:is|was|are|were|be|been|being)\s+(?:not\s+true|untrue|false|fake|fabricated"
    r"|baseless|unfounded|a\s+hoax|a\s+fake|a\s+lie|incorrect|inaccurate"
    r"|an?\s+(?:false|fake|bogus|made-up|fabricated|fictional)\s+(?:story|report|claim|rumou?r))\b"
    r"|\bno\s+truth\b|\bno\s+(?:plans?|intention)\s+to\b"
    r"|\b(?:did\s+not|didn't)\s+happen\b|\bnever\s+happened\b",
    re.IGNORECASE,
)
_SUFFIXES = ("ing", "ed", "e")
# Words by which a denial refers to what was said rather than saying it ("the story is false").
_REFERENCE_WORDS = "claim report rumor rumour allegation story stories news article post account"
_STEM_CHARS = 6


@dataclass(frozen=True)
class _Sentence:
    article_id: str
    start: int
    end: int
    text: str
    stems: frozenset[str]
    cue: str  # the denial cue it holds, or ""


def denial_findings(ctx: StoryContext, headline: str = "") -> list[Finding]:
    """``disputed`` statement findings of the story (see the module doc); ``headline`` is the
    story's headline, what a denial that names nothing of its own is read as denying."""
    if not any(DENIAL_CUES.search(text) for text in ctx.texts.values()):
        return []  # most stories: nothing to read sentence by sentence
    ordered = sorted(ctx.texts, key=lambda aid: (ctx.order.get(aid, len(ctx.order)), aid))
    sentences = [s for aid in ordered for s in _sentences(ctx, aid)]
    denials = [s for s in sentences if s.cue]
    if not denials:
        return []
    topic = _topic_stems(ctx, sentences)
    matched: dict[tuple[_Sentence, ...], list[_Sentence]] = defaultdict(list)
    shared_words: dict[tuple[_Sentence, ...], set[str]] = defaultdict(set)
    generic: list[_Sentence] = []
    for denial in denials:
        statements = _statements_of(ctx, denial, sentences, topic)
        if statements:
            key = tuple(statements)
            matched[key].append(denial)
            for statement in statements:
                shared_words[key] |= statement.stems & denial.stems
        elif len(denial.stems - topic - _REFERENCES) <= MAX_GENERIC_STEMS:
            generic.append(denial)
    findings = [
        _finding(ctx, list(statements), found, shared_words[statements])
        for statements, found in matched.items()
    ]
    if generic and not findings:
        findings.extend(_story_denied(ctx, generic, sentences, headline))
    return findings


def _story_denied(
    ctx: StoryContext, denials: list[_Sentence], sentences: Sequence[_Sentence], headline: str
) -> list[Finding]:
    """A denial that names nothing of its own ("the story is a hoax", "she denied the
    reports") disputes what the story reports: its headline (else the earliest lead sentence)
    as stated by the other sources that hold no denial at all."""
    denying = {ctx.groups.get(d.article_id, d.article_id) for d in denials}
    disputing = {s.article_id for s in sentences if s.cue}
    vocabulary: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        vocabulary[sentence.article_id] |= sentence.stems
    deniers = {d.article_id for d in denials}
    stating = [
        aid
        for aid in ctx.sort_articles(ctx.texts)
        if aid not in disputing
        and ctx.groups.get(aid, aid) not in denying
        and any(_overlap(vocabulary[aid], vocabulary[d]) >= MIN_ARTICLE_OVERLAP for d in deniers)
    ]
    if not stating:
        return []
    claim = headline or next(s.text for s in sentences if s.article_id == stating[0])
    stated = Variant(value=_shorten(claim), sources=tuple(stating))
    denied = Variant(
        value=_shorten(denials[0].text), sources=ctx.sort_articles(d.article_id for d in denials)
    )
    evidence = [
        f'denial cue "{d.cue}" in {d.article_id} at {d.start}-{d.end}, naming no claim of its '
        "own: read as denying what the story reports"
        for d in denials
    ] + [f"reported without any denial by {len(stating)} article(s): " + ", ".join(stating)]
    subject = "denied: " + _shorten(claim, 80)
    return [make_finding(ctx, "statement", "disputed", subject, [stated, denied], evidence)]


def _sentences(ctx: StoryContext, article_id: str) -> list[_Sentence]:
    text = ctx.texts[article_id]
    found = []
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        cue = DENIAL_CUES.search(sentence)
        stems = content_stems(sentence, skip=cue.span() if cue else (0, 0))
        found.append(
            _Sentence(article_id, start, end, sentence, stems, cue.group(0) if cue else "")
        )
    return found


def content_stems(sentence: str, skip: tuple[int, int] = (0, 0)) -> frozenset[str]:
    """Crude stems of the content words of ``sentence``, leaving out the span ``skip``."""
    return frozenset(content_words(sentence, skip))


def content_words(sentence: str, skip: tuple[int, int] = (0, 0)) -> dict[str, str]:
    """The content words of ``sentence`` outside the span ``skip``: each word's crude stem
    mapped to its first spelling in the sentence, in sentence order."""
    found: dict[str, str] = {}
    for start, end in word_spans(sentence):
        if skip[0] <= start < skip[1]:
            continue
        word = sentence[start:end].lower().replace("’", "'")
        if len(word) < 3 or is_stopword(word) or not word[0].isalpha():
            continue
        found.setdefault(content_stem(word), sentence[start:end])
    return found


def content_stem(word: str) -> str:
    """A crude English stem: the singular (:func:`storyweave.facts.common.stem`), then "ing",
    "ed" or a final "e" cut off, a doubled last consonant made single, at most
    :data:`_STEM_CHARS` letters ("planning", "plans" and "planned" give "plan"; "closes" and
    "closing" give "clos")."""
    word = stem(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
        word = word[:-1]
    return word[:_STEM_CHARS]


_REFERENCES = frozenset(content_stem(word) for word in _REFERENCE_WORDS.split())


def _topic_stems(ctx: StoryContext, sentences: Sequence[_Sentence]) -> frozenset[str]:
    """Stems found in more than TOPIC_SHARE of the story's independent sources."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for sentence in sentences:
        by_source[ctx.groups.get(sentence.article_id, sentence.article_id)] |= sentence.stems
    if len(by_source) < MIN_SOURCES_FOR_TOPIC:
        return frozenset()
    counts: dict[str, int] = defaultdict(int)
    for stems in by_source.values():
        for s in stems:
            counts[s] += 1
    return frozenset(s for s, n in counts.items() if n > TOPIC_SHARE * len(by_source))


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _statements_of(
    ctx: StoryContext, denial: _Sentence, sentences: Iterable[_Sentence], topic: frozenset[str]
) -> list[_Sentence]:
    """The sentences of other sources, without a denial cue, that state what ``denial``
    denies: best matches first, at most one per source."""
    source = ctx.groups.get(denial.article_id, denial.article_id)
    best: dict[str, tuple[int, _Sentence]] = {}
    for sentence in sentences:
        other = ctx.groups.get(sentence.article_id, sentence.article_id)
        if sentence.cue or other == source:
            continue
        shared = sentence.stems & denial.stems
        if len(shared) < MIN_SHARED or len(shared - topic) < MIN_SPECIFIC:
            continue
        if other not in best or len(shared) > best[other][0]:
            best[other] = (len(shared), sentence)
    ranked = sorted(best.values(), key=lambda m: (-m[0], ctx.order.get(m[1].article_id, 0)))
    chosen = [s for _, s in ranked[:MAX_STATEMENTS]]
    return sorted(chosen, key=lambda s: (ctx.order.get(s.article_id, 0), s.start))


def _finding(
    ctx: StoryContext,
    statements: list[_Sentence],
    denials: list[_Sentence],
    shared: set[str],
) -> Finding:
    spelled = content_words(denials[0].text)
    words = [spelled[s] for s in spelled if s in shared]
    stated = Variant(
        value=_shorten(statements[0].text),
        sources=ctx.sort_articles(s.article_id for s in statements),
    )
    denied = Variant(
        value=_shorten(denials[0].text),
        sources=ctx.sort_articles(s.article_id for s in denials),
    )
    evidence = [f'denial cue "{d.cue}" in {d.article_id} at {d.start}-{d.end}' for d in denials] + [
        f"stated in {s.article_id} at {s.start}-{s.end}; shared words: "
        + ", ".join(w for w in words if content_stem(w.lower()) in s.stems)
        for s in statements
    ]
    subject = "denied: " + " ".join(words[:MAX_SUBJECT_WORDS])
    return make_finding(ctx, "statement", "disputed", subject, [stated, denied], evidence)


def _shorten(text: str, limit: int = MAX_VALUE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
