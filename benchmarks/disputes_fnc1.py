"""Does the ledger find disputes where the gold stances disagree? (FNC-1 dev stories)

``../shared/data/stories/fnc1-dev.jsonl`` holds article bodies grouped into gold stories, each
body with the stances of headlines towards it. Articles are grouped by gold ``story`` (the
clustering is not under test here) and each group is compared as one story: claims from
:func:`storyweave.facts.extract_claims`, findings from :func:`storyweave.compare.compare_story`
(no copy relations: the bodies are independent write-ups). FNC-1 bodies come without their
titles; each article is given the first of its headlines as title, as a real article has one.

FNC-1's stances are of a body toward one headline, and a story's headlines include opposite
claims ("X happened", "X is a hoax"), so sides are taken per headline:

- *contested* stories have a headline that one body agrees with and another disagrees with:
  the **hit rate** is the share of them with a ``disputed`` ``claim`` finding between the two
  sides: among those asserting and those denying, two bodies on opposite sides of one headline
  (either way round, as the claim may be the headline's opposite); the share with any disputed
  finding is printed too;
- *undisputed* stories have no body that disagrees with any headline: the **false-alarm rate**
  is the share of them with any disputed finding.

Stories of one article cannot hold a dispute and are left out of both. Findings are counted by
kind.

A control for the claim matching: pseudo-stories made of up to four articles of one gold story
and four of another; a disputed ``claim`` finding whose sources span both gold stories set a
claim against an article about something else.

Usage: ``python benchmarks/disputes_fnc1.py [--ner on|off] [--show N]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from _results import save  # benchmarks/_results.py
from storyweave.compare import compare_story
from storyweave.facts import extract_claims
from storyweave.records import Article, Finding, Meta, Story

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "stories" / "fnc1-dev.jsonl"


def load(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The records of ``path`` grouped by gold story."""
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            stories[str(record["story"])].append(record)
    return dict(stories)


def headline_sides(records: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """For each headline, the bodies that agree or disagree with it: {headline: {body: side}}."""
    sides: dict[str, dict[str, str]] = defaultdict(dict)
    for record in records:
        for h in record.get("headlines", []):
            if h["stance"] in ("agree", "disagree"):
                sides[h["headline"]][str(record["id"])] = h["stance"]
    return dict(sides)


def is_contested(sides: dict[str, dict[str, str]]) -> bool:
    return any({"agree", "disagree"} <= set(bodies.values()) for bodies in sides.values())


def disputed_findings(story_id: str, records: list[dict[str, Any]], ner: bool) -> list[Finding]:
    """The disputed findings of the story made of ``records``."""
    articles = [
        Article(
            id=str(r["id"]),
            ref=str(r["id"]),
            source=str(r["id"]),
            text=r["text"],
            title=Meta(r["headlines"][0]["headline"], "FNC-1 headline") if r["headlines"] else None,
        )
        for r in records
    ]
    story = Story(id=story_id, article_ids=tuple(a.id for a in articles), headline="")
    claims = [c for a in articles for c in extract_claims(a, ner=ner)]
    findings = compare_story(story, articles, claims, [])
    return [f for f in findings if f.status == "disputed"]


def between_sides(finding: Finding, sides: dict[str, dict[str, str]]) -> bool:
    """A disputed claim with bodies on opposite sides of one headline among those asserting
    and those denying."""
    if finding.kind != "claim":
        return False
    asserted = {a for v in finding.variants if v.value == "asserted" for a in v.sources}
    denied = {a for v in finding.variants if v.value == "denied" for a in v.sources}
    for bodies in sides.values():
        for a in asserted:
            for d in denied:
                if {bodies.get(a), bodies.get(d)} == {"agree", "disagree"}:
                    return True
    return False


def main() -> int:
    """Print hit and false-alarm rates (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ner", choices=("on", "off"), default="on")
    parser.add_argument("--show", type=int, default=0, help="print up to N disputed findings")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"{DATA} not present")
        return 0
    stories = load(DATA)
    hits: dict[str, list[bool]] = {"contested": [], "contested, any kind": [], "undisputed": []}
    kinds_hit: dict[str, dict[str, int]] = {"contested": {}, "undisputed": {}}
    shown = 0
    for story_id, records in sorted(stories.items()):
        if len(records) < 2:
            continue
        sides = headline_sides(records)
        if is_contested(sides):
            group = "contested"
        elif all("disagree" not in bodies.values() for bodies in sides.values()):
            group = "undisputed"
        else:
            continue
        disputed = disputed_findings(story_id, records, ner=args.ner == "on")
        if group == "contested":
            hits["contested"].append(any(between_sides(f, sides) for f in disputed))
            hits["contested, any kind"].append(bool(disputed))
        else:
            hits["undisputed"].append(bool(disputed))
        for kind in {f.kind for f in disputed}:
            kinds_hit[group][kind] = kinds_hit[group].get(kind, 0) + 1
        for finding in disputed:
            if shown < args.show:
                shown += 1
                values = " | ".join(f"{v.value} [{', '.join(v.sources)}]" for v in finding.variants)
                print(f"  {group} story {story_id}: {finding.subject}: {values}")
    for group, found in hits.items():
        rate = sum(found) / len(found) if found else 0.0
        label = "false-alarm rate" if group == "undisputed" else "hit rate"
        kinds = kinds_hit.get(group, {})
        print(
            f"{group}: {len(found)} stories (2+ articles), {sum(found)} with a disputed "
            f"finding{' between the sides' if group == 'contested' else ''}: {label} {rate:.3f}"
            + (
                "; stories by kind: "
                + (", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) or "none")
                if kinds or group != "contested, any kind"
                else ""
            )
        )
    spanning, total = cross_story_control(stories, ner=args.ner == "on")
    print(
        f"control: {total} disputed claim findings in pseudo-stories of two gold stories, "
        f"{spanning} spanning both"
    )
    figures = {
        group: {"stories": len(found), "with_dispute": sum(found), "by_kind": kinds_hit.get(group)}
        for group, found in hits.items()
    }
    save("disputes_fnc1", {**figures, "control": {"disputed": total, "spanning": spanning}})
    return 0


def cross_story_control(stories: dict[str, list[dict[str, Any]]], ner: bool) -> tuple[int, int]:
    """(disputed claim findings whose sources span two gold stories, all of them) over
    pseudo-stories pairing each story of 2+ articles with the one 7 places on (sorted ids)."""
    ids = sorted(s for s, records in stories.items() if len(records) >= 2)
    spanning = total = 0
    for n, first in enumerate(ids):
        second = ids[(n + 7) % len(ids)]
        records = stories[first][:4] + stories[second][:4]
        story_of = {str(r["id"]): str(r["story"]) for r in records}
        for finding in disputed_findings(f"{first}+{second}", records, ner):
            if finding.kind != "claim":
                continue
            total += 1
            sources = {a for v in finding.variants for a in v.sources}
            spanning += len({story_of[a] for a in sources}) > 1
    return spanning, total


if __name__ == "__main__":
    sys.exit(main())
