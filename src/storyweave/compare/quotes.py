"""Quotes aligned across a story: the same speaker's words, corroborated or drifted.

Two quotes align when their speakers are compatible (same key, a shared name word, or a name
that differs only by a garbled surname) and their words match: the words of the shorter quote
found, in order, in the longer (difflib matching blocks) make up at least
:data:`MIN_SPEAKER_MATCH` of it, with at least :data:`MIN_MATCHED_WORDS` words (or, for a short
partial quote, :data:`~storyweave.compare.quote_drift.MIN_SHORT_QUOTE_MATCH` with
:data:`MIN_SHORT_QUOTE_WORDS` words); a quote without a speaker needs
:data:`MIN_UNATTRIBUTED_MATCH`. A quote that is a contiguous excerpt of another is the same
wording. Different wordings of one aligned quote make it ``drifted``.

Wordings are compared by word keys (:mod:`storyweave.compare.quote_keys`), so that what differs
only in spelling is one wording. A quote cut with an ellipsis (``"We will … win"``) matches any
wording holding its pieces in order. How two wordings stand to each other, one wording, a
drift or two remarks, is decided in :mod:`storyweave.compare.quote_drift`.

Two wordings said on different occasions are two remarks, not a drift: when every article of
one was published more than :data:`MAX_DAYS_APART` days from every article of the other, or when
both attributions name where the words were said ("told a Senate committee", "in an interview
with CNN") and the two places share no word. Press audiences ("told reporters", "a news
conference") name no particular occasion.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from storyweave.compare.common import MAX_DAYS_APART, StoryContext, make_finding, make_variant
from storyweave.compare.quote_drift import (
    MIN_DRIFT_RUN,
    MIN_SHORT_QUOTE_MATCH,
    MIN_TYPO_LETTERS,
    SAME_WORDS,
    match_share,
    matching,
    wording_relation,
)
from storyweave.compare.quote_keys import (
    EDITOR_MARK,
    ELLIPSIS,
    keys,
    letters_of,
    marked_keys,
    words_of,
)
from storyweave.graph import components
from storyweave.lexicon import ROLE_WORDS, is_function_word
from storyweave.records import Claim, FactKind, Finding, FindingStatus
from storyweave.text import LazyPattern

MIN_SPEAKER_MATCH = 0.35
MIN_MATCHED_WORDS = 5
MIN_SHORT_QUOTE_WORDS = 3
MIN_UNATTRIBUTED_MATCH = 0.9
SUBJECT_WORDS = 6
MIN_TITLE_WORDS = 3
TITLE_SHARE = 0.75
VENUE_WORDS = 5
_VENUE = LazyPattern(
    r"\b(?:told|interview with|interviewed by|testified before|testifying before|testimony to"
    r"|speech to|address to|speaking to|appearing on)\s+"
    r"(?P<venue>[^,.;:()\"“”]+)",
    re.IGNORECASE,
)
_VENUE_END = LazyPattern(
    r"\b(?:that|in|on|at|by|after|before|when|while|about|as|and|but|of|to|for)\b", re.I
)
_INDEFINITE = frozenset(
    "someone somebody anyone anybody everyone everybody nobody one another others".split()
)
_PRESS_WORDS = frozenset(
    "reporters journalists newsmen correspondents press news conference briefing media "
    "interview television radio newspaper him her them me us you it".split()
)
_TITLE_NOUNS = frozenset(
    "headline headlines headlined titled entitled title caption captioned banner".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+")
TITLE_CUE_WORDS = 4  # how far before a quote a word naming it a title may stand


def quote_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Findings for the story's quote claims (one per aligned group of quotes)."""
    quotes = [
        c
        for c in claims
        if c.kind == FactKind.QUOTE and not _title(c.text) and not _named_as_title(ctx, c)
    ]
    findings: list[Finding] = []
    for group in _align(quotes):
        findings.append(_finding(ctx, group))
    return findings


def _title(text: str) -> bool:
    """Whether quoted text is a title in title case ("Can This Burger Get More Likes"): most of
    its longer words capitalised. Titles of pages, films and studies are not things said."""
    longer = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text)[1:] if len(w) >= MIN_TYPO_LETTERS]
    capitalised = sum(w[:1].isupper() for w in longer)
    return len(longer) >= MIN_TITLE_WORDS and capitalised >= TITLE_SHARE * len(longer)


