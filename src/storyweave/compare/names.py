"""Names aligned across a story: people named alike by several sources, and garbled forms.

Only people (name claims typed ``person``) with a full name (two words or more) are compared.
A single-word mention counts for the full name it was linked to in its article (its
``canonical``), or else for the one full name in the story that ends with it.

Two full names are forms of one name when they share the first word and their last words differ
but share a prefix of at least :data:`MIN_SHARED_PREFIX` letters (a word swap inside the name,
``Kirby`` -> ``Kir`` + a synonym of ``by``) or are close in edit distance
(:data:`MIN_SURNAME_SIMILARITY`). Such a group is ``garbled``; the likely correct form is the one
with the most independent sources. Names stated by two or more independent sources alike are
``corroborated``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from storyweave.compare.common import StoryContext, make_finding, make_variant
from storyweave.records import Claim, Finding

MIN_SHARED_PREFIX = 3
MIN_SURNAME_SIMILARITY = 0.75
MAX_CORROBORATED = 10


def name_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Garbled and corroborated person-name findings of the story."""
    mentions = _mentions_by_full_name(claims)
    names = sorted(mentions)
    groups = _variant_groups(names)
    findings: list[Finding] = []
    corroborated: list[Finding] = []
    for group in groups:
        if len(group) > 1:
            findings.append(_garbled(ctx, group, mentions))
            continue
        name = group[0]
        sources = ctx.sources(mentions[name])
        if sources >= 2:
            variant = make_variant(ctx, name, mentions[name])
            evidence = [f"named alike by {sources} independent sources"]
            corroborated.append(
                make_finding(ctx, "name", "corroborated", name, [variant], evidence)
            )
    corroborated.sort(key=lambda f: (-len(f.variants[0].sources), f.subject))
    return findings + corroborated[:MAX_CORROBORATED]


def _mentions_by_full_name(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    people = [c for c in claims if c.kind == "name" and c.subject == "person"]
    full: dict[str, list[Claim]] = defaultdict(list)
    for claim in people:
        canonical = claim.attrs.get("canonical", claim.value)
        if len(canonical.split()) >= 2:
            full[canonical].append(claim)
    by_last: dict[str, set[str]] = defaultdict(set)
    for name in full:
        by_last[name.split()[-1]].add(name)
    for claim in people:
        canonical = claim.attrs.get("canonical", claim.value)
        if len(canonical.split()) == 1 and len(by_last.get(canonical, ())) == 1:
            full[next(iter(by_last[canonical]))].append(claim)
    return dict(full)


def forms_of_one_name(a: str, b: str) -> bool:
    """Whether full names ``a`` and ``b`` look like one name, one of them mangled."""
    words_a, words_b = a.split(), b.split()
    if len(words_a) < 2 or len(words_b) < 2 or a == b:
        return False
    if words_a[0].lower() != words_b[0].lower() or words_a[:-1] != words_b[:-1]:
        return False
    last_a, last_b = words_a[-1].lower(), words_b[-1].lower()
    if last_a.startswith(last_b) or last_b.startswith(last_a):
        return False  # an inflection or a truncation, not a garble
    prefix = 0
    for x, y in zip(last_a, last_b, strict=False):
        if x != y:
            break
        prefix += 1
    similar = Levenshtein.normalized_similarity(last_a, last_b) >= MIN_SURNAME_SIMILARITY
    return prefix >= MIN_SHARED_PREFIX or similar


def _variant_groups(names: list[str]) -> list[list[str]]:
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if forms_of_one_name(a, b):
                parent[find(b)] = find(a)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[find(name)].append(name)
    return [sorted(g) for _, g in sorted(groups.items())]


def _garbled(ctx: StoryContext, group: list[str], mentions: dict[str, list[Claim]]) -> Finding:
    ordered = sorted(
        group,
        key=lambda n: (-ctx.sources(mentions[n]), -len(mentions[n]), ctx.earliest(mentions[n]), n),
    )
    variants = [make_variant(ctx, name, mentions[name]) for name in ordered]
    likely = ordered[0]
    evidence = [
        f"likely correct form: {likely} ({ctx.sources(mentions[likely])} independent source(s))"
    ]
    for name in ordered[1:]:
        evidence.append(
            f"{name} ({ctx.sources(mentions[name])} source(s)) looks like a mangled form of "
            f"{likely}: same first name, similar surname"
        )
    return make_finding(ctx, "name", "garbled", likely, variants, evidence)
