"""The ledger on the seed news cycle finds what a reader finds: a disputed number, a garbled
name and drifted quotes (asserted by status only: no seed text is named here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyweave.compare import compare_story
from storyweave.facts import extract_claims
from storyweave.records import Article, Finding, Story

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
SAME_EVENT = ("000", "001", "002", "004")  # 003 is about a different event


def _story_findings() -> list[Finding]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    paths = sorted(p for p in SEEDS.glob("*.txt") if p.name[:3] in SAME_EVENT)
    articles = [
        Article(id=p.stem, ref=str(p), source=str(p), text=p.read_text(encoding="utf-8"))
        for p in paths
    ]
    story = Story(id="seeds", article_ids=tuple(a.id for a in articles), headline="")
    claims = [c for a in articles for c in extract_claims(a)]
    return compare_story(story, articles, claims, [])


def test_seed_story_has_each_kind_of_problem() -> None:
    findings = _story_findings()
    statuses = {(f.kind, f.status) for f in findings}
    assert ("quantity", "disputed") in statuses
    assert ("name", "garbled") in statuses
    assert ("quote", "drifted") in statuses
    garbled = next(f for f in findings if f.status == "garbled")
    # the likely correct form is backed by more independent sources than the mangled one
    assert len(garbled.variants[0].sources) > len(garbled.variants[1].sources)
    disputed = next(f for f in findings if f.status == "disputed")
    assert len({s for v in disputed.variants for s in v.sources}) >= 2
