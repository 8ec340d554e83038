"""Does the ledger find disputes where the gold stances disagree? (FNC-1 dev stories)

``../shared/data/stories/fnc1-dev.jsonl`` holds article bodies grouped into gold stories, each
body with the stances of headlines towards it. Articles are grouped by gold ``story`` (the
clustering is not under test here) and each group is compared as one story: claims from
:func:`storyweave.facts.extract_claims`, findings from :func:`storyweave.compare.compare_story`
(no copy relations: the bodies are independent write-ups).

- *contested* stories: the stances of its bodies' headlines hold both ``agree`` and
  ``disagree``; the **hit rate** is the share of them with at least one ``disputed`` finding;
- *all-agree* stories: every stance is ``agree``; the **false-alarm rate** is the share of them
  with a disputed finding.

Stories of one article cannot hold a dispute and are left out of both. Hits are also counted
by finding kind: ``quantity`` (values that conflict) and ``statement`` (one source denies what
another states).

A control for the denial matching: pseudo-stories made of up to four articles of one gold story
and four of another; a ``statement`` finding whose sources span both gold stories matched a
denial to a statement about something else.

Usage: ``python benchmarks/disputes_fnc1.py [--ner on|off] [--show N]``
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from storyweave.compare import compare_story
from storyweave.facts import extract_claims
from storyweave.records import Article, Finding, Story

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "stories" / "fnc1-dev.jsonl"


def load(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The records of ``path`` grouped by gold story."""
    stories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            stories[str(record["story"])].append(record)
    return dict(stories)


def stances(records: list[dict[str, Any]]) -> set[str]:
    """Every stance of every headline of the story's bodies."""
    return {h["stance"] for r in records for h in r.get("headlines", [])}


def disputed_findings(story_id: str, records: list[dict[str, Any]], ner: bool) -> list[Finding]:
    """The disputed findings of the story made of ``records``."""
    articles = [
        Article(id=str(r["id"]), ref=str(r["id"]), source=str(r["id"]), text=r["text"])
        for r in records
    ]
    story = Story(id=story_id, article_ids=tuple(a.id for a in articles), headline="")
    claims = [c for a in articles for c in extract_claims(a, ner=ner)]
    findings = compare_story(story, articles, claims, [])
    return [f for f in findings if f.status == "disputed"]


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
    groups: dict[str, list[bool]] = {"contested": [], "all-agree": []}
    kinds_hit: dict[str, dict[str, int]] = {"contested": {}, "all-agree": {}}
    shown = 0
    for story_id, records in sorted(stories.items()):
        if len(records) < 2:
            continue
        kinds = stances(records)
        if {"agree", "disagree"} <= kinds:
            group = "contested"
        elif kinds == {"agree"}:
            group = "all-agree"
        else:
            continue
        disputed = disputed_findings(story_id, records, ner=args.ner == "on")
        groups[group].append(bool(disputed))
        for kind in {f.kind for f in disputed}:
            kinds_hit[group][kind] = kinds_hit[group].get(kind, 0) + 1
        for finding in disputed:
            if shown < args.show:
                shown += 1
                values = " | ".join(f"{v.value} [{len(v.sources)}]" for v in finding.variants)
                print(f"  {group} story {story_id}: {finding.subject}: {values}")
    for group, hits in groups.items():
        rate = sum(hits) / len(hits) if hits else 0.0
        label = "hit rate" if group == "contested" else "false-alarm rate"
        print(
            f"{group}: {len(hits)} stories (2+ articles), {sum(hits)} with a disputed "
            f"finding: {label} {rate:.3f}; by kind: "
            + (", ".join(f"{k} {n}" for k, n in sorted(kinds_hit[group].items())) or "none")
        )
    spanning, total = cross_story_control(stories, ner=args.ner == "on")
    print(
        f"control: {total} statement findings in pseudo-stories of two gold stories, "
        f"{spanning} spanning both"
    )
    return 0


def cross_story_control(stories: dict[str, list[dict[str, Any]]], ner: bool) -> tuple[int, int]:
    """(statement findings whose sources span two gold stories, all statement findings) over
    pseudo-stories pairing each story of 2+ articles with the one 7 places on (sorted ids)."""
    ids = sorted(s for s, records in stories.items() if len(records) >= 2)
    spanning = total = 0
    for n, first in enumerate(ids):
        second = ids[(n + 7) % len(ids)]
        records = stories[first][:4] + stories[second][:4]
        story_of = {str(r["id"]): str(r["story"]) for r in records}
        for finding in disputed_findings(f"{first}+{second}", records, ner):
            if finding.kind != "statement":
                continue
            total += 1
            sources = {a for v in finding.variants for a in v.sources}
            spanning += len({story_of[a] for a in sources}) > 1
    return spanning, total


if __name__ == "__main__":
    sys.exit(main())