def _named_as_title(ctx: StoryContext, claim: Claim) -> bool:
    """Whether the words before a quote, in its sentence, introduce it as a headline, title or
    caption ("its headline said", "a report entitled"): text someone printed, not words someone
    said. ("He made headlines. "I'm sorry," he said" is said.)"""
    text = ctx.texts.get(claim.article_id, "")[max(0, claim.start - 60) : claim.start]
    before = words_of(_SENTENCE_END.split(text)[-1])
    return any(w in _TITLE_NOUNS for w in before[-TITLE_CUE_WORDS:])


def speakers_compatible(a: Claim, b: Claim) -> bool:
    """Same speaker key, a shared name word, or the same first name with a garbled surname."""
    if not a.subject or not b.subject:
        return False
    if a.subject == b.subject:
        return True
    words_a = a.attrs.get("speaker", "").lower().split()
    words_b = b.attrs.get("speaker", "").lower().split()
    if set(words_a) & set(words_b) - {"the", "a", "an"}:
        return True
    return (
        len(words_a) >= 2
        and len(words_b) >= 2
        and words_a[0] == words_b[0]
        and _common_prefix(words_a[-1], words_b[-1]) >= 3
    )


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def _aligned(a: Claim, b: Claim, words_a: list[str], words_b: list[str]) -> bool:
    # The speaker test is cheap and rules out most pairs before any sequence matching.
    if speakers_compatible(a, b):
        share, matched, run = matching(words_a, words_b)
        if share >= MIN_SHORT_QUOTE_MATCH and matched >= MIN_SHORT_QUOTE_WORDS:
            return True  # a short partial quote, mostly found in the longer one
        return share >= MIN_SPEAKER_MATCH and matched >= MIN_MATCHED_WORDS and run >= MIN_DRIFT_RUN
    if not a.subject or not b.subject:
        share, matched = match_share(words_a, words_b)
        return share >= MIN_UNATTRIBUTED_MATCH and matched >= MIN_MATCHED_WORDS
    return False


def _align(quotes: list[Claim]) -> list[list[Claim]]:
    folded = [" ".join(keys(q.text)) for q in quotes]
    words = [f.split() for f in folded]

    def aligned(i: int, j: int) -> bool:
        a, b = quotes[i], quotes[j]
        comparable = a.article_id != b.article_id or _is_excerpt(folded[i], folded[j])
        return comparable and _aligned(a, b, words[i], words[j])

    indices = range(len(quotes))
    pairs = ((i, j) for i in indices for j in range(i + 1, len(quotes)) if aligned(i, j))
    return [
        sorted((quotes[i] for i in members), key=lambda c: (c.article_id, c.start))
        for members in components(indices, pairs)
    ]


def _is_excerpt(first: str, second: str) -> bool:
    return f" {first} " in f" {second} " or f" {second} " in f" {first} "


def _wordings(ctx: StoryContext, group: list[Claim]) -> list[tuple[str, list[Claim]]]:
    """Distinct wordings by their word keys, excerpts and cut quotes merged into the longest
    wording that contains them; each wording named by the earliest quote of that longest
    wording, as written."""
    by_key: dict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        by_key[" ".join(keys(claim.text))].append(claim)
    ordered = sorted(by_key, key=lambda v: (-len(v.split()), v))
    merged: dict[str, list[Claim]] = {}
    for value in ordered:
        # "third quarter" and "third-quarter", "min ute" and "minute": one wording, written
        # or extracted differently (letters and digits compared, nothing else).
        container = next(
            (m for m in merged if letters_of(value) in letters_of(m) or _cut_of(by_key[value], m)),
            None,
        )
        if container is None:
            merged[value] = list(by_key[value])
        else:
            merged[container].extend(by_key[value])
    # named by the full wording, not by an excerpt merged into it
    named = [(_as_written(ctx, by_key[key]), key, claims) for key, claims in merged.items()]
    named.sort(key=lambda item: (-ctx.sources(item[2]), ctx.earliest(item[2]), item[1]))
    return [(text, claims) for text, _, claims in named]


