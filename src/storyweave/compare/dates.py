"""Dates aligned across a story: the same resolved date stated by several articles.

A date whose year could not be resolved (``--12-30``) joins the one resolved date with that
month and day, when there is exactly one. Only dates stated by at least two independent sources
become findings (``corroborated``); a lone date is in the timeline of the brief, not here.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from storyweave.compare.common import StoryContext, make_finding, make_variant
from storyweave.records import Claim, Finding


def date_findings(ctx: StoryContext, claims: Sequence[Claim]) -> list[Finding]:
    """Corroborated date findings of the story."""
    findings: list[Finding] = []
    for value, group in sorted(group_dates(claims).items()):
        sources = ctx.sources(group)
        if sources < 2:
            continue
        subject = _event(group) or value
        variant = make_variant(ctx, value, group)
        evidence = [f"{value} stated by {sources} independent sources"]
        evidence += sorted({f"{c.text!r} resolved as {value}" for c in group if c.value != value})
        findings.append(make_finding(ctx, "date", "corroborated", subject, [variant], evidence))
    return findings


def group_dates(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    """Resolved date claims by ISO value; year-less ``--MM-DD`` joined to a unique match."""
    groups: dict[str, list[Claim]] = defaultdict(list)
    yearless: list[Claim] = []
    for claim in claims:
        if claim.kind != "date" or claim.attrs.get("resolved") == "no":
            continue
        if claim.value.startswith("--"):
            yearless.append(claim)
        else:
            groups[claim.value].append(claim)
    for claim in yearless:
        matches = [v for v in groups if v.endswith(claim.value[1:]) and len(v) == 10]
        if len(matches) == 1:
            groups[matches[0]].append(claim)
    return dict(groups)


def _event(group: list[Claim]) -> str:
    counts = Counter(c.subject for c in group if c.subject)
    if not counts:
        return ""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[0][0]
