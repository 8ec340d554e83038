"""Per-story work (compare and brief) runs wave by wave, each wave reading only its own stories'
claims from the store: the claims of every story at once grew with the corpus."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from storyweave import open_store, pipeline, weave
from storyweave.parallel import wave_slices
from storyweave.records import Claim
from storyweave.store import Store

DEMO = Path(__file__).resolve().parents[1] / "examples" / "demo"


class ClaimsAsked(Store):
    """A store that notes the article ids each claims query asks for."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.asked: list[list[str] | None] = []

    def claims(self, article_ids: Iterable[str] | None = None) -> list[Claim]:
        ids = None if article_ids is None else list(article_ids)
        self.asked.append(ids)
        return super().claims(ids)


def test_wave_slices_are_bounded() -> None:
    assert wave_slices(25, 3, 1) == [(0, 9), (9, 18), (18, 25)]
    assert wave_slices(25, 3, 1, max_size=4) == [
        (0, 4),
        (4, 8),
        (8, 12),
        (12, 16),
        (16, 20),
        (20, 24),
        (24, 25),
    ]
    assert wave_slices(0, 3, 1, max_size=4) == []


def test_stories_are_compared_in_waves_with_their_own_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(str(tmp_path / "whole.duckdb")) as store:
        whole = weave([str(DEMO)], store, workers=1, ner=False)
    monkeypatch.setattr(pipeline, "MAX_STORY_WAVE", 1)
    with ClaimsAsked(str(tmp_path / "waves.duckdb")) as store:
        waves = weave([str(DEMO)], store, workers=1, ner=False)
        asked = store.asked
    assert (waves.stories, waves.findings, waves.briefs) == (
        whole.stories,
        whole.findings,
        whole.briefs,
    )
    assert waves.compared_stories == len(waves.stories) > 1
    sizes = sorted(len(s.article_ids) for s in waves.stories)
    # one query per story, for that story's articles alone
    assert sorted(len(ids) for ids in asked if ids is not None) == sizes
    assert None not in asked
