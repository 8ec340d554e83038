"""Ids of stored records are unique by construction: a re-inserted record is harmless, a different
record under a stored id is an error (never silently dropped)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from storyweave import build_report, open_store, weave
from storyweave.errors import StoreError
from storyweave.facts.common import make_claim
from storyweave.records import Article, Claim, Document, Finding, Signature, Variant
from storyweave.store import Derived, Store

BBC = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "corpora" / "bbc-news.jsonl"


def _finding(finding_id: str, source: str) -> Finding:
    variant = Variant(value="constructive", sources=(source,), claims=(f"c-{source}",))
    return Finding(finding_id, "s1", "quote", "single-source", "“constructive…”", (variant,))


def _derived(findings: list[Finding]) -> Derived:
    return Derived(relations=[], labels={}, stories=[], findings=findings, briefs=[])


def _article(text: str) -> Article:
    return Article(id="a1", ref="a.txt", source="a.txt", text=text)


def _add(store: Store, claim: Claim) -> None:
    article = _article("body")
    document = Document("a1", "a.txt", "a.txt", "text", "body", "utf-8", {})
    store.add_documents([document], [article], [Signature("a1", (1, 2), 1)], [claim])


def test_two_different_findings_under_one_id_are_an_error() -> None:
    with open_store() as store, pytest.raises(StoreError, match="share the id f1"):
        store.replace_derived(_derived([_finding("f1", "a"), _finding("f1", "b")]))


def test_the_same_finding_twice_is_stored_once() -> None:
    with open_store() as store:
        store.replace_derived(_derived([_finding("f1", "a")]))
        store.replace_derived(_derived([_finding("f1", "a")]))
        assert store.derived().findings == [_finding("f1", "a")]


def test_a_different_claim_under_a_stored_id_is_an_error_and_stores_nothing() -> None:
    claim = Claim("c1", "a1", "quote", 0, 4, "body", "body", "x")
    with open_store() as store:
        _add(store, claim)
        _add(store, claim)  # the identical record again: harmless
        with pytest.raises(StoreError, match="share the id c1"):
            _add(store, dataclasses.replace(claim, value="other"))
        assert store.claims() == [claim]


def test_claim_ids_hash_everything_that_tells_claims_apart() -> None:
    article = _article("The firm said 5 tonnes.")
    first = make_claim(article, "quantity", (14, 22), "5 t", subject="firm")
    assert first.id == make_claim(article, "quantity", (14, 22), "5 t", subject="firm").id
    assert first.id != make_claim(article, "quantity", (14, 22), "5 kg", subject="firm").id
    assert first.id != make_claim(article, "quantity", (14, 22), "5 t", subject="ore").id
    assert first.id != make_claim(article, "quantity", (14, 22), "5 t", "firm", {"a": "b"}).id


def _two_bbc_articles(tmp_path: Path) -> Path:
    """Two BBC business articles of one story that both quote "constructive, professional and
    friendly": two single-source findings with the same value and different sources."""
    if not BBC.is_file():
        pytest.skip(f"{BBC} is not present")
    wanted = {"bbc-business-264", "bbc-business-279"}
    with BBC.open(encoding="utf-8") as lines:
        records = [line for line in lines if json.loads(line)["id"] in wanted]
    path = tmp_path / "two.jsonl"
    path.write_text("".join(records), encoding="utf-8")
    return path


def test_the_same_input_twice_gives_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STORYWEAVE_NER", "off")
    inputs = [str(_two_bbc_articles(tmp_path))]
    db = str(tmp_path / "s.duckdb")
    reports = []
    for _ in range(2):
        with open_store(db) as store:
            reports.append(build_report(weave(inputs, store, workers=1)))
    findings = [f for s in reports[0]["stories"] for f in s["findings"]]
    assert len({f["id"] for f in findings}) == len(findings)
    assert reports[0] == reports[1]


def test_a_batch_of_new_and_colliding_claims_stores_none_of_them() -> None:
    claim = Claim("c1", "a1", "quote", 0, 4, "body", "body", "x")
    new = Claim("c2", "a1", "quote", 0, 4, "body", "body", "y")
    with open_store() as store:
        _add(store, claim)
        article = _article("body")
        document = Document("a1", "a.txt", "a.txt", "text", "body", "utf-8", {})
        signature = Signature("a1", (1, 2), 1)
        with pytest.raises(StoreError, match="share the id c1"):
            store.add_documents(
                [document], [article], [signature], [new, dataclasses.replace(claim, value="z")]
            )
        assert store.claims() == [claim]


def test_a_collision_outside_a_transaction_stores_nothing_of_the_call() -> None:
    # the rows under stored keys are checked before the new rows go in
    with open_store() as store:
        store._insert("stories", ["id", "data"], [["s1"], ["one"]])
        with pytest.raises(StoreError, match="share the id s1"):
            store._insert("stories", ["id", "data"], [["s0", "s1", "s2"], ["new", "two", "new"]])
        assert store._query("SELECT id, data FROM stories").fetchall() == [("s1", "one")]


BATCHES = (
    ("stories", [["s2", "s1"], ["b", "a"]]),
    ("stories", [["s1", "s3", "s2"], ["a", "c", "b"]]),  # stored, equal, and a new one
    ("memo", [["k1", "k2"], ["1", "2"]]),
    ("memo", [["k2", "k3"], ["other", "3"]]),  # a cache keeps its first value
    ("relations", [["a", "a"], ["b", "c"], ["copy", "copy"], ["{}", "{}"]]),
    ("relations", [["a", "d"], ["c", "e"], ["copy", "copy"], ["{}", "{}"]]),
)
COLUMNS = {
    "stories": ["id", "data"],
    "memo": ["key", "value"],
    "relations": ["a", "b", "kind", "data"],
}


def test_inserts_leave_the_tables_as_inserts_that_all_check_conflicts() -> None:
    from storyweave.store.duckdb_store import _on_conflict
    from storyweave.store.migrations import KEYS

    with open_store() as fast, open_store() as checked:
        for table, values in BATCHES:
            fast._insert(table, COLUMNS[table], values)
            params = ", ".join(f"unnest(${i + 1})" for i in range(len(values)))
            checked._query(
                f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) SELECT {params} "
                + _on_conflict(table, COLUMNS[table], KEYS[table]),
                values,
            )
        for table in COLUMNS:
            query = f"SELECT * FROM {table} ORDER BY ALL"
            assert fast._query(query).fetchall() == checked._query(query).fetchall()
