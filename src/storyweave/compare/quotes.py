"""Quotes aligned across a story: the same speaker's words, corroborated or drifted.

Two quotes align when their speakers are compatible (same key, a shared name word, or a name
that differs only by a garbled surname) and their words match: the words of the shorter quote
found, in order, in the longer (difflib matching blocks) make up at least
:data:`MIN_SPEAKER_MATCH` of it, with at least :data:`MIN_MATCHED_WORDS` words (or, for a short
partial quote, :data:`MIN_SHORT_QUOTE_MATCH` with :data:`MIN_SHORT_QUOTE_WORDS` words); a quote
without a speaker needs :data:`MIN_UNATTRIBUTED_MATCH`. A quote that is a contiguous excerpt of
another is the same wording. Different wordings of one aligned quote make it ``drifted``.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from storyweave.compare.common import StoryContext, make_finding, make_variant
from storyweave.graph import components
from storyweave.records import Claim, Finding, Variant

MIN_SPEAKER_MATCH = 0.35
MIN_MATCHED_WORDS = 5
MIN_SHORT_QUOTE_MATCH = 0.7
MIN_SHORT_QUOTE_WORDS = 3
MIN_UNATTRIBUTED_MATCH = 0.9
SUBJECT_WORDS = 6
_ANCHOR_GAP = 3
SAME_WORDS = "same words, different extent"


def quote_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Findings for the story's quote claims (one per aligned group of quotes)."""
    quotes = [c for c in claims if c.kind == "quote"]
    findings: list[Finding] = []
    for group in _align(quotes):
        findings.append(_finding(ctx, group))
    return findings


