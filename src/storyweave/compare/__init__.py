"""compare stage: align a story's claims across its articles into findings (pure, per story).

:func:`compare_story` returns quote, quantity, date and name findings: ``corroborated`` (two or
more independent sources agree), ``single-source``, ``disputed`` (quantities that conflict beyond
tolerance), ``garbled`` (a mangled name) and ``drifted`` (a quote reworded); and ``claim``
findings: the claims the story's headlines assert and each source's stance toward them,
``disputed`` where independent sources assert a claim that another denies in its own voice
(:mod:`.claims`). Articles linked by a copy relation count as one source. At most
:data:`MAX_SINGLE_SOURCE` single-source findings are kept per story (only quotes and quantities
produce them), so findings stay readable.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyweave.compare.claims import claim_findings
from storyweave.compare.common import StoryContext, cap_single_source
from storyweave.compare.dates import date_findings, group_dates
from storyweave.compare.names import name_findings
from storyweave.compare.quantities import quantity_findings
from storyweave.compare.quotes import quote_findings
from storyweave.compare.sources import outlets_of, source_groups
from storyweave.records import Article, Claim, Finding, LabelName, Relation, RelationKind, Story

__all__ = [
    "MAX_SINGLE_SOURCE",
    "compare_story",
    "group_dates",
    "outlets_of",
    "source_groups",
]

MAX_SINGLE_SOURCE = 12
# copies that change words, not duplicates
REWORDING_KINDS = frozenset({RelationKind.REWRITE, RelationKind.REUSE})


def compare_story(
    story: Story,
    articles: Sequence[Article],
    claims: Sequence[Claim],
    relations: Sequence[Relation],
) -> list[Finding]:
    """Findings of ``story``: its articles' claims aligned, sorted by status then subject."""
    known = {a.id for a in articles}
    members = [aid for aid in story.article_ids if aid in known]
    member_set = set(members)
    ctx = StoryContext(
        story_id=story.id,
        order={aid: i for i, aid in enumerate(members)},
        groups=source_groups(members, relations, outlets=outlets_of(articles)),
        texts={a.id: a.text for a in articles if a.id in member_set},
        reworded=frozenset(frozenset((r.a, r.b)) for r in relations if r.kind in REWORDING_KINDS),
        published={
            a.id: a.published.value[:10] for a in articles if a.id in member_set and a.published
        },
        spun=frozenset(
            a.id
            for a in articles
            if a.id in member_set and any(x.label == LabelName.SPUN for x in a.labels)
        ),
    )
    story_claims = sorted(
        (c for c in claims if c.article_id in member_set),
        key=lambda c: (ctx.order[c.article_id], c.start, c.kind, c.id),
    )
    findings = [
        *quote_findings(ctx, story_claims),
        *quantity_findings(ctx, story_claims),
        *date_findings(ctx, story_claims),
        *name_findings(ctx, story_claims),
        *claim_findings(ctx, articles, story.headline),
    ]
    return cap_single_source(findings, MAX_SINGLE_SOURCE)