def _cut_of(claims: list[Claim], container: str) -> bool:
    """Whether a quote marked as cut ("… win …") has all its pieces, in order, in ``container``."""
    cut = next((c for c in claims if ELLIPSIS.search(c.text)), None)
    if cut is None:
        return False
    pieces = [" ".join(keys(p)) for p in ELLIPSIS.split(cut.text)]
    position = 0
    text = f" {container} "
    for piece in filter(None, pieces):
        found = text.find(f" {piece} ", position)
        if found < 0:
            return False
        position = found + len(piece) + 1
    return True


def _as_written(ctx: StoryContext, claims: list[Claim]) -> str:
    first = min(claims, key=lambda c: (ctx.order.get(c.article_id, len(ctx.order)), c.start))
    return " ".join(first.text.split()).rstrip(",;: ")


def _finding(ctx: StoryContext, group: list[Claim]) -> Finding:
    wordings = _wordings(ctx, group)
    variants = [make_variant(ctx, value, claims) for value, claims in wordings]
    reference_value, reference_claims = wordings[0]
    speaker = speaker_shown(reference_claims, group)
    opening = " ".join(reference_value.split()[:SUBJECT_WORDS])
    subject = f"{speaker}: “{opening}…”" if speaker else f"“{opening}…”"
    reference = _key_words(reference_claims)
    names = _proper_words(group)
    reference_articles = {c.article_id for c in reference_claims}
    relations = [
        ""  # an article giving both wordings quotes two remarks, not one differently
        if reference_articles & {c.article_id for c in claims}
        or _said_by_others(reference_claims, claims)
        or _other_occasion(ctx, reference_claims, claims)
        else wording_relation(
            reference, _key_words(claims), names, _reworded(ctx, reference_claims, claims)
        )
        for _, claims in wordings[1:]
    ]
    drifts = [
        (variant, diff)
        for variant, diff in zip(variants[1:], relations, strict=True)
        if diff not in (SAME_WORDS, "")
    ]
    if drifts:
        evidence = [
            f"wording in {', '.join(v.sources)} differs from {', '.join(variants[0].sources)}: "
            f"{diff}"
            for v, diff in drifts
        ]
        return make_finding(ctx, FactKind.QUOTE, FindingStatus.DRIFTED, subject, variants, evidence)
    # The same words, quoted at different lengths or spellings, are one wording; a wording too
    # unlike the reference to tell (another remark of the speaker) corroborates nothing.
    same = list(reference_claims)
    for (_, claims), relation in zip(wordings[1:], relations, strict=True):
        if relation == SAME_WORDS:
            same += claims
    sources = ctx.sources(same)
    status = FindingStatus.CORROBORATED if sources >= 2 else FindingStatus.SINGLE_SOURCE
    evidence = [f"same wording in {sources} independent source(s)"]
    if len({c.value for c in same}) > 1:
        evidence.append("other quotes are excerpts or spellings of the full wording")
    variant = make_variant(
        ctx, reference_value, sorted(same, key=lambda c: (c.article_id, c.start))
    )
    return make_finding(ctx, FactKind.QUOTE, status, subject, [variant], evidence)


def _said_by_others(first: list[Claim], second: list[Claim]) -> bool:
    """Whether both wordings are attributed, and to speakers that cannot be one (a White House
    statement and a Pentagon one sharing a phrase, joined through an unattributed excerpt)."""
    # excerpts merged into a wording ("a major blow") may be quoted from either statement
    named_first = [c for c in _full_wording(first) if c.subject]
    named_second = [c for c in _full_wording(second) if c.subject]
    return (
        bool(named_first)
        and bool(named_second)
        and not any(speakers_compatible(a, b) for a in named_first for b in named_second)
    )


def _reworded(ctx: StoryContext, first: list[Claim], second: list[Claim]) -> bool:
    """Whether an article of one wording is a rewording copy of one of the other, or a
    spinner's rewording of some article."""
    return any(c.article_id in ctx.spun for c in (*first, *second)) or any(
        frozenset((a.article_id, b.article_id)) in ctx.reworded for a in first for b in second
    )


