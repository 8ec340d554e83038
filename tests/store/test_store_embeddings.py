"""Embedding vectors kept in the store, and runs that embed only texts they have not seen."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from storyweave import pipeline, weave
from storyweave.cluster import embeddings
from storyweave.store import open_store

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


def test_vectors_round_trip_and_reinserting_changes_nothing(tmp_path: Path) -> None:
    first = np.array([0.6, 0.8, 0.0], dtype=np.float32)
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.add_embeddings({"a": first, "b": np.zeros(3, dtype=np.float32)})
        store.add_embeddings({"a": np.ones(3, dtype=np.float32)})  # already stored: kept
    with open_store(str(tmp_path / "s.duckdb")) as store:
        found = store.embeddings(["a", "b", "c"])
        assert sorted(found) == ["a", "b"] and store.count("embeddings") == 2
    np.testing.assert_array_equal(found["a"], first)
    assert found["a"].dtype == np.float32


def test_a_second_run_embeds_only_new_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not embeddings.available():
        pytest.skip("the embedding model is not installed")
    real = embeddings.embed
    embedded: list[int] = []

    def counting(texts: Sequence[str], **kwargs: object) -> np.ndarray:
        embedded.append(len(texts))
        return real(texts)

    monkeypatch.setattr(pipeline, "embed", counting)  # as the pipeline calls it
    files = sorted(p for p in DEMO.iterdir() if p.is_file() and not p.name.startswith("."))
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        weave([str(p) for p in files[:-1]], store, workers=1, ner=False, embeddings=True)
        first = sum(embedded)
        stored = store.count("embeddings")
    assert first > 0 and stored == first
    embedded.clear()
    with open_store(db) as store:
        result = weave([str(files[-1])], store, workers=1, ner=False, embeddings=True)
        assert store.count("embeddings") == stored + sum(embedded)
    assert 0 < sum(embedded) <= 2  # the new file's article(s) only
    assert result.stories
