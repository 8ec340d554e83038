"""The store's flat views, checked against a run on the demo corpus, and their export."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from storyweave import open_store, pipeline, weave
from storyweave.engines import local as local_engine
from storyweave.errors import StoreError, UsageError
from storyweave.pipeline import RunResult
from storyweave.reuse import siblings
from storyweave.store.migrations import MIGRATIONS, VIEWS

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "examples" / "demo"
README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunResult]:
    """A store the demo corpus was woven into (rules only, as the golden runs), and the run."""
    path = tmp_path_factory.mktemp("views") / "demo.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STORYWEAVE_NER", "off")
        with open_store(str(path)) as store:
            result = weave([str(DEMO)], store, workers=1)
    return path, result


@pytest.fixture
def con(demo: tuple[Path, RunResult]) -> Iterator[duckdb.DuckDBPyConnection]:
    """The demo store opened by plain DuckDB, as another tool would open it."""
    connection = duckdb.connect(str(demo[0]), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def result(demo: tuple[Path, RunResult]) -> RunResult:
    return demo[1]


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _lines(items: tuple[str, ...]) -> str | None:
    return "\n".join(items) or None


def test_articles_view_has_every_article_with_its_metadata(
    con: duckdb.DuckDBPyConnection, result: RunResult
) -> None:
    rows = {row["id"]: row for row in _rows(con, "SELECT * FROM articles_v")}
    assert set(rows) == {a.id for a in result.articles}
    for article in result.articles:
        row = rows[article.id]
        assert (row["ref"], row["source"], row["text"]) == (
            article.ref,
            article.source,
            article.text,
        )
        for name in ("title", "byline", "outlet", "published"):
            meta = getattr(article, name)
            assert row[name] == (meta.value if meta else None)
        if article.published:
            assert row["published_date"] == date.fromisoformat(article.published.value[:10])
        assert row["labels"] == (", ".join(label.label for label in article.labels) or None)
        assert row["removed"] == _lines(tuple(block.text for block in article.removed))


def test_article_story_places_every_member_in_its_story_in_order(
    con: duckdb.DuckDBPyConnection, result: RunResult
) -> None:
    rows = con.execute("SELECT article_id, story_id, position FROM article_story").fetchall()
    expected = {
        (article_id, story.id, position)
        for story in result.stories
        for position, article_id in enumerate(story.article_ids, start=1)
    }
    assert sorted(rows) == sorted(expected)
    assert len(rows) == len(result.articles)


def test_relations_view_gives_each_pair_its_direction(
    con: duckdb.DuckDBPyConnection, result: RunResult
) -> None:
    rows = {(row["a"], row["b"]): row for row in _rows(con, "SELECT * FROM relations_v")}
    assert len(rows) == len(result.relations) > 0
    assert any(r.direction for r in result.relations)
    assert any(r.direction is None for r in result.relations)
    for relation in result.relations:
        row = rows[relation.a, relation.b]
        direction = relation.direction
        assert (row["kind"], row["score"]) == (relation.kind, relation.score)
        assert (row["origin"], row["copy"]) == (
            (direction.origin, direction.copy) if direction else (None, None)
        )
        assert row["passages"] == len(relation.passages)
        assert row["evidence"] == _lines(relation.evidence)
        assert row["direction_evidence"] == (_lines(direction.evidence) if direction else None)


def test_labels_view_has_one_row_per_label_with_its_evidence(
    con: duckdb.DuckDBPyConnection, result: RunResult
) -> None:
    rows = con.execute("SELECT article_id, label, evidence FROM labels_v").fetchall()
    expected = [
        (article.id, label.label, _lines(label.evidence))
        for article in result.articles
        for label in article.labels
    ]
    assert expected
    assert sorted(rows, key=repr) == sorted(expected, key=repr)


def test_stories_view_has_each_story_with_its_span_size_and_topic(
    con: duckdb.DuckDBPyConnection, result: RunResult
) -> None:
    rows = {row["id"]: row for row in _rows(con, "SELECT * FROM stories_v")}
    assert set(rows) == {s.id for s in result.stories}
    topic_of = {story_id: t.id for t in result.topics for story_id in t.story_ids}
    for story in result.stories:
        row = rows[story.id]
        assert row["headline"] == story.headline
        assert row["start_date"] == (date.fromisoformat(story.start) if story.start else None)
        assert row["end_date"] == (date.fromisoformat(story.end) if story.end else None)
        assert row["size"] == len(story.article_ids)
        assert row["entities"] == ("; ".join(story.entities) or None)
        assert row["topic_id"] == topic_of[story.id]


def test_findings_view_keeps_the_report_order_within_each_story(
    con: duckdb.DuckDBPyConnection, result: RunResult
) -> None:
    rows = _rows(con, "SELECT * FROM findings_v ORDER BY story_id, position")
    in_report = sorted(result.findings, key=lambda f: f.story_id)  # stable: report order kept
    assert [row["id"] for row in rows] == [f.id for f in in_report]
    for story in {f.story_id for f in result.findings}:
        places = [row["position"] for row in rows if row["story_id"] == story]
        assert places == list(range(1, len(places) + 1))
    for row, finding in zip(rows, in_report, strict=True):
        sources = {s for variant in finding.variants for s in variant.sources}
        assert (row["story_id"], row["kind"], row["status"], row["subject"]) == (
            finding.story_id,
            finding.kind,
            finding.status,
            finding.subject,
        )
        assert (row["variants"], row["source_count"]) == (len(finding.variants), len(sources))
        assert row["evidence"] == _lines(finding.evidence)


def test_finding_variants_has_one_row_per_variant(
    con: duckdb.DuckDBPyConnection, result: RunResult
) -> None:
    rows = _rows(con, "SELECT * FROM finding_variants ORDER BY finding_id, variant")
    assert len(rows) == sum(len(f.variants) for f in result.findings)
    expected = [
        {
            "finding_id": finding.id,
            "story_id": finding.story_id,
            "kind": finding.kind,
            "status": finding.status,
            "subject": finding.subject,
            "variant": number,
            "value": variant.value,
            "sources": ", ".join(variant.sources),
            "source_count": len(variant.sources),
        }
        for finding in sorted(result.findings, key=lambda f: f.id)
        for number, variant in enumerate(finding.variants, start=1)
    ]
    assert rows == expected
    assert any(row["status"] == "disputed" for row in rows)


def test_topics_view_has_each_topic(con: duckdb.DuckDBPyConnection, result: RunResult) -> None:
    rows = {row["id"]: row for row in _rows(con, "SELECT * FROM topics_v")}
    assert set(rows) == {t.id for t in result.topics}
    for topic in result.topics:
        row = rows[topic.id]
        assert row["label"] == ", ".join(topic.label)
        assert row["size"] == len(topic.story_ids)
        assert row["story_ids"] == ", ".join(topic.story_ids)
        assert row["start_date"] == (date.fromisoformat(topic.start) if topic.start else None)


def test_every_view_and_column_is_described(con: duckdb.DuckDBPyConnection) -> None:
    views = dict(con.execute("SELECT view_name, comment FROM duckdb_views()").fetchall())
    columns = con.execute(
        "SELECT table_name, column_name, comment FROM duckdb_columns() "
        "WHERE table_name IN (SELECT unnest($1))",
        [list(VIEWS)],
    ).fetchall()
    assert {table for table, _, _ in columns} == set(VIEWS)
    for view in VIEWS:
        assert views[view], f"view {view} has no comment"
        assert f"`{view}`" in README, f"view {view} is not in the README"
    for table, column, comment in columns:
        assert comment, f"{table}.{column} has no comment"
        assert f"`{column}`" in README, f"{table}.{column} is not in the README"


def test_an_older_store_gets_the_views_when_opened(
    demo: tuple[Path, RunResult], tmp_path: Path
) -> None:
    path = tmp_path / "old.duckdb"
    shutil.copy(demo[0], path)
    with duckdb.connect(str(path)) as old:
        for view in VIEWS:
            old.execute(f"DROP VIEW {view}")
        before_views = next(n for n, m in enumerate(MIGRATIONS) if "VIEW articles_v" in m[0])
        old.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(before_views)])
    open_store(str(path)).close()
    with duckdb.connect(str(path), read_only=True) as upgraded:
        assert upgraded.execute(
            "SELECT value FROM meta WHERE key = 'schema_version'"
        ).fetchone() == (str(len(MIGRATIONS)),)
        count = upgraded.execute("SELECT count(*) FROM articles_v").fetchone()
    assert count == (len(demo[1].articles),)


def test_a_store_signed_by_the_former_minhash_is_signed_again_with_the_same_relations(
    demo: tuple[Path, RunResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old-minhash.duckdb"
    shutil.copy(demo[0], path)
    with duckdb.connect(str(path)) as old:
        # values of another MinHash: no band of them meets a band of the current one
        old.execute("UPDATE signatures SET minhash = repeat('\\x01', 1024)::BLOB")
        resign = MIGRATIONS.index(["DELETE FROM signatures"])
        old.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(resign)])
    monkeypatch.setenv("STORYWEAVE_NER", "off")
    with open_store(str(path)) as store:
        assert len(store.unsigned_articles()) == len(demo[1].articles)
        again = weave([str(DEMO)], store, workers=1)
        assert store.unsigned_articles() == []
    assert again.relations == demo[1].relations


def test_a_run_that_adds_articles_verifies_only_the_pairs_they_bring(
    demo: tuple[Path, RunResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grown.duckdb"
    shutil.copy(demo[0], path)
    added = tmp_path / "added"
    added.mkdir()
    first = sorted(p for p in DEMO.iterdir() if p.suffix == ".txt")[0]
    (added / "copy.txt").write_text(
        first.read_text(encoding="utf-8") + "\nReporting by a second desk.", encoding="utf-8"
    )
    verified: list[tuple[str, str]] = []

    def mapper(work: Any, items: Any) -> Any:
        if getattr(work, "__name__", "") == "relate_and_direct":
            verified.extend((a.id, b.id) for a, b in items)
        return [work(item) for item in items]

    recent: list[frozenset[str]] = []

    def mark_siblings(*args: Any, **kwargs: Any) -> Any:
        recent.append(kwargs.get("recent", args[3] if len(args) > 3 else frozenset()))
        return siblings.mark_siblings(*args, **kwargs)

    monkeypatch.setenv("STORYWEAVE_NER", "off")
    monkeypatch.setattr(local_engine, "mark_siblings", mark_siblings)
    with open_store(str(path)) as store:
        grown = weave([str(DEMO), str(added)], store, workers=1, mapper=mapper)
    copy_id = next(a.id for a in grown.articles if a.ref.endswith("copy.txt"))
    assert verified, "the new article brings pairs to verify"
    assert all(copy_id in pair for pair in verified)  # the stored pairs were not verified again
    assert recent == [frozenset({copy_id})]  # its kept sibling judgements are judged anew
    assert any(copy_id in (r.a, r.b) for r in grown.relations)


def test_a_run_with_nothing_new_keeps_the_stored_results_without_computing_them(
    demo: tuple[Path, RunResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "again.duckdb"
    shutil.copy(demo[0], path)
    monkeypatch.setenv("STORYWEAVE_NER", "off")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the cross-document work ran again")

    with open_store(str(path)) as store:
        memo_rows = store.count("memo")
        with monkeypatch.context() as patched:
            patched.setattr(pipeline, "_cross_document", refuse)
            again = weave([str(DEMO)], store, workers=1)
        assert store.count("memo") == memo_rows  # nothing pruned: nothing was read
        assert again.stories == demo[1].stories and again.findings == demo[1].findings
        assert again.articles == demo[1].articles and again.briefs == demo[1].briefs
        # a stored article that goes changes what the results depend on
        store._con.execute("DELETE FROM articles WHERE id = ?", [demo[1].articles[0].id])
        with monkeypatch.context() as patched:
            patched.setattr(pipeline, "_cross_document", refuse)
            with pytest.raises(AssertionError, match="ran again"):
                weave([str(DEMO)], store, workers=1)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_export_writes_every_view_and_reads_back(
    demo: tuple[Path, RunResult], tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / "out" / "views"
    with open_store(str(demo[0])) as store:
        exported = store.export(target, fmt)
    assert [e.view for e in exported] == list(VIEWS)
    assert sorted(p.name for p in target.iterdir()) == sorted(f"{v}.{fmt}" for v in VIEWS)
    reader = "read_csv" if fmt == "csv" else "read_parquet"
    with duckdb.connect(str(demo[0]), read_only=True) as con:
        for item in exported:
            assert item.path == target / f"{item.view}.{fmt}"
            view = con.execute(f"SELECT * FROM {item.view} ORDER BY {VIEWS[item.view]}")
            names = [column[0] for column in view.description]
            rows = view.fetchall()
            back = con.execute(f"SELECT * FROM {reader}(?)", [str(item.path)])
            assert [column[0] for column in back.description] == names
            read = back.fetchall()
            assert item.rows == len(read) == len(rows) > 0
            if fmt == "parquet":
                assert read == rows
            else:  # CSV reads back as text, dates and times: compare the first column
                assert [row[0] for row in read] == [row[0] for row in rows]


def test_export_replaces_earlier_files(demo: tuple[Path, RunResult], tmp_path: Path) -> None:
    (tmp_path / "articles_v.csv").write_text("stale\n", encoding="utf-8")
    with open_store(str(demo[0])) as store:
        store.export(tmp_path, "csv")
    header = (tmp_path / "articles_v.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,ref,source,title")


def test_a_file_that_cannot_be_written_leaves_nothing_half_written(
    demo: tuple[Path, RunResult], tmp_path: Path
) -> None:
    (tmp_path / "relations_v.parquet").mkdir()  # a folder where the file should go
    (tmp_path / "relations_v.parquet" / "keep").touch()
    with open_store(str(demo[0])) as store, pytest.raises(StoreError, match="relations_v"):
        store.export(tmp_path, "parquet")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_export_refuses_an_unknown_format(demo: tuple[Path, RunResult], tmp_path: Path) -> None:
    with open_store(str(demo[0])) as store, pytest.raises(UsageError, match="xlsx"):
        store.export(tmp_path / "out", "xlsx")
    assert not (tmp_path / "out").exists()


def test_an_older_store_counts_finding_positions_within_each_story_when_opened(
    demo: tuple[Path, RunResult], tmp_path: Path
) -> None:
    path = tmp_path / "old-positions.duckdb"
    shutil.copy(demo[0], path)
    with duckdb.connect(str(path)) as old:
        # as the store kept them before: one count over the whole report
        old.execute(
            """UPDATE findings SET position = report.place FROM (
                SELECT id, 10 * row_number() OVER (ORDER BY story_id, position) AS place
                FROM findings) report WHERE findings.id = report.id"""
        )
        old.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(len(MIGRATIONS) - 1)]
        )
    with open_store(str(path)) as store:
        findings = store.derived().findings
        rows = store._con.execute("SELECT story_id, position FROM findings_v").fetchall()
    assert findings == sorted(demo[1].findings, key=lambda f: f.story_id)
    for story in {f.story_id for f in findings}:
        places = sorted(position for story_id, position in rows if story_id == story)
        assert places == list(range(1, len(places) + 1))