def match_share(short: Sequence[str], long: Sequence[str]) -> tuple[float, int]:
    """Share of ``short``'s words found in order in ``long``, and how many words that is."""
    if len(short) > len(long):
        short, long = long, short
    if not short:
        return 0.0, 0
    matcher = difflib.SequenceMatcher(None, short, long, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / len(short), matched


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


def fold(value: str) -> str:
    """Quote words without accents: ``fiancé`` and ``fiance`` are one wording."""
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _aligned(a: Claim, b: Claim, words_a: list[str], words_b: list[str]) -> bool:
    # The speaker test is cheap and rules out most pairs before any sequence matching.
    if speakers_compatible(a, b):
        share, matched = match_share(words_a, words_b)
        if share >= MIN_SHORT_QUOTE_MATCH and matched >= MIN_SHORT_QUOTE_WORDS:
            return True  # a short partial quote, mostly found in the longer one
        return share >= MIN_SPEAKER_MATCH and matched >= MIN_MATCHED_WORDS
    if not a.subject or not b.subject:
        share, matched = match_share(words_a, words_b)
        return share >= MIN_UNATTRIBUTED_MATCH and matched >= MIN_MATCHED_WORDS
    return False


def _align(quotes: list[Claim]) -> list[list[Claim]]:
    folded = [fold(q.value) for q in quotes]
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
    """Distinct wordings, excerpts merged into the longest wording that contains them."""
    by_value: dict[str, list[Claim]] = defaultdict(list)
    for claim in group:
        by_value[fold(claim.value)].append(claim)
    values = sorted(by_value, key=lambda v: (-len(v.split()), v))
    merged: dict[str, list[Claim]] = {}
    for value in values:
        # "third quarter" and "third-quarter", "min ute" and "minute": one wording, written
        # or extracted differently (letters and digits compared, nothing else).
        container = next((m for m in merged if _letters(value) in _letters(m)), None)
        if container is None:
            merged[value] = list(by_value[value])
        else:
            merged[container].extend(by_value[value])
    return sorted(
        merged.items(), key=lambda item: (-ctx.sources(item[1]), ctx.earliest(item[1]), item[0])
    )


def _letters(value: str) -> str:
    return "".join(ch for ch in value if ch.isalnum())


def _finding(ctx: StoryContext, group: list[Claim]) -> Finding:
    wordings = _wordings(ctx, group)
    variants = [make_variant(ctx, value, claims) for value, claims in wordings]
    reference_value, reference_claims = wordings[0]
    speaker = _speaker(reference_claims)
    opening = " ".join(reference_value.split()[:SUBJECT_WORDS])
    subject = f'{speaker}: "{opening}…"' if speaker else f'"{opening}…"'
    sources = ctx.sources(group)
    diffs = [word_diff(reference_value.split(), value.split()) for value, _ in wordings[1:]]
    if any(diff != SAME_WORDS for diff in diffs):
        evidence = [_drift_evidence(variants[0], variant) for variant in variants[1:]]
        return make_finding(ctx, "quote", "drifted", subject, variants, evidence)
    if len(wordings) > 1:  # the same words, quoted at different lengths: one wording
        variants = [make_variant(ctx, reference_value, group)]
    status = "corroborated" if sources >= 2 else "single-source"
    evidence = [f"same wording in {sources} independent source(s)"]
    if len({c.value for c in group}) > 1:
        evidence.append("shorter quotes are excerpts of the full wording")
    return make_finding(ctx, "quote", status, subject, variants, evidence)


def _speaker(claims: list[Claim]) -> str:
    names = sorted(
        {c.attrs.get("speaker", "") for c in claims if c.attrs.get("speaker")},
        key=lambda s: (-sum(c.attrs.get("speaker") == s for c in claims), -len(s), s),
    )
    return names[0] if names else ""


def _drift_evidence(reference: Variant, variant: Variant) -> str:
    return (
        f"wording in {', '.join(variant.sources)} differs from {', '.join(reference.sources)}: "
        f"{word_diff(reference.value.split(), variant.value.split())}"
    )


def word_diff(reference: Sequence[str], other: Sequence[str]) -> str:
    """Word-level changes from ``reference`` to ``other``: ``-very glad +happy``.

    Only the stretch both quotes cover is compared, so an excerpt does not show the words it
    leaves out at either end; :data:`SAME_WORDS` when nothing but its extent, spacing or
    hyphenation differs.
    """
    ref_window, other_window = _shared_stretch(reference, other)
    ref_part = list(reference[ref_window[0] : ref_window[1]])
    other_part = list(other[other_window[0] : other_window[1]])
    if _letters("".join(ref_part)) == _letters("".join(other_part)):
        return SAME_WORDS  # only spaces or hyphens differ: "multi-planetary", "min ute"
    matcher = difflib.SequenceMatcher(None, ref_part, other_part, autojunk=False)
    changes: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        parts = []
        if i2 > i1:
            parts.append("-" + " ".join(ref_part[i1:i2]))
        if j2 > j1:
            parts.append("+" + " ".join(other_part[j1:j2]))
        changes.append(" ".join(parts))
    return "; ".join(changes) if changes else SAME_WORDS


def _shared_stretch(
    reference: Sequence[str], other: Sequence[str]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The windows of both word lists between their first and last anchoring match.

    Anchors are runs of two or more equal words, plus single equal words close (within
    :data:`_ANCHOR_GAP` words) to an anchor; a lone shared word far away ("has", "the") must
    not stretch the diff over the whole of a longer quote.
    """
    matcher = difflib.SequenceMatcher(None, list(reference), list(other), autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    kept = [b for b in blocks if b.size >= 2] or blocks[:1]
    if not kept:
        return (0, len(reference)), (0, len(other))
    for block in blocks:
        if block in kept:
            continue
        near = any(_close_blocks(block, k) or _close_blocks(k, block) for k in kept)
        if near:
            kept.append(block)
    ref_start, other_start = min(b.a for b in kept), min(b.b for b in kept)
    ref_end, other_end = max(b.a + b.size for b in kept), max(b.b + b.size for b in kept)
    # A few unmatched words at an end of both quotes are changed words, and one lone extra word
    # is a dropped word; more words on one side only are the rest of a longer quote.
    if _edge_changed(ref_start, other_start):
        ref_start = other_start = 0
    if _edge_changed(len(reference) - ref_end, len(other) - other_end):
        ref_end, other_end = len(reference), len(other)
    return (ref_start, ref_end), (other_start, other_end)


def _edge_changed(left_over_a: int, left_over_b: int) -> bool:
    if left_over_a and left_over_b:
        return max(left_over_a, left_over_b) <= _ANCHOR_GAP
    return max(left_over_a, left_over_b) <= 1


def _close_blocks(first: difflib.Match, second: difflib.Match) -> bool:
    """Whether ``second`` starts within a few words after ``first`` ends, in both lists."""
    gap_a = second.a - (first.a + first.size)
    gap_b = second.b - (first.b + first.size)
    return 0 <= gap_a <= _ANCHOR_GAP and 0 <= gap_b <= _ANCHOR_GAP
