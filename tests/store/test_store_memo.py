"""Kept per-article results: the word-choice spin evidence is computed once per article."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

import storyweave.kept as kept
from storyweave import weave
from storyweave.records import Article
from storyweave.reuse.labels import NameSigns, WordSwaps, label_articles
from storyweave.reuse.siblings import Siblings
from storyweave.reuse.spin import Lexicon
from storyweave.store import open_store

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"


def test_memo_round_trip_and_reinserting_changes_nothing(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.add_memo({"a": ["one", "two"], "b": []})
        store.add_memo({"a": ["changed"]})
    with open_store(str(tmp_path / "s.duckdb")) as store:
        assert store.memo(["a", "b", "c"]) == {"a": ["one", "two"], "b": []}
        assert store.count("memo") == 2


def test_given_word_choice_evidence_is_used_as_is() -> None:
    article = Article(id="x", ref="x", source="x", text="The council met on Monday.")
    (labelled,) = label_articles([article], [], Lexicon(None, {}), word_choices={"x": ["kept"]})
    assert [(label.label, label.evidence) for label in labelled.labels] == [
        ("unusual-wording", ("weak sign, not a verdict: kept",))
    ]
    (plain,) = label_articles([article], [], Lexicon(None, {}), word_choices={"x": []})
    assert all(label.label != "spun" for label in plain.labels)


def test_a_second_run_scores_only_new_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kept.word_choice_evidence
    scored: list[str] = []

    def counting(article: Article, lexicon: Lexicon) -> list[str]:
        scored.append(article.id)
        return real(article, lexicon)

    monkeypatch.setattr(kept, "word_choice_evidence", counting)
    files = sorted(p for p in DEMO.iterdir() if p.is_file() and p.suffix != ".jsonl")
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        weave([str(p) for p in files[:-1]], store, workers=1, ner=False)
        stored = len(store.articles())
    assert len(scored) == stored == len(set(scored))
    scored.clear()
    with open_store(db) as store:
        weave([str(files[-1])], store, workers=1, ner=False)
        assert len(store.articles()) == stored + len(scored)
    assert len(scored) == 1


def test_a_second_run_reads_the_kept_word_swaps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kept.word_swaps
    read: list[tuple[str, str]] = []

    def counting(a_text: str, b_text: str) -> WordSwaps:
        read.append((a_text, b_text))
        return real(a_text, b_text)

    monkeypatch.setattr(kept, "word_swaps", counting)
    files = [str(p) for p in sorted(DEMO.iterdir()) if p.is_file() and p.suffix != ".jsonl"]
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        first = weave(files, store, workers=1, ner=False)
    assert read, "the demo has spin-kind relations whose swaps labelling reads"
    read.clear()
    with open_store(db) as store:
        again = weave(files, store, workers=1, ner=False)
    assert read == []
    assert [a.labels for a in again.articles] == [a.labels for a in first.articles]


def test_a_second_run_reads_the_kept_name_signs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = kept.name_signs
    read: list[str] = []

    def counting(article: Article, related: Sequence[Article], lexicon: Lexicon) -> NameSigns:
        read.append(article.id)
        return real(article, related, lexicon)

    monkeypatch.setattr(kept, "name_signs", counting)
    files = [str(p) for p in sorted(DEMO.iterdir()) if p.is_file() and p.suffix != ".jsonl"]
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        first = weave(files[:-1], store, workers=1, ner=False)
    assert sorted(read) == sorted(a.id for a in first.articles)
    read.clear()
    with open_store(db) as store:
        again = weave(files, store, workers=1, ner=False)
    new = {a.id for a in again.articles} - {a.id for a in first.articles}
    assert new and set(read) >= new
    assert len(read) < len(again.articles)


def test_sibling_judgements_round_trip_through_the_store(tmp_path: Path) -> None:
    judged: dict[tuple[str, str, tuple[str, ...]], Siblings | None] = {
        ("x", "y", ("o", "p")): Siblings("o", "x", "y", 0.91, 0.875, 0.5, 12, 3),
        ("x", "z", ("o",)): None,
    }
    with open_store(str(tmp_path / "s.duckdb")) as store:
        kept.StoredSiblings(store).keep(judged)
    with open_store(str(tmp_path / "s.duckdb")) as store:
        # the same pair under other common origins is another question
        known = kept.StoredSiblings(store).known([*judged, ("x", "y", ("o",))])
    assert known == judged


def test_pruning_drops_the_kept_results_no_one_asked_for(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        store.add_memo({"a": 1, "b": 2})
    with open_store(db) as store:
        assert store.memo(["a"]) == {"a": 1}
        store.add_memo({"c": 3})
        assert store.prune_memo() == 1
        assert store.memo(["a", "b", "c"]) == {"a": 1, "c": 3}


def test_a_run_after_a_code_change_keeps_only_the_new_code_s_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [str(p) for p in sorted(DEMO.iterdir()) if p.is_file() and p.suffix != ".jsonl"]
    db = str(tmp_path / "s.duckdb")
    with open_store(db) as store:
        first = weave(files, store, workers=1, ner=False)
        kept_first = store.count("memo")
    monkeypatch.setattr(kept, "code_digest", lambda: "another version")
    with open_store(db) as store:
        again = weave(files, store, workers=1, ner=False)
        assert store.count("memo") == kept_first
    assert again.relations == first.relations


def test_lookups_of_many_keys_go_in_slices_with_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyweave.store.duckdb_store as duckdb_store

    monkeypatch.setattr(duckdb_store, "KEYS_PER_QUERY", 2)
    with open_store(str(tmp_path / "s.duckdb")) as store:
        store.add_memo({f"k{n}": n for n in range(7)})
        assert store.memo([f"k{n}" for n in range(9)]) == {f"k{n}": n for n in range(7)}
        assert store.prune_memo() == 0


def test_new_kept_results_are_written_in_slices_and_all_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "KEEP_SLICE", 2)
    files = [str(p) for p in sorted(DEMO.iterdir()) if p.is_file() and p.suffix != ".jsonl"]
    with open_store(str(tmp_path / "s.duckdb")) as store:
        first = weave(files, store, workers=1, ner=False)
        articles = store.articles()
        features = kept.clustering_features(store, articles, lambda work, items: [])
    assert len(first.articles) > 2
    assert set(features) == {a.id for a in articles}  # all kept: none left to compute


def test_clustering_features_are_computed_slice_by_slice_into_a_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Features of every article at once (as Counters) were the largest part of a large run's
    # memory: they are computed and kept a slice at a time, into a compact table.
    from storyweave.cluster import FeatureTable, article_features

    files = [str(p) for p in sorted(DEMO.iterdir()) if p.is_file() and p.suffix != ".jsonl"]
    asked: list[int] = []

    def mapper(work: Callable[[Article], object], items: Sequence[Article]) -> list[object]:
        asked.append(len(items))
        return [work(item) for item in items]

    with open_store(str(tmp_path / "s.duckdb")) as store:
        weave(files, store, workers=1, ner=False)
        articles = store.articles()
        monkeypatch.setattr(kept, "KEEP_SLICE", 2)
        monkeypatch.setattr(kept, "code_digest", lambda: "another code")  # none kept for it
        features = kept.clustering_features(store, articles, mapper)
        computed = list(asked)
        again = kept.clustering_features(store, articles, mapper)
    assert isinstance(features, FeatureTable) and isinstance(again, FeatureTable)
    assert features == again == {a.id: article_features(a) for a in articles}
    assert len(articles) > 2 and computed == [2] * (len(articles) // 2) + [1] * (len(articles) % 2)
    assert asked == computed  # the second time, all were kept
