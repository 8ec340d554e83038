"""What a story's findings and brief depend on: the fingerprint that decides whether they are
computed again."""

from __future__ import annotations

from dataclasses import replace

from storyweave.pipeline import _fingerprint
from storyweave.records import Relation, RelationKind, Story

STORY = Story(id="s", article_ids=("a", "b", "c"), headline="harbour")
REUSE = Relation(a="a", b="b", kind=RelationKind.REUSE, score=0.4)


def test_a_relation_read_back_from_the_store_gives_the_same_fingerprint() -> None:
    read_back = replace(REUSE, kind="reuse")
    assert type(read_back.kind) is str
    assert _fingerprint(STORY, [REUSE]) == _fingerprint(STORY, [read_back])


def test_the_fingerprint_changes_with_the_members_and_the_relations() -> None:
    fingerprint = _fingerprint(STORY, [REUSE])
    assert fingerprint != _fingerprint(STORY, [])
    assert fingerprint != _fingerprint(STORY, [replace(REUSE, score=0.5)])
    assert fingerprint != _fingerprint(replace(STORY, article_ids=("a", "b")), [REUSE])
    assert _fingerprint(STORY, [REUSE, replace(REUSE, b="c")]) == _fingerprint(
        STORY, [replace(REUSE, b="c"), REUSE]
    )