def _full_wording(claims: list[Claim]) -> list[Claim]:
    """The claims that quote a wording in full, not an excerpt of it."""
    full = keys(max(claims, key=lambda c: (len(c.value.split()), c.id)).text)
    return [c for c in claims if keys(c.text) == full]


def _other_occasion(ctx: StoryContext, first: list[Claim], second: list[Claim]) -> bool:
    """Whether two wordings were said on different occasions (see the module's docstring)."""
    gap = ctx.days_apart(first, second)
    if gap is not None and gap > MAX_DAYS_APART:
        return True
    venues_first = {v for c in first if (v := _venue(ctx, c))}
    venues_second = {v for c in second if (v := _venue(ctx, c))}
    return (
        bool(venues_first)
        and bool(venues_second)
        and not any(a & b for a in venues_first for b in venues_second)
    )


def _venue(ctx: StoryContext, claim: Claim) -> frozenset[str]:
    """The words naming where a quote was said, from its attribution ("told a House
    subcommittee" -> house, subcommittee), lower-cased; empty when none is named or only a
    press audience is ("told reporters")."""
    text = ctx.texts.get(claim.article_id, "")
    start = ctx.sentence_of(claim.article_id, claim.start)[0]
    end = ctx.sentence_of(claim.article_id, max(claim.start, claim.end - 1))[1]
    attribution = f"{text[start : claim.start]} {text[claim.end : max(end, claim.end)]}"
    for match in _VENUE.finditer(attribution):
        phrase = _VENUE_END.split(match["venue"], maxsplit=1)[0]
        named = {w.lower() for w in re.findall(r"[^\W\d_]+", phrase)[:VENUE_WORDS]}
        named = {w for w in named - _PRESS_WORDS if not is_function_word(w)}
        if named:
            return frozenset(named)
    return frozenset()


def _key_words(claims: list[Claim]) -> list[list[str]]:
    """A wording's keys, with and without bracketed insertions."""
    longest = max(claims, key=lambda c: (len(c.value.split()), c.id))
    readings = [keys(longest.text), keys(longest.text, insertions=False)]
    marked = marked_keys(longest.text)
    if EDITOR_MARK in marked:
        readings.append(marked)
    return readings


def speaker_shown(claims: list[Claim], group: Sequence[Claim]) -> str:
    """The speaker to show: the most frequent among ``claims`` that reads as a person or a
    role, when at least half the attributions name them; none when unsure. A lone word
    ("Col", "Seoul", "Obama") counts only when the story's quotes also give it as the last
    word of a longer name; possessives ("RNC's Facebook") never."""
    longer = {
        words[-1]
        for c in group
        if len(words := c.attrs.get("speaker", "").split()) >= 2 and words[-1][:1].isupper()
    }

    def credible(claim: Claim) -> bool:
        speaker = claim.attrs.get("speaker", "")
        words = speaker.split()
        if not words:
            return False
        if any(w.endswith(("'s", "’s")) for w in words) or words[0].lower() in _INDEFINITE:
            return False  # "RNC's Facebook", "Someone once": no one in particular
        if not any(w[:1].isupper() or w.lower() in ROLE_WORDS for w in words):
            return False  # "hoax statement": no name, no role
        return len(words) >= 2 or words[0] in longer

    names = sorted(
        {c.attrs["speaker"] for c in claims if credible(c)},
        key=lambda s: (-sum(c.attrs.get("speaker") == s for c in claims), -len(s), s),
    )
    if not names:
        return ""
    # Most attributions must name that person: when most say "the masked man" and one
    # names the man he speaks of, the name is a misreading.
    best = set(names[0].split())
    attributed = [c.attrs["speaker"].split() for c in claims if c.attrs.get("speaker")]
    support = sum(bool(best & set(words)) for words in attributed)
    return names[0] if 2 * support >= len(attributed) else ""


def _proper_words(group: Sequence[Claim]) -> frozenset[str]:
    """Keys of the words the group's quotes write capitalised, except a sentence's first."""
    found: set[str] = set()
    for claim in group:
        for sentence in re.split(r"[.!?]\s+", claim.text):
            for word in re.findall(r"\w+(?:[’'.-]\w+)*", sentence)[1:]:
                if word[:1].isupper() and word.lower() not in ("i", "i'm", "i’m"):
                    found.update(keys(word))
    return frozenset(found)
